import { base32Decode, base32Encode, hotp, matchTotp, totp, totpStepAt } from './totp';

// RFC 6238 Appendix B: the seeds are the ASCII digits "1234567890" repeated to the hash's key length.
const SEEDS = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
} as const;

const VECTORS: [number, string, keyof typeof SEEDS, string][] = [
  [59, '1970-01-01T00:00:59Z', 'sha1', '94287082'],
  [59, '1970-01-01T00:00:59Z', 'sha256', '46119246'],
  [59, '1970-01-01T00:00:59Z', 'sha512', '90693936'],
  [1111111109, '2005-03-18T01:58:29Z', 'sha1', '07081804'],
  [1111111109, '2005-03-18T01:58:29Z', 'sha256', '68084774'],
  [1111111109, '2005-03-18T01:58:29Z', 'sha512', '25091201'],
  [1111111111, '2005-03-18T01:58:31Z', 'sha1', '14050471'],
  [1111111111, '2005-03-18T01:58:31Z', 'sha256', '67062674'],
  [1111111111, '2005-03-18T01:58:31Z', 'sha512', '99943326'],
  [1234567890, '2009-02-13T23:31:30Z', 'sha1', '89005924'],
  [1234567890, '2009-02-13T23:31:30Z', 'sha256', '91819424'],
  [1234567890, '2009-02-13T23:31:30Z', 'sha512', '93441116'],
  [2000000000, '2033-05-18T03:33:20Z', 'sha1', '69279037'],
  [2000000000, '2033-05-18T03:33:20Z', 'sha256', '90698825'],
  [2000000000, '2033-05-18T03:33:20Z', 'sha512', '38618901'],
  [20000000000, '2603-10-11T11:33:20Z', 'sha1', '65353130'],
  [20000000000, '2603-10-11T11:33:20Z', 'sha256', '77737706'],
  [20000000000, '2603-10-11T11:33:20Z', 'sha512', '47863826'],
];

describe('TOTP (RFC 6238) written on node:crypto', () => {
  it.each(VECTORS)('T=%i (%s) with %s gives %s, the RFC 6238 test vector', (seconds, iso, algorithm, expected) => {
    expect(new Date(iso).getTime()).toBe(seconds * 1000);
    expect(totp(SEEDS[algorithm], new Date(seconds * 1000), { digits: 8, algorithm })).toBe(expected);
  });

  it('gives the RFC 4226 Appendix D HOTP values for counters 0..9', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, counter) => hotp(SEEDS.sha1, counter))).toEqual(expected);
  });

  it('accepts the code of the step before, now and after, and nothing further or malformed', () => {
    const now = new Date('2026-11-22T08:00:10Z');
    const step = totpStepAt(now);
    const code = (s: number) => hotp(SEEDS.sha1, s);
    expect(matchTotp(SEEDS.sha1, code(step), now)).toBe(step);
    expect(matchTotp(SEEDS.sha1, code(step - 1), now)).toBe(step - 1);
    expect(matchTotp(SEEDS.sha1, code(step + 1), now)).toBe(step + 1);
    expect(matchTotp(SEEDS.sha1, code(step - 2), now)).toBeUndefined();
    expect(matchTotp(SEEDS.sha1, '12345', now)).toBeUndefined();
    expect(matchTotp(SEEDS.sha1, '12345a', now)).toBeUndefined();
  });

  it('round-trips secrets through base32 as authenticator apps read them (RFC 4648 vector)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    expect(base32Decode(base32Encode(SEEDS.sha1))).toEqual(SEEDS.sha1);
  });
});
