import { isIsoDate } from '@so-goc/domain';
import { decodeBase64UrlStrict, encodeBase64Url } from './base64url';
import { HOLDER_DIGEST_BYTES } from './holder-digest';

/** What a diploma's or a copy's QR vouches for. No plaintext personal data: the holder is only a digest. */
export interface VerificationPayload {
  readonly v: 1;
  readonly kid: string;
  readonly kind: 'diploma' | 'copy';
  readonly diplomaId: string;
  readonly serial: string;
  readonly registerNumber: string;
  readonly authorityCode: string;
  /** ISO date (YYYY-MM-DD). */
  readonly issueDate: string;
  readonly holderDigest: string;
  /** Only on a copy, which it tells apart from the other copies of the same diploma. */
  readonly copyNumber?: string;
}

export const KID_BYTES = 8;
const VERSION = 1;
const KINDS = ['diploma', 'copy'] as const;
const UUID_BYTES = 16;
// A length byte of 0 cannot start a text field (texts are never empty), so it marks a packed UUID instead.
const UUID_MARKER = 0;
const MAX_TEXT_BYTES = 255;
const LOWER_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Binary rather than JSON because the QR must stay small enough to scan off a printed page: field names,
 * quotes and the base64url text of the kid and digest would roughly double the token. Layout:
 * version, kind, kid (8 raw bytes), diplomaId (packed UUID or text), serial, registerNumber, authorityCode,
 * issueDate (3 bytes: year << 9 | month << 5 | day), holderDigest (16 raw bytes), then copyNumber on a copy.
 * Texts are a length byte and NFC UTF-8. Every payload has exactly one encoding, and the decoder accepts only
 * that one, so the signed bytes and the payload shown to a verifier can never disagree.
 */
export function encodePayload(payload: VerificationPayload): Buffer {
  if (payload.v !== VERSION) throw new RangeError(`Unsupported verification payload version ${String(payload.v)}`);
  const kind = KINDS.indexOf(payload.kind);
  if (kind < 0) throw new RangeError(`Verification payload kind must be diploma or copy, not ${String(payload.kind)}`);
  if (payload.kind === 'copy' && payload.copyNumber === undefined)
    throw new RangeError("A copy's verification payload needs its copyNumber");
  if (payload.kind === 'diploma' && payload.copyNumber !== undefined)
    throw new RangeError("A diploma's verification payload has no copyNumber");
  const parts: Buffer[] = [Buffer.from([VERSION, kind]), fixedBytes('kid', payload.kid, KID_BYTES), diplomaIdBytes(payload.diplomaId)];
  for (const field of ['serial', 'registerNumber', 'authorityCode'] as const) parts.push(textBytes(field, payload[field]));
  parts.push(dateBytes(payload.issueDate), fixedBytes('holderDigest', payload.holderDigest, HOLDER_DIGEST_BYTES));
  if (payload.copyNumber !== undefined) parts.push(textBytes('copyNumber', payload.copyNumber));
  return Buffer.concat(parts);
}

/** The payload, or undefined for any byte string encodePayload could not have produced. */
export function decodePayload(bytes: Buffer): VerificationPayload | undefined {
  const reader = new Reader(bytes);
  if (reader.byte() !== VERSION) return undefined;
  const kind = KINDS[reader.byte() ?? -1];
  const kid = reader.fixed(KID_BYTES);
  const diplomaId = reader.diplomaId();
  const serial = reader.text();
  const registerNumber = reader.text();
  const authorityCode = reader.text();
  const issueDate = reader.date();
  const digest = reader.fixed(HOLDER_DIGEST_BYTES);
  const copyNumber = kind === 'copy' ? reader.text() : undefined;
  if (!reader.atEnd() || reader.failed || kind === undefined || kid === undefined || digest === undefined) return undefined;
  if (
    diplomaId === undefined ||
    serial === undefined ||
    registerNumber === undefined ||
    authorityCode === undefined ||
    issueDate === undefined
  )
    return undefined;
  if (kind === 'copy' && copyNumber === undefined) return undefined;
  const payload = { v: VERSION, kid, kind, diplomaId, serial, registerNumber, authorityCode, issueDate, holderDigest: digest } as const;
  return copyNumber === undefined ? payload : { ...payload, copyNumber };
}

