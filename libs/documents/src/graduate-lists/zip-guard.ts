import { createInflateRaw } from 'node:zlib';
import type { GraduateListLimits } from './limits';

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly declaredSize: number;
  readonly localHeaderOffset: number;
}

/** Why an archive is refused, in both languages; `rows` when a sheet has more rows than allowed. */
export type ZipVerdict =
  | { readonly ok: true; readonly largestSheetRows: number }
  | { readonly ok: false; readonly tooManyRows?: true; readonly reasonVi: string; readonly reasonEn: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DEFLATE = 8;
const STORED = 0;
const ZIP64_MARK = 0xffffffff;
const refuse = (reasonVi: string, reasonEn: string): ZipVerdict => ({ ok: false, reasonVi, reasonEn });
const mib = (bytes: number) => `${Math.floor(bytes / (1024 * 1024))} MB`;

/**
 * Checks an .xlsx archive before any spreadsheet library unpacks it (issue 16: a 4 MB upload inflated to
 * 0.97 GiB). First what the central directory declares (entry count, each size, their sum, the ratio),
 * then what the data really inflates to, counted as it streams and discarded, stopping the moment it
 * passes a bound: an archive can lie about its sizes. Inflation runs on zlib's thread pool.
 * Rows of each worksheet are counted on the way, so a sheet with too many rows is refused unread.
 * Returns undefined when the bytes are not a ZIP archive at all (the reader then says it is unreadable).
 */
export async function inspectXlsxArchive(bytes: Uint8Array, limits: GraduateListLimits): Promise<ZipVerdict | undefined> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = centralDirectory(buffer);
  if (entries === undefined) return undefined;
  if (entries === 'zip64') return refuse('tệp nén dạng ZIP64 (trên 4 GB)', 'it is a ZIP64 archive (over 4 GB)');
  if (entries.length > limits.maxZipEntries) {
    return refuse(
      `có ${entries.length} tệp con (tối đa ${limits.maxZipEntries})`,
      `it holds ${entries.length} entries (at most ${limits.maxZipEntries})`,
    );
  }
  let declaredTotal = 0;
  for (const entry of entries) {
    declaredTotal += entry.declaredSize;
    if (entry.declaredSize > limits.ratioCheckedFrom && entry.declaredSize > entry.compressedSize * limits.maxCompressionRatio) {
      return refuse(
        `"${entry.name}" nén ${ratio(entry.declaredSize, entry.compressedSize)} lần (tối đa ${limits.maxCompressionRatio})`,
        `"${entry.name}" is compressed ${ratio(entry.declaredSize, entry.compressedSize)} to 1 (at most ${limits.maxCompressionRatio})`,
      );
    }
  }
  if (declaredTotal > limits.maxInflatedBytes) {
    return refuse(
      `giải nén ra ${mib(declaredTotal)} (tối đa ${mib(limits.maxInflatedBytes)})`,
      `it declares ${mib(declaredTotal)} unpacked (at most ${mib(limits.maxInflatedBytes)})`,
    );
  }

  let inflatedTotal = 0;
  let largestSheetRows = 0;
  for (const entry of entries) {
    const data = entryData(buffer, entry);
    if (!data) return undefined;
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name);
    const rowCounter = isSheet ? new RowTagCounter() : undefined;
    const budget = Math.min(entry.declaredSize, limits.maxInflatedBytes - inflatedTotal);
    const outcome = await inflateWithin(data, entry, budget, limits, rowCounter, limits.maxRows);
    if (outcome === 'over-declared')
      return refuse(`"${entry.name}" giải nén ra nhiều hơn kích thước khai báo`, `"${entry.name}" inflates to more than it declares`);
    if (outcome === 'over-ratio')
      return refuse(
        `"${entry.name}" nén quá ${limits.maxCompressionRatio} lần`,
        `"${entry.name}" is compressed more than ${limits.maxCompressionRatio} to 1`,
      );
    if (outcome === 'too-many-rows') return { ok: false, tooManyRows: true, reasonVi: '', reasonEn: '' };
    if (outcome === 'unreadable') return undefined;
    inflatedTotal += outcome;
    if (rowCounter) largestSheetRows = Math.max(largestSheetRows, rowCounter.rows);
  }
  return { ok: true, largestSheetRows };
}

const ratio = (inflated: number, compressed: number) => Math.floor(inflated / Math.max(compressed, 1));

