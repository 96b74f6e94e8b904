import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as fontkit from '@pdf-lib/fontkit';
import { BASE_CODE_POINTS } from './base-charset';
import { TjBuilder } from './tj-builder';
import { WordCache } from './word-cache';

// Text is shown with two-byte codes equal to the glyph ids of the full font (Identity-H, CID = GID of the
// original TTF); the embedded subset renumbers glyphs and a CIDToGIDMap translates. Because a code
// depends only on the font, never on what a document happened to use first, a shaped word can be cached
// for the life of the process and page content can be produced in worker threads independently.

export type FontStyle = 'regular' | 'bold';

const FILES: Record<FontStyle, string> = { regular: 'DejaVuSerif.ttf', bold: 'DejaVuSerif-Bold.ttf' };

// Ligatures and contextual alternates replace several characters with one glyph; without them every
// glyph stands for exactly one character, which keeps ToUnicode (and so pdftotext) exact. Kerning stays.
const FEATURES: fontkit.TypeFeatures = { liga: false, clig: false, calt: false, dlig: false };

const WORDS_PER_GENERATION = 4_096;

export interface ShapedText {
  /** The inside of a TJ array: hex glyph strings and kerning adjustments. */
  readonly tj: string;
  /** Advance width in thousandths of the font size. */
  readonly width: number;
  /** Glyphs outside the base set, with the text each stands for; empty for ordinary Vietnamese text. */
  readonly extras: ReadonlyArray<readonly [number, string]>;
}

interface BaseGlyph {
  readonly id: number;
  /** Thousandths of the font size. */
  readonly advance: number;
}

export class FontFace {
  readonly font: fontkit.Font;
  readonly scale: number;
  /** Glyph id → the character it stands for, for every glyph of the base set. */
  readonly baseGlyphs: ReadonlyMap<number, string>;
  private readonly baseChars = new Map<string, BaseGlyph>();
  /** Kerning between two base characters, in thousandths; NaN where shaping the pair does more than kern. */
  private readonly pairs = new Map<string, number>();
  private readonly words = new WordCache<ShapedText>(WORDS_PER_GENERATION);
  private readonly space: ShapedText;

  constructor(
    readonly style: FontStyle,
    bytes: Uint8Array,
  ) {
    this.font = fontkit.create(bytes);
    this.scale = 1000 / this.font.unitsPerEm;
    const base = new Map<number, string>();
    for (const cp of BASE_CODE_POINTS) {
      const glyph = this.font.glyphForCodePoint(cp);
      if (glyph.id === 0) continue;
      this.baseChars.set(String.fromCodePoint(cp), { id: glyph.id, advance: glyph.advanceWidth * this.scale });
      if (!base.has(glyph.id)) base.set(glyph.id, String.fromCodePoint(cp));
    }
    this.baseGlyphs = base;
    this.space = this.layoutWord(' ');
  }

  /** Text must be NFC already; spaces are kept as they are (no collapsing), so extraction gives the text back. */
  shape(text: string): ShapedText {
    if (!text.includes(' ')) return this.word(text);
    let tj = '';
    let width = 0;
    const extras: Array<readonly [number, string]> = [];
    text.split(' ').forEach((part, i) => {
      if (i > 0) {
        tj += this.space.tj;
        width += this.space.width;
      }
      if (part === '') return;
      const word = this.word(part);
      tj += word.tj;
      width += word.width;
      extras.push(...word.extras);
    });
    return { tj, width, extras };
  }

  /** fontkit's full shaping of one word: the reference the fast path must match. */
  layoutWord(word: string): ShapedText {
    for (const char of word) {
      const cp = char.codePointAt(0) ?? 0;
      // A missing glyph would print as an empty box on a legal document: refuse, naming the character.
      if (!this.font.hasGlyphForCodePoint(cp))
        throw new RangeError(`DejaVu Serif has no glyph for ${JSON.stringify(char)} (U+${cp.toString(16).toUpperCase().padStart(4, '0')})`);
    }
    const run = this.font.layout(word, FEATURES);
    const tj = new TjBuilder();
    let width = 0;
    const extras: Array<readonly [number, string]> = [];
    run.glyphs.forEach((glyph, i) => {
      if (!this.baseGlyphs.has(glyph.id)) extras.push([glyph.id, String.fromCodePoint(...glyph.codePoints)]);
      const position = run.positions[i];
      const nominal = glyph.advanceWidth * this.scale;
      const advance = (position?.xAdvance ?? glyph.advanceWidth) * this.scale;
      // Vertical offsets only occur for combining marks, which NFC input in Vietnamese never leaves behind.
      const offset = (position?.xOffset ?? 0) * this.scale;
      tj.adjust(-offset);
      tj.glyph(glyph.id);
      tj.adjust(nominal - advance + offset);
      width += advance;
    });
    return { tj: tj.toString(), width, extras };
  }

  private word(word: string): ShapedText {
    let shaped = this.words.get(word);
    if (!shaped) {
      shaped = this.pairwise(word) ?? this.layoutWord(word);
      // Words with digits (serials, register numbers, dates) rarely come back; caching them would only
      // push out the syllables that do.
      if (!/\d/.test(word)) this.words.set(word, shaped);
    }
    return shaped;
  }

  // A one-off word (a serial, a register number, a rare name) would cost a full fontkit layout, about
  // 0.1 ms. Over base characters fontkit does nothing but map and kern pairs (the features that could
  // substitute are off and the base set has no combining marks), so glyphs plus cached pair kerning give
  // the same result for a fraction of that; the specs check the two paths agree.
  private pairwise(word: string): ShapedText | undefined {
    const chars = Array.from(word);
    const glyphs = chars.map((char) => this.baseChars.get(char));
    const tj = new TjBuilder();
    let width = 0;
    for (let i = 0; i < glyphs.length; i++) {
      const glyph = glyphs[i];
      if (!glyph) return undefined;
      const next = chars[i + 1];
      const kern = next === undefined ? 0 : this.kern(chars[i] as string, next);
      if (Number.isNaN(kern)) return undefined;
      tj.glyph(glyph.id);
      tj.adjust(-kern);
      width += glyph.advance + kern;
    }
    return { tj: tj.toString(), width, extras: [] };
  }

  private kern(left: string, right: string): number {
    const key = left + right;
    let kern = this.pairs.get(key);
    if (kern === undefined) {
      const run = this.font.layout(key, FEATURES);
      const [a, b] = [this.baseChars.get(left), this.baseChars.get(right)];
      const [pa, pb] = run.positions;
      const plain =
        a &&
        b &&
        pa &&
        pb &&
        run.glyphs.length === 2 &&
        run.glyphs[0]?.id === a.id &&
        run.glyphs[1]?.id === b.id &&
        !pa.xOffset &&
        !pa.yOffset &&
        !pb.xOffset &&
        !pb.yOffset &&
        pb.xAdvance * this.scale === b.advance;
      kern = plain ? pa.xAdvance * this.scale - a.advance : Number.NaN;
      this.pairs.set(key, kern);
    }
    return kern;
  }
}

const faces = new Map<FontStyle, FontFace>();

/** DejaVu Serif from the npm package; see ../fonts.ts for why this font and its licence terms. */
export function fontFace(style: FontStyle): FontFace {
  let face = faces.get(style);
  if (!face) {
    const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    faces.set(style, (face = new FontFace(style, readFileSync(join(dir, FILES[style])))));
  }
  return face;
}
