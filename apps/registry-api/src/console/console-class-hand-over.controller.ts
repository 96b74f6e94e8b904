import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Database } from 'better-sqlite3';
import { classAwaitingHandOver, classesAwaitingHandOver, listPrintRuns } from '@so-goc/projections';
import { DeliverDiploma, PublicRoute, READ_MODELS } from '@so-goc/platform';
import { ConsoleErrorFilter } from './auth/console-errors.filter';
import { sendPage } from './auth/console-http';
import { ConsoleGuard, ConsolePage, type ConsoleRequest } from './auth/console.guard';
import { classHandOverPage, type ClassRowOutcome } from './pages/class-hand-over.page';
import { consoleCommandContext, formValues, isRefusal, readDate, sentCommandId } from './pages/form-input';
import { ReadYourWrites } from './pages/read-your-writes';
import type { FieldError } from './ui/components';
import { pageContext } from './ui/request-context';

const classKey = (school: string, className: string | null) => `${school} · ${className ?? '—'}`;

/**
 * Hand-over by class list: the diplomas of one class of a signed print run, ticked on one page, each
 * recorded by the same DeliverDiploma command as the one-by-one page (one diploma stream each, so
 * one refused line does not stop the others, and each refusal is listed with its reason).
 */
@ApiExcludeController()
@PublicRoute()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
@Controller('console/:code/hand-over')
export class ConsoleClassHandOverController {
  constructor(
    private readonly commands: CommandBus,
    private readonly settled: ReadYourWrites,
    @Inject(READ_MODELS) private readonly db: Database,
  ) {}

  @Get()
  @ConsolePage('registrar')
  list(
    @Param('code') code: string,
    @Query('run') run: string | undefined,
    @Query('class') klass: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): void {
    sendPage(response, classHandOverPage(pageContext(request, response), { ...this.selection(code, run, klass), values: {}, errors: [] }));
  }

  @Post()
  @ConsolePage('registrar')
  async handOver(
    @Param('code') code: string,
    @Query('run') run: string | undefined,
    @Query('class') klass: string | undefined,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const values = formValues(body);
    const raw = (body as Record<string, unknown> | undefined)?.['diploma'];
    const selected = (Array.isArray(raw) ? raw : [raw]).filter((d): d is string => typeof d === 'string');
    const errors: FieldError[] = [];
    const deliveredOn = readDate(ctx.lang, values, 'deliveredOn', errors, { vi: 'Ngày phát', en: 'Hand-over date' });
    const before = this.selection(code, run, klass);
    const chosen = before.entries.filter((e) => selected.includes(e.diplomaId));
    if (chosen.length === 0)
      errors.push({ field: '', message: ctx.lang === 'vi' ? 'Đánh dấu ít nhất một học sinh nhận văn bằng.' : 'Tick at least one holder.' });
    const commandId = sentCommandId(body);
    if (errors.length > 0)
      return sendPage(response, classHandOverPage(ctx, { ...before, values, selected, errors, ...(commandId ? { commandId } : {}) }), 400);
    const base = consoleCommandContext(request, body);
    const outcomes: ClassRowOutcome[] = [];
    for (const entry of chosen) {
      // One command per diploma, its id derived from the form's: a resent form records none of them twice.
      const context = { ...base, commandId: `${base.commandId}/${entry.diplomaId}` };
      try {
        await this.commands.execute(
          new DeliverDiploma(
            {
              diplomaId: entry.diplomaId,
              authorityCode: code,
              recipient: { kind: 'holder', fullName: entry.fullName, authorisationRef: null, idDocument: null },
              deliveredOn,
              deliveredBy: values['deliveredBy'] ?? '',
            },
            context,
          ),
        );
        outcomes.push({ entry, recorded: true });
      } catch (error) {
        if (!isRefusal(error)) throw error;
        const p = error.problem;
        const rule = p.rule ? (ctx.lang === 'vi' ? ` (quy tắc ${p.rule})` : ` (rule ${p.rule})`) : '';
        outcomes.push({ entry, recorded: false, message: `${ctx.lang === 'vi' ? p.messageVi : p.messageEn}${rule}` });
      }
    }
    await this.settled.settle();
    const after = this.selection(code, run, klass);
    const refused = outcomes.filter((o) => !o.recorded);
    sendPage(response, classHandOverPage(ctx, { ...after, values, errors: [], outcomes }), refused.length > 0 ? 400 : 200);
  }

  /**
   * Signed (or closed) runs of the authority, the classes of the chosen run with diplomas still waiting,
   * and the waiting diplomas of the chosen class (a class at a time: never a 20,000-line page).
   */
  private selection(code: string, run: string | undefined, klass: string | undefined) {
    const runs = listPrintRuns(this.db, code).filter((r) => r.status === 'signed' || r.status === 'closed');
    const chosenRun = run && runs.some((r) => r.printRunId === run) ? run : undefined;
    const groups = chosenRun ? classesAwaitingHandOver(this.db, chosenRun) : [];
    const classes = groups.map((g) => ({
      key: classKey(g.school, g.className),
      label: classKey(g.school, g.className),
      waiting: g.waiting,
    }));
    const group = klass ? groups.find((g) => classKey(g.school, g.className) === klass) : undefined;
    const entries = chosenRun && group ? classAwaitingHandOver(this.db, chosenRun, group.school, group.className) : [];
    return { runs, ...(chosenRun ? { run: chosenRun } : {}), classes, ...(group && klass ? { klass } : {}), entries };
  }
}
