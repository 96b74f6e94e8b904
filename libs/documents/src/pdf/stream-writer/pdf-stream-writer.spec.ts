import { MemorySink } from './byte-sink';
import { num, textString } from './pdf-syntax';
import { PdfStreamWriter } from './pdf-stream-writer';

function tinyPdf(): { bytes: Uint8Array; sha256: string } {
  const sink = new MemorySink();
  const writer = new PdfStreamWriter(sink);
  const [catalog, pages, info] = [writer.allocate(), writer.allocate(), writer.allocate()];
  const page = writer.allocate();
  const content = writer.allocate();
  // Written out of number order on purpose: a page before its parent, the catalog last.
  writer.stream(content, '', Buffer.from('0 0 m 10 10 l S'));
  writer.object(page, `<</Type/Page/Parent ${pages} 0 R/MediaBox[0 0 100 100]/Contents ${content} 0 R>>`);
  writer.object(pages, `<</Type/Pages/Kids[${page} 0 R]/Count 1>>`);
  writer.object(info, `<</Title ${textString('Sổ Gốc')}>>`);
  writer.object(catalog, `<</Type/Catalog/Pages ${pages} 0 R>>`);
  writer.finish(catalog, info);
  return sink.close();
}

describe('PdfStreamWriter', () => {
  it('writes a cross-reference table whose every offset points at its object', () => {
    const text = Buffer.from(tinyPdf().bytes).toString('latin1');
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const entries = [...text.slice(startxref).matchAll(/^(\d{10}) (\d{5}) ([nf])\r\n/gm)];
    expect(entries).toHaveLength(6);
    entries.slice(1).forEach((entry, i) => {
      expect(entry[3]).toBe('n');
      expect(text.slice(Number(entry[1]), Number(entry[1]) + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
    });
    expect(text).toMatch(/trailer\n<<\/Size 6\/Root 1 0 R\/Info 3 0 R\/ID\[<[0-9A-F]{32}><[0-9A-F]{32}>\]>>/);
  });

  it('is deterministic, /ID included', () => {
    expect(tinyPdf().sha256).toBe(tinyPdf().sha256);
  });

  it('refuses to finish while an allocated object is unwritten, and to write an object twice', () => {
    const writer = new PdfStreamWriter(new MemorySink());
    const id = writer.allocate();
    writer.allocate();
    writer.object(id, '<<>>');
    expect(() => writer.object(id, '<<>>')).toThrow(/already written/);
    expect(() => writer.finish(id, id)).toThrow(/object 2 was allocated but never written/);
  });
});

describe('pdf-syntax', () => {
  it('formats numbers without exponents, negative zero or float noise', () => {
    expect([0, -0.0001, 1.5, 368.50393700787, 0.1 + 0.2, -12, 1e-7].map(num)).toEqual(['0', '0', '1.5', '368.504', '0.3', '-12', '0']);
  });

  it('writes text strings as UTF-16BE with a byte-order mark', () => {
    expect(textString('Sổ')).toBe('<FEFF00531ED5>');
  });
});
