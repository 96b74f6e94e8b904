import type { PDFFont, PDFHexString } from 'pdf-lib';
import type { SerifFonts } from './fonts';

// Every drawText runs a full fontkit shaping pass to turn the text into glyph ids, and a register repeats
// most of its cell lines ("Chính quy", "Kinh", dates, the second half of every register number): about
// seven in ten lines of a 3,000-line book had been drawn before. The same text always yields the same
// glyphs, which the first pass has already added to the font subset, so reusing its result is safe; it
// changes no byte of the output.
const cached = new WeakSet<PDFFont>();

function cacheEncoding(font: PDFFont): void {
  if (cached.has(font)) return;
  cached.add(font);
  const encode = font.encodeText.bind(font);
  const encodings = new Map<string, PDFHexString>();
  font.encodeText = (text: string): PDFHexString => {
    let encoded = encodings.get(text);
    if (encoded === undefined) encodings.set(text, (encoded = encode(text)));
    return encoded;
  };
}

/** For long documents; the cache lives as long as the document's fonts. */
export function cacheTextEncoding(fonts: SerifFonts): SerifFonts {
  cacheEncoding(fonts.regular);
  cacheEncoding(fonts.bold);
  return fonts;
}
