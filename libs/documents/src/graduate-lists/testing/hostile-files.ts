import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';
import { fixture } from './fixture-files';

/**
 * Hostile graduate lists for the tests of issue 16, built in memory: a CSV far past the row limit made of
 * the fixture's own rows, and .xlsx zip bombs whose one worksheet inflates to a gigabyte of whitespace.
 */
export function bigCsv(rows: number): Buffer {
  const lines = Buffer.from(fixture('graduates-thpt-2024.csv'))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const [header, ...body] = lines;
  const out: string[] = [header ?? ''];
  for (let i = 0; i < rows; i++) out.push(body[i % body.length] ?? '');
  return Buffer.from(out.join('\n'));
}

interface Entry {
  readonly name: string;
  readonly compressed: Buffer;
  readonly crc: number;
  readonly size: number;
}

const small = (name: string, text: string): Entry => {
  const bytes = Buffer.from(text);
  return { name, compressed: deflateRawSync(bytes), crc: crc32(bytes), size: bytes.length };
};

/** Streams `inflatedBytes` of a worksheet (padding inside <sheetData>) through deflate at level 9. */
async function hugeSheet(inflatedBytes: number): Promise<Entry> {
  const head = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  );
  const tail = Buffer.from('</sheetData></worksheet>');
  const pad = Buffer.alloc(4 * 1024 * 1024, 0x20);
  const deflate = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => parts.push(chunk));
  const done = new Promise<void>((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  let crc = crc32(head);
  deflate.write(head);
  let left = inflatedBytes - head.length - tail.length;
  while (left > 0) {
    const chunk = left >= pad.length ? pad : pad.subarray(0, left);
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
    left -= chunk.length;
  }
  crc = crc32(tail, crc);
  deflate.end(tail);
  await done;
  return { name: 'xl/worksheets/sheet1.xml', compressed: Buffer.concat(parts), crc, size: inflatedBytes };
}

/**
 * An .xlsx whose worksheet inflates to `inflatedBytes`. With `declaredBytes` the archive lies: its headers
 * declare that size instead, so only counting what really comes out of inflation catches it.
 */
export async function xlsxZipBomb(inflatedBytes: number, declaredBytes?: number): Promise<Buffer> {
  const sheet = await hugeSheet(inflatedBytes);
  const entries: Entry[] = [
    small(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    small(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    small(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="DS" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    small(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    { ...sheet, size: declaredBytes ?? sheet.size },
  ];
  return zip(entries);
}

function zip(entries: readonly Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.compressed.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.compressed.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.compressed);
    centrals.push(central, name);
    offset += local.length + name.length + entry.compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