function fixedBytes(field: string, value: string, length: number): Buffer {
  const bytes = typeof value === 'string' ? decodeBase64UrlStrict(value) : undefined;
  if (bytes?.length !== length) throw new RangeError(`Verification payload ${field} must be base64url of ${length} bytes`);
  return bytes;
}

function diplomaIdBytes(value: string): Buffer {
  if (typeof value === 'string' && LOWER_UUID.test(value))
    return Buffer.concat([Buffer.from([UUID_MARKER]), Buffer.from(value.replace(/-/g, ''), 'hex')]);
  return textBytes('diplomaId', value);
}

function textBytes(field: string, value: string): Buffer {
  if (typeof value !== 'string' || value === '') throw new RangeError(`Verification payload ${field} must be a non-empty string`);
  const bytes = Buffer.from(value.normalize('NFC'), 'utf8');
  if (bytes.length > MAX_TEXT_BYTES) throw new RangeError(`Verification payload ${field} is longer than ${MAX_TEXT_BYTES} UTF-8 bytes`);
  return Buffer.concat([Buffer.from([bytes.length]), bytes]);
}

function dateBytes(value: string): Buffer {
  if (!isIsoDate(value))
    throw new RangeError(`Verification payload issueDate must be an ISO date (YYYY-MM-DD), not ${JSON.stringify(value)}`);
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const packed = (year << 9) | (month << 5) | day;
  return Buffer.from([packed >>> 16, (packed >>> 8) & 0xff, packed & 0xff]);
}

/** Reads without throwing: any overrun or non-canonical field just marks the input as failed. */
class Reader {
  private offset = 0;
  failed = false;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });

  constructor(private readonly bytes: Buffer) {}

  byte(): number | undefined {
    return this.take(1)?.[0];
  }

  fixed(length: number): string | undefined {
    const bytes = this.take(length);
    return bytes && encodeBase64Url(bytes);
  }

  text(): string | undefined {
    const length = this.byte();
    if (length === undefined || length === 0) return this.fail();
    const bytes = this.take(length);
    if (bytes === undefined) return undefined;
    let text: string;
    try {
      text = this.utf8.decode(bytes);
    } catch {
      return this.fail();
    }
    return text.normalize('NFC') === text ? text : this.fail();
  }

  diplomaId(): string | undefined {
    if (this.bytes[this.offset] !== UUID_MARKER) {
      const text = this.text();
      // A lower-case UUID is always packed, so finding one as text means the bytes were not made by us.
      return text !== undefined && LOWER_UUID.test(text) ? this.fail() : text;
    }
    this.offset++;
    const hex = this.take(UUID_BYTES)?.toString('hex');
    return hex && `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  date(): string | undefined {
    const bytes = this.take(3);
    if (bytes === undefined) return undefined;
    const packed = ((bytes[0] as number) << 16) | ((bytes[1] as number) << 8) | (bytes[2] as number);
    const year = String(packed >>> 9).padStart(4, '0');
    const iso = `${year}-${String((packed >>> 5) & 0x0f).padStart(2, '0')}-${String(packed & 0x1f).padStart(2, '0')}`;
    return isIsoDate(iso) ? iso : this.fail();
  }

  atEnd(): boolean {
    return this.offset === this.bytes.length;
  }

  private take(length: number): Buffer | undefined {
    if (this.failed || this.offset + length > this.bytes.length) return this.fail();
    const bytes = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return bytes;
  }

  private fail(): undefined {
    this.failed = true;
    return undefined;
  }
}
