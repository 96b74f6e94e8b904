import { DomainError } from './errors';
import { MAX_INPUT_DEPTH, normalizeNfcDeep } from './nfc';

describe('normalizeNfcDeep', () => {
  it('composes every string in nested input, keys included, and leaves other values alone', () => {
    const nfd = (text: string): string => text.normalize('NFD');
    const input = { [nfd('họ_tên')]: nfd('Nguyễn Thị Thuỷ'), list: [nfd('Hoà'), 7, null, true], nested: { place: nfd('Đắk Lắk') } };
    const output = normalizeNfcDeep(input);
    expect(output).toEqual({
      ['họ_tên'.normalize('NFC')]: 'Nguyễn Thị Thuỷ'.normalize('NFC'),
      list: ['Hoà'.normalize('NFC'), 7, null, true],
      nested: { place: 'Đắk Lắk'.normalize('NFC') },
    });
    expect(JSON.stringify(output)).not.toContain('\u0300');
  });

  const nested = (depth: number): unknown => {
    let value: unknown = 'Hoà'.normalize('NFD');
    for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
    return value;
  };

  it(`walks input nested up to ${MAX_INPUT_DEPTH} levels`, () => {
    expect(JSON.stringify(normalizeNfcDeep(nested(MAX_INPUT_DEPTH)))).toContain('Hoà'.normalize('NFC'));
  });

  it('refuses input nested 10,000 deep with INPUT_TOO_DEEP instead of overflowing the stack (issue 16)', () => {
    let thrown: unknown;
    try {
      normalizeNfcDeep(nested(10_000));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).problem).toMatchObject({ code: 'INPUT_TOO_DEEP', kind: 'invalid_input' });
    expect(() => normalizeNfcDeep(nested(MAX_INPUT_DEPTH + 1))).toThrow(DomainError);
  });
});
