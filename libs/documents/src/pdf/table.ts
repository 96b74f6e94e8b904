import { rgb } from 'pdf-lib';
import { BLACK, drawLine, lineHeightOf, type Align, type PageFlow, type TextStyle } from './page-flow';
import type { SerifFonts } from './fonts';
import { textWidth } from './measure';
import { wrapText } from './text-wrap';

export interface TableColumn {
  readonly title: string;
  readonly width: number;
  readonly align?: Align;
}

export interface TableCell {
  readonly text: string;
  /** How many columns the cell covers (a totals label spanning the descriptive columns). */
  readonly span?: number;
  readonly align?: Align;
}

export interface TableRow {
  readonly cells: readonly (string | TableCell)[];
  readonly bold?: boolean;
}

const DEFAULT_PADDING = 3;
const HEADER_FILL = rgb(0.9, 0.9, 0.9);

interface LaidOutCell {
  readonly x: number;
  readonly width: number;
  readonly lines: string[];
  readonly style: TextStyle;
}

function layoutRow(
  flow: PageFlow,
  columns: readonly TableColumn[],
  row: TableRow,
  fonts: SerifFonts,
  size: number,
  header: boolean,
  padding: number,
): LaidOutCell[] {
  const font = row.bold || header ? fonts.bold : fonts.regular;
  const cells: LaidOutCell[] = [];
  let x = flow.left;
  let column = 0;
  for (const raw of row.cells) {
    const cell: TableCell = typeof raw === 'string' ? { text: raw } : raw;
    const covered = columns.slice(column, column + (cell.span ?? 1));
    const width = covered.reduce((sum, c) => sum + c.width, 0);
    const align = header ? 'center' : (cell.align ?? covered[0]?.align ?? 'left');
    const lines = wrapText(cell.text, width - 2 * padding, (t) => textWidth(font, t, size));
    cells.push({ x, width, lines, style: { font, size, align } });
    x += width;
    column += covered.length;
  }
  return cells;
}

const rowHeight = (cells: LaidOutCell[], size: number, padding: number): number =>
  Math.max(...cells.map((c) => c.lines.length)) * lineHeightOf(size) + 2 * padding;

/** Header cells are centred vertically; body cells hang from the top, as in a hand-kept register. */
function drawRow(flow: PageFlow, cells: LaidOutCell[], height: number, header: boolean, padding: number): void {
  const top = flow.cursor;
  for (const cell of cells) {
    const lineHeight = lineHeightOf(cell.style.size);
    const drop = header ? (height - 2 * padding - cell.lines.length * lineHeight) / 2 : 0;
    flow.page.drawRectangle({
      x: cell.x,
      y: top - height,
      width: cell.width,
      height,
      borderColor: BLACK,
      borderWidth: 0.5,
      ...(header ? { color: HEADER_FILL } : {}),
    });
    cell.lines.forEach((line, i) => {
      const baseline = top - padding - drop - i * lineHeight - cell.style.size;
      drawLine(flow.page, line, cell.x + padding, cell.width - 2 * padding, baseline, cell.style);
    });
  }
  flow.cursor -= height;
}

/**
 * A bordered table that continues across pages; the header row is repeated at the top of every page
 * so a filed page can be read on its own.
 */
export function drawTable(
  flow: PageFlow,
  columns: readonly TableColumn[],
  rows: readonly TableRow[],
  fonts: SerifFonts,
  size: number,
  padding = DEFAULT_PADDING,
): void {
  const header = layoutRow(flow, columns, { cells: columns.map((c) => c.title) }, fonts, size, true, padding);
  const headerHeight = rowHeight(header, size, padding);
  const laidOut = rows.map((row) => layoutRow(flow, columns, row, fonts, size, false, padding));
  const firstHeight = laidOut[0] ? rowHeight(laidOut[0], size, padding) : 0;
  flow.ensureRoom(headerHeight + firstHeight);
  drawRow(flow, header, headerHeight, true, padding);
  for (const cells of laidOut) {
    const height = rowHeight(cells, size, padding);
    if (!flow.fits(height)) {
      flow.newPage();
      drawRow(flow, header, headerHeight, true, padding);
    }
    drawRow(flow, cells, height, false, padding);
  }
}
