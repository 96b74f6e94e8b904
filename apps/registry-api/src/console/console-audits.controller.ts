import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Database } from 'better-sqlite3';
import { DomainError, FINDING_SEVERITIES, FINDING_STATES, isWithinScope } from '@so-goc/domain';
import { findingsReport, reportToPdf, reportToXlsx } from '@so-goc/documents';
import { AUDIT_PATTERNS, findAuthority, findingHistory, findings, type FindingFilter } from '@so-goc/projections';
import { AcknowledgeFinding, AssignFinding, CloseFinding, OfficerAccess, PublicRoute, READ_MODELS } from '@so-goc/platform';
import { placeOf } from '../exports/letterhead';
import { exportReply } from '../exports/file-reply';
import { ConsoleErrorFilter } from './auth/console-errors.filter';
import { sendPage } from './auth/console-http';
import { ConsoleGuard, ConsolePage, type ConsoleRequest } from './auth/console.guard';
import { findingPage, findingsPage, FINDINGS_PAGE_SIZE } from './pages/audits.page';
import { consoleCommandContext, formValues, isRefusal, refusalErrors, type FormValues } from './pages/form-input';
import type { FieldError } from './ui/components';
import type { Words } from './ui/html';
import { consoleBase } from './ui/layout';
import { pageContext } from './ui/request-context';

const AUDIT_ROLES = ['auditor', 'administrator'] as const;

const DONE: Record<string, Words> = {
  acknowledge: { vi: 'Đã tiếp nhận phát hiện.', en: 'The finding was acknowledged.' },
  assign: { vi: 'Đã giao người xử lý.', en: 'The finding was assigned.' },
  close: { vi: 'Đã đóng phát hiện.', en: 'The finding was closed.' },
};

/**
 * The audit page (issue 15): findings of the authority and its units with the API's filters, paged on
 * the server; one finding with its facts and handling history; acknowledge, assign and close through
 * the same finding commands as the API; the open findings as XLSX and PDF.
 */
