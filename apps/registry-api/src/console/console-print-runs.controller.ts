import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Database } from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writePrintRunPdf } from '@so-goc/documents';
import { DomainError, vietnamDateOf } from '@so-goc/domain';
import {
  blankLotsHeld,
  listDecisions,
  listPrintRuns,
  listSigners,
  printRunEntryByLabel,
  printRunPage as printRunEntries,
  printRunSummary,
  type PrintRunView,
} from '@so-goc/projections';
import {
  ClosePrintRun,
  DiplomaFaces,
  FileKeyring,
  INFRASTRUCTURE,
  OpenPrintRun,
  PublicRoute,
  READ_MODELS,
  READ_ROLES,
  RecordMisprint,
  RecordPrinting,
  RecordPrintRunDocument,
  SignPrintRun,
  type Infrastructure,
  type IssueLine,
} from '@so-goc/platform';
import { fileReply } from '../exports/file-reply';
import { ConsoleErrorFilter } from './auth/console-errors.filter';
import { sendPage } from './auth/console-http';
import { ConsoleGuard, ConsolePage, type ConsoleRequest } from './auth/console.guard';
import { submitFormAct } from './pages/act-pages';
import {
  consoleCommandContext,
  dmy,
  formValues,
  isRefusal,
  readDate,
  refusalErrors,
  sentCommandId,
  type FormValues,
} from './pages/form-input';
import { confirmSignPage, openRunPage, printRunPage, printRunsPage, RUN_PAGE_SIZE } from './pages/print-runs.page';
import { ReadYourWrites } from './pages/read-your-writes';
import { JOB_QUICK_MILLIS, JobRunner } from './jobs/job-runner';
import { slug } from './pages/slug';
import type { FieldError } from './ui/components';
import type { Lang } from './ui/html';
import { consoleBase } from './ui/layout';
import type { PageContext } from './ui/page-context';
import { pageContext } from './ui/request-context';

const DONE: Record<string, [string, string]> = {
  opened: ['Đã mở đợt in: phôi đã được giữ, số vào sổ đã cấp.', 'The run is open: blanks reserved, register numbers given.'],
  printed: ['Đã ghi nhận đã in.', 'Printing recorded.'],
  misprint: [
    'Đã ghi in hỏng; văn bằng sang phôi kế tiếp, giữ số vào sổ.',
    'Misprint recorded; the diploma moved to the next blank with the same register number.',
  ],
  signed: ['Đã ký và cấp các văn bằng của đợt in.', 'The run’s diplomas are signed and issued.'],
  closed: ['Đã đóng đợt in.', 'The run is closed.'],
  'handed-over': ['Đã ghi nhận phát văn bằng.', 'The hand-over was recorded.'],
};

/**
 * Print runs through the same platform steps as POST …/print-runs(/…): open, PDF, printing, misprint,
 * signing (after a confirmation page), closing. Each step is one call, in one place, below.
 */
@ApiExcludeController()
@PublicRoute()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
@Controller('console/:code/print-runs')
export class ConsolePrintRunsController {
  private readonly faces: DiplomaFaces;

  constructor(
    private readonly commands: CommandBus,
    private readonly settled: ReadYourWrites,
    @Inject(READ_MODELS) private readonly db: Database,
    @Inject(INFRASTRUCTURE) infrastructure: Infrastructure,
    private readonly jobs: JobRunner,
    @Inject(JOB_QUICK_MILLIS) private readonly quickMillis: number,
  ) {
    this.faces = new DiplomaFaces(db, FileKeyring.forConfig(infrastructure.config), infrastructure.config.portalPublicUrl);
  }

  @Get()
  @ConsolePage(...READ_ROLES)
  list(@Param('code') code: string, @Req() request: ConsoleRequest, @Res() response: Response): void {
    sendPage(response, printRunsPage(pageContext(request, response), listPrintRuns(this.db, code)));
  }

  @Get('new')
  @ConsolePage('registrar')
  openForm(
    @Param('code') code: string,
    @Query('decision') decision: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): void {
    const ctx = pageContext(request, response);
    sendPage(
      response,
      this.openPage(ctx, code, { decisionId: decision ?? '', openedOn: dmy(vietnamDateOf(new Date())), spareBlanks: '3' }, []),
    );
  }

