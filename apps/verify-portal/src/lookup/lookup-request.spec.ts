import { parseLookupQuery } from './lookup-request';

const codes = (query: Record<string, unknown>) => {
  const parsed = parseLookupQuery(query);
  return parsed.ok ? [] : parsed.problems.map((p) => `${p.field}:${p.code}`);
};

describe('parseLookupQuery', () => {
  it('reads serial + name + birth date, NFC and with single spaces, and the birth date as typed', () => {
    const parsed = parseLookupQuery({
      serial: ' hp  0203418 ',
      fullName: 'Nguyễn  Thị Thu Hằng'.normalize('NFD'),
      birthDate: '18/09/2006',
    });
    expect(parsed).toEqual({
      ok: true,
      request: { kind: 'serial_holder', serial: 'hp 0203418', fullName: 'Nguyễn Thị Thu Hằng', birthDate: '2006-09-18' },
      typed: { serial: 'hp 0203418', fullName: 'Nguyễn Thị Thu Hằng', birthDate: '18/09/2006' },
    });
    expect(parseLookupQuery({ serial: 'HP 0203418', fullName: 'A', birthDate: '1979' })).toMatchObject({
      ok: true,
      request: { birthDate: '1979' },
    });
  });

  it('reads serial + register number', () => {
    expect(parseLookupQuery({ serial: 'HP 0203418', registerNumber: '000417/THPT-2024' })).toMatchObject({
      ok: true,
      request: { kind: 'serial_register', registerNumber: '000417/THPT-2024' },
    });
  });

  it('accepts exactly one way of asking, with a serial, and nothing else', () => {
    expect(codes({})).toEqual(['serial:SERIAL_REQUIRED', 'fullName:LOOKUP_WAY_REQUIRED']);
    expect(codes({ serial: 'HP 0203418' })).toEqual(['fullName:LOOKUP_WAY_REQUIRED']);
    expect(codes({ serial: 'HP 0203418', fullName: 'A' })).toEqual(['birthDate:BIRTH_DATE_REQUIRED']);
    expect(codes({ serial: 'HP 0203418', birthDate: '2006' })).toEqual(['fullName:FULL_NAME_REQUIRED']);
    expect(codes({ serial: 'HP 0203418', fullName: 'A', birthDate: '2006', registerNumber: '1' })).toEqual([
      'registerNumber:LOOKUP_WAYS_MIXED',
    ]);
    expect(codes({ serial: 'HP%', registerNumber: '1' })).toEqual(['serial:SERIAL_FORMAT']);
    expect(codes({ serial: 'HP 1', registerNumber: '1', page: '2' })).toEqual(['page:UNKNOWN_FIELD']);
    expect(codes({ serial: ['HP 1', 'HP 2'], registerNumber: '1' })).toEqual(['serial:REPEATED_FIELD']);
    // A JSON body can carry numbers or objects where text belongs; they are refused by name, not coerced.
    expect(codes({ serial: 'HP 1', registerNumber: 417 })).toEqual(['registerNumber:FIELD_NOT_TEXT']);
    expect(codes({ serial: 'HP 1', registerNumber: 'x'.repeat(41) })).toEqual(['registerNumber:TOO_LONG']);
  });

  it('tells an impossible birth date from a badly written one, and lets the page pass its own parameters', () => {
    expect(codes({ serial: 'HP 1', fullName: 'A', birthDate: '31/02/2006' })).toEqual(['birthDate:BIRTH_DATE_IMPOSSIBLE']);
    expect(codes({ serial: 'HP 1', fullName: 'A', birthDate: '18/09/06' })).toEqual(['birthDate:BIRTH_DATE_FORMAT']);
    expect(parseLookupQuery({ serial: 'HP 1', registerNumber: '1', lang: 'en' }, ['lang']).ok).toBe(true);
  });

  it('takes an issuer code and year together, to say what the registry holds for them under "not found" (issue 14)', () => {
    expect(parseLookupQuery({ serial: 'A 1', registerNumber: '1', issuerCode: 'sgd-hp', year: '1998' })).toMatchObject({
      ok: true,
      request: { kind: 'serial_register', coverageOf: { issuerCode: 'SGD-HP', year: 1998 } },
    });
    expect(codes({ serial: 'A 1', registerNumber: '1', issuerCode: 'SGD-HP' })).toEqual(['year:YEAR_REQUIRED']);
    expect(codes({ serial: 'A 1', fullName: 'A', birthDate: '1980', year: '1998' })).toEqual(['issuerCode:ISSUER_REQUIRED']);
    expect(codes({ serial: 'A 1', registerNumber: '1', issuerCode: 'Sở HP', year: '98' })).toEqual([
      'issuerCode:ISSUER_FORMAT',
      'year:YEAR_FORMAT',
    ]);
  });
});
