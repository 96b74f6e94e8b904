import { createHash } from 'node:crypto';
import { holderDigest } from './verification-token';

describe('holderDigest', () => {
  const digest = holderDigest('Nguyễn Thị Thu Hằng', '2006-09-18');

  it('is base64url of the first 16 bytes of SHA-256 over the domain-separated, upper-cased name and date', () => {
    const expected = createHash('sha256')
      .update('sogoc-holder-v1\0NGUYỄN THỊ THU HẰNG\x002006-09-18', 'utf8')
      .digest()
      .subarray(0, 16)
      .toString('base64url');
    expect(digest).toBe(expected);
    expect(digest).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('is the same for composed and decomposed input', () => {
    const decomposed = 'Nguyễn Thị Thu Hằng'.normalize('NFD');
    expect(decomposed).not.toBe('Nguyễn Thị Thu Hằng');
    expect(holderDigest(decomposed, '2006-09-18')).toBe(digest);
  });

  it('ignores extra, leading and unusual spaces and letter case', () => {
    expect(holderDigest('  nguyễn   thị\tthu\u00a0HẰNG ', '2006-09-18')).toBe(digest);
    expect(holderDigest('NGUYỄN THỊ THU HẰNG', '2006-09-18')).toBe(digest);
  });

  it('upper-cases Vietnamese letters, đ included, and reads the legacy Ð as Đ', () => {
    expect(holderDigest('đặng văn ơn', '2006')).toBe(holderDigest('ĐẶNG VĂN ƠN', '2006'));
    expect(holderDigest('\u00d0ặng Văn Ơn', '2006')).toBe(holderDigest('Đặng Văn Ơn', '2006'));
  });

  it('accepts the birth date as a verifier types it', () => {
    expect(holderDigest('Nguyễn Thị Thu Hằng', '18/09/2006')).toBe(digest);
  });

  it('differs for another birth date, a partial birth date or another name', () => {
    expect(holderDigest('Nguyễn Thị Thu Hằng', '2006-09-19')).not.toBe(digest);
    expect(holderDigest('Nguyễn Thị Thu Hằng', '2006-09')).not.toBe(digest);
    expect(holderDigest('Nguyễn Thị Thu Hằng', '2006-09')).toBe(holderDigest('Nguyễn Thị Thu Hằng', '09/2006'));
    expect(holderDigest('Nguyễn Thị Thu Hang', '2006-09-18')).not.toBe(digest);
  });

  it('refuses an empty name or an unreadable date without echoing the personal data', () => {
    expect(() => holderDigest('   ', '2006-09-18')).toThrow(RangeError);
    expect(() => holderDigest('Nguyễn Thị Thu Hằng', '31/02/2006')).toThrow(/birth date/);
    expect(() => holderDigest('Nguyễn Thị Thu Hằng', '31/02/2006')).not.toThrow(/31/);
  });
});
