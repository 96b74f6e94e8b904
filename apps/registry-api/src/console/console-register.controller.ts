import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Database } from 'better-sqlite3';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { registerBookPdfStream, registerBookToXlsx } from '@so-goc/documents';
import { DomainError, registersHeldOn, vietnamDateOf } from '@so-goc/domain';
import {
  registerEntryOf,
  findAuthority,
  findDiplomas,
  registerBook,
  registerBooksOf,
  registerPage,
  type DiplomaQuery,
} from '@so-goc/projections';
import { DeliverDiploma, OfficerAccess, PublicRoute, READ_MODELS, READ_ROLES } from '@so-goc/platform';
import { exportReply, fileReply } from '../exports/file-reply';
import { diplomaKind } from '../issuance/diploma-kind';
import { registerBookExport } from '../issuance/register-book-export';
import { ConsoleErrorFilter } from './auth/console-errors.filter';
import { sendPage } from './auth/console-http';
import { ConsoleGuard, ConsolePage, type ConsoleRequest } from './auth/console.guard';
import { submitFormAct } from './pages/act-pages';
import { consoleCommandContext, formValues, readDate } from './pages/form-input';
import { handOverPage } from './pages/hand-over.page';
import { ReadYourWrites } from './pages/read-your-writes';
import { JOB_QUICK_MILLIS, JobRunner } from './jobs/job-runner';
import { REGISTER_PAGE_SIZE, registerBookPage, registerIndexPage } from './pages/register.page';
import type { FieldError } from './ui/components';
import { consoleBase } from './ui/layout';
import { pageContext } from './ui/request-context';

/** exportReply refuses any format but xlsx and pdf before it asks for the file. */
const refused = (): Promise<Uint8Array> => Promise.reject(new Error('unsupported format'));

/** The sổ gốc (browse a book, search, export) and hand-over, through the same queries and call as the API. */
@ApiExcludeController()
@PublicRoute()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
@Controller('console/:code')
export class ConsoleRegisterController {
  constructor(
    private readonly access: OfficerAccess,
    private readonly settled: ReadYourWrites,
    private readonly commands: CommandBus,
    @Inject(READ_MODELS) private readonly db: Database,
    private readonly jobs: JobRunner,
    @Inject(JOB_QUICK_MILLIS) private readonly quickMillis: number,
  ) {}

  @Get('register')
  @ConsolePage(...READ_ROLES)
  index(@Param('code') code: string, @Req() request: ConsoleRequest, @Res() response: Response): void {
    sendPage(
      response,
      registerIndexPage(pageContext(request, response), { books: registerBooksOf(this.db, code), values: {}, errors: [] }),
    );
  }

  @Get('register/search')
  @ConsolePage(...READ_ROLES)
  async search(
    @Param('code') code: string,
    @Query() query: Record<string, unknown>,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const values = formValues(query);
    const errors: FieldError[] = [];
    let search: DiplomaQuery | undefined;
    if (values['serial']?.trim()) search = { serial: values['serial'] };
    else if (values['registerNumber']?.trim()) search = { registerNumber: values['registerNumber'] };
    else if (values['fullName']?.trim()) {
      const birthDate = readDate(ctx.lang, values, 'birthDate', errors, { vi: 'Ngày sinh', en: 'Date of birth' });
      if (errors.length === 0) search = { fullName: values['fullName'], birthDate };
    } else
      errors.push({
        field: 'serial',
        message:
          ctx.lang === 'vi'
            ? 'Nhập số hiệu, số vào sổ, hoặc họ tên cùng ngày sinh.'
            : 'Enter a serial, a register number, or a name with a date of birth.',
      });
    // The office answers for its own books and for those it inherited from merged or abolished units.
    const found = search
      ? findDiplomas(this.db, registersHeldOn(await this.access.directory(), code, vietnamDateOf(new Date())), search)
      : undefined;
    const done =
      query['done'] === 'revoked'
        ? ctx.lang === 'vi'
          ? 'Đã ghi nhận quyết định thu hồi. Tiếp theo: công bố quyết định và thông báo cho người được cấp.'
          : 'The revocation is recorded. Next: publish the decision and notify the holder.'
        : undefined;
    sendPage(
      response,
      registerIndexPage(ctx, {
        books: registerBooksOf(this.db, code),
        values,
        errors,
        ...(found ? { found } : {}),
        ...(done ? { done } : {}),
      }),
      errors.length > 0 ? 400 : 200,
    );
  }

  @Get('register/:kind/:year')
  @ConsolePage(...READ_ROLES)
  book(
    @Param('code') code: string,
    @Param('kind') kind: string,
    @Param('year') year: string,
    @Query('page') pageParam: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): void {
    const page = Math.max(1, Number.parseInt(pageParam ?? '1', 10) || 1);
    const { total, entries } = registerPage(this.db, {
      authorityCode: code,
      kind: diplomaKind(kind),
      year: bookYear(year),
      offset: (page - 1) * REGISTER_PAGE_SIZE,
      limit: REGISTER_PAGE_SIZE,
    });
    sendPage(
      response,
      registerBookPage(pageContext(request, response), { kind: diplomaKind(kind), year: bookYear(year), entries, page, total }),
    );
  }

