import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { holderDigest, signVerificationToken, verifyVerificationToken, type VerificationPayload } from '@so-goc/documents';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { defaultKeyringDir, FileKeyring, type SigningKey } from './file-keyring';

const CREATED = new Date('2024-06-01T08:00:00.000Z');

function payloadFor(key: SigningKey, overrides: Partial<VerificationPayload> = {}): VerificationPayload {
  return {
    v: 1,
    kid: key.kid,
    kind: 'diploma',
    diplomaId: '0b9d1c2e-5f4a-4e7b-9c3d-2a1f6e8b7d40',
    serial: 'HP 0203417',
    registerNumber: '000123/THPT-2024',
    authorityCode: key.authorityCode,
    issueDate: '2024-06-30',
    holderDigest: holderDigest('Nguyễn Thị Thu Hằng', '2006-09-18'),
    ...overrides,
  };
}

function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

describe('FileKeyring', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let dir: string;
  const open = () => new FileKeyring(dir, { now: () => CREATED, lockTimeoutMs: 200 });

  beforeEach(() => {
    temp = makeTempDir('keyring');
    dir = join(temp.path, 'keys');
  });
  afterEach(() => temp.remove());

  it('lives under <dataDir>/keys by default', () => {
    expect(defaultKeyringDir({ dataDir: '/srv/so-goc' })).toBe('/srv/so-goc/keys');
    expect(FileKeyring.forConfig({ dataDir: '/srv/so-goc' }).dir).toBe('/srv/so-goc/keys');
  });

  it("makes an authority's first key on first use, as a PKCS#8 PEM readable by the owner only", () => {
    const key = open().activeSigningKey('SGD-HP');
    expect(key).toMatchObject({ authorityCode: 'SGD-HP', createdAt: CREATED.toISOString() });
    const pem = join(dir, 'SGD-HP', `${key.kid}.pem`);
    expect(readFileSync(pem, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(modeOf(pem)).toBe(0o600);
    expect(modeOf(join(dir, 'SGD-HP')) & 0o077).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'keyring.json'), 'utf8'))).toEqual({
      version: 1,
      keys: [{ kid: key.kid, authorityCode: 'SGD-HP', x: expect.any(String), createdAt: CREATED.toISOString(), retiredAt: null }],
    });
    expect(open().activeSigningKey('SGD-HP').kid).toBe(key.kid);
  });

  it('survives reopening: the same key signs, and tokens verify against the published set', () => {
    const first = open();
    const token = signVerificationToken(payloadFor(first.activeSigningKey('SGD-HP')), first.activeSigningKey('SGD-HP').privateKey);
    const reopened = open();
    const again = reopened.activeSigningKey('SGD-HP');
    expect(signVerificationToken(payloadFor(again), again.privateKey)).toBe(token);
    expect(verifyVerificationToken(token, reopened.verificationKeySet())).toMatchObject({ status: 'valid' });
    for (const path of allFiles(dir).filter((file) => file.endsWith('.pem'))) expect(modeOf(path)).toBe(0o600);
  });

  it("keeps one key per authority, and one authority's key cannot vouch for another", () => {
    const keyring = open();
    const haiPhong = keyring.activeSigningKey('SGD-HP');
    const thaiNguyen = keyring.activeSigningKey('SGD-TN');
    expect(haiPhong.kid).not.toBe(thaiNguyen.kid);
    const forged = signVerificationToken(payloadFor(haiPhong, { authorityCode: 'SGD-TN' }), haiPhong.privateKey);
    expect(verifyVerificationToken(forged, keyring.verificationKeySet())).toEqual({
      status: 'forged',
      reason: 'key_not_valid_for_authority',
    });
  });

  it('rotates: the retired key keeps verifying what it signed and new tokens carry the new kid', () => {
    const keyring = open();
    const old = keyring.activeSigningKey('SGD-HP');
    const oldToken = signVerificationToken(payloadFor(old), old.privateKey);
    const rotatedAt = '2025-01-01T00:00:00+07:00';
    const fresh = keyring.rotate('SGD-HP', rotatedAt);
    expect(fresh.kid).not.toBe(old.kid);
    expect(fresh.createdAt).toBe('2024-12-31T17:00:00.000Z');
    expect(open().activeSigningKey('SGD-HP').kid).toBe(fresh.kid);
    const published = open().publishedKeySet();
    expect(published.keys.map(({ kid, retiredAt }) => ({ kid, retiredAt }))).toEqual([
      { kid: old.kid, retiredAt: '2024-12-31T17:00:00.000Z' },
      { kid: fresh.kid, retiredAt: null },
    ]);
    const keySet = open().verificationKeySet();
    expect(verifyVerificationToken(oldToken, keySet)).toMatchObject({ status: 'valid', payload: { kid: old.kid } });
    const newToken = signVerificationToken(payloadFor(open().activeSigningKey('SGD-HP')), open().activeSigningKey('SGD-HP').privateKey);
    expect(verifyVerificationToken(newToken, keySet)).toMatchObject({ status: 'valid', payload: { kid: fresh.kid } });
  });

  it('refuses to retire a key before it was created, and odd authority codes that would escape the directory', () => {
    const keyring = open();
    keyring.activeSigningKey('SGD-HP');
    expect(() => keyring.rotate('SGD-HP', new Date('2024-05-31T00:00:00Z'))).toThrow(/before it was created/);
    expect(() => keyring.rotate('SGD-HP', 'yesterday')).toThrow(/Not an instant/);
    expect(() => keyring.rotate('SGD-HP', '2025-01-01 00:00')).toThrow(/Not an instant/);
    for (const code of ['../etc', 'sgd-hp', 'SGD/HP', '']) expect(() => keyring.activeSigningKey(code)).toThrow(/Not an authority code/);
  });

  it('never lets private material into the published set, the index, JSON or inspection', () => {
    const keyring = open();
    const key = keyring.activeSigningKey('SGD-HP');
    keyring.rotate('SGD-HP', '2025-01-01T00:00:00Z');
    keyring.activeSigningKey('SGD-TN');
    const d = key.privateKey.export({ format: 'jwk' }).d as string;
    const pemBody = readFileSync(join(dir, 'SGD-HP', `${key.kid}.pem`), 'utf8').split('\n')[1] as string;
    const published = JSON.stringify(keyring.publishedKeySet());
    expect(published).not.toMatch(/"d"\s*:/);
    expect(published).not.toMatch(/PRIVATE KEY/);
    for (const secret of [d, pemBody]) {
      expect(published).not.toContain(secret);
      expect(readFileSync(join(dir, 'keyring.json'), 'utf8')).not.toContain(secret);
      expect(JSON.stringify(key)).not.toContain(secret);
      expect(inspect(key, { depth: 10 })).not.toContain(secret);
    }
  });

  it('publishes without opening any private key file', () => {
    const keyring = open();
    keyring.activeSigningKey('SGD-HP');
    keyring.rotate('SGD-HP', '2025-01-01T00:00:00Z');
    for (const path of allFiles(dir).filter((file) => file.endsWith('.pem'))) rmSync(path);
    expect(open().publishedKeySet().keys).toHaveLength(2);
  });

  it('logs nothing', () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      jest.spyOn(console, method).mockImplementation(() => undefined),
    );
    try {
      const keyring = open();
      keyring.activeSigningKey('SGD-HP');
      keyring.rotate('SGD-HP', '2025-01-01T00:00:00Z');
      keyring.publishedKeySet();
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('says which key file is broken or missing, without quoting it, and never replaces it silently', () => {
    const keyring = open();
    const key = keyring.activeSigningKey('SGD-HP');
    const pem = join(dir, 'SGD-HP', `${key.kid}.pem`);
    const original = readFileSync(pem, 'utf8');
    writeFileSync(pem, original.replace(/\n.{8}/, '\nAAAAAAAA'));
    const broken = (() => {
      try {
        keyring.activeSigningKey('SGD-HP');
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(broken).toContain(pem);
    expect(broken).not.toContain(original.split('\n')[1] as string);
    writeFileSync(pem, '');
    expect(() => keyring.activeSigningKey('SGD-HP')).toThrow(/not a readable private key/);
    writeFileSync(pem, open().activeSigningKey('SGD-TN').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => keyring.activeSigningKey('SGD-HP')).toThrow(/does not hold the Ed25519 key/);
    writeFileSync(pem, original);
    expect(keyring.activeSigningKey('SGD-HP').kid).toBe(key.kid);
    rmSync(pem);
    expect(() => keyring.activeSigningKey('SGD-HP')).toThrow(/is missing .* restore it from backup/);
    expect(JSON.parse(readFileSync(join(dir, 'keyring.json'), 'utf8')).keys).toHaveLength(2);
  });

  it('refuses a corrupt index rather than starting over', () => {
    open().activeSigningKey('SGD-HP');
    writeFileSync(join(dir, 'keyring.json'), '{"version": 1, "keys": [');
    expect(() => open().activeSigningKey('SGD-HP')).toThrow(/keyring\.json is corrupt/);
    writeFileSync(
      join(dir, 'keyring.json'),
      JSON.stringify({ version: 1, keys: [{ kid: 'AAAAAAAAAAA', authorityCode: 'SGD-HP', x: 'AAAA', createdAt: 'x', retiredAt: null }] }),
    );
    expect(() => open().publishedKeySet()).toThrow(/keyring\.json is corrupt: .*keys\[0\]\.x/);
  });

  it("ignores what a crash mid-write leaves behind: temporary files and a dead process's lock", () => {
    const key = open().activeSigningKey('SGD-HP');
    writeFileSync(join(dir, '.keyring.json.4242.abcdef.tmp'), '{"version": 1, "ke');
    writeFileSync(join(dir, 'SGD-HP', '.XXXXXXXXXXX.pem.4242.abcdef.tmp'), '-----BEGIN PRIV');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(dir, 'keyring.lock'), String(dead));
    expect(open().activeSigningKey('SGD-HP').kid).toBe(key.kid);
    const rotated = open().rotate('SGD-HP', '2025-01-01T00:00:00Z');
    expect(
      open()
        .publishedKeySet()
        .keys.map((k) => k.kid),
    ).toEqual([key.kid, rotated.kid]);
    expect(existsSync(join(dir, 'keyring.lock'))).toBe(false);
  });

  it('waits for a live holder of the lock and gives up with a clear message', () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'keyring.lock'), String(process.ppid));
    const started = Date.now();
    expect(() => open().activeSigningKey('SGD-HP')).toThrow(/keyring\.lock is held by another process/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(existsSync(join(dir, 'keyring.json'))).toBe(false);
  });
});
