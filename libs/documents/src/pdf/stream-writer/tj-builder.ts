import { hex4 } from './pdf-syntax';

/** Builds the inside of a TJ array: runs of two-byte glyph codes, broken by pen adjustments. */
export class TjBuilder {
  private out = '';
  private open = false;

  /** Moves the pen left by `amount` thousandths of the font size (a TJ number's meaning). */
  adjust(amount: number): void {
    if (Math.abs(amount) < 0.001) return;
    if (this.open) this.out += '>';
    this.open = false;
    this.out += ` ${Math.round(amount * 1000) / 1000} `;
  }

  glyph(id: number): void {
    if (!this.open) this.out += '<';
    this.open = true;
    this.out += hex4(id);
  }

  toString(): string {
    return this.open ? `${this.out}>` : this.out;
  }
}