  @Post('new')
  @ConsolePage('registrar')
  async open(@Param('code') code: string, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const ctx = pageContext(request, response);
    const v = formValues(body);
    const errors: FieldError[] = [];
    const openedOn = readDate(ctx.lang, v, 'openedOn', errors, { vi: 'Ngày mở', en: 'Opening date' });
    const spareBlanks = Number(v['spareBlanks'] ?? '0');
    if (!Number.isInteger(spareBlanks) || spareBlanks < 0 || spareBlanks > 1000)
      errors.push({ field: 'spareBlanks', message: ctx.lang === 'vi' ? 'Nhập một số từ 0 đến 1000.' : 'Enter a number from 0 to 1000.' });
    const lot = blankLotsHeld(this.db, code).find((l) => l.lotId === v['lotId']);
    if (!lot)
      errors.push({ field: 'lotId', message: ctx.lang === 'vi' ? 'Chọn một lô phôi đơn vị đang giữ.' : 'Choose a lot your office holds.' });
    const context = consoleCommandContext(request, body);
    // One id per form: a resent form reopens the same run (and completes it if cut short) instead of a second one.
    const printRunId = slug('dot-in', openedOn, context.commandId.slice(0, 8));
    if (errors.length === 0 && lot) {
      try {
        await this.commands.execute(
          new OpenPrintRun(
            {
              printRunId,
              authorityCode: code,
              decisionId: v['decisionId'] ?? '',
              lotId: lot.lotId,
              templateVersion: lot.templateVersion,
              openedOn,
              spareBlanks,
            },
            context,
          ),
        );
        await this.settled.settle();
        return response.redirect(303, `${consoleBase(code)}/print-runs/${printRunId}?done=opened`);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        errors.push(...refusalErrors(ctx.lang, error));
      }
    }
    sendPage(response, this.openPage(ctx, code, v, errors, sentCommandId(body)), 400);
  }

  @Get(':printRunId')
  @ConsolePage(...READ_ROLES)
  show(
    @Param('code') code: string,
    @Param('printRunId') printRunId: string,
    @Query('page') pageParam: string | undefined,
    @Query('done') done: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): void {
    const ctx = pageContext(request, response);
    const doneText = done && DONE[done] ? DONE[done][ctx.lang === 'vi' ? 0 : 1] : undefined;
    sendPage(
      response,
      this.runPage(ctx, code, printRunId, {
        page: Number.parseInt(pageParam ?? '1', 10) || 1,
        values: {},
        errors: [],
        ...(doneText ? { done: doneText } : {}),
      }),
    );
  }

