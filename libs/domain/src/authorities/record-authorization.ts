import type { IsoDate } from '../shared/dates';
import { DomainError } from '../shared/errors';
import type { AuthorityDirectory } from './authority';
import { registerHolderOn } from './authority-directory';

export interface RecordAuthorizationQuery {
  /** The authority the record belongs to: the issuer of a diploma, the office that opened a request. */
  readonly recordAuthorityCode: string;
  /** The authority the officer acts for. */
  readonly actingAuthorityCode: string;
  /** The day the act is recorded. */
  readonly actDate: IsoDate;
  /** What the record is, for the message: "văn bằng", "yêu cầu cấp bản sao"… */
  readonly recordVi: string;
  readonly recordEn: string;
}

/**
 * Issue 12, item 6: every act on an existing record is authorized against the record, not the URL. Only
 * whoever holds the record's register on the day may act on it: the authority itself or, after a merger
 * or an abolition, its successor (rules 32, 41, 46; TT13/2025). The officer guard has already checked
 * that the officer may act for `actingAuthorityCode`; this checks that authority against the record.
 */
export function requireRecordHolder(directory: AuthorityDirectory, query: RecordAuthorizationQuery): void {
  const holder = registerHolderOn(directory, query.recordAuthorityCode, query.actDate);
  if (holder ? holder.code === query.actingAuthorityCode : query.recordAuthorityCode === query.actingAuthorityCode) return;
  throw new DomainError({
    code: 'RECORD_OF_ANOTHER_AUTHORITY',
    kind: 'forbidden',
    messageVi: `Hồ sơ (${query.recordVi}) thuộc ${holder?.name ?? query.recordAuthorityCode}; ${query.actingAuthorityCode} không được thao tác trên hồ sơ này.`,
    messageEn: `This ${query.recordEn} belongs to ${holder?.name ?? query.recordAuthorityCode}; ${query.actingAuthorityCode} may not act on it.`,
  });
}
