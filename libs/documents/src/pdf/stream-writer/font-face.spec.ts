import { fontFace } from './font-face';

describe('FontFace', () => {
  const regular = fontFace('regular');

  it('shows text with the glyph ids of the full font, and measures it as fontkit lays it out (kerning included)', () => {
    for (const text of ['Nguyễn Thị Thuỷ', 'AVAT Tự', 'Đặng Hoàng Yến']) {
      const shaped = regular.shape(text);
      const glyphs = regular.font.layout(text, { liga: false });
      expect(shaped.tj.replace(/ -?[\d.]+ /g, '').replace(/[<>]/g, '')).toBe(
        glyphs.glyphs.map((g) => g.id.toString(16).toUpperCase().padStart(4, '0')).join(''),
      );
      expect(shaped.width).toBeCloseTo((glyphs.advanceWidth * 1000) / regular.font.unitsPerEm, 6);
      expect(shaped.extras).toEqual([]);
    }
  });

  it('gives, through its cached pairwise path, exactly what a full fontkit layout of the word gives', () => {
    const words = [
      'Nguyễn',
      'Thuỷ',
      'Đặng',
      'Yến',
      'AVAT',
      'Tự',
      'Võ',
      'Wyatt',
      'LÝ',
      'P.Thủy',
      '000417/THPT-2024',
      'HP',
      '0203418',
      'ngày',
      '“Trường”',
      'Ý-Ả',
    ];
    for (const style of ['regular', 'bold'] as const) {
      const face = fontFace(style);
      for (const word of words) {
        const fast = face.shape(word);
        const reference = face.layoutWord(word);
        expect({ word, tj: fast.tj, extras: fast.extras }).toEqual({ word, tj: reference.tj, extras: reference.extras });
        expect(fast.width).toBeCloseTo(reference.width, 9);
      }
    }
  });

  it('kerns with TJ adjustments', () => {
    expect(regular.shape('AV').tj).toMatch(/^<[0-9A-F]{4}> [\d.]+ <[0-9A-F]{4}>$/);
  });

  it('keeps every space, so extraction gives the text back as it was', () => {
    const space = regular.font.glyphForCodePoint(0x20).id.toString(16).toUpperCase().padStart(4, '0');
    expect(regular.shape('a  b').tj.split(space)).toHaveLength(3);
  });

  it('reports glyphs outside the Vietnamese base set with the text they stand for', () => {
    const omega = regular.font.glyphForCodePoint(0x3a9).id;
    expect(regular.shape('Ωmega').extras).toEqual([[omega, 'Ω']]);
    expect(regular.baseGlyphs.has(omega)).toBe(false);
  });

  it('refuses a character the font cannot draw rather than printing an empty box', () => {
    expect(() => regular.shape('Trần 𠀀')).toThrow('DejaVu Serif has no glyph for "𠀀" (U+20000)');
  });

  it('covers the whole Vietnamese alphabet in both styles', () => {
    const letters = 'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ';
    for (const style of ['regular', 'bold'] as const) {
      const face = fontFace(style);
      for (const text of [letters, letters.toUpperCase()]) expect(face.shape(text).extras).toEqual([]);
    }
  });
});
