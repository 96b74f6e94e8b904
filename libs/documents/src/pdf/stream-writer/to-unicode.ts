import { hex4, utf16Hex } from './pdf-syntax';

// PDF 32000-1, 9.10.3: text extraction (pdftotext, copy and paste, search) reads characters from this
// map, not from the glyphs, so it is what makes "Nguyễn Thị Thuỷ" come back out exactly.
const BLOCK = 100; // the most entries one beginbfchar block may hold

export function toUnicodeCMap(glyphs: ReadonlyArray<readonly [number, string]>): string {
  const lines = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
  ];
  for (let i = 0; i < glyphs.length; i += BLOCK) {
    const block = glyphs.slice(i, i + BLOCK);
    lines.push(`${block.length} beginbfchar`, ...block.map(([gid, text]) => `<${hex4(gid)}> <${utf16Hex(text)}>`), 'endbfchar');
  }
  lines.push('endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end');
  return lines.join('\n');
}
