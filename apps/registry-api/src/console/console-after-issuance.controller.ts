import { Body, Controller, Get, Inject, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Database } from 'better-sqlite3';
import {
  diplomaDecider,
  diplomaStream,
  DomainError,
  REVOCATION_GROUNDS,
  REVOCATION_SOURCES,
  type RevocationGround,
  type RevocationSource,
} from '@so-goc/domain';
import { registerEntryOf, type RegisterEntryView } from '@so-goc/projections';
import type { EventStore } from '@so-goc/event-store';
import { EVENT_STORE, loadState, PublicRoute, READ_MODELS, RevokeDiploma } from '@so-goc/platform';
import { ConsoleErrorFilter } from './auth/console-errors.filter';
import { sendPage } from './auth/console-http';
import { ConsoleGuard, ConsolePage, type ConsoleRequest } from './auth/console.guard';
import { submitFormAct } from './pages/act-pages';
import { consoleCommandContext, readDate, type FormValues } from './pages/form-input';
import { ReadYourWrites } from './pages/read-your-writes';
import { confirmRevocationPage, revocationFormPage } from './pages/revocation.page';
import type { FieldError } from './ui/components';
import type { Lang } from './ui/html';
import { consoleBase } from './ui/layout';
import type { PageContext } from './ui/page-context';
import { pageContext } from './ui/request-context';

/** After issuance: revocation (rules 40–45), through the same platform call as POST …/diplomas/{id}/revocation. */
@ApiExcludeController()
@PublicRoute()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
@Controller('console/:code/diplomas/:diplomaId/revocation')
export class ConsoleAfterIssuanceController {
  constructor(
    private readonly commands: CommandBus,
    private readonly settled: ReadYourWrites,
    @Inject(READ_MODELS) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The form; a proposal on file (§2.7) fills in its ground, source and reasons for the one who decides. */
  @Get()
  @ConsolePage('registrar', 'signer')
  async form(
    @Param('code') code: string,
    @Param('diplomaId') diplomaId: string,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const entry = this.entry(code, diplomaId);
    const proposal = (await loadState(this.store, diplomaDecider, diplomaStream(diplomaId))).revocationProposal;
    const values: FormValues = proposal ? { ground: proposal.ground, source: proposal.source } : {};
    sendPage(response, revocationFormPage(pageContext(request, response), { entry, values, errors: [] }));
  }

  /** Step one: check what was typed, then restate it; nothing is recorded yet. */
  @Post()
  @ConsolePage('registrar', 'signer')
  check(
    @Param('code') code: string,
    @Param('diplomaId') diplomaId: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    return this.revocation(code, diplomaId, body, request, response, false);
  }

  @Post('confirmed')
  @ConsolePage('registrar', 'signer')
  revoke(
    @Param('code') code: string,
    @Param('diplomaId') diplomaId: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    return this.revocation(code, diplomaId, body, request, response, true);
  }

  private revocation(
    code: string,
    diplomaId: string,
    body: unknown,
    request: ConsoleRequest,
    response: Response,
    record: boolean,
  ): Promise<void> {
    const entry = this.entry(code, diplomaId);
    return submitFormAct(request, response, body, {
      read: (ctx, v, errors) => {
        errors.push(...checkRevocation(ctx.lang, v));
        const decisionDate = readDate(ctx.lang, v, 'decisionDate', []);
        return () =>
          this.commands.execute(
            new RevokeDiploma(
              {
                diplomaId,
                authorityCode: code,
                decisionNumber: (v['decisionNumber'] ?? '').trim(),
                decisionDate,
                ground: v['ground'] as RevocationGround,
                reasons: v['reasons'] ?? '',
                source: v['source'] as RevocationSource,
              },
              consoleCommandContext(request, body),
            ),
          );
      },
      ...(record ? {} : { confirm: (ctx: PageContext, values: FormValues) => confirmRevocationPage(ctx, { entry, values }) }),
      next: () => `${consoleBase(code)}/diplomas/${diplomaId}?done=revoked`,
      again: (ctx, values, errors) => revocationFormPage(ctx, { entry, values, errors }),
      settle: () => this.settled.settle(),
    });
  }

  private entry(code: string, diplomaId: string): RegisterEntryView {
    const entry = registerEntryOf(this.db, code, diplomaId);
    if (!entry) {
      throw new DomainError({
        code: 'DIPLOMA_NOT_FOUND',
        kind: 'not_found',
        messageVi: 'Không có văn bằng này trong sổ của đơn vị.',
        messageEn: 'No such diploma in this office’s register.',
      });
    }
    return entry;
  }
}

function checkRevocation(lang: Lang, v: FormValues): FieldError[] {
  const errors: FieldError[] = [];
  const say = (vi: string, en: string) => (lang === 'vi' ? vi : en);
  if (!(v['decisionNumber'] ?? '').trim())
    errors.push({ field: 'decisionNumber', message: say('Nhập số quyết định thu hồi.', 'Enter the revocation decision number.') });
  readDate(lang, v, 'decisionDate', errors, { vi: 'Ngày quyết định', en: 'Decision date' });
  if (!(REVOCATION_GROUNDS as readonly string[]).includes(v['ground'] ?? ''))
    errors.push({ field: 'ground', message: say('Chọn căn cứ thu hồi.', 'Choose the ground.') });
  if (!(REVOCATION_SOURCES as readonly string[]).includes(v['source'] ?? ''))
    errors.push({ field: 'source', message: say('Chọn nơi phát hiện.', 'Choose who detected it.') });
  // Rule 42: the decision states its reasons.
  if (!(v['reasons'] ?? '').trim())
    errors.push({ field: 'reasons', message: say('Ghi lý do thu hồi (quy tắc 42).', 'State the reasons (rule 42).') });
  return errors;
}
