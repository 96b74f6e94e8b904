import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { keyIdOf, publishedKeyOf, verificationKeySetOf, type VerificationKeySet } from './key-set';
import { holderDigest, signVerificationToken, verifyVerificationToken, type VerificationPayload } from './verification-token';

interface TestKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

function newKey(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { kid: keyIdOf(publicKey), privateKey, publicKey };
}

function keySetOf(...entries: { key: TestKey; authorityCode: string; retiredAt?: string }[]): VerificationKeySet {
  return verificationKeySetOf({
    keys: entries.map(({ key, authorityCode, retiredAt }) =>
      publishedKeyOf({ publicKey: key.publicKey, authorityCode, createdAt: '2024-01-01T00:00:00.000Z', retiredAt: retiredAt ?? null }),
    ),
  });
}

const haiPhong = newKey();
const thaiNguyen = newKey();
const keySet = keySetOf({ key: haiPhong, authorityCode: 'SGD-HP' }, { key: thaiNguyen, authorityCode: 'SGD-TN' });

/** Values as they appear on a real THPT diploma, with a UUID diploma id. */
function diplomaPayload(overrides: Partial<VerificationPayload> = {}): VerificationPayload {
  return {
    v: 1,
    kid: haiPhong.kid,
    kind: 'diploma',
    diplomaId: '0b9d1c2e-5f4a-4e7b-9c3d-2a1f6e8b7d40',
    serial: 'HP 0203417',
    registerNumber: '000123/THPT-2024',
    authorityCode: 'SGD-HP',
    issueDate: '2024-06-30',
    holderDigest: holderDigest('Nguyễn Thị Thu Hằng', '2006-09-18'),
    ...overrides,
  };
}

const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const OTHER_CHARACTERS = ['.', '+', '/', '=', ' ', '%', 'é', '\0'];

