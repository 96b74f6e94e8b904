import { showText } from '../pdf/stream-writer/content';
import { fontFace, type FontStyle } from '../pdf/stream-writer/font-face';
import { num } from '../pdf/stream-writer/pdf-syntax';
import type { FieldPlacement } from './diploma-face';

export const FONT_RESOURCES: Record<FontStyle, string> = { regular: 'F1', bold: 'F2' };

export type GlyphExtras = Record<FontStyle, Array<readonly [number, string]>>;

const LINE_HEIGHT = 1.25;

/** Collects content-stream text for one page (or one Form XObject) in PDF user space. */
export class PageCanvas {
  private readonly parts: string[] = [];
  readonly extras: GlyphExtras = { regular: [], bold: [] };

  constructor(private readonly pageHeight: number) {}

  raw(operators: string): void {
    this.parts.push(operators);
  }

  /** `y` of the placement counts from the top edge, as layouts do; PDF counts from the bottom. */
  text(placement: FieldPlacement, text: string, color?: [number, number, number]): void {
    const style: FontStyle = placement.bold ? 'bold' : 'regular';
    const face = fontFace(style);
    if (color) this.parts.push(`${color.map(num).join(' ')} rg\n`);
    text.split('\n').forEach((line, i) => {
      const shaped = face.shape(line);
      if (shaped.extras.length > 0) this.extras[style].push(...shaped.extras);
      const natural = (shaped.width * placement.size) / 1000;
      const size =
        placement.maxWidth !== undefined && natural > placement.maxWidth ? (placement.size * placement.maxWidth) / natural : placement.size;
      const width = (shaped.width * size) / 1000;
      const x = placement.align === 'center' ? placement.x - width / 2 : placement.align === 'right' ? placement.x - width : placement.x;
      const y = this.pageHeight - (placement.y + i * placement.size * LINE_HEIGHT);
      this.parts.push(showText(FONT_RESOURCES[style], size, x, y, shaped));
    });
    if (color) this.parts.push('0 g\n');
  }

  content(): string {
    return this.parts.join('');
  }
}
