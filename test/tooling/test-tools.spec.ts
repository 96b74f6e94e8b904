import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The README's test command on a fresh machine (issue 16 item 6): `npm test`'s pretest step either installs
 * the Debian packages the PDF, QR and browser tests need, or names the command in one line and fails.
 * Each case runs the real script with a PATH that holds none of the tools, only fakes of `id`, `sudo` and
 * `apt-get`, so a machine without poppler, zbar, qpdf and chromium is simulated without touching this one.
 */
const SCRIPT = resolve(__dirname, '../../scripts/test-tools.sh');
const TOOLS = ['pdftoppm', 'pdftotext', 'zbarimg', 'qpdf', 'chromium'];
const PACKAGES = ['poppler-utils', 'zbar-tools', 'qpdf', 'chromium'];

let bin: string;
beforeEach(() => {
  bin = mkdtempSync(join(tmpdir(), 'sogoc-fresh-machine-'));
});
afterEach(() => rmSync(bin, { recursive: true, force: true }));

function fake(name: string, body: string): void {
  writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(bin, name), 0o755);
}

/** apt-get that logs its arguments (and the uid it ran as) and, on install, puts stub tools on PATH. */
function fakeAptGet(installs: string[] = TOOLS): void {
  const stubs = installs.map((t) => `printf '#!/bin/sh\\n' > "${bin}/${t}"; /bin/chmod +x "${bin}/${t}"`).join('; ');
  fake('apt-get', `echo "$SOGOC_AS apt-get $*" >> "${bin}/apt.log"\ncase "$1" in install) ${stubs || ':'};; esac`);
}

function runPretest(uid: number) {
  fake('id', `echo ${uid}`);
  const result = spawnSync('/bin/bash', [SCRIPT], { env: { PATH: bin, SOGOC_AS: 'direct' }, encoding: 'utf8' });
  const aptLog = existsSync(join(bin, 'apt.log')) ? readFileSync(join(bin, 'apt.log'), 'utf8').trim().split('\n') : [];
  return { status: result.status, stderr: result.stderr.trim(), aptLog };
}

describe('npm test pretest: the Debian packages the tests need (issue 16)', () => {
  it('as root installs every missing package with apt-get and passes', () => {
    fakeAptGet();
    const { status, aptLog } = runPretest(0);
    expect(status).toBe(0);
    expect(aptLog[0]).toBe('direct apt-get update -qq');
    expect(aptLog[1]).toBe(`direct apt-get install -y -qq --no-install-recommends ${PACKAGES.join(' ')}`);
  });

  it('installs only what is missing', () => {
    fakeAptGet();
    for (const tool of ['pdftoppm', 'pdftotext', 'chromium']) fake(tool, 'exit 0');
    const { status, aptLog } = runPretest(0);
    expect(status).toBe(0);
    expect(aptLog[1]).toBe('direct apt-get install -y -qq --no-install-recommends zbar-tools qpdf');
  });

  it('does nothing at all when every tool is there', () => {
    fakeAptGet();
    for (const tool of TOOLS) fake(tool, 'exit 0');
    const { status, aptLog, stderr } = runPretest(0);
    expect(status).toBe(0);
    expect(aptLog).toEqual([]);
    expect(stderr).toBe('');
  });

  it('without root uses sudo -n when it needs no password', () => {
    fakeAptGet();
    fake('sudo', `[ "$1" = -n ] || exit 1; shift; [ "$1" = true ] && exit 0; SOGOC_AS=sudo exec "$@"`);
    const { status, aptLog } = runPretest(1000);
    expect(status).toBe(0);
    expect(aptLog).toEqual(['sudo apt-get update -qq', `sudo apt-get install -y -qq --no-install-recommends ${PACKAGES.join(' ')}`]);
  });

  it('without root and without password-less sudo fails with ONE line naming the command, installing nothing', () => {
    fakeAptGet();
    fake('sudo', 'echo "sudo: a password is required" >&2; exit 1');
    const { status, aptLog, stderr } = runPretest(1000);
    expect(status).not.toBe(0);
    expect(aptLog).toEqual([]);
    expect(stderr.split('\n')).toEqual([
      `npm test needs the Debian packages ${PACKAGES.join(' ')}: run \`sudo apt-get install -y ${PACKAGES.join(' ')}\`, then npm test again.`,
    ]);
  });

  it('fails clearly when apt-get reports success but a tool is still not on PATH', () => {
    fakeAptGet(['pdftoppm', 'pdftotext', 'zbarimg', 'qpdf']);
    const { status, stderr } = runPretest(0);
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/still cannot find `chromium`/);
  });

  it("is wired as npm test's pretest, and .ci/run calls exactly the README's test command", () => {
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.pretest).toBe('bash scripts/test-tools.sh');
    expect(pkg.scripts.test).toBe('npm run format:check && npm run typecheck && npm run lint && jest');
    const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
    const ci = readFileSync(resolve(__dirname, '../../.ci/run'), 'utf8');
    expect(readme).toContain('```sh\nnpm ci && npm test\n```');
    const ciCommands = ci.split('\n').filter((l) => l.trim() && !l.startsWith('#') && !/^(set |cd )/.test(l));
    expect(ciCommands).toEqual(['npm ci && npm test']);
    expect(execFileSync('/bin/bash', ['-n', SCRIPT]).toString()).toBe('');
  });
});