  @Post(':printRunId/document')
  @ConsolePage('registrar')
  async document(
    @Param('code') code: string,
    @Param('printRunId') printRunId: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown> {
    const ctx = pageContext(request, response);
    const v = formValues(body);
    const mode = v['mode'] === 'preview' ? 'preview' : 'overlay';
    const errors: FieldError[] = [];
    const run = this.view(code, printRunId);
    let planned: IssueLine | undefined;
    if (!run.signerName) {
      // Before signing, the diplomas carry the planned issue line, as with the API's issueDate/issuePlace/signer fields.
      const issueDate = readDate(ctx.lang, v, 'plannedIssueDate', errors, { vi: 'Ngày cấp dự kiến', en: 'Planned issue date' });
      const signer = listSigners(this.db, code).find((s) => s.signerId === v['plannedSignerId']);
      if (!signer)
        errors.push({ field: 'plannedSignerId', message: ctx.lang === 'vi' ? 'Chọn người ký dự kiến.' : 'Choose the planned signer.' });
      if (!(v['plannedIssuePlace'] ?? '').trim())
        errors.push({ field: 'plannedIssuePlace', message: ctx.lang === 'vi' ? 'Nhập nơi cấp.' : 'Enter the place of issue.' });
      if (signer && errors.length === 0)
        planned = { issueDate, issuePlace: v['plannedIssuePlace']!.trim(), signerTitle: signer.title, signerName: signer.fullName };
    }
    if (errors.length > 0) {
      sendPage(response, this.runPage(ctx, code, printRunId, { page: 1, values: v, errors }), 400);
      return undefined;
    }
    const context = consoleCommandContext(request, body);
    const name = `dot-in-${printRunId}-${mode}`;
    // A job (issue 13 item 4): the file is written page by page into the data dir, the pages counted as they
    // are added; a short run is sent here as before, a long one is handed over to its job page.
    const jobId = this.jobs.start(
      {
        authorityCode: code,
        officerId: request.officerAccess!.officer.officerId,
        kind: 'print',
        titleVi: `Tệp in đợt ${printRunId} (${mode === 'overlay' ? 'in lên phôi' : 'bản xem'})`,
        titleEn: `Print file of run ${printRunId} (${mode})`,
        unit: 'pages',
        total: null,
        link: `${consoleBase(code)}/print-runs/${printRunId}`,
      },
      async (job) => {
        const { faces } = this.faces.printRun(printRunId, planned);
        job.report(0, faces.length);
        const path = job.resultPath('pdf');
        const written = await writePrintRunPdf(
          faces.map((f) => f.face),
          path,
          { mode, title: `Đợt in ${printRunId}`, workers: 0, onPage: (pages) => job.report(pages, faces.length) },
        );
        job.report(written.pageCount, faces.length, 'finishing');
        // The same record as the API keeps: which file (by its hash) was produced for this run.
        await this.commands.execute(
          new RecordPrintRunDocument(
            { printRunId, authorityCode: code, mode, sha256: written.sha256, pageCount: written.pageCount },
            context,
          ),
        );
        return { result: { file: basename(path), format: 'pdf' as const, name, sha256: written.sha256 } };
      },
    );
    const finished = await this.jobs.within(jobId, this.quickMillis);
    if (!finished) {
      response.redirect(303, `${consoleBase(code)}/jobs/${jobId}`);
      return undefined;
    }
    if (finished.error !== undefined) throw finished.error;
    const result = finished.job.result!;
    return fileReply(response, readFileSync(join(this.jobs.dir, result.file)), 'pdf', name, result.sha256);
  }

  @Post(':printRunId/printing')
  @ConsolePage('registrar')
  printing(
    @Param('code') code: string,
    @Param('printRunId') printRunId: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    return this.step(code, printRunId, body, request, response, 'printed', (lang, v, errors) => {
      const printedOn = readDate(lang, v, 'printedOn', errors, { vi: 'Ngày in', en: 'Printing date' });
      return errors.length > 0
        ? undefined
        : () =>
            this.commands.execute(new RecordPrinting({ printRunId, authorityCode: code, printedOn }, consoleCommandContext(request, body)));
    });
  }

  @Post(':printRunId/misprints')
  @ConsolePage('registrar')
  misprint(
    @Param('code') code: string,
    @Param('printRunId') printRunId: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    return this.step(code, printRunId, body, request, response, 'misprint', (lang, v, errors) => {
      const reprintedOn = readDate(lang, v, 'reprintedOn', errors, { vi: 'Ngày in lại', en: 'Reprint date' });
      const label = (v['registerLabel'] ?? '').trim().toUpperCase();
      const entry = printRunEntryByLabel(this.db, printRunId, label);
      if (!entry)
        errors.push({
          field: 'registerLabel',
          message: lang === 'vi' ? 'Không có số vào sổ này trong đợt in.' : 'No such register number in this run.',
        });
      return errors.length > 0 || !entry
        ? undefined
        : () =>
            this.commands.execute(
              new RecordMisprint(
                { printRunId, authorityCode: code, diplomaId: entry.diplomaId, note: v['note'] ?? '', reprintedOn },
                consoleCommandContext(request, body),
              ),
            );
    });
  }

  /** Step one of signing: check what was typed, then restate it on a confirmation page. Nothing is recorded yet. */
  @Post(':printRunId/sign')
  @ConsolePage('registrar', 'signer')
  async sign(
    @Param('code') code: string,
    @Param('printRunId') printRunId: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const v = formValues(body);
    const errors: FieldError[] = [];
    const issueDate = readDate(ctx.lang, v, 'issueDate', errors, { vi: 'Ngày cấp', en: 'Issue date' });
    const signer = listSigners(this.db, code).find((s) => s.signerId === v['signerId']);
    if (!signer) errors.push({ field: 'signerId', message: ctx.lang === 'vi' ? 'Chọn người ký.' : 'Choose the signer.' });
    if (!(v['issuePlace'] ?? '').trim())
      errors.push({ field: 'issuePlace', message: ctx.lang === 'vi' ? 'Nhập nơi cấp.' : 'Enter the place of issue.' });
    if (errors.length > 0 || !signer) return sendPage(response, this.runPage(ctx, code, printRunId, { page: 1, values: v, errors }), 400);
    sendPage(response, confirmSignPage(ctx, { run: this.view(code, printRunId), signer, issueDate, issuePlace: v['issuePlace']!.trim() }));
  }

  @Post(':printRunId/sign/confirmed')
  // Signing is the signer's own act (rules 6, 25): the registrar prepares, the signer records it.
  @ConsolePage('signer')
  signConfirmed(
    @Param('code') code: string,
    @Param('printRunId') printRunId: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    return this.step(code, printRunId, body, request, response, 'signed', (lang, v, errors) => {
      const issueDate = readDate(lang, v, 'issueDate', errors, { vi: 'Ngày cấp', en: 'Issue date' });
      return errors.length > 0
        ? undefined
        : () =>
            this.commands.execute(
              new SignPrintRun(
                { printRunId, authorityCode: code, signerId: v['signerId'] ?? '', issueDate, issuePlace: v['issuePlace'] ?? '' },
                consoleCommandContext(request, body),
              ),
            );
    });
  }

  @Post(':printRunId/closing')
  @ConsolePage('registrar')
  closing(
    @Param('code') code: string,
    @Param('printRunId') printRunId: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    return this.step(code, printRunId, body, request, response, 'closed', (lang, v, errors) => {
      const closedOn = readDate(lang, v, 'closedOn', errors, { vi: 'Ngày đóng', en: 'Closing date' });
      return errors.length > 0
        ? undefined
        : () =>
            this.commands.execute(new ClosePrintRun({ printRunId, authorityCode: code, closedOn }, consoleCommandContext(request, body)));
    });
  }

  /** Checks the form, runs the act, and either goes back to the run with a notice or shows the form's problems. */
  private step(
    code: string,
    printRunId: string,
    body: unknown,
    request: ConsoleRequest,
    response: Response,
    done: string,
    prepare: (lang: Lang, values: FormValues, errors: FieldError[]) => (() => Promise<unknown>) | undefined,
  ): Promise<void> {
    this.view(code, printRunId);
    return submitFormAct(request, response, body, {
      read: (ctx, values, errors) => prepare(ctx.lang, values, errors),
      next: () => `${consoleBase(code)}/print-runs/${printRunId}?done=${done}`,
      again: (ctx, values, errors) => this.runPage(ctx, code, printRunId, { page: 1, values, errors }),
      settle: () => this.settled.settle(),
    });
  }

  private view(code: string, printRunId: string): Omit<PrintRunView, 'entries'> {
    const run = printRunSummary(this.db, printRunId);
    if (!run || run.authorityCode !== code) throw notFound();
    return run;
  }

  private runPage(
    ctx: PageContext,
    code: string,
    printRunId: string,
    o: { page: number; values: FormValues; errors: readonly FieldError[]; done?: string },
  ): string {
    const run = this.view(code, printRunId);
    const page = Math.max(1, o.page);
    return printRunPage(ctx, {
      ...o,
      run,
      entries: printRunEntries(this.db, printRunId, (page - 1) * RUN_PAGE_SIZE, RUN_PAGE_SIZE),
      page,
      signers: listSigners(this.db, code),
    });
  }

  private openPage(ctx: PageContext, code: string, values: FormValues, errors: readonly FieldError[], commandId?: string): string {
    const decisions = listDecisions(this.db, code).map((d) => ({
      value: d.decisionId,
      label: `${d.number} (${dmy(d.decisionDate)}, ${d.kind})`,
    }));
    const lots = blankLotsHeld(this.db, code).map((l) => ({
      value: l.lotId,
      label: `${l.lotId} — ${l.kind}, ${l.inStock} ${ctx.lang === 'vi' ? 'phôi trong kho' : 'in stock'}`,
    }));
    return openRunPage(ctx, { values, errors, decisions, lots, ...(commandId ? { commandId } : {}) });
  }
}

function notFound(): DomainError {
  return new DomainError({
    code: 'PRINT_RUN_NOT_FOUND',
    kind: 'not_found',
    messageVi: 'Không có đợt in này.',
    messageEn: 'No such print run.',
    field: 'printRunId',
  });
}
