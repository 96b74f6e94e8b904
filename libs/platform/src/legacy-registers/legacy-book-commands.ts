import { Command } from '@nestjs/cqrs';
import type { CommandContext, DiplomaKind, FieldDisagreement, LegacyEntryInput } from '@so-goc/domain';
import type { CommandOutcome } from '@so-goc/event-store';

/** One typed command per act on a paper register book (issue 12's write-path shape). */
export class RegisterLegacyBook extends Command<CommandOutcome> {
  constructor(
    readonly book: { authorityCode: string; kind: DiplomaKind; titleAsWritten: string; year: number; volume: number; pageCount: number },
    readonly context: CommandContext,
    /** If-Match: the book stream's revision the officer saw (a new book has none, so any revision is stale). */
    readonly ifMatch?: bigint,
  ) {
    super();
  }
}

export class AttachLegacyPageScan extends Command<CommandOutcome> {
  constructor(
    readonly bookId: string,
    readonly page: number,
    readonly bytes: Uint8Array,
    readonly context: CommandContext,
    /** If-Match: the book stream's revision the officer saw (the ETag of the last answer). */
    readonly ifMatch?: bigint,
  ) {
    super();
  }
}

export class TranscribeLegacyEntries extends Command<CommandOutcome> {
  constructor(
    readonly bookId: string,
    readonly entries: readonly LegacyEntryInput[],
    readonly context: CommandContext,
    /** If-Match: the book stream's revision the officer saw (the ETag of the last answer). */
    readonly ifMatch?: bigint,
  ) {
    super();
  }
}

export class AmendLegacyEntry extends Command<CommandOutcome> {
  constructor(
    readonly bookId: string,
    readonly entry: LegacyEntryInput,
    readonly context: CommandContext,
    /** If-Match: the book stream's revision the officer saw (the ETag of the last answer). */
    readonly ifMatch?: bigint,
  ) {
    super();
  }
}

export class CheckLegacyEntries extends Command<CommandOutcome> {
  constructor(
    readonly bookId: string,
    readonly confirmed: readonly string[],
    readonly disputed: readonly { entryId: string; disagreements: readonly FieldDisagreement[] }[],
    readonly context: CommandContext,
    /** If-Match: the book stream's revision the officer saw (the ETag of the last answer). */
    readonly ifMatch?: bigint,
  ) {
    super();
  }
}

export interface LegacyImportOutcome {
  readonly books: readonly { bookId: string; entriesRecorded: number; alreadyHandled: boolean }[];
  readonly rows: number;
}

/** A sheet of typed lines of one authority's books: all rows clean, or nothing recorded. */
export class ImportLegacyEntries extends Command<LegacyImportOutcome> {
  constructor(
    readonly authorityCode: string,
    readonly fileName: string,
    readonly bytes: Uint8Array,
    readonly context: CommandContext,
  ) {
    super();
  }
}
