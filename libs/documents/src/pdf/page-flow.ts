import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { textWidth } from './measure';
import { wrapText } from './text-wrap';

export type Align = 'left' | 'center' | 'right';

export interface Margins {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

export interface TextStyle {
  readonly font: PDFFont;
  readonly size: number;
  readonly align?: Align;
}

export const BLACK = rgb(0, 0, 0);
export const lineHeightOf = (size: number): number => size * 1.25;

/** Draws one already-wrapped line inside [x, x + width], with its baseline at `baseline`. */
export function drawLine(page: PDFPage, text: string, x: number, width: number, baseline: number, style: TextStyle): void {
  const measured = textWidth(style.font, text, style.size);
  const offset = style.align === 'center' ? (width - measured) / 2 : style.align === 'right' ? width - measured : 0;
  page.drawText(text, { x: x + offset, y: baseline, font: style.font, size: style.size, color: BLACK });
}

/**
 * A cursor running down the pages of a document: content asks for room, and a new page (with whatever
 * the caller repeats at the top of each page) starts when there is none left.
 */
export class PageFlow {
  readonly pages: PDFPage[] = [];
  cursor = 0;
  private current: PDFPage | undefined;

  constructor(
    private readonly doc: PDFDocument,
    readonly size: [number, number],
    readonly margins: Margins,
    private readonly onNewPage: (flow: PageFlow, pageIndex: number) => void = () => undefined,
  ) {}

  get page(): PDFPage {
    if (!this.current) this.newPage();
    return this.current as PDFPage;
  }

  get left(): number {
    return this.margins.left;
  }

  get width(): number {
    return this.size[0] - this.margins.left - this.margins.right;
  }

  newPage(): void {
    this.current = this.doc.addPage(this.size);
    this.pages.push(this.current);
    this.cursor = this.size[1] - this.margins.top;
    this.onNewPage(this, this.pages.length - 1);
  }

  fits(height: number): boolean {
    return this.cursor - height >= this.margins.bottom;
  }

  ensureRoom(height: number): void {
    if (!this.fits(height)) this.newPage();
  }

  space(height: number): void {
    this.cursor -= height;
  }

  /** A wrapped paragraph across the full width (or a column of it), breaking pages between lines. */
  paragraph(text: string, style: TextStyle, column: { x: number; width: number } = { x: this.left, width: this.width }): void {
    const lineHeight = lineHeightOf(style.size);
    for (const line of wrapText(text, column.width, (t) => textWidth(style.font, t, style.size))) {
      this.ensureRoom(lineHeight);
      this.cursor -= lineHeight;
      drawLine(this.page, line, column.x, column.width, this.cursor + lineHeight - style.size, style);
    }
  }

  /** "Trang x/y" needs the page count, so it is drawn once everything has been laid out. */
  numberPages(style: TextStyle): void {
    this.pages.forEach((page, i) => {
      drawLine(page, `Trang ${i + 1}/${this.pages.length}`, this.left, this.width, this.margins.bottom / 2, { ...style, align: 'center' });
    });
  }
}
