// exceljs zips with JSZip, which stamps every entry with the wall-clock time (in the server's zone):
// two exports of the same data would differ. Rewriting the DOS date/time fields is enough, because the
// CRC covers only the entry data, not its headers.

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

function dosDateTime(instant: Date): { date: number; time: number } {
  const local = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  const year = Math.max(local.getUTCFullYear(), 1980);
  return {
    date: ((year - 1980) << 9) | ((local.getUTCMonth() + 1) << 5) | local.getUTCDate(),
    time: (local.getUTCHours() << 11) | (local.getUTCMinutes() << 5) | Math.floor(local.getUTCSeconds() / 2),
  };
}

function findEndOfCentralDirectory(zip: Buffer): number {
  for (let at = zip.length - 22; at >= 0; at--) if (zip.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  throw new Error('Not a zip archive: no end-of-central-directory record');
}

/** A copy of the archive with every entry dated at `instant` (Vietnam time, as zip dates are local). */
export function stampZipEntries(zip: Buffer, instant: Date): Buffer {
  const out = Buffer.from(zip);
  const { date, time } = dosDateTime(instant);
  const eocd = findEndOfCentralDirectory(out);
  const entries = out.readUInt16LE(eocd + 10);
  let at = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new Error(`Corrupt zip central directory at ${at}`);
    out.writeUInt16LE(time, at + 12);
    out.writeUInt16LE(date, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== LOCAL_SIGNATURE) throw new Error(`Corrupt zip local header at ${local}`);
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(date, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}
