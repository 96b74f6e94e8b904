import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

// DejaVu Serif covers every Vietnamese letter and, unlike several npm font builds, survives pdf-lib's
// subsetting with its glyphs intact (toolchain-facts.md). Licence: Bitstream Vera terms plus public-domain
// DejaVu changes (node_modules/dejavu-fonts-ttf/LICENSE): embedding and redistributing in documents is
// allowed. The TTFs are read from the npm package, so nothing is vendored into this repository.

export interface SerifFonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
}

let cached: { regular: Uint8Array; bold: Uint8Array } | undefined;

function fontBytes(): { regular: Uint8Array; bold: Uint8Array } {
  if (!cached) {
    const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    cached = { regular: readFileSync(join(dir, 'DejaVuSerif.ttf')), bold: readFileSync(join(dir, 'DejaVuSerif-Bold.ttf')) };
  }
  return cached;
}

/** Subsetting keeps a 120-row ledger at tens of kilobytes instead of carrying two 700 KB fonts. */
export async function embedSerifFonts(doc: PDFDocument): Promise<SerifFonts> {
  doc.registerFontkit(fontkit);
  const bytes = fontBytes();
  return {
    regular: await doc.embedFont(bytes.regular, { subset: true }),
    bold: await doc.embedFont(bytes.bold, { subset: true }),
  };
}
