import { deflateSync } from 'node:zlib';
import type { ByteSink } from './stream-writer/byte-sink';
import { writeCidFont } from './stream-writer/cid-font-objects';
import { showText } from './stream-writer/content';
import { fontFace, type FontStyle } from './stream-writer/font-face';
import { num, pdfDate, textString } from './stream-writer/pdf-syntax';
import { PdfStreamWriter } from './stream-writer/pdf-stream-writer';
import { lineHeightOf, type Align, type Margins } from './page-flow';
import { wrapText } from './text-wrap';

// Registers (the sổ gốc, its appendix, the copy register) are written the way print runs are (issue 19):
// each page becomes deflated bytes in the sink as soon as it is full, the two DejaVu faces are embedded
// once at the end (the base glyph set built once per process), and nothing of a finished page is kept
// but its object number. A 20,000-line book had taken 67–87 s through pdf-lib, which keeps every page's
// objects until it saves.
//
// "Trang x/N" needs N before the last page exists. Each page shows "Trang x/" itself and draws N from
// one Form XObject that is written at the end, when N is known: the first page can leave for the reader
// before the last one is laid out.

const FONT_RESOURCES: Record<FontStyle, string> = { regular: 'F1', bold: 'F2' };
const STYLES: readonly FontStyle[] = ['regular', 'bold'];
const PAGE_COUNT_FORM = 'N';
// As the diploma documents: viewers look pages up through the tree, and a flat /Kids of 1,500 is slow in some.
const PAGES_PER_NODE = 256;
// Book pages are text and rules; level 6 makes them a third smaller than level 3 for about 15% more time.
const DEFLATE = { level: 6 };

export interface BookTextStyle {
  readonly font: FontStyle;
  readonly size: number;
  readonly align?: Align;
}

export interface BookInfo {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  /** ISO instant written as creation and modification date: the same input gives the same bytes. */
  readonly generatedAt: string;
}

export interface BookLayout {
  readonly size: [number, number];
  readonly margins: Margins;
  /** Style of "Trang x/N", centred in the bottom margin of every page. */
  readonly pageNumber: BookTextStyle;
  /** Called at the top of every new page (after the first it draws the running head). */
  readonly onNewPage: (book: BookWriter, pageIndex: number) => void;
}

/** Text width in points, from the cached shaping of the stream writer's faces. */
export function measureText(text: string, style: BookTextStyle): number {
  return (fontFace(style.font).shape(text).width * style.size) / 1000;
}

/**
 * A cursor running down the pages of a book being written, with the same moves as PageFlow (room, space,
 * wrapped paragraphs) so a book lays out as it did through pdf-lib, and drawing calls that append
 * content-stream operators to the current page.
 */
export class BookWriter {
  cursor = 0;
  private readonly writer: PdfStreamWriter;
  private readonly catalog: number;
  private readonly root: number;
  private readonly resources: number;
  private readonly infoId: number;
  private readonly pageCountForm: number;
  private readonly fonts: Record<FontStyle, number>;
  private readonly extras: Record<FontStyle, Map<number, string>> = { regular: new Map(), bold: new Map() };
  private readonly nodes: number[] = [];
  private node = 0;
  private nodeKids: number[] = [];
  private written = 0;
  private begun = 0;
  private content: string[] | undefined;
  private pacedAt = 0;

  /**
   * `pace` is awaited between pages (see `breathe`): the reader's backpressure for a streamed book; by
   * default it only yields the event loop.
   */
  constructor(
    sink: ByteSink,
    private readonly layout: BookLayout,
    private readonly info: BookInfo,
    private readonly pace: () => Promise<void> = () => new Promise<void>((resolve) => setImmediate(resolve)),
  ) {
    this.writer = new PdfStreamWriter(sink);
    const w = this.writer;
    [this.catalog, this.root, this.resources, this.infoId, this.pageCountForm] = [
      w.allocate(),
      w.allocate(),
      w.allocate(),
      w.allocate(),
      w.allocate(),
    ];
    this.fonts = { regular: w.allocate(), bold: w.allocate() };
  }

  get left(): number {
    return this.layout.margins.left;
  }

  get width(): number {
    return this.layout.size[0] - this.layout.margins.left - this.layout.margins.right;
  }

  /** Pages already written to the sink. */
  get pagesWritten(): number {
    return this.written;
  }

  /** Long loops (a table's lines) call this after each line; it waits on `pace` once a page has been written. */
  async breathe(): Promise<void> {
    if (this.written === this.pacedAt) return;
    this.pacedAt = this.written;
    await this.pace();
  }

  newPage(): void {
    if (this.content) this.endPage();
    // Rules are 0.5 pt black, text black; a fill changes the colour only around its rectangle.
    this.content = ['0.5 w 0 G 0 g\n'];
    this.cursor = this.layout.size[1] - this.layout.margins.top;
    this.layout.onNewPage(this, this.begun++);
  }

  fits(height: number): boolean {
    return this.cursor - height >= this.layout.margins.bottom;
  }

  ensureRoom(height: number): void {
    if (!this.fits(height)) this.newPage();
  }

  space(height: number): void {
    this.cursor -= height;
  }

  /** A wrapped paragraph across the full width (or a column of it), breaking pages between lines. */
  paragraph(text: string, style: BookTextStyle, column: { x: number; width: number } = { x: this.left, width: this.width }): void {
    const lineHeight = lineHeightOf(style.size);
    for (const line of wrapText(text, column.width, (t) => measureText(t, style))) {
      this.ensureRoom(lineHeight);
      this.cursor -= lineHeight;
      this.line(line, column.x, column.width, this.cursor + lineHeight - style.size, style);
    }
  }

