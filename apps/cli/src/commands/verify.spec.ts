import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { holderDigest, keyIdOf, publishedKeyOf, renderDiplomaPdf, signVerificationToken } from '@so-goc/documents';
import { diplomaFace } from '@so-goc/documents/testing/diploma-fixtures';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { verifyOffline } from './verify';

describe('cli verify (offline)', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const dir = makeTempDir('verify');
  const keys = join(dir.path, 'keys.json');
  const kid = keyIdOf(publicKey);
  writeFileSync(
    keys,
    JSON.stringify({
      keys: [publishedKeyOf({ publicKey, authorityCode: 'SGD-HP', createdAt: '2024-01-01T00:00:00.000Z', retiredAt: null })],
    }),
  );
  const token = signVerificationToken(
    {
      v: 1,
      kid,
      kind: 'diploma',
      diplomaId: 'sgd-hp-1234-2024-00042',
      serial: 'HP 0200042',
      registerNumber: '000042/THPT-2024',
      authorityCode: 'SGD-HP',
      issueDate: '2024-08-14',
      holderDigest: holderDigest('Nguyễn Thị Thuỷ', '2006-09-18'),
    },
    privateKey,
  );
  afterAll(() => dir.remove());

  it('prints what a genuine token binds, from a URL as scanned', () => {
    const result = verifyOffline(`https://tracuu.example.vn/v/${token}`, { keys });
    expect(result.ok).toBe(true);
    expect(result.lines.join('\n')).toContain('HP 0200042');
    expect(result.lines.join('\n')).toContain('000042/THPT-2024');
  });

  it('checks the holder a verifier reads on the paper against the bound digest', () => {
    expect(verifyOffline(token, { keys, fullName: 'Nguyễn Thị Thuỷ', birthDate: '2006-09-18' }).ok).toBe(true);
    const other = verifyOffline(token, { keys, fullName: 'Nguyễn Thị Thu', birthDate: '2006-09-18' });
    expect(other.ok).toBe(false);
    expect(other.lines.at(-1)).toContain('HOLDER DOES NOT MATCH');
  });

  it('reads the QR off a diploma PDF as a phone would, then checks it', async () => {
    const { bytes } = await renderDiplomaPdf(diplomaFace({ qrPayload: `https://tracuu.example.vn/v/${token}` }), { mode: 'overlay' });
    const file = join(dir.path, 'van-bang.pdf');
    writeFileSync(file, bytes);
    expect(verifyOffline(file, { keys })).toMatchObject({
      ok: true,
      lines: expect.arrayContaining([expect.stringContaining('HP 0200042')]),
    });
  });

  it('names an altered token forged', () => {
    const flipped = token.slice(0, 10) + (token[10] === 'x' ? 'y' : 'x') + token.slice(11);
    expect(verifyOffline(flipped, { keys })).toMatchObject({ ok: false, lines: [expect.stringContaining('FORGED')] });
  });
});
