import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { readLegacyEntries, type LegacyRow } from '@so-goc/documents';
import {
  DomainError,
  foldEvents,
  legacyBookDecider,
  legacyBookId,
  legacyBookStream,
  metadataFor,
  type LegacyBookCommand,
  type LegacyBookEvent,
  type RowProblem,
} from '@so-goc/domain';
import {
  decodeEvent,
  deriveEventId,
  handleCommand,
  WrongExpectedRevisionError,
  type EventStore,
  type ExpectedRevision,
} from '@so-goc/event-store';
import { underIdempotencyKey } from '../write-path/idempotency-key-guard';
import { EVENT_STORE } from '../infrastructure';
import { OfficerAccess } from '../access/officer-access';
import { ImportLegacyEntries, type LegacyImportOutcome } from './legacy-book-commands';

/** The sheet had bad rows: every one is listed, and nothing was recorded. */
export class LegacySheetRejected extends DomainError {
  constructor(readonly rowProblems: readonly RowProblem[]) {
    super({
      code: 'LEGACY_SHEET_REJECTED',
      kind: 'invalid_input',
      messageVi: `Tệp có ${rowProblems.length} lỗi; chưa ghi nhận dòng nào. Sửa các dòng được nêu rồi tải lên lại.`,
      messageEn: `The sheet has ${rowProblems.length} problems; nothing was recorded. Fix the rows listed and upload it again.`,
      field: 'file',
      fieldProblems: rowProblems.map((p) => ({
        field: `row ${p.row}: ${p.column}`,
        code: p.code,
        messageVi: p.messageVi,
        messageEn: p.messageEn,
      })),
    });
  }
}

const ENTRY_PATH = /^entries\[(\d+)\](?:\.fields\.(\w+)|\.(page|line))?/;

/**
 * Bulk intake of lines typed by data-entry staff. Every book the sheet names is read, and every line is
 * judged by the book's own decider before anything is appended, so the officer gets every bad row of the
 * whole file at once and nothing is recorded until the file is clean. Then each book gets one append.
 * Lines already in a book exactly as typed are skipped by the decider, so sending the file again (or
 * finishing an upload cut short between two books) records nothing twice.
 *
 * Each book is decided once: the events of the check are appended at the revision the check read, so
 * the book's stream revision still guards every line (architecture §3). Only if another officer wrote
 * to the book in between is the command decided again on the new state (handleCommand). Deciding twice
 * (check, then handleCommand) was a third of the import's time at 100,000 lines (bench:digitise).
 */
@CommandHandler(ImportLegacyEntries)
export class ImportLegacyEntriesHandler implements ICommandHandler<ImportLegacyEntries, LegacyImportOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: OfficerAccess,
  ) {}

  execute(command: ImportLegacyEntries): Promise<LegacyImportOutcome> {
    return underIdempotencyKey(this.store, command.context, () => this.import(command));
  }

  private async import({ authorityCode, fileName, bytes, context }: ImportLegacyEntries): Promise<LegacyImportOutcome> {
    const sheet = await readLegacyEntries(bytes, fileName);
    if (sheet.problems.length > 0) throw new LegacySheetRejected(sheet.problems);
    const directory = await this.access.directory();
    const byBook = new Map<string, LegacyRow[]>();
    for (const row of sheet.rows) {
      const bookId = legacyBookId(authorityCode, row.kind, row.year, row.volume);
      const rows = byBook.get(bookId);
      if (rows) rows.push(row);
      else byBook.set(bookId, [row]);
    }
    const problems: RowProblem[] = [];
    const decided = new Map<
      string,
      { command: LegacyBookCommand; revision: ExpectedRevision; events: readonly LegacyBookEvent[]; alreadyHandled: boolean }
    >();
    for (const [bookId, rows] of byBook) {
      const stream = legacyBookStream(bookId);
      const command: LegacyBookCommand = {
        type: 'TranscribeLegacyEntries',
        entries: rows.map((row) => row.entry),
        source: 'spreadsheet',
        directory,
      };
      const read = await this.store.readStream(stream);
      // The same command already recorded here (a retry cut short): nothing to decide for this book.
      const firstId = deriveEventId(context.commandId, stream, 0);
      if (read.events.some((event) => event.id === firstId)) {
        decided.set(bookId, { command, revision: read.revision, events: [], alreadyHandled: true });
        continue;
      }
      try {
        const state = foldEvents(
          legacyBookDecider,
          read.events.map((event) => decodeEvent<LegacyBookEvent>(event)),
        );
        const events = legacyBookDecider.decide(command, state, context);
        decided.set(bookId, { command, revision: read.revision, events, alreadyHandled: false });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        problems.push(...toRowProblems(error, rows, sheet.headers));
      }
    }
    if (problems.length > 0) throw new LegacySheetRejected(problems.sort((a, b) => a.row - b.row));
    const books: { bookId: string; entriesRecorded: number; alreadyHandled: boolean }[] = [];
    const metadata = metadataFor(context);
    for (const [bookId, { command, revision, events, alreadyHandled }] of decided) {
      const stream = legacyBookStream(bookId);
      let recordedEvents: readonly LegacyBookEvent[] = events;
      let handled = alreadyHandled;
      if (events.length > 0) {
        try {
          await this.store.appendToStream(
            stream,
            events.map((event, index) => ({
              id: deriveEventId(context.commandId, stream, index),
              type: event.type,
              data: event.data,
              metadata,
            })),
            revision,
          );
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
          // Someone wrote to the book since the check: decide again on what is there now.
          const outcome = await handleCommand(this.store, legacyBookDecider, { stream, command, context });
          recordedEvents = outcome.events;
          handled = outcome.alreadyHandled;
        }
      }
      const recorded = recordedEvents.reduce(
        (sum, event) => sum + (event.type === 'LegacyEntriesTranscribed' ? event.data.entries.length : 0),
        0,
      );
      books.push({ bookId, entriesRecorded: handled ? 0 : recorded, alreadyHandled: handled });
    }
    return { books, rows: sheet.rows.length };
  }
}

function toRowProblems(
  error: DomainError,
  rows: readonly LegacyRow[],
  headers: Readonly<Record<string, string | undefined>>,
): RowProblem[] {
  const found = error.problem.fieldProblems ?? [
    { field: error.problem.field ?? '', code: error.problem.code, messageVi: error.problem.messageVi, messageEn: error.problem.messageEn },
  ];
  return found.map((problem) => {
    const match = ENTRY_PATH.exec(problem.field);
    const row = match ? rows[Number(match[1])] : undefined;
    // A refusal of the whole book (not registered, not held by this authority) is reported on its first row.
    const field = match ? (match[2] ?? match[3] ?? 'line') : 'volume';
    return {
      row: (row ?? rows[0]!).row,
      column: headers[field] ?? field,
      field,
      code: problem.code,
      messageVi: problem.messageVi,
      messageEn: problem.messageEn,
    };
  });
}
