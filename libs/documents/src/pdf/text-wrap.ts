export type Measure = (text: string) => number;

interface Piece {
  readonly text: string;
  /** A piece that starts a new word is joined with a space; one cut from inside a word is not. */
  readonly startsWord: boolean;
}

// Serial ranges ("HP 0200001–HP 0212000") and document numbers ("45/QĐ-SGDĐT") may break after a dash
// or slash: a narrow column then gets two readable halves instead of a hard cut mid-number.
function pieces(line: string): Piece[] {
  return line
    .split(/\s+/)
    .filter((word) => word !== '')
    .flatMap((word) => word.split(/(?<=[–—\-/])(?=.)/).map((text, i) => ({ text, startsWord: i === 0 })));
}

function hardBreak(text: string, maxWidth: number, measure: Measure): string[] {
  const lines: string[] = [];
  let line = '';
  for (const char of Array.from(text)) {
    if (line !== '' && measure(line + char) > maxWidth) {
      lines.push(line);
      line = '';
    }
    line += char;
  }
  return [...lines, line];
}

/** Greedy line breaking; never returns an empty array, so an empty cell still occupies one line. */
export function wrapText(text: string, maxWidth: number, measure: Measure): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const piece of pieces(paragraph)) {
      const candidate = line === '' ? piece.text : line + (piece.startsWord ? ' ' : '') + piece.text;
      if (measure(candidate) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      const broken = hardBreak(piece.text, maxWidth, measure);
      lines.push(...broken.slice(0, -1));
      line = broken[broken.length - 1] ?? '';
    }
    lines.push(line);
  }
  return lines;
}
