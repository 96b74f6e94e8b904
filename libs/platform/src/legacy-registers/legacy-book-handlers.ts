import { join } from 'node:path';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  legacyBookDecider,
  legacyBookStream,
  legacyBookId,
  type LegacyBookCommand,
  type LegacyBookState,
  type CommandContext,
} from '@so-goc/domain';
import { handleCommand, type CommandOutcome, type EventStore } from '@so-goc/event-store';
import { EVENT_STORE, type Infrastructure } from '../infrastructure';
import { OfficerAccess } from '../access/officer-access';
import { loadState } from '../issuance/load-state';
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

function onBook(store: EventStore, bookId: string, command: LegacyBookCommand, context: CommandContext): Promise<CommandOutcome> {
  return underIdempotencyKey(store, context, () =>
    handleCommand(store, legacyBookDecider, { stream: legacyBookStream(bookId), command, context }),
  );
}

@CommandHandler(RegisterLegacyBook)
export class RegisterLegacyBookHandler implements ICommandHandler<RegisterLegacyBook, CommandOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: OfficerAccess,
  ) {}

  async execute({ book, context }: RegisterLegacyBook): Promise<CommandOutcome> {
    const directory = await this.access.directory();
    const bookId = legacyBookId(book.authorityCode, book.kind, book.year, book.volume);
    return onBook(
      this.store,
      bookId,
      { type: 'RegisterLegacyBook', ...book, actingAuthorityCode: context.actor.authorityCode, directory },
      context,
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

  async execute({ bookId, page, bytes, context }: AttachLegacyPageScan): Promise<CommandOutcome> {
    const facts = scanFacts(bytes);
    const command: LegacyBookCommand = {
      type: 'AttachLegacyPageScan',
      page,
      sha256: facts.sha256,
      mediaType: facts.mediaType ?? 'unknown',
      byteSize: facts.byteSize,
      directory: await this.access.directory(),
    };
    const state: LegacyBookState = await loadState(this.store, legacyBookDecider, legacyBookStream(bookId));
    legacyBookDecider.decide(command, state, context);
    this.scans.put(bytes, facts);
    return onBook(this.store, bookId, command, context);
  }
}

@CommandHandler(TranscribeLegacyEntries)
export class TranscribeLegacyEntriesHandler implements ICommandHandler<TranscribeLegacyEntries, CommandOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: OfficerAccess,
  ) {}

  async execute({ bookId, entries, context }: TranscribeLegacyEntries): Promise<CommandOutcome> {
    return onBook(
      this.store,
      bookId,
      { type: 'TranscribeLegacyEntries', entries, source: 'form', directory: await this.access.directory() },
      context,
    );
  }
}

@CommandHandler(AmendLegacyEntry)
export class AmendLegacyEntryHandler implements ICommandHandler<AmendLegacyEntry, CommandOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: OfficerAccess,
  ) {}

  async execute({ bookId, entry, context }: AmendLegacyEntry): Promise<CommandOutcome> {
    return onBook(this.store, bookId, { type: 'AmendLegacyEntry', entry, directory: await this.access.directory() }, context);
  }
}

@CommandHandler(CheckLegacyEntries)
export class CheckLegacyEntriesHandler implements ICommandHandler<CheckLegacyEntries, CommandOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: OfficerAccess,
  ) {}

  async execute({ bookId, confirmed, disputed, context }: CheckLegacyEntries): Promise<CommandOutcome> {
    return onBook(
      this.store,
      bookId,
      { type: 'CheckLegacyEntries', confirmed, disputed, directory: await this.access.directory() },
      context,
    );
  }
}
