import { Body, Controller, Get, Inject, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Database } from 'better-sqlite3';
import { DomainError, REVOCATION_GROUNDS, REVOCATION_SOURCES, type RevocationGround, type RevocationSource } from '@so-goc/domain';
import { registerEntryOf, type RegisterEntryView } from '@so-goc/projections';
import { PublicRoute, READ_MODELS, RevokeDiploma } from '@so-goc/platform';
import { ConsoleErrorFilter } from './auth/console-errors.filter';
import { sendPage } from './auth/console-http';
import { ConsoleGuard, ConsolePage, type ConsoleRequest } from './auth/console.guard';
import { consoleCommandContext, formValues, isRefusal, readDate, refusalErrors, type FormValues } from './pages/form-input';
import { ReadYourWrites } from './pages/read-your-writes';
import { confirmRevocationPage, revocationFormPage } from './pages/revocation.page';
import type { FieldError } from './ui/components';
import type { Lang } from './ui/html';
import { consoleBase } from './ui/layout';
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
  ) {}

  @Get()
  @ConsolePage('registrar', 'signer')
  form(
    @Param('code') code: string,
    @Param('diplomaId') diplomaId: string,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): void {
    sendPage(response, revocationFormPage(pageContext(request, response), { entry: this.entry(code, diplomaId), values: {}, errors: [] }));
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
  ): void {
    const ctx = pageContext(request, response);
    const entry = this.entry(code, diplomaId);
    const values = formValues(body);
    const errors = checkRevocation(ctx.lang, values);
    if (errors.length > 0) return sendPage(response, revocationFormPage(ctx, { entry, values, errors }), 400);
    sendPage(response, confirmRevocationPage(ctx, { entry, values }));
  }

  @Post('confirmed')
  @ConsolePage('registrar', 'signer')
  async revoke(
    @Param('code') code: string,
    @Param('diplomaId') diplomaId: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const entry = this.entry(code, diplomaId);
    const v = formValues(body);
    const errors = checkRevocation(ctx.lang, v);
    if (errors.length === 0) {
      try {
        const decisionDate = readDate(ctx.lang, v, 'decisionDate', errors);
        await this.commands.execute(
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
        await this.settled.settle();
        return response.redirect(303, `${consoleBase(code)}/diplomas/${diplomaId}?done=revoked`);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        errors.push(...refusalErrors(ctx.lang, error));
      }
    }
    sendPage(response, revocationFormPage(ctx, { entry, values: v, errors }), 400);
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
