import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Database } from 'better-sqlite3';
import { DomainError, vietnamDateOf, type DiplomaKind } from '@so-goc/domain';
import { decisionGraduatesPage, listDecisions, overdueIssuance } from '@so-goc/projections';
import {
  GraduateListRejected,
  ImportGraduationDecision,
  PublicRoute,
  READ_MODELS,
  READ_ROLES,
  streamingUploadStorage,
} from '@so-goc/platform';
import { fileReply } from '../exports/file-reply';
import { ConsoleErrorFilter } from './auth/console-errors.filter';
import { sendPage } from './auth/console-http';
import { ConsoleGuard, ConsolePage, type ConsoleRequest } from './auth/console.guard';
import { DECISION_PAGE_SIZE, decisionPage, decisionsPage, uploadPage } from './pages/decisions.page';
import { consoleCommandContext, formValues, isRefusal, readDate, refusalErrors, sentCommandId } from './pages/form-input';
import { RowReports, rowReportXlsx } from './pages/row-report';
import { JOB_QUICK_MILLIS, JobRunner } from './jobs/job-runner';
import { slug } from './pages/slug';
import type { FieldError } from './ui/components';
import { consoleBase } from './ui/layout';
import { pageContext } from './ui/request-context';

const MAX_LIST_BYTES = 30 * 1024 * 1024;

