import { decodePayload, encodePayload, type VerificationPayload } from './payload-codec';

const payload: VerificationPayload = {
  v: 1,
  kid: 'AAECAwQFBgc',
  kind: 'diploma',
  diplomaId: '0b9d1c2e-5f4a-4e7b-9c3d-2a1f6e8b7d40',
  serial: 'HP 0203417',
  registerNumber: '000123/THPT-2024',
  authorityCode: 'SGD-HP',
  issueDate: '2024-06-30',
  holderDigest: 'AAECAwQFBgcICQoLDA0ODw',
};

/** Rebuilds bytes by hand, to show the decoder refuses spellings the encoder never produces. */
function withText(prefix: Buffer, text: Buffer, rest: Buffer): Buffer {
  return Buffer.concat([prefix, Buffer.from([text.length]), text, rest]);
}

describe('verification payload bytes', () => {
  const bytes = encodePayload(payload);
  const head = bytes.subarray(0, 10);
  const afterDiplomaId = bytes.subarray(10 + 17);

  it('packs a lower-case UUID into 16 bytes and decodes back to the same payload', () => {
    expect(bytes.length).toBe(81);
    expect(decodePayload(bytes)).toEqual(payload);
  });

  it('packs dates from any century the ISO form can write', () => {
    for (const issueDate of ['1956-07-01', '2099-12-31', '1000-01-01'])
      expect(decodePayload(encodePayload({ ...payload, issueDate }))?.issueDate).toBe(issueDate);
  });

  it('refuses a lower-case UUID spelled as text, decomposed text and invalid UTF-8', () => {
    expect(decodePayload(withText(head, Buffer.from(payload.diplomaId), afterDiplomaId))).toBeUndefined();
    expect(decodePayload(withText(head, Buffer.from('Số'.normalize('NFD')), afterDiplomaId))).toBeUndefined();
    expect(decodePayload(withText(head, Buffer.from([0xc3, 0x28]), afterDiplomaId))).toBeUndefined();
    expect(decodePayload(withText(head, Buffer.from('Số'), afterDiplomaId))).toMatchObject({ diplomaId: 'Số' });
  });

  it('refuses an impossible date, an unknown kind or version, and trailing bytes', () => {
    const badDate = Buffer.from(bytes);
    badDate.writeUIntBE((2024 << 9) | (2 << 5) | 30, bytes.length - 19, 3);
    expect(decodePayload(badDate)).toBeUndefined();
    expect(decodePayload(Buffer.concat([Buffer.from([1, 2]), bytes.subarray(2)]))).toBeUndefined();
    expect(decodePayload(Buffer.concat([Buffer.from([2]), bytes.subarray(1)]))).toBeUndefined();
    expect(decodePayload(Buffer.concat([bytes, Buffer.from([0])]))).toBeUndefined();
    expect(decodePayload(Buffer.alloc(0))).toBeUndefined();
  });
});
