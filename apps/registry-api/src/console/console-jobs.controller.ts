import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Param, Req, Res, StreamableFile, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError } from '@so-goc/domain';
import { PublicRoute, READ_ROLES } from '@so-goc/platform';
import { fileReply, PDF, XLSX } from '../exports/file-reply';
import { ConsoleErrorFilter } from './auth/console-errors.filter';
import { sendPage } from './auth/console-http';
import { ConsoleGuard, ConsolePage, type ConsoleRequest } from './auth/console.guard';
import { JobRunner } from './jobs/job-runner';
import type { Job } from './jobs/job-store';
import { jobPage, jobsPage, percentOf, progressText } from './pages/jobs.page';
import { rowReportXlsx } from './pages/row-report';
import { slug } from './pages/slug';
import { pageContext } from './ui/request-context';

/**
 * The console's long work (issue 13 item 4): the authority's jobs, one job's progress (a page that
 * refreshes itself, and a status the page's script asks for), its file once done, its report when a
 * list was refused. An officer sees only the jobs of the authority whose pages they may open: the guard
 * refuses another authority's code, and a job of another authority under this code is refused too.
 */
@ApiExcludeController()
@PublicRoute()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
@Controller('console/:code/jobs')
export class ConsoleJobsController {
  constructor(private readonly jobs: JobRunner) {}

  @Get()
  @ConsolePage(...READ_ROLES)
  list(@Param('code') code: string, @Req() request: ConsoleRequest, @Res() response: Response): void {
    sendPage(response, jobsPage(pageContext(request, response), this.jobs.store.ofAuthority(code), this.jobs.retentionMillis / 3600_000));
  }

  @Get(':jobId')
  @ConsolePage(...READ_ROLES)
  show(@Param('code') code: string, @Param('jobId') jobId: string, @Req() request: ConsoleRequest, @Res() response: Response): void {
    sendPage(response, jobPage(pageContext(request, response), this.job(code, jobId)));
  }

  /** What console.js polls: the bar's value and the sentence under it, in the page's language. */
  @Get(':jobId/status')
  @ConsolePage(...READ_ROLES)
  status(@Param('code') code: string, @Param('jobId') jobId: string, @Req() request: ConsoleRequest, @Res() response: Response): void {
    const job = this.job(code, jobId);
    const ctx = pageContext(request, response);
    response.setHeader('Cache-Control', 'no-store');
    response.json({
      state: job.state,
      done: job.done,
      total: job.total,
      phase: job.phase,
      percent: percentOf(job) ?? null,
      text: progressText(ctx.lang, job),
    });
  }

  @Get(':jobId/download')
  @ConsolePage(...READ_ROLES)
  download(@Param('code') code: string, @Param('jobId') jobId: string, @Res({ passthrough: true }) response: Response): StreamableFile {
    const job = this.job(code, jobId);
    const path = job.result ? join(this.jobs.dir, job.result.file) : undefined;
    if (job.state !== 'done' || !job.result || !path || !existsSync(path))
      throw new DomainError({
        code: 'JOB_RESULT_NOT_FOUND',
        kind: 'not_found',
        messageVi: 'Việc này không có tệp kết quả, hoặc tệp đã hết hạn lưu giữ; hãy chạy lại.',
        messageEn: 'This job has no result file, or the file is past its retention; run it again.',
      });
    response.setHeader('Content-Type', job.result.format === 'pdf' ? PDF : XLSX);
    response.setHeader('Content-Disposition', `attachment; filename="${job.result.name}.${job.result.format}"`);
    if (job.result.sha256) response.setHeader('X-Content-SHA256', job.result.sha256);
    return new StreamableFile(createReadStream(path));
  }

  @Get(':jobId/report.xlsx')
  @ConsolePage(...READ_ROLES)
  async report(
    @Param('code') code: string,
    @Param('jobId') jobId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const job = this.job(code, jobId);
    const rows = job.failure?.rows;
    if (!rows)
      throw new DomainError({
        code: 'REPORT_NOT_FOUND',
        kind: 'not_found',
        messageVi: 'Việc này không có báo cáo lỗi.',
        messageEn: 'This job has no report.',
      });
    return fileReply(response, await rowReportXlsx({ fileName: job.titleVi, problems: rows }), 'xlsx', `bao-cao-loi-${slug(job.id)}`);
  }

  private job(code: string, jobId: string): Job {
    const job = this.jobs.store.get(jobId);
    if (!job)
      throw new DomainError({
        code: 'JOB_NOT_FOUND',
        kind: 'not_found',
        messageVi: 'Không có việc này, hoặc việc đã hết hạn lưu giữ.',
        messageEn: 'No such job, or it is past its retention.',
      });
    if (job.authorityCode !== code)
      throw new DomainError({
        code: 'JOB_OF_ANOTHER_AUTHORITY',
        kind: 'forbidden',
        messageVi: 'Việc này thuộc đơn vị khác; cán bộ chỉ xem được việc của đơn vị mình.',
        messageEn: 'This job belongs to another authority; officers see only their own authority’s jobs.',
      });
    return job;
  }
}