  @Get('register/:kind/:year/export.:format')
  @ConsolePage(...READ_ROLES)
  async export(
    @Param('code') code: string,
    @Param('kind') kind: string,
    @Param('year') year: string,
    @Param('format') format: string,
    @Req() request: ConsoleRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown> {
    const authority = findAuthority(this.db, code);
    const superior = authority?.parentCode ? findAuthority(this.db, authority.parentCode) : undefined;
    const sections = registerBook(this.db, { authorityCode: code, kind: diplomaKind(kind), year: bookYear(year) });
    const input = registerBookExport(
      {
        authorityCode: code,
        authorityName: authority?.name ?? code,
        superiorName: superior?.name ?? null,
        kind: diplomaKind(kind),
        year: bookYear(year),
        generatedAt: new Date().toISOString(),
      },
      sections,
    );
    const name = `so-goc-${code}-${kind}-${year}`;
    if (format !== 'xlsx' && format !== 'pdf') return exportReply(response, format, name, { xlsx: refused, pdf: refused });
    const total = input.sections.reduce((sum, section) => sum + section.rows.length, 0);
    // A job (issue 13 item 4): the book is written into the data dir, its lines counted as they are laid out;
    // a small book is sent here as before, a province's is handed over to its job page.
    const jobId = this.jobs.start(
      {
        authorityCode: code,
        officerId: request.officerAccess!.officer.officerId,
        kind: 'book',
        titleVi: `Xuất sổ gốc ${kind} năm ${year} (${format.toUpperCase()})`,
        titleEn: `Export of the ${kind} ${year} original register (${format.toUpperCase()})`,
        unit: 'lines',
        total,
        link: `${consoleBase(code)}/register/${kind}/${year}`,
      },
      async (job) => {
        const path = job.resultPath(format);
        const onLine = (lines: number) => job.report(lines, total);
        if (format === 'xlsx') writeFileSync(path, await registerBookToXlsx(input, onLine));
        else await pipeline(registerBookPdfStream(input, onLine), createWriteStream(path));
        return { result: { file: basename(path), format, name } };
      },
    );
    const finished = await this.jobs.within(jobId, this.quickMillis);
    if (!finished) {
      response.redirect(303, `${consoleBase(code)}/jobs/${jobId}`);
      return undefined;
    }
    if (finished.error !== undefined) throw finished.error;
    return fileReply(response, readFileSync(join(this.jobs.dir, finished.job.result!.file)), format, name);
  }

  @Get('diplomas/:diplomaId/hand-over')
  @ConsolePage('registrar')
  handOverForm(
    @Param('code') code: string,
    @Param('diplomaId') diplomaId: string,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): void {
    sendPage(response, handOverPage(pageContext(request, response), { entry: this.entry(code, diplomaId), values: {}, errors: [] }));
  }

  @Post('diplomas/:diplomaId/hand-over')
  @ConsolePage('registrar')
  handOver(
    @Param('code') code: string,
    @Param('diplomaId') diplomaId: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const entry = this.entry(code, diplomaId);
    return submitFormAct(request, response, body, {
      read: (ctx, v, errors) => {
        const deliveredOn = readDate(ctx.lang, v, 'deliveredOn', errors, { vi: 'Ngày phát', en: 'Hand-over date' });
        const recipient = {
          kind: v['recipientKind'] === 'proxy' ? ('proxy' as const) : ('holder' as const),
          fullName: v['recipientName'] ?? '',
          authorisationRef: v['authorisationRef']?.trim() || null,
          idDocument: v['idDocument']?.trim() || null,
        };
        return () =>
          this.commands.execute(
            new DeliverDiploma(
              { diplomaId, authorityCode: code, recipient, deliveredOn, deliveredBy: v['deliveredBy'] ?? '' },
              consoleCommandContext(request, body),
            ),
          );
      },
      next: () => `${consoleBase(code)}/print-runs/${entry.printRunId}?done=handed-over`,
      again: (ctx, values, errors, commandId) => handOverPage(ctx, { entry, values, errors, ...(commandId ? { commandId } : {}) }),
      settle: () => this.settled.settle(),
      fieldNames: {
        'recipient.fullName': 'recipientName',
        'recipient.authorisationRef': 'authorisationRef',
        'recipient.kind': 'recipientKind',
      },
    });
  }

  private entry(code: string, diplomaId: string): NonNullable<ReturnType<typeof registerEntryOf>> {
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

function bookYear(year: string): number {
  const value = Number(year);
  if (!Number.isInteger(value) || value < 1900 || value > 2200)
    throw new DomainError({ code: 'BOOK_NOT_FOUND', kind: 'not_found', messageVi: 'Không có quyển sổ này.', messageEn: 'No such book.' });
  return value;
}
