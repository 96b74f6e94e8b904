import { join } from 'node:path';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  legacyBookDecider,
  legacyBookStream,
  legacyBookId,
  foldEvents,
  type LegacyBookCommand,
  type LegacyBookEvent,
  type LegacyBookState,
  type CommandContext,
} from '@so-goc/domain';
import { decodeEvent, handleCommand, staleRevision, type CommandOutcome, type EventStore } from '@so-goc/event-store';
import { EVENT_STORE, type Infrastructure } from '../infrastructure';
import { OfficerAccess } from '../access/officer-access';
import { underIdempotencyKey } from '../write-path/idempotency-key-guard';
import {
  AmendLegacyEntry,
  AttachLegacyPageScan,
  CheckLegacyEntries,
  RegisterLegacyBook,
  TranscribeLegacyEntries,
} from './legacy-book-commands';
import { scanFacts, ScanStore } from './scan-store';

export const LEGACY_SCAN_STORE = Symbol('LegacyScanStore');

export function scanStoreFor(infrastructure: Infrastructure): ScanStore {
  return new ScanStore(join(infrastructure.config.dataDir, 'scans'));
}

function onBook(
  store: EventStore,
  bookId: string,
  command: LegacyBookCommand,
  context: CommandContext,
  ifMatch?: bigint,
): Promise<CommandOutcome> {
  return underIdempotencyKey(store, context, () =>
    handleCommand(store, legacyBookDecider, {
      stream: legacyBookStream(bookId),
      command,
      context,
      ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}),
    }),
  );
}

@CommandHandler(RegisterLegacyBook)
export class RegisterLegacyBookHandler implements ICommandHandler<RegisterLegacyBook, CommandOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: OfficerAccess,
  ) {}

  async execute({ book, context, ifMatch }: RegisterLegacyBook): Promise<CommandOutcome> {
    const directory = await this.access.directory();
    const bookId = legacyBookId(book.authorityCode, book.kind, book.year, book.volume);
    return onBook(
      this.store,
      bookId,
      { type: 'RegisterLegacyBook', ...book, actingAuthorityCode: context.actor.authorityCode, directory },
      context,
      ifMatch,
    );
  }
}

/**
 * The scan is judged (page, type by magic bytes, size) before its file is written, and written before
 * the event that names it is appended: an event never points at a missing file, and a refused scan
 * leaves nothing behind.
 */
@CommandHandler(AttachLegacyPageScan)
export class AttachLegacyPageScanHandler implements ICommandHandler<AttachLegacyPageScan, CommandOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: OfficerAccess,
    @Inject(LEGACY_SCAN_STORE) private readonly scans: ScanStore,
  ) {}

  async execute({ bookId, page, bytes, context, ifMatch }: AttachLegacyPageScan): Promise<CommandOutcome> {
    const facts = scanFacts(bytes);
    const command: LegacyBookCommand = {
      type: 'AttachLegacyPageScan',
      page,
      sha256: facts.sha256,
      mediaType: facts.mediaType ?? 'unknown',
      byteSize: facts.byteSize,
      directory: await this.access.directory(),
    };
    const read = await this.store.readStream(legacyBookStream(bookId));
    // A stale If-Match is refused before the file is written, like any other refusal.
    if (ifMatch !== undefined && read.revision !== ifMatch) throw staleRevision(legacyBookStream(bookId), ifMatch, read.revision);
    const state: LegacyBookState = foldEvents(
      legacyBookDecider,
      read.events.map((e) => decodeEvent<LegacyBookEvent>(e)),
    );
    legacyBookDecider.decide(command, state, context);
    this.scans.put(bytes, facts);
    return onBook(this.store, bookId, command, context, ifMatch);
  }
}

@CommandHandler(TranscribeLegacyEntries)
export class TranscribeLegacyEntriesHandler implements ICommandHandler<TranscribeLegacyEntries, CommandOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: OfficerAccess,
  ) {}

  async execute({ bookId, entries, context, ifMatch }: TranscribeLegacyEntries): Promise<CommandOutcome> {
    return onBook(
      this.store,
      bookId,
      { type: 'TranscribeLegacyEntries', entries, source: 'form', directory: await this.access.directory() },
      context,
      ifMatch,
    );
  }
}

@CommandHandler(AmendLegacyEntry)
export class AmendLegacyEntryHandler implements ICommandHandler<AmendLegacyEntry, CommandOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: OfficerAccess,
  ) {}

  async execute({ bookId, entry, context, ifMatch }: AmendLegacyEntry): Promise<CommandOutcome> {
    return onBook(this.store, bookId, { type: 'AmendLegacyEntry', entry, directory: await this.access.directory() }, context, ifMatch);
  }
}

@CommandHandler(CheckLegacyEntries)
export class CheckLegacyEntriesHandler implements ICommandHandler<CheckLegacyEntries, CommandOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: OfficerAccess,
  ) {}

  async execute({ bookId, confirmed, disputed, context, ifMatch }: CheckLegacyEntries): Promise<CommandOutcome> {
    return onBook(
      this.store,
      bookId,
      { type: 'CheckLegacyEntries', confirmed, disputed, directory: await this.access.directory() },
      context,
      ifMatch,
    );
  }
}
