import { Inject, Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { requireRecordHolder, vietnamDateOf, type AuthorityDirectory, type Calendar, type CommandContext } from '@so-goc/domain';
import type { EventStore } from '@so-goc/event-store';
import { OfficerAccess } from '../access/officer-access';
import { HolidayCalendarCache } from '../diplomas/holiday-calendar-cache';
import { EVENT_STORE, INFRASTRUCTURE, READ_MODELS, type Infrastructure } from '../infrastructure';

/** What command handlers need besides the command: the store, the directory and calendar folded from their streams, settings. */
@Injectable()
export class WriteDependencies {
  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(READ_MODELS) readonly readModels: Database,
    @Inject(INFRASTRUCTURE) readonly infrastructure: Infrastructure,
    private readonly access: OfficerAccess,
    private readonly calendarCache: HolidayCalendarCache,
  ) {}

  directory(): Promise<AuthorityDirectory> {
    return this.access.directory();
  }

  calendar(): Promise<Calendar> {
    return this.calendarCache.current();
  }

  /** Issue 12, item 6: the acting authority must hold the record's register today (requireRecordHolder). */
  async authorizeOnRecord(
    record: { authorityCode: string; vi: string; en: string },
    actingAuthorityCode: string,
    context: CommandContext,
  ): Promise<void> {
    requireRecordHolder(await this.directory(), {
      recordAuthorityCode: record.authorityCode,
      actingAuthorityCode,
      actDate: vietnamDateOf(new Date(context.occurredAt)),
      recordVi: record.vi,
      recordEn: record.en,
    });
  }
}
