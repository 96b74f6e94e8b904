import { writeCidFont } from '../pdf/stream-writer/cid-font-objects';
import { fontFace, type FontStyle } from '../pdf/stream-writer/font-face';
import { num, pdfDate, textString } from '../pdf/stream-writer/pdf-syntax';
import type { ByteSink } from '../pdf/stream-writer/byte-sink';
import { PdfStreamWriter } from '../pdf/stream-writer/pdf-stream-writer';
import type { DiplomaKind } from './diploma-face';
import { backgroundName, renderBackground, type RenderedPage, type RenderSettings } from './page-content';
import { FONT_RESOURCES, type GlyphExtras } from './placed-text';

// Pages hang under intermediate page-tree nodes of this many kids: viewers look pages up through the
// tree, and one flat /Kids array of 20,000 entries makes some of them slow. The pages of a node not yet
// written are the only page ids kept in memory.
const PAGES_PER_NODE = 256;
const STYLES: readonly FontStyle[] = ['regular', 'bold'];

export interface DocumentInfo {
  title: string;
  /** "Mẫu TT10-2026": which template version the pages follow (rule 37), readable in any PDF viewer. */
  subject?: string;
  /** ISO instant; no dates are written without it, so the bytes never depend on the clock. */
  generatedAt?: string;
}

export class DiplomaDocument {
  private readonly writer: PdfStreamWriter;
  private readonly catalog: number;
  private readonly root: number;
  private readonly resources: number;
  private readonly info: number;
  private readonly fonts: Record<FontStyle, number>;
  private readonly backgrounds = new Map<DiplomaKind, number>();
  private readonly extras: Record<FontStyle, Map<number, string>> = { regular: new Map(), bold: new Map() };
  private readonly nodes: number[] = [];
  private node = 0;
  private nodeKids: number[] = [];
  private pageCount = 0;

  constructor(
    sink: ByteSink,
    private readonly settings: RenderSettings,
    private readonly meta: DocumentInfo,
  ) {
    this.writer = new PdfStreamWriter(sink);
    [this.catalog, this.root, this.resources, this.info] = [
      this.writer.allocate(),
      this.writer.allocate(),
      this.writer.allocate(),
      this.writer.allocate(),
    ];
    this.fonts = { regular: this.writer.allocate(), bold: this.writer.allocate() };
  }

  get pages(): number {
    return this.pageCount;
  }

  addPage(page: RenderedPage): void {
    this.collect(page.extras);
    const [width, height] = this.settings.layouts[page.kind].pageSize;
    if (this.settings.mode === 'preview') this.background(page.kind);
    if (this.nodeKids.length === 0) this.nodes.push((this.node = this.writer.allocate()));
    const [pageId, contentId] = [this.writer.allocate(), this.writer.allocate()];
    this.writer.object(
      pageId,
      `<</Type/Page/Parent ${this.node} 0 R/MediaBox[0 0 ${num(width)} ${num(height)}]/Resources ${this.resources} 0 R/Contents ${contentId} 0 R>>`,
    );
    this.writer.stream(contentId, '/Filter/FlateDecode', page.content);
    this.nodeKids.push(pageId);
    this.pageCount++;
    if (this.nodeKids.length === PAGES_PER_NODE) this.closeNode();
  }

  async finish(): Promise<void> {
    if (this.pageCount === 0) throw new RangeError('A PDF needs at least one diploma');
    if (this.nodeKids.length > 0) this.closeNode();
    this.writer.object(this.root, `<</Type/Pages/Kids[${this.nodes.map((id) => `${id} 0 R`).join(' ')}]/Count ${this.pageCount}>>`);
    const xobjects = [...this.backgrounds].map(([kind, id]) => `/${backgroundName(kind)} ${id} 0 R`).join('');
    this.writer.object(this.resources, `<<${this.fontResources()}${xobjects ? `/XObject<<${xobjects}>>` : ''}>>`);
    const dates = this.meta.generatedAt
      ? `/CreationDate(${pdfDate(this.meta.generatedAt)})/ModDate(${pdfDate(this.meta.generatedAt)})`
      : '';
    this.writer.object(
      this.info,
      `<</Title ${textString(this.meta.title)}${this.meta.subject ? `/Subject ${textString(this.meta.subject)}` : ''}/Creator ${textString('Sổ Gốc')}/Producer ${textString('Sổ Gốc (stream writer)')}${dates}>>`,
    );
    // PrintScaling None: a viewer's "fit to page" would shrink the overlay off the blank's boxes.
    this.writer.object(this.catalog, `<</Type/Catalog/Pages ${this.root} 0 R/Lang(vi-VN)/ViewerPreferences<</PrintScaling/None>>>>`);
    for (const style of STYLES) await writeCidFont(this.writer, this.fonts[style], fontFace(style), this.extras[style]);
    this.writer.finish(this.catalog, this.info);
  }

  private fontResources(): string {
    return `/Font<<${STYLES.map((style) => `/${FONT_RESOURCES[style]} ${this.fonts[style]} 0 R`).join('')}>>`;
  }

  private background(kind: DiplomaKind): number {
    let id = this.backgrounds.get(kind);
    if (id === undefined) {
      const layout = this.settings.layouts[kind];
      const { content, extras } = renderBackground(kind, layout);
      this.collect(extras);
      this.backgrounds.set(kind, (id = this.writer.allocate()));
      const [width, height] = layout.pageSize;
      this.writer.stream(
        id,
        `/Type/XObject/Subtype/Form/BBox[0 0 ${num(width)} ${num(height)}]/Resources<<${this.fontResources()}>>/Filter/FlateDecode`,
        content,
      );
    }
    return id;
  }

  private closeNode(): void {
    this.writer.object(
      this.node,
      `<</Type/Pages/Parent ${this.root} 0 R/Kids[${this.nodeKids.map((id) => `${id} 0 R`).join(' ')}]/Count ${this.nodeKids.length}>>`,
    );
    this.nodeKids = [];
  }

  // The first text seen for a glyph wins; pages arrive in order, so the choice is the same on every run.
  private collect(extras: GlyphExtras): void {
    for (const style of STYLES)
      for (const [gid, text] of extras[style]) if (!this.extras[style].has(gid)) this.extras[style].set(gid, text);
  }
}
