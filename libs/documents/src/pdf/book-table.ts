import type { BookTextStyle, BookWriter } from './book-writer';
import { measureText } from './book-writer';
import { lineHeightOf } from './page-flow';
import type { TableCell, TableColumn, TableRow } from './table';
import { wrapText } from './text-wrap';

// The bordered table of ./table.ts, drawn into a streamed book: the same widths, wrapping, padding and
// page breaks, but each line is laid out only when it is drawn, so no more than one line's cells are
// held at a time whatever the length of the book.

const DEFAULT_PADDING = 3;
const HEADER_GRAY = 0.9;

interface LaidOutCell {
  readonly x: number;
  readonly width: number;
  readonly lines: string[];
  readonly style: BookTextStyle;
}

function layoutRow(
  book: BookWriter,
  columns: readonly TableColumn[],
  row: TableRow,
  size: number,
  header: boolean,
  padding: number,
): LaidOutCell[] {
  const font = row.bold || header ? 'bold' : 'regular';
  const cells: LaidOutCell[] = [];
  let x = book.left;
  let column = 0;
  for (const raw of row.cells) {
    const cell: TableCell = typeof raw === 'string' ? { text: raw } : raw;
    const covered = columns.slice(column, column + (cell.span ?? 1));
    const width = covered.reduce((sum, c) => sum + c.width, 0);
    const align = header ? 'center' : (cell.align ?? covered[0]?.align ?? 'left');
    const style: BookTextStyle = { font, size, align };
    const lines = wrapText(cell.text, width - 2 * padding, (t) => measureText(t, style));
    cells.push({ x, width, lines, style });
    x += width;
    column += covered.length;
  }
  return cells;
}

const rowHeight = (cells: LaidOutCell[], size: number, padding: number): number =>
  Math.max(...cells.map((c) => c.lines.length)) * lineHeightOf(size) + 2 * padding;

/** Header cells are centred vertically; body cells hang from the top, as in a hand-kept register. */
function drawRow(book: BookWriter, cells: LaidOutCell[], height: number, header: boolean, padding: number): void {
  const top = book.cursor;
  for (const cell of cells) {
    const lineHeight = lineHeightOf(cell.style.size);
    const drop = header ? (height - 2 * padding - cell.lines.length * lineHeight) / 2 : 0;
    book.rect(cell.x, top - height, cell.width, height, header ? HEADER_GRAY : undefined);
    cell.lines.forEach((line, i) => {
      const baseline = top - padding - drop - i * lineHeight - cell.style.size;
      book.line(line, cell.x + padding, cell.width - 2 * padding, baseline, cell.style);
    });
  }
  book.cursor -= height;
}

/**
 * A bordered table that continues across pages; the header row is repeated at the top of every page
 * so a filed page can be read on its own. `rows` may be produced lazily, line by line.
 */
export async function drawBookTable(
  book: BookWriter,
  columns: readonly TableColumn[],
  rows: Iterable<TableRow>,
  size: number,
  padding = DEFAULT_PADDING,
): Promise<void> {
  const header = layoutRow(book, columns, { cells: columns.map((c) => c.title) }, size, true, padding);
  const headerHeight = rowHeight(header, size, padding);
  let first = true;
  for (const row of rows) {
    const cells = layoutRow(book, columns, row, size, false, padding);
    const height = rowHeight(cells, size, padding);
    if (first) {
      book.ensureRoom(headerHeight + height);
      drawRow(book, header, headerHeight, true, padding);
      first = false;
    } else if (!book.fits(height)) {
      book.newPage();
      drawRow(book, header, headerHeight, true, padding);
    }
    drawRow(book, cells, height, false, padding);
    await book.breathe();
  }
  if (first) {
    book.ensureRoom(headerHeight);
    drawRow(book, header, headerHeight, true, padding);
  }
}
