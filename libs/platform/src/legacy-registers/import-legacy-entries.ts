import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { readLegacyEntries, type LegacyRow } from '@so-goc/documents';
import { DomainError, legacyBookDecider, legacyBookId, legacyBookStream, type LegacyBookCommand, type RowProblem } from '@so-goc/domain';
import { handleCommand, type EventStore } from '@so-goc/event-store';
import { underIdempotencyKey } from '../write-path/idempotency-key-guard';
import { EVENT_STORE } from '../infrastructure';
import { OfficerAccess } from '../access/officer-access';
import { loadState } from '../issuance/load-state';
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
    const commands = new Map<string, LegacyBookCommand>();
    for (const [bookId, rows] of byBook) {
      const command: LegacyBookCommand = {
        type: 'TranscribeLegacyEntries',
        entries: rows.map((row) => row.entry),
        source: 'spreadsheet',
        directory,
      };
      commands.set(bookId, command);
      try {
        legacyBookDecider.decide(command, await loadState(this.store, legacyBookDecider, legacyBookStream(bookId)), context);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        problems.push(...toRowProblems(error, rows, sheet.headers));
      }
    }
    if (problems.length > 0) throw new LegacySheetRejected(problems.sort((a, b) => a.row - b.row));
    const books: { bookId: string; entriesRecorded: number; alreadyHandled: boolean }[] = [];
    for (const [bookId, command] of commands) {
      const outcome = await handleCommand(this.store, legacyBookDecider, { stream: legacyBookStream(bookId), command, context });
      const recorded = outcome.events.reduce((sum, event) => sum + ((event.data as { entries?: unknown[] }).entries?.length ?? 0), 0);
      books.push({ bookId, entriesRecorded: outcome.alreadyHandled ? 0 : recorded, alreadyHandled: outcome.alreadyHandled });
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