@ApiExcludeController()
@PublicRoute()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
@Controller('console/:code/audits')
export class ConsoleAuditsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly access: OfficerAccess,
    @Inject(READ_MODELS) private readonly db: Database,
  ) {}

  @Get()
  @ConsolePage(...AUDIT_ROLES)
  async list(
    @Param('code') code: string,
    @Query() query: Record<string, unknown>,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const values = formValues(query);
    const pageNumber = Math.max(1, Number.parseInt(values['page'] ?? '1', 10) || 1);
    delete values['page'];
    const scope = await this.scope(code);
    const errors: FieldError[] = [];
    const filter = this.filter(ctx.lang, scope, values, errors);
    const rows = errors.length === 0 ? findings(this.db, filter) : [];
    sendPage(
      response,
      findingsPage(ctx, {
        rows: rows.slice((pageNumber - 1) * FINDINGS_PAGE_SIZE, pageNumber * FINDINGS_PAGE_SIZE),
        page: pageNumber,
        total: rows.length,
        filter: values,
        authorities: scope,
        errors,
      }),
      errors.length > 0 ? 400 : 200,
    );
  }

  @Get('findings.:format')
  @ConsolePage(...AUDIT_ROLES)
  async export(
    @Param('code') code: string,
    @Param('format') format: string,
    @Query() query: Record<string, unknown>,
    @Req() request: ConsoleRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown> {
    const ctx = pageContext(request, response);
    const values = formValues(query);
    const errors: FieldError[] = [];
    const filter = this.filter(ctx.lang, await this.scope(code), values, errors);
    const rows = findings(this.db, errors.length === 0 ? filter : { authorityCodes: [] }).filter((f) => f.state !== 'closed');
    const authorityName = findAuthority(this.db, code)?.name ?? code;
    const label = [
      filter.pattern && `dấu hiệu ${filter.pattern}`,
      filter.severity && `mức ${filter.severity}`,
      values['authority'] && `đơn vị ${values['authority']}`,
    ]
      .filter(Boolean)
      .join(', ');
    const input = findingsReport({
      authorityCode: code,
      authorityName,
      place: placeOf(authorityName),
      generatedAt: new Date().toISOString(),
      filterLabel: `Các phát hiện chưa đóng${label ? ` (${label})` : ''}`,
      rows: rows.map((f) => ({ ...f, summary: f.summaryVi })),
    });
    return exportReply(response, format, `phat-hien-kiem-tra-${code}`, { xlsx: () => reportToXlsx(input), pdf: () => reportToPdf(input) });
  }

  @Get(':findingId')
  @ConsolePage(...AUDIT_ROLES)
  async one(
    @Param('code') code: string,
    @Param('findingId') findingId: string,
    @Query('done') done: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const finding = await this.finding(code, findingId);
    const doneText = done ? DONE[done]?.[ctx.lang] : undefined;
    sendPage(
      response,
      findingPage(ctx, {
        finding,
        history: findingHistory(this.db, findingId),
        values: {},
        errors: [],
        ...(doneText ? { done: doneText } : {}),
      }),
    );
  }

  @Post(':findingId/:step')
  @ConsolePage(...AUDIT_ROLES)
  async handle(
    @Param('code') code: string,
    @Param('findingId') findingId: string,
    @Param('step') step: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const finding = await this.finding(code, findingId);
    const values = formValues(body);
    const context = consoleCommandContext(request, body);
    const optional = (text: string | undefined) => (text?.trim() ? text.trim() : null);
    const noteField = step === 'assign' ? 'assignNote' : step === 'close' ? 'closeNote' : 'ackNote';
    try {
      if (step === 'acknowledge') await this.commands.execute(new AcknowledgeFinding(findingId, optional(values['ackNote']), context));
      else if (step === 'assign')
        await this.commands.execute(
          new AssignFinding(findingId, (values['assignee'] ?? '').trim().toLowerCase(), optional(values['assignNote']), context),
        );
      else if (step === 'close') await this.commands.execute(new CloseFinding(findingId, values['closeNote'] ?? '', context));
      else return response.redirect(303, `${consoleBase(code)}/audits/${encodeURIComponent(findingId)}`);
      return response.redirect(303, `${consoleBase(code)}/audits/${encodeURIComponent(findingId)}?done=${step}`);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      const errors = refusalErrors(ctx.lang, error, { note: noteField, findingId: '' });
      sendPage(response, findingPage(ctx, { finding, history: findingHistory(this.db, findingId), values, errors }), 400);
    }
  }

  /** The authority and its units: a Sở watches its Phòng and communes. */
  private async scope(code: string): Promise<string[]> {
    const directory = await this.access.directory();
    return [...directory.authorities.keys()]
      .filter((other) => isWithinScope(directory, { authorityCode: code, includeSubordinates: true }, other))
      .sort();
  }

  /** Only a finding of this authority or its units; another's is not found (its existence is not revealed). */
  private async finding(code: string, findingId: string) {
    const [finding] = findings(this.db, { authorityCodes: await this.scope(code) }).filter((f) => f.findingId === findingId);
    if (!finding)
      throw new DomainError({
        code: 'FINDING_NOT_FOUND',
        kind: 'not_found',
        messageVi: `Không có phát hiện ${findingId} của đơn vị.`,
        messageEn: `No finding ${findingId} for this authority.`,
        field: 'findingId',
      });
    return finding;
  }

  private filter(lang: 'vi' | 'en', scope: readonly string[], v: FormValues, errors: FieldError[]): FindingFilter {
    const say = (vi: string, en: string) => (lang === 'vi' ? vi : en);
    const pick = (field: string, allowed: readonly string[]) => {
      const value = v[field] ?? '';
      if (value && !allowed.includes(value))
        errors.push({ field, message: say('Chọn một giá trị trong danh sách.', 'Choose a value from the list.') });
      return value && allowed.includes(value) ? value : undefined;
    };
    const pattern = pick('pattern', AUDIT_PATTERNS);
    const severity = pick('severity', FINDING_SEVERITIES);
    const state = pick('state', FINDING_STATES);
    const authority = pick('authority', scope);
    return {
      authorityCodes: authority ? [authority] : scope,
      ...(pattern ? { pattern } : {}),
      ...(severity ? { severity } : {}),
      ...(state ? { state } : {}),
    };
  }
}