function centralDirectory(buffer: Buffer): ZipEntry[] | 'zip64' | undefined {
  // The end record sits in the last 22 bytes plus a comment of at most 65,535 bytes.
  const from = Math.max(0, buffer.length - 22 - 0xffff);
  let end = -1;
  for (let at = buffer.length - 22; at >= from; at--) {
    if (buffer.readUInt32LE(at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = buffer.readUInt16LE(end + 10);
  const size = buffer.readUInt32LE(end + 12);
  const offset = buffer.readUInt32LE(end + 16);
  if (count === 0xffff || size === ZIP64_MARK || offset === ZIP64_MARK) return 'zip64';
  if (offset + size > buffer.length) return undefined;
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL) return undefined;
    const compressedSize = buffer.readUInt32LE(at + 20);
    const declaredSize = buffer.readUInt32LE(at + 24);
    const localHeaderOffset = buffer.readUInt32LE(at + 42);
    if (compressedSize === ZIP64_MARK || declaredSize === ZIP64_MARK || localHeaderOffset === ZIP64_MARK) return 'zip64';
    const nameLength = buffer.readUInt16LE(at + 28);
    entries.push({
      name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
      method: buffer.readUInt16LE(at + 10),
      compressedSize,
      declaredSize,
      localHeaderOffset,
    });
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  }
  return entries;
}

function entryData(buffer: Buffer, entry: ZipEntry): Buffer | undefined {
  const at = entry.localHeaderOffset;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== LOCAL) return undefined;
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  if (start + entry.compressedSize > buffer.length) return undefined;
  return buffer.subarray(start, start + entry.compressedSize);
}

type InflateOutcome = number | 'over-declared' | 'over-ratio' | 'too-many-rows' | 'unreadable';

/** Inflates one entry, counting and discarding its bytes, and stops as soon as a bound is passed. */
function inflateWithin(
  data: Buffer,
  entry: ZipEntry,
  budget: number,
  limits: GraduateListLimits,
  rows: RowTagCounter | undefined,
  maxRows: number,
): Promise<InflateOutcome> {
  if (entry.method === STORED) {
    if (data.length > budget) return Promise.resolve('over-declared');
    rows?.feed(data);
    return Promise.resolve(rows && rows.rows > maxRows ? 'too-many-rows' : data.length);
  }
  if (entry.method !== DEFLATE) return Promise.resolve('unreadable');
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let produced = 0;
    let settled = false;
    const settle = (outcome: InflateOutcome) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      resolve(outcome);
    };
    inflate.on('data', (chunk: Buffer) => {
      produced += chunk.length;
      if (produced > budget) return settle('over-declared');
      if (produced > limits.ratioCheckedFrom && produced > data.length * limits.maxCompressionRatio) return settle('over-ratio');
      rows?.feed(chunk);
      if (rows && rows.rows > maxRows) settle('too-many-rows');
    });
    inflate.on('end', () => settle(produced));
    inflate.on('error', () => settle('unreadable'));
    inflate.end(data);
  });
}

/** Counts `<row …>` start tags across chunk boundaries (not `<rowBreaks>` and the like). */
class RowTagCounter {
  rows = 0;
  private tail = '';

  feed(chunk: Buffer): void {
    const text = this.tail + chunk.toString('latin1');
    for (let at = text.indexOf('<row'); at >= 0 && at + 4 < text.length; at = text.indexOf('<row', at + 4)) {
      const next = text.charCodeAt(at + 4);
      if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) this.rows++;
    }
    // Keep enough to recognise a tag split across two chunks, and never count one twice.
    const keep = text.lastIndexOf('<');
    this.tail = keep >= 0 && keep > text.length - 5 ? text.slice(keep) : '';
  }
}

/**
 * The merged ranges ("H8:H9") of worksheet `xl/worksheets/sheet<n>.xml`, read by inflating the entry as a
 * stream and keeping nothing of it but the <mergeCell> references: exceljs's streaming reader skips
 * them, and an office merges one school name down a block of rows. Call after inspectXlsxArchive.
 */
export async function mergedRanges(bytes: Uint8Array, sheetNumber: string): Promise<string[]> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = centralDirectory(buffer);
  if (!Array.isArray(entries)) return [];
  const entry = entries.find((e) => e.name.toLowerCase() === `xl/worksheets/sheet${sheetNumber}.xml`);
  const data = entry && entryData(buffer, entry);
  if (!entry || !data) return [];
  const ranges: string[] = [];
  let tail = '';
  const scan = (chunk: Buffer) => {
    const text = tail + chunk.toString('latin1');
    const pattern = /<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+\d+(?::[A-Z]+\d+)?)"[^>]*>/g;
    let end = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      ranges.push(m[1] as string);
      end = pattern.lastIndex;
    }
    // A tag cut by the chunk boundary is completed by the next chunk.
    const open = text.lastIndexOf('<');
    tail = open >= end && text.indexOf('>', open) < 0 ? text.slice(open) : '';
  };
  if (entry.method === STORED) {
    scan(data);
    return ranges;
  }
  if (entry.method !== DEFLATE) return [];
  await new Promise<void>((resolve) => {
    const inflate = createInflateRaw();
    inflate.on('data', scan);
    inflate.on('end', resolve);
    inflate.on('error', () => resolve());
    inflate.end(data);
  });
  return ranges;
}
