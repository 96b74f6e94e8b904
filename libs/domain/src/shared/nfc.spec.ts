import { normalizeNfcDeep } from './nfc';

describe('normalizeNfcDeep', () => {
  it('composes every string in nested input, keys included, and leaves other values alone', () => {
    const nfd = (text: string): string => text.normalize('NFD');
    const input = { [nfd('họ_tên')]: nfd('Nguyễn Thị Thuỷ'), list: [nfd('Hoà'), 7, null, true], nested: { place: nfd('Đắk Lắk') } };
    const output = normalizeNfcDeep(input);
    expect(output).toEqual({ ['họ_tên'.normalize('NFC')]: 'Nguyễn Thị Thuỷ'.normalize('NFC'), list: ['Hoà'.normalize('NFC'), 7, null, true], nested: { place: 'Đắk Lắk'.normalize('NFC') } });
    expect(JSON.stringify(output)).not.toContain('\u0300');
  });
});
