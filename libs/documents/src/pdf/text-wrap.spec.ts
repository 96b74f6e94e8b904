import { wrapText } from './text-wrap';

const monospace = (text: string) => Array.from(text).length;

describe('wrapText', () => {
  it('breaks between words', () => {
    expect(wrapText('Bàn giao trực tiếp cho đơn vị', 12, monospace)).toEqual(['Bàn giao', 'trực tiếp', 'cho đơn vị']);
  });

  it('breaks a serial range after its dash rather than inside a number', () => {
    expect(wrapText('HP 0200001–HP 0212000', 12, monospace)).toEqual(['HP 0200001–', 'HP 0212000']);
  });

  it('cuts a token longer than the line, and keeps explicit line breaks', () => {
    expect(wrapText('ABCDEFGHIJ', 4, monospace)).toEqual(['ABCD', 'EFGH', 'IJ']);
    expect(wrapText('a\nb', 10, monospace)).toEqual(['a', 'b']);
  });

  it('gives an empty cell one empty line', () => {
    expect(wrapText('', 10, monospace)).toEqual(['']);
  });
});