  /** One already-wrapped line inside [x, x + width], with its baseline at `baseline`. */
  line(text: string, x: number, width: number, baseline: number, style: BookTextStyle): void {
    if (text === '') return;
    const shaped = fontFace(style.font).shape(text);
    for (const [gid, char] of shaped.extras) if (!this.extras[style.font].has(gid)) this.extras[style.font].set(gid, char);
    const measured = (shaped.width * style.size) / 1000;
    const offset = style.align === 'center' ? (width - measured) / 2 : style.align === 'right' ? width - measured : 0;
    this.page().push(showText(FONT_RESOURCES[style.font], style.size, x + offset, baseline, shaped));
  }

  /** A rectangle ruled at 0.5 pt; `gray` fills it first (a table's heading row). */
  rect(x: number, y: number, width: number, height: number, gray?: number): void {
    const box = `${num(x)} ${num(y)} ${num(width)} ${num(height)} re`;
    this.page().push(gray === undefined ? `${box} S\n` : `${num(gray)} g ${box} B 0 g\n`);
  }

  /** Writes the last page, "N" for every page's number, the fonts and the cross-reference table. */
  async finish(): Promise<void> {
    if (this.content) this.endPage();
    if (this.written === 0) throw new RangeError('A book needs at least one page');
    if (this.nodeKids.length > 0) this.closeNode();
    const w = this.writer;
    w.object(this.root, `<</Type/Pages/Kids[${this.nodes.map((id) => `${id} 0 R`).join(' ')}]/Count ${this.written}>>`);
    const fonts = `/Font<<${STYLES.map((s) => `/${FONT_RESOURCES[s]} ${this.fonts[s]} 0 R`).join('')}>>`;
    const { pageNumber } = this.layout;
    const total = String(this.written);
    const totalWidth = measureText(total, pageNumber);
    w.stream(
      this.pageCountForm,
      `/Type/XObject/Subtype/Form/BBox[0 ${num(-pageNumber.size)} ${num(totalWidth)} ${num(2 * pageNumber.size)}]/Resources<<${fonts}>>/Filter/FlateDecode`,
      deflateSync(
        Buffer.from(showText(FONT_RESOURCES[pageNumber.font], pageNumber.size, 0, 0, fontFace(pageNumber.font).shape(total)), 'latin1'),
        DEFLATE,
      ),
    );
    w.object(this.resources, `<<${fonts}/XObject<</${PAGE_COUNT_FORM} ${this.pageCountForm} 0 R>>>>`);
    const date = pdfDate(this.info.generatedAt);
    w.object(
      this.infoId,
      `<</Title ${textString(this.info.title)}/Author ${textString(this.info.author)}/Subject ${textString(this.info.subject)}` +
        `/Creator ${textString('Sổ Gốc')}/Producer ${textString('Sổ Gốc (stream writer)')}/CreationDate(${date})/ModDate(${date})>>`,
    );
    w.object(this.catalog, `<</Type/Catalog/Pages ${this.root} 0 R/Lang(vi-VN)/ViewerPreferences<</DisplayDocTitle true>>>>`);
    for (const style of STYLES) await writeCidFont(w, this.fonts[style], fontFace(style), this.extras[style]);
    w.finish(this.catalog, this.infoId);
  }

  private page(): string[] {
    if (!this.content) this.newPage();
    return this.content as string[];
  }

  private endPage(): void {
    const content = this.content as string[];
    this.content = undefined;
    const number = this.written + 1;
    // Centred as "Trang x/N" would be if N had as many digits as x: they differ by a digit at most
    // on a few pages, a shift of two points.
    const { pageNumber, size, margins } = this.layout;
    const prefix = `Trang ${number}/`;
    const prefixWidth = measureText(prefix, pageNumber);
    const x = this.left + (this.width - measureText(`${prefix}${number}`, pageNumber)) / 2;
    const baseline = margins.bottom / 2;
    content.push(showText(FONT_RESOURCES[pageNumber.font], pageNumber.size, x, baseline, fontFace(pageNumber.font).shape(prefix)));
    content.push(`q 1 0 0 1 ${num(x + prefixWidth)} ${num(baseline)} cm /${PAGE_COUNT_FORM} Do Q\n`);
    if (this.nodeKids.length === 0) this.nodes.push((this.node = this.writer.allocate()));
    const [pageId, contentId] = [this.writer.allocate(), this.writer.allocate()];
    this.writer.object(
      pageId,
      `<</Type/Page/Parent ${this.node} 0 R/MediaBox[0 0 ${num(size[0])} ${num(size[1])}]/Resources ${this.resources} 0 R/Contents ${contentId} 0 R>>`,
    );
    this.writer.stream(contentId, '/Filter/FlateDecode', deflateSync(Buffer.from(content.join(''), 'latin1'), DEFLATE));
    this.nodeKids.push(pageId);
    this.written++;
    if (this.nodeKids.length === PAGES_PER_NODE) this.closeNode();
  }

  private closeNode(): void {
    this.writer.object(
      this.node,
      `<</Type/Pages/Parent ${this.root} 0 R/Kids[${this.nodeKids.map((id) => `${id} 0 R`).join(' ')}]/Count ${this.nodeKids.length}>>`,
    );
    this.nodeKids = [];
  }
}
