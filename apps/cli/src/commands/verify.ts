import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  holderDigest,
  parsePublishedKeySet,
  verificationKeySetOf,
  verifyVerificationToken,
  type VerificationKeySet,
} from '@so-goc/documents';
import Database from 'better-sqlite3';
import { FileKeyring, loadConfig, mergePublishedKeySets } from '@so-goc/platform';
import { publishedSigningKeys } from '@so-goc/projections';

export interface VerifyOptions {
  /** A published key set saved from the portal (/.well-known/so-goc-keys.json); otherwise the projected key directory and the local keyring. */
  readonly keys?: string;
  readonly fullName?: string;
  readonly birthDate?: string;
}

/**
 * Offline check of a diploma's QR: the token's Ed25519 signature against the published keys, and what it
 * binds. It says nothing of the diploma's live status (revoked, corrected): that is the portal's answer.
 */
export function verifyOffline(subject: string, options: VerifyOptions): { ok: boolean; lines: string[] } {
  const token = tokenOf(subject);
  const keySet = keySetOf(options.keys);
  const result = verifyVerificationToken(token, keySet);
  if (result.status === 'forged') return { ok: false, lines: [`GIẢ MẠO / FORGED: ${result.reason}`] };
  const p = result.payload;
  const lines = [
    'Chữ ký hợp lệ / Signature valid',
    `  loại / kind:              ${p.kind === 'copy' ? `bản sao ${p.copyNumber ?? ''}`.trim() : 'văn bằng'}`,
    `  mã văn bằng / diploma id: ${p.diplomaId}`,
    `  số hiệu / serial:         ${p.serial}`,
    `  số vào sổ / register no.: ${p.registerNumber}`,
    `  cơ quan / authority:      ${p.authorityCode}`,
    `  ngày cấp / issue date:    ${p.issueDate}`,
    `  khoá / key id:            ${p.kid}`,
  ];
  if (options.fullName && options.birthDate) {
    const same = holderDigest(options.fullName.normalize('NFC'), options.birthDate) === p.holderDigest;
    lines.push(same ? '  người được cấp khớp / holder matches' : '  NGƯỜI ĐƯỢC CẤP KHÔNG KHỚP / HOLDER DOES NOT MATCH');
    return { ok: same, lines };
  }
  return { ok: true, lines };
}

function tokenOf(subject: string): string {
  if (subject.toLowerCase().endsWith('.pdf') && existsSync(subject)) return tokenFromPdf(subject);
  const slash = subject.lastIndexOf('/v/');
  return slash >= 0 ? subject.slice(slash + 3).split(/[?#]/)[0]! : subject.trim();
}

/** Reads the QR off the first page as a phone would: rasterised by poppler, decoded by zbar. */
function tokenFromPdf(file: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'so-goc-verify-'));
  try {
    execFileSync('pdftoppm', ['-r', '200', '-png', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'page')]);
    const decoded =
      execFileSync('zbarimg', ['--raw', '-q', join(dir, 'page.png')])
        .toString('utf8')
        .trim()
        .split('\n')[0] ?? '';
    return tokenOf(decoded);
  } catch (error) {
    throw new Error(`Không đọc được mã QR trong ${file} (cần pdftoppm và zbarimg): ${(error as Error).message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function keySetOf(file: string | undefined): VerificationKeySet {
  if (file) return verificationKeySetOf(parsePublishedKeySet(readFileSync(file, 'utf8')));
  const config = loadConfig();
  const local = FileKeyring.forConfig(config).publishedKeySet();
  return verificationKeySetOf(mergePublishedKeySets(directoryOf(config.readModelFile), local));
}

/** Keys published by other nodes, as this machine's read models hold them; none when there are none yet. */
function directoryOf(readModelFile: string): ReturnType<typeof publishedSigningKeys> {
  if (!existsSync(readModelFile)) return { keys: [] };
  const db = new Database(readModelFile, { readonly: true, fileMustExist: true });
  try {
    return publishedSigningKeys(db);
  } catch (error) {
    if (error instanceof Error && /no such table/.test(error.message)) return { keys: [] };
    throw error;
  } finally {
    db.close();
  }
}
