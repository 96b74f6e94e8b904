import type { Database } from 'better-sqlite3';
import type { CopyRegisterEvent, RegisterEvent } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import { prepared } from '../prepared-statements';
import type { Projection } from '../projection';
import { changeSeqOf, createDetectionTable, occurredAt, recordDetection } from './detections';

export const REGISTER_SEQUENCE_TABLE = 'audit_register_detections';

/**
 * Rule 21 and §3.7: register numbers and copy numbers run 1, 2, 3… per issuer, kind and calendar year,
 * each used once. The deciders hand them out that way; this watches what was actually recorded (an
 * import, another store, a hand-made event): a gap or a number used twice (F5 for the sổ gốc, F10 for
 * the copy register), and numbers entered into a year's book after that year ended (F6, back-dating).
 * "After the year ended" means after the book was in use in its own year and the year closed: a book
 * whose first entry is itself recorded after its year — a past year back-filled into a new registry, as
 * the demo province's 2024 is — has no closed book to insert into, so it is not F6 (its numbers are
 * still watched for gaps and duplicates). Each event costs one row read and one row written.
 */
export const registerSequenceProjection: Projection = {
  name: 'audit-register-sequence',
  version: 2,
  handles: ['RegisterNumbersAssigned', 'CopyNumbersAssigned'],
  tables: ['audit_register_heads', REGISTER_SEQUENCE_TABLE],
  createTables(db: Database): void {
    // live: 1 once an entry of the book was recorded within the book's own year (the book was in use then).
    db.exec('CREATE TABLE IF NOT EXISTS audit_register_heads (stream TEXT PRIMARY KEY, last INTEGER NOT NULL, live INTEGER NOT NULL)');
    createDetectionTable(db, REGISTER_SEQUENCE_TABLE);
  },
  apply(db: Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as RegisterEvent | CopyRegisterEvent;
    const book = parseBookStream(recorded.stream);
    if (!book) return;
    const { first, last } = event.data;
    const reference =
      event.type === 'RegisterNumbersAssigned' ? { printRunId: event.data.printRunId } : { requestId: event.data.requestId };
    const seenAt = occurredAt(recorded);
    // Vietnam is UTC+7: an entry made at 23:30 on 31/12 local time still belongs to that year.
    const enteredYear = new Date(Date.parse(seenAt) + 7 * 3600_000).getUTCFullYear();
    const before = prepared<[string], { last: number; live: number }>(
      db,
      'SELECT last, live FROM audit_register_heads WHERE stream = ?',
    ).get(recorded.stream);
    const head = before?.last ?? 0;
    const wasLive = before?.live === 1;
    prepared(
      db,
      'INSERT INTO audit_register_heads VALUES (?, ?, ?) ON CONFLICT (stream) DO UPDATE SET last = MAX(last, excluded.last), live = MAX(live, excluded.live)',
    ).run(recorded.stream, last, enteredYear <= book.year ? 1 : 0);
    const bookVi = book.copies ? `sổ cấp bản sao ${book.kind} năm ${book.year}` : `sổ gốc ${book.kind} năm ${book.year}`;
    const bookEn = book.copies ? `copy register ${book.kind} ${book.year}` : `original register ${book.kind} ${book.year}`;
    const pattern = book.copies ? 'F10' : 'F5';
    const links = [
      book.copies
        ? `/api/v1/authorities/${book.authorityCode}/copy-register/${book.kind}/${book.year}`
        : `/api/v1/authorities/${book.authorityCode}/register-books/${book.kind}/${book.year}`,
    ];
    const seq = changeSeqOf(recorded);
    if (first > head + 1) {
      recordDetection(
        db,
        REGISTER_SEQUENCE_TABLE,
        {
          key: `${pattern}:gap:${recorded.stream}:${head + 1}`,
          pattern,
          severity: 'high',
          policeReferral: false,
          authorityCode: book.authorityCode,
          subject: bookVi,
          summaryVi: `${cap(bookVi)}: bỏ trống số ${range(head + 1, first - 1)}; số tiếp theo được ghi là ${first}.`,
          summaryEn: `${cap(bookEn)}: number(s) ${range(head + 1, first - 1)} skipped; the next entry is ${first}.`,
          facts: { book: recorded.stream, missingFrom: head + 1, missingTo: first - 1, nextRecorded: first, ...reference },
          links,
          seenAt,
        },
        seq,
      );
    } else if (first <= head) {
      recordDetection(
        db,
        REGISTER_SEQUENCE_TABLE,
        {
          key: `${pattern}:duplicate:${recorded.stream}:${first}`,
          pattern,
          severity: 'critical',
          policeReferral: false,
          authorityCode: book.authorityCode,
          subject: bookVi,
          summaryVi: `${cap(bookVi)}: số ${range(first, Math.min(last, head))} được ghi lần thứ hai.`,
          summaryEn: `${cap(bookEn)}: number(s) ${range(first, Math.min(last, head))} entered a second time.`,
          facts: { book: recorded.stream, duplicateFrom: first, duplicateTo: Math.min(last, head), ...reference },
          links,
          seenAt,
        },
        seq,
      );
    }
    if (!book.copies && enteredYear > book.year && wasLive) {
      recordDetection(
        db,
        REGISTER_SEQUENCE_TABLE,
        {
          key: `F6:after-close:${recorded.stream}:${first}`,
          pattern: 'F6',
          severity: 'high',
          policeReferral: false,
          authorityCode: book.authorityCode,
          subject: bookVi,
          summaryVi: `${cap(bookVi)}: số ${range(first, last)} được vào sổ năm ${enteredYear}, sau khi năm ${book.year} đã kết thúc.`,
          summaryEn: `${cap(bookEn)}: number(s) ${range(first, last)} entered in ${enteredYear}, after the year ${book.year} had ended.`,
          facts: { book: recorded.stream, first, last, enteredAt: seenAt, ...reference },
          links,
          seenAt,
        },
        seq,
      );
    }
  },
};

function parseBookStream(stream: string): { copies: boolean; authorityCode: string; kind: string; year: number } | undefined {
  const match = /^(copy-register|register)-(.+)-(THCS|THPT)-(\d{4})$/.exec(stream);
  if (!match) return undefined;
  return { copies: match[1] === 'copy-register', authorityCode: match[2]!, kind: match[3]!, year: Number(match[4]) };
}

const range = (from: number, to: number) => (from === to ? String(from) : `${from}–${to}`);
const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