describe('verification tokens', () => {
  it('round-trips a diploma and a copy', () => {
    const diploma = diplomaPayload();
    expect(verifyVerificationToken(signVerificationToken(diploma, haiPhong.privateKey), keySet)).toEqual({
      status: 'valid',
      payload: diploma,
    });
    const copy = diplomaPayload({ kind: 'copy', copyNumber: '015/BS-2025' });
    expect(verifyVerificationToken(signVerificationToken(copy, haiPhong.privateKey), keySet)).toEqual({ status: 'valid', payload: copy });
  });

  it('round-trips a diploma id that is not a lower-case UUID, and Vietnamese text in the fields', () => {
    const payload = diplomaPayload({ diplomaId: 'SGD-HP/THPT/2024/000123', serial: 'HP 0203417', registerNumber: 'Số 12/ĐT-2024' });
    expect(verifyVerificationToken(signVerificationToken(payload, haiPhong.privateKey), keySet)).toEqual({ status: 'valid', payload });
    const upperUuid = diplomaPayload({ diplomaId: '0B9D1C2E-5F4A-4E7B-9C3D-2A1F6E8B7D40' });
    expect(verifyVerificationToken(signVerificationToken(upperUuid, haiPhong.privateKey), keySet)).toEqual({
      status: 'valid',
      payload: upperUuid,
    });
  });

  it('is deterministic and URL-safe, and signs decomposed text as its composed form', () => {
    const token = signVerificationToken(diplomaPayload({ registerNumber: 'Số 12/ĐT-2024' }), haiPhong.privateKey);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(signVerificationToken(diplomaPayload({ registerNumber: 'Số 12/ĐT-2024'.normalize('NFD') }), haiPhong.privateKey)).toBe(token);
  });

  it('stays under 220 characters for a realistic diploma and copy (measured: 195 and 211)', () => {
    const diploma = signVerificationToken(diplomaPayload(), haiPhong.privateKey);
    const copy = signVerificationToken(diplomaPayload({ kind: 'copy', copyNumber: '015/BS-2025' }), haiPhong.privateKey);
    expect({ diploma: diploma.length, copy: copy.length }).toEqual({ diploma: 195, copy: 211 });
    expect(diploma.length).toBeLessThan(220);
    expect(copy.length).toBeLessThan(220);
  });

  it('reports forged, never throws, for every single-character change anywhere in a token', () => {
    const token = signVerificationToken(diplomaPayload(), haiPhong.privateKey);
    const reasons = new Set<string>();
    let tried = 0;
    for (let i = 0; i < token.length; i++) {
      for (const replacement of [...BASE64URL_ALPHABET, ...OTHER_CHARACTERS]) {
        if (replacement === token[i]) continue;
        const changed = token.slice(0, i) + replacement + token.slice(i + 1);
        const result = verifyVerificationToken(changed, keySet);
        if (result.status !== 'forged') throw new Error(`position ${i} changed to ${JSON.stringify(replacement)} still verifies`);
        reasons.add(result.reason);
        tried++;
      }
    }
    expect(tried).toBe(token.length * (BASE64URL_ALPHABET.length + OTHER_CHARACTERS.length) - token.length);
    expect([...reasons].sort()).toEqual(['bad_signature', 'key_not_valid_for_authority', 'malformed', 'unknown_key']);
  });

  it('reports forged for every truncation and for characters added at either end', () => {
    const token = signVerificationToken(diplomaPayload(), haiPhong.privateKey);
    for (let length = 0; length < token.length; length++)
      expect(verifyVerificationToken(token.slice(0, length), keySet).status).toBe('forged');
    for (const extra of ['A', '.', '=', ' ']) {
      expect(verifyVerificationToken(extra + token, keySet).status).toBe('forged');
      expect(verifyVerificationToken(token + extra, keySet).status).toBe('forged');
    }
  });

  it('reports malformed for garbage, without throwing', () => {
    for (const garbage of ['', '.', '..', 'a.b.c', 'AQ.AQ', 'x'.repeat(5000), `${'A'.repeat(100)}.${'A'.repeat(86)}`]) {
      expect(verifyVerificationToken(garbage, keySet)).toEqual({ status: 'forged', reason: 'malformed' });
    }
    expect(verifyVerificationToken(undefined as unknown as string, keySet)).toEqual({ status: 'forged', reason: 'malformed' });
  });

  it("refuses a token signed with authority A's genuine key that claims authority B", () => {
    const claimsThaiNguyen = diplomaPayload({ authorityCode: 'SGD-TN' });
    expect(verifyVerificationToken(signVerificationToken(claimsThaiNguyen, haiPhong.privateKey), keySet)).toEqual({
      status: 'forged',
      reason: 'key_not_valid_for_authority',
    });
  });

  it('refuses a token whose kid is not in the published set', () => {
    const stranger = newKey();
    const token = signVerificationToken(diplomaPayload({ kid: stranger.kid }), stranger.privateKey);
    expect(verifyVerificationToken(token, keySet)).toEqual({ status: 'forged', reason: 'unknown_key' });
  });

  it('refuses a signature by another key under a published kid', () => {
    const genuine = signVerificationToken(diplomaPayload(), haiPhong.privateKey);
    const stolenKidToken = signVerificationToken(diplomaPayload({ kid: thaiNguyen.kid }), thaiNguyen.privateKey);
    const spliced = `${genuine.split('.')[0]}.${stolenKidToken.split('.')[1]}`;
    expect(verifyVerificationToken(spliced, keySet)).toEqual({ status: 'forged', reason: 'bad_signature' });
  });

  it('keeps verifying tokens of a retired key while new tokens carry the new kid', () => {
    const retired = haiPhong;
    const current = newKey();
    const oldToken = signVerificationToken(diplomaPayload(), retired.privateKey);
    const rotated = keySetOf(
      { key: retired, authorityCode: 'SGD-HP', retiredAt: '2025-01-01T00:00:00.000Z' },
      { key: current, authorityCode: 'SGD-HP' },
    );
    expect(verifyVerificationToken(oldToken, rotated)).toMatchObject({ status: 'valid', payload: { kid: retired.kid } });
    const newToken = signVerificationToken(diplomaPayload({ kid: current.kid }), current.privateKey);
    expect(verifyVerificationToken(newToken, rotated)).toMatchObject({ status: 'valid', payload: { kid: current.kid } });
    expect(current.kid).not.toBe(retired.kid);
  });

  describe('signing refuses payloads it could not encode faithfully', () => {
    it.each<[string, Partial<VerificationPayload>, RegExp]>([
      ["a kid that is not the signing key's", { kid: thaiNguyen.kid }, /not the id of the signing key/],
      ['an impossible issue date', { issueDate: '2024-02-30' }, /issueDate/],
      ['an issue instant instead of a date', { issueDate: '2024-06-30T00:00:00Z' }, /issueDate/],
      ['a copy without its copy number', { kind: 'copy' }, /copyNumber/],
      ['a diploma with a copy number', { copyNumber: '1' }, /copyNumber/],
      ['an empty serial', { serial: '' }, /serial/],
      ['a register number over 255 bytes', { registerNumber: 'Đ'.repeat(128) }, /registerNumber/],
      ['a digest that is not 16 bytes', { holderDigest: 'AAAA' }, /holderDigest/],
      ['another kind', { kind: 'certificate' as 'copy' }, /kind/],
      ['another version', { v: 2 as 1 }, /version/],
    ])('%s', (_label, overrides, message) => {
      expect(() => signVerificationToken(diplomaPayload(overrides), haiPhong.privateKey)).toThrow(message);
    });

    it('a public key or a non-Ed25519 key', () => {
      expect(() => signVerificationToken(diplomaPayload(), haiPhong.publicKey)).toThrow(/Ed25519 private key/);
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      expect(() => signVerificationToken(diplomaPayload(), privateKey)).toThrow(/Ed25519 private key/);
    });
  });
});
