#!/usr/bin/env bash
# `npm test`'s pretest step. The document tests look at PDFs as a person would (poppler renders pages and
# extracts text, zbarimg decodes the printed QR code, qpdf checks the file's structure) and the portal's
# browser test drives Debian's Chromium. A newcomer typing the README's test command on a fresh Debian or
# Ubuntu machine must either get them installed or be told, in one line, what to run: never 71 failures.
set -uo pipefail

missing=()
command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ "${#missing[@]}" -eq 0 ] && exit 0

install_line="sudo apt-get install -y ${missing[*]}"
as_root=()
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
  as_root=(sudo -n)
else
  echo "npm test needs the Debian packages ${missing[*]}: run \`$install_line\`, then npm test again." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "npm test needs ${missing[*]} (poppler, zbar, qpdf, chromium) and found no apt-get: install them with your package manager, then npm test again." >&2
  exit 1
fi

echo "pretest: installing ${missing[*]} with apt-get (the PDF, QR and browser tests need them)" >&2
if ! { "${as_root[@]}" apt-get update -qq &&
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >&2; then
  echo "npm test could not install ${missing[*]} with apt-get: run \`$install_line\`, then npm test again." >&2
  exit 1
fi

# apt-get can succeed and still leave a tool off PATH (e.g. a distribution that names the package
# differently); say so here rather than as dozens of test failures.
for tool in pdftoppm pdftotext zbarimg qpdf chromium; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "npm test still cannot find \`$tool\` after apt-get installed ${missing[*]}: install it so that it is on PATH, then npm test again." >&2
    exit 1
  fi
done
