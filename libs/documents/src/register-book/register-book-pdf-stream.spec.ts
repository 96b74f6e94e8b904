import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pdfPageTexts, runTool, withPdfFile } from '../testing/poppler';
import { registerBookPdfStream, registerBookToPdf } from './register-book-pdf';
import { registerBookFixture } from './testing/register-book-fixture';

// Issue 19: the sổ gốc is written page by page to whoever reads it (the export endpoint's response), so
// a province's book neither waits for its last page before the first byte leaves nor sits whole in memory.

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: Readable): Promise<{ bytes: Buffer; chunks: number }> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { bytes: Buffer.concat(chunks), chunks: chunks.length };
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('registerBookPdfStream', () => {
  const input = registerBookFixture(3000, 3);

  it('gives the very bytes of registerBookToPdf, in several chunks, and a file qpdf and pdftotext accept', async () => {
    const streamed = await readAll(registerBookPdfStream(input));
    const whole = await registerBookToPdf(input);
    expect(sha256(streamed.bytes)).toBe(sha256(whole));
    expect(streamed.chunks).toBeGreaterThan(1);
    withPdfFile(streamed.bytes, (path) => runTool('qpdf', ['--check', path], 'qpdf'));
    const pages = pdfPageTexts(streamed.bytes);
    expect(pages.at(-1)).toContain('Tổng số văn bằng vào sổ: 3.000, theo 3 quyết định công nhận tốt nghiệp.');
    pages.forEach((page, i) => expect(page).toContain(`Trang ${i + 1}/${pages.length}`));
  }, 60_000);

  it('sends the first pages before the book is finished, and stops writing while nobody reads', async () => {
    // About 3.5 MB: more than the stream queues for a reader that does not read.
    const stream = registerBookPdfStream(registerBookFixture(12_000, 4));
    let ended = false;
    stream.on('end', () => (ended = true));
    const first = await new Promise<Buffer>((resolve) => stream.once('data', resolve));
    stream.pause();
    expect(first.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(ended).toBe(false);
    // Unread, the queue stops at the high-water mark (1 MiB) plus at most one more chunk: the book is
    // not produced ahead of its reader.
    await tick(500);
    const queued = stream.readableLength;
    await tick(300);
    expect(stream.readableLength).toBe(queued);
    expect(queued).toBeLessThanOrEqual(2 * 1024 * 1024);
    stream.destroy();
  }, 60_000);
});