/** Graduation decisions: upload a list through the same import as POST …/decisions; the graduates and their diplomas. */
@ApiExcludeController()
@PublicRoute()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
@Controller('console/:code/decisions')
export class ConsoleDecisionsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(READ_MODELS) private readonly db: Database,
    private readonly reports: RowReports,
    private readonly jobs: JobRunner,
    @Inject(JOB_QUICK_MILLIS) private readonly quickMillis: number,
  ) {}

  @Get()
  @ConsolePage(...READ_ROLES)
  list(@Param('code') code: string, @Req() request: ConsoleRequest, @Res() response: Response): void {
    const overdue = new Set(overdueIssuance(this.db, code, vietnamDateOf(new Date())).map((d) => d.decisionId));
    sendPage(response, decisionsPage(pageContext(request, response), listDecisions(this.db, code), overdue));
  }

  @Get('new')
  @ConsolePage('registrar')
  uploadForm(@Req() request: ConsoleRequest, @Res() response: Response): void {
    sendPage(response, uploadPage(pageContext(request, response), { values: { kind: 'THPT' }, errors: [] }));
  }

  @Post('new')
  @ConsolePage('registrar')
  @UseInterceptors(FileInterceptor('file', { storage: streamingUploadStorage, limits: { fileSize: MAX_LIST_BYTES, files: 1 } }))
  async upload(
    @Param('code') code: string,
    @Body() body: unknown,
    @UploadedFile() file: { originalname: string; buffer: Buffer } | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const values = formValues(body);
    const errors: FieldError[] = [];
    const date = readDate(ctx.lang, values, 'date', errors, { vi: 'Ngày quyết định', en: 'Decision date' });
    if (!file || file.buffer.length === 0)
      errors.push({
        field: 'file',
        message: ctx.lang === 'vi' ? 'Chọn tệp danh sách (.xlsx hoặc .csv).' : 'Choose the list file (.xlsx or .csv).',
      });
    const number = (values['number'] ?? '').trim();
    if (!number) errors.push({ field: 'number', message: ctx.lang === 'vi' ? 'Nhập số quyết định.' : 'Enter the decision number.' });
    const decisionId = slug(code, number, date.slice(0, 4));
    let rowProblems: GraduateListRejected['rowProblems'] = [];
    let reportHref: string | undefined;
    if (errors.length === 0 && file) {
      const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8').normalize('NFC');
      const context = consoleCommandContext(request, body);
      const base = consoleBase(code);
      // A job (issue 13 item 4): a 20,000-row list shows its rows read on the job's page; a small one answers here as before.
      const jobId = this.jobs.start(
        {
          authorityCode: code,
          officerId: request.officerAccess!.officer.officerId,
          kind: 'import',
          titleVi: `Nhập danh sách ${fileName} (QĐ ${number})`,
          titleEn: `Import of ${fileName} (decision ${number})`,
          unit: 'rows',
          total: null,
          link: `${base}/decisions/new`,
        },
        async (job) => {
          await this.commands.execute(
            new ImportGraduationDecision(
              {
                decisionId,
                authorityCode: code,
                number,
                date,
                kind: (values['kind'] ?? '') as DiplomaKind,
                schoolYear: (values['schoolYear'] ?? '').trim(),
                examSession: values['examSession']?.trim() || null,
                fileName,
                bytes: new Uint8Array(file.buffer),
                onProgress: ({ rowsRead, rowsTotal }) => job.report(rowsRead, rowsTotal, rowsRead === rowsTotal ? 'recording' : 'working'),
              },
              context,
            ),
          );
          return { link: `${base}/decisions/${decisionId}?done=imported` };
        },
      );
      const finished = await this.jobs.within(jobId, this.quickMillis);
      if (!finished) return response.redirect(303, `${base}/jobs/${jobId}`);
      const error = finished.error;
      if (error === undefined) return response.redirect(303, `${base}/decisions/${decisionId}?done=imported`);
      if (error instanceof GraduateListRejected) {
        rowProblems = error.rowProblems;
        reportHref = `${base}/decisions/reports/${this.reports.keep(request.officerAccess!.officer.officerId, fileName, error.rowProblems)}.xlsx`;
      } else if (isRefusal(error)) errors.push(...refusalErrors(ctx.lang, error));
      else throw error;
    }
    const commandId = sentCommandId(body);
    sendPage(
      response,
      uploadPage(ctx, { values, errors, rowProblems, ...(reportHref ? { reportHref } : {}), ...(commandId ? { commandId } : {}) }),
      400,
    );
  }

  @Get('reports/:reportId.xlsx')
  @ConsolePage('registrar')
  async report(
    @Param('reportId') reportId: string,
    @Req() request: ConsoleRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown> {
    const report = this.reports.get(reportId, request.officerAccess!.officer.officerId);
    if (!report)
      throw new DomainError({
        code: 'REPORT_NOT_FOUND',
        kind: 'not_found',
        messageVi: 'Báo cáo lỗi này không còn; hãy tải danh sách lên lại.',
        messageEn: 'This report has expired; upload the list again.',
      });
    return fileReply(response, await rowReportXlsx(report), 'xlsx', `bao-cao-loi-${slug(report.fileName)}`);
  }

  @Get(':decisionId')
  @ConsolePage(...READ_ROLES)
  show(
    @Param('code') code: string,
    @Param('decisionId') decisionId: string,
    @Query('page') pageParam: string | undefined,
    @Query('done') done: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): void {
    const ctx = pageContext(request, response);
    const decision = listDecisions(this.db, code).find((d) => d.decisionId === decisionId);
    if (!decision)
      throw new DomainError({
        code: 'DECISION_NOT_FOUND',
        kind: 'not_found',
        messageVi: 'Không có quyết định này.',
        messageEn: 'No such decision.',
      });
    const page = Math.max(1, Number.parseInt(pageParam ?? '1', 10) || 1);
    const { rows, total, waiting } = decisionGraduatesPage(this.db, decisionId, (page - 1) * DECISION_PAGE_SIZE, DECISION_PAGE_SIZE);
    const doneText =
      done === 'imported'
        ? ctx.lang === 'vi'
          ? `Đã ghi nhận quyết định và ${total} người tốt nghiệp.`
          : `The decision and its ${total} graduates were recorded.`
        : undefined;
    sendPage(response, decisionPage(ctx, { decision, rows, page, total, waiting, ...(doneText ? { done: doneText } : {}) }));
  }
}
