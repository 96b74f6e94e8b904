import { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@so-goc/domain';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF = 'application/pdf';

/** A register or minutes as officers file them: the same content as Excel or as a printable PDF. */
export async function exportReply(
  response: Response,
  format: string,
  name: string,
  // A long book's PDF comes as a stream (issue 19): its first pages leave while the rest is laid out.
  writers: { readonly xlsx: () => Promise<Uint8Array>; readonly pdf: () => Promise<Uint8Array> | Readable },
): Promise<StreamableFile> {
  if (format !== 'xlsx' && format !== 'pdf') {
    throw new DomainError({
      code: 'UNSUPPORTED_FORMAT',
      kind: 'not_found',
      messageVi: `Không hỗ trợ định dạng ${format}; dùng xlsx hoặc pdf.`,
      messageEn: `Format ${format} is not supported; use xlsx or pdf.`,
      field: 'format',
    });
  }
  const file = await writers[format]();
  if (file instanceof Readable) {
    setFileHeaders(response, format, name);
    return new StreamableFile(file);
  }
  return fileReply(response, file, format, name);
}

function setFileHeaders(response: Response, format: 'xlsx' | 'pdf', name: string): void {
  response.setHeader('Content-Type', format === 'xlsx' ? XLSX : PDF);
  response.setHeader('Content-Disposition', `attachment; filename="${name}.${format}"`);
}

/** A downloaded file; a document whose hash is recorded carries it, so the caller can compare. */
export function fileReply(response: Response, bytes: Uint8Array, format: 'xlsx' | 'pdf', name: string, sha256?: string): StreamableFile {
  setFileHeaders(response, format, name);
  if (sha256) response.setHeader('X-Content-SHA256', sha256);
  return new StreamableFile(Buffer.from(bytes));
}
