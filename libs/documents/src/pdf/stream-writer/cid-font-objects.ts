import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { FontFace } from './font-face';
import { num } from './pdf-syntax';
import type { PdfStreamWriter } from './pdf-stream-writer';
import { toUnicodeCMap } from './to-unicode';

// One font is embedded once per file as a Type0 font over a CIDFontType2 (a TrueType subset) with
// Identity-H encoding. The streams for the base glyph set are built once per process and reused by
// every document; a document that used glyphs beyond the base set gets a subset of its own.

interface FontStreams {
  readonly tag: string;
  readonly fontFile: Uint8Array;
  readonly fontFileLength: number;
  readonly cidToGid: Uint8Array;
  readonly toUnicode: Uint8Array;
  readonly widths: string;
}

const baseStreams = new WeakMap<FontFace, Promise<FontStreams>>();

function encodeSubset(face: FontFace, gids: readonly number[]): Promise<{ bytes: Uint8Array; newIds: Map<number, number> }> {
  const subset = face.font.createSubset();
  const newIds = new Map(gids.map((gid) => [gid, subset.includeGlyph(gid)]));
  return new Promise((resolve) => {
    const parts: Uint8Array[] = [];
    // fontkit encodes on the next tick and reports through stream events; there is no error event.
    subset
      .encodeStream()
      .on('data', (chunk) => parts.push(Buffer.from(chunk)))
      .on('end', () => resolve({ bytes: Buffer.concat(parts), newIds }));
  });
}

/** W array entries: runs of consecutive ids share one bracket. */
function widthsArray(face: FontFace, gids: readonly number[]): string {
  let out = '';
  let runStart = -2;
  let previous = -2;
  for (const gid of gids) {
    const width = num(face.font.getGlyph(gid).advanceWidth * face.scale);
    if (gid === previous + 1) out += ` ${width}`;
    else {
      if (runStart >= 0) out += ']';
      out += `${gid}[${width}`;
      runStart = gid;
    }
    previous = gid;
  }
  return runStart >= 0 ? `${out}]` : out;
}

// Subset fonts are named with six capital letters and a plus (PDF 32000-1, 9.6.4); deriving them from the
// glyph set keeps the name stable for the same set.
function subsetTag(gids: readonly number[]): string {
  const digest = createHash('sha256').update(gids.join(',')).digest();
  return Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

async function buildStreams(face: FontFace, glyphs: ReadonlyMap<number, string>): Promise<FontStreams> {
  const gids = [...glyphs.keys()].sort((a, b) => a - b);
  const { bytes, newIds } = await encodeSubset(face, gids);
  const map = Buffer.alloc(2 * ((gids[gids.length - 1] ?? 0) + 1));
  for (const [gid, newId] of newIds) map.writeUInt16BE(newId, 2 * gid);
  const cmap = toUnicodeCMap(gids.map((gid) => [gid, glyphs.get(gid) ?? '']));
  return {
    tag: subsetTag(gids),
    fontFile: deflateSync(bytes),
    fontFileLength: bytes.length,
    cidToGid: deflateSync(map),
    toUnicode: deflateSync(Buffer.from(cmap, 'latin1')),
    widths: widthsArray(face, gids),
  };
}

function streamsFor(face: FontFace, extras: ReadonlyMap<number, string>): Promise<FontStreams> {
  if (extras.size > 0) return buildStreams(face, new Map([...face.baseGlyphs, ...extras]));
  let streams = baseStreams.get(face);
  if (!streams) baseStreams.set(face, (streams = buildStreams(face, face.baseGlyphs)));
  return streams;
}

const metrics = new WeakMap<FontFace, string>();

function descriptorMetrics(face: FontFace): string {
  const cached = metrics.get(face);
  if (cached !== undefined) return cached;
  const { font, scale } = face;
  const bbox = font.bbox;
  const capHeight = font.glyphForCodePoint(0x48).bbox.maxY; // the top of "H": DejaVu's OS/2 table predates capHeight
  const text =
    `/FontBBox[${[bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v) => num(v * scale)).join(' ')}]` +
    `/ItalicAngle ${num(font.italicAngle)}/Ascent ${num(font.ascent * scale)}/Descent ${num(font.descent * scale)}` +
    `/CapHeight ${num(capHeight * scale)}/StemV 80`;
  metrics.set(face, text);
  return text;
}

/** Writes the font whose Type0 dictionary was allocated as `type0Id`; `extras` are glyphs beyond the base set. */
export async function writeCidFont(
  writer: PdfStreamWriter,
  type0Id: number,
  face: FontFace,
  extras: ReadonlyMap<number, string>,
): Promise<void> {
  const streams = await streamsFor(face, extras);
  const name = `${streams.tag}+${face.font.postscriptName ?? 'DejaVuSerif'}`;
  const [cidFont, descriptor, fontFile, cidToGid, toUnicode] = [1, 2, 3, 4, 5].map(() => writer.allocate()) as [
    number,
    number,
    number,
    number,
    number,
  ];
  writer.object(
    type0Id,
    `<</Type/Font/Subtype/Type0/BaseFont/${name}/Encoding/Identity-H/DescendantFonts[${cidFont} 0 R]/ToUnicode ${toUnicode} 0 R>>`,
  );
  writer.object(
    cidFont,
    `<</Type/Font/Subtype/CIDFontType2/BaseFont/${name}/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>` +
      `/FontDescriptor ${descriptor} 0 R/DW 1000/W[${streams.widths}]/CIDToGIDMap ${cidToGid} 0 R>>`,
  );
  // Flags 6 = serif + symbolic: glyphs are reached through CIDToGIDMap, never through a standard encoding.
  writer.object(descriptor, `<</Type/FontDescriptor/FontName/${name}/Flags 6${descriptorMetrics(face)}/FontFile2 ${fontFile} 0 R>>`);
  writer.stream(fontFile, `/Filter/FlateDecode/Length1 ${streams.fontFileLength}`, streams.fontFile);
  writer.stream(cidToGid, '/Filter/FlateDecode', streams.cidToGid);
  writer.stream(toUnicode, '/Filter/FlateDecode', streams.toUnicode);
}
