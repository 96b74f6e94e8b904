import type { ByteSink } from './byte-sink';

// A PDF written front to back: each object goes to the sink the moment it is complete and only its byte
// offset stays behind (8 bytes per object) for the cross-reference table at the end. Objects may refer
// to objects written later (a page to its page-tree node, a page's resources to the fonts), so numbers
// are allocated up front and filled in when the object is written.

// The binary comment line tells transfer tools the file is not text (PDF 32000-1, 7.5.2).
const HEADER = '%PDF-1.7\n%\xE2\xE3\xCF\xD3\n';

export class PdfStreamWriter {
  private offsets: Float64Array = new Float64Array(1024);
  private count = 1;

  constructor(private readonly sink: ByteSink) {
    sink.ascii(HEADER);
  }

  allocate(): number {
    if (this.count === this.offsets.length) {
      const grown = new Float64Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.offsets[this.count] = -1;
    return this.count++;
  }

  object(id: number, body: string): void {
    this.begin(id);
    this.sink.ascii(`${id} 0 obj\n${body}\nendobj\n`);
  }

  /** `dict` is the dictionary's inside without /Length, which is added from the data. */
  stream(id: number, dict: string, data: Uint8Array): void {
    this.begin(id);
    this.sink.ascii(`${id} 0 obj\n<<${dict}/Length ${data.length}>>\nstream\n`);
    this.sink.bytes(data);
    this.sink.ascii('\nendstream\nendobj\n');
  }

  /** Writes the cross-reference table and trailer; every allocated object must have been written. */
  finish(rootId: number, infoId: number): void {
    const xrefAt = this.sink.position;
    // The /ID is a digest of the body, so it is the same for the same content, as determinism requires.
    const id = this.sink.digestSoFar().subarray(0, 16).toString('hex').toUpperCase();
    this.sink.ascii(`xref\n0 ${this.count}\n0000000000 65535 f\r\n`);
    let lines = '';
    for (let i = 1; i < this.count; i++) {
      const offset = this.offsets[i] ?? -1;
      if (offset < 0) throw new Error(`PDF object ${i} was allocated but never written`);
      lines += `${String(offset).padStart(10, '0')} 00000 n\r\n`;
      if (lines.length > 64 * 1024) {
        this.sink.ascii(lines);
        lines = '';
      }
    }
    this.sink.ascii(lines);
    this.sink.ascii(
      `trailer\n<</Size ${this.count}/Root ${rootId} 0 R/Info ${infoId} 0 R/ID[<${id}><${id}>]>>\nstartxref\n${xrefAt}\n%%EOF\n`,
    );
  }

  private begin(id: number): void {
    if (this.offsets[id] !== -1) throw new Error(`PDF object ${id} is not allocated or was already written`);
    this.offsets[id] = this.sink.position;
  }
}
