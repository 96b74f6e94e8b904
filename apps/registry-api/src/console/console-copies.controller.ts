import { Body, Controller, Get, Inject, Param, ParseIntPipe, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Database } from 'better-sqlite3';
import { renderDiplomaPdf } from '@so-goc/documents';
import {
  COPY_REQUEST_CHANNELS,
  copyRequestDue,
  DomainError,
  REFUSAL_GROUNDS,
  REQUESTER_KINDS,
  registersHeldOn,
  vietnamDateOf,
  type CopyRequestChannel,
  type RequesterKind,
} from '@so-goc/domain';
import type { CommandOutcome } from '@so-goc/event-store';
import {
  blankLotsHeld,
  copiesOfRequest,
  copyBooksOf,
  copyRegister,
  copyRequestById,
  copyRequestsPage,
  findDiplomas,
  listSigners,
  type CopyRequestRow,
} from '@so-goc/projections';
import {
  DiplomaFaces,
  ExtendCopyRequest,
  FileKeyring,
  HolidayCalendarCache,
  INFRASTRUCTURE,
  IssueCopies,
  OfficerAccess,
  PublicRoute,
  PublishSigningKey,
  READ_MODELS,
  READ_ROLES,
  ReceiveCopyRequest,
  RefuseCopyRequest,
  type Infrastructure,
  type OfficerCommand,
} from '@so-goc/platform';

import { fileReply } from '../exports/file-reply';
import { diplomaKind } from '../issuance/diploma-kind';
import { ConsoleErrorFilter } from './auth/console-errors.filter';
import { sendPage } from './auth/console-http';
import { ConsoleGuard, ConsolePage, type ConsoleRequest } from './auth/console.guard';
import { actFormPage, confirmActPage, inWords, PAGE_SIZE, pageNumber, submitFormAct, vietnamTime } from './pages/act-pages';
import {
  CHANNEL_WORDS,
  copiesIndexPage,
  copyRegisterPage,
  copyRequestPage,
  extendFields,
  issueCopiesFields,
  receiveCopyFields,
  refuseCopyFields,
  REFUSAL_WORDS,
  REQUESTER_WORDS,
} from './pages/copies.page';
import { consoleCommandContext, formValues, isRefusal, readDate, refusalErrors, sentCommandId, type FormValues } from './pages/form-input';
import { ReadYourWrites } from './pages/read-your-writes';
import type { FieldError } from './ui/components';
import type { Words } from './ui/html';
import { consoleBase } from './ui/layout';
import type { PageContext } from './ui/page-context';
import { pageContext } from './ui/request-context';
import { copyRegisterExport } from '../exports/book-exports';

type RequestActName = 'extend' | 'issue' | 'refuse';

const ACTS: Record<RequestActName, { title: Words; submit: Words; path: string; done: string; confirm: boolean }> = {
  extend: {
    title: { vi: 'Gia hạn trả bản sao', en: 'Extend a copy request' },
    submit: { vi: 'Ghi nhận gia hạn', en: 'Record the extension' },
    path: 'extension',
    done: 'extended',
    confirm: false,
  },
  issue: {
    title: { vi: 'Cấp bản sao', en: 'Issue copies' },
    submit: { vi: 'Tiếp tục', en: 'Continue' },
    path: 'copies',
    done: 'issued',
    confirm: true,
  },
  refuse: {
    title: { vi: 'Từ chối cấp bản sao', en: 'Refuse a copy request' },
    submit: { vi: 'Tiếp tục', en: 'Continue' },
    path: 'refusal',
    done: 'refused',
    confirm: true,
  },
};

const DONE: Record<string, Words> = {
  received: { vi: 'Đã tiếp nhận yêu cầu; hẹn trả theo hạn dưới đây.', en: 'The request is received; it is due as shown below.' },
  extended: { vi: 'Đã gia hạn; báo cho người yêu cầu hạn mới và lý do.', en: 'Extended; tell the requester the new time and why.' },
  issued: {
    vi: 'Đã cấp bản sao và ghi vào sổ cấp bản sao. Tải từng bản để in trên phôi bản sao.',
    en: 'The copies are issued and in the copy register. Download each to print on a copy blank.',
  },
  refused: { vi: 'Đã ghi nhận văn bản từ chối.', en: 'The written refusal is recorded.' },
};

const REFUSED_AT_RECEIPT: Words = {
  vi: 'Đã tiếp nhận và từ chối ngay bằng văn bản: sổ gốc đã trả lời (quy tắc 55). Giao văn bản từ chối cho người yêu cầu.',
  en: 'Received and refused at once in writing: the register already answers it (rule 55). Hand the refusal to the requester.',
};

const TIME = /^(\d{1,2}):(\d{2})$/;
const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/;

/**
 * Copies at the counter (docs/scenarios.md scenario 4; domain §2.8): receive a request and see its due
 * time as rule 49 computes it before it is recorded, extend it, issue the copies and print them, or refuse
 * in writing; the copy register. Every act is the API's command, through the command bus.
 */
@ApiExcludeController()
@PublicRoute()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
@Controller('console/:code')
export class ConsoleCopiesController {
  private readonly faces: DiplomaFaces;

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly settled: ReadYourWrites,
    private readonly access: OfficerAccess,
    private readonly calendar: HolidayCalendarCache,
    @Inject(READ_MODELS) private readonly db: Database,
    @Inject(INFRASTRUCTURE) infrastructure: Infrastructure,
  ) {
    this.faces = new DiplomaFaces(db, FileKeyring.forConfig(infrastructure.config), infrastructure.config.portalPublicUrl);
  }

  @Get('copies')
  @ConsolePage(...READ_ROLES)
  index(
    @Param('code') code: string,
    @Query('page') pageParam: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): void {
    const p = pageNumber(pageParam);
    const { total, rows } = copyRequestsPage(this.db, code, (p - 1) * PAGE_SIZE, PAGE_SIZE);
    sendPage(
      response,
      copiesIndexPage(pageContext(request, response), {
        requests: rows,
        total,
        page: p,
        books: copyBooksOf(this.db, code),
        now: new Date().toISOString(),
      }),
    );
  }

  @Get('copies/receive')
  @ConsolePage('registrar')
  receiveForm(@Query('serial') serial: string | undefined, @Req() request: ConsoleRequest, @Res() response: Response): void {
    const ctx = pageContext(request, response);
    sendPage(response, this.receivePage(ctx, typeof serial === 'string' ? { serial: serial.normalize('NFC') } : {}, []));
  }

  /** Step one: check what was typed and show the due time rule 49 gives it; nothing is recorded yet. */
  @Post('copies/receive')
  @ConsolePage('registrar')
  async receiveCheck(
    @Param('code') code: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const v = formValues(body);
    const errors: FieldError[] = [];
    const read = await this.readReceive(ctx, code, v, errors);
    if (!read) return sendPage(response, this.receivePage(ctx, v, errors, sentCommandId(body)), 400);
    const vi = ctx.lang === 'vi';
    let due: ReturnType<typeof copyRequestDue>;
    try {
      due = copyRequestDue(await this.calendar.current(), {
        channel: read.channel,
        receivedAt: read.receivedAt,
        ...(read.dossierCompleteAt ? { dossierCompleteAt: read.dossierCompleteAt } : {}),
      });
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return sendPage(response, this.receivePage(ctx, v, refusalErrors(ctx.lang, error, RECEIVE_FIELDS), sentCommandId(body)), 400);
    }
    const base = consoleBase(code);
    const counted = vietnamTime(ctx, read.dossierCompleteAt ?? read.receivedAt);
    const sameDay = due.dueDate === due.countsFrom;
    sendPage(
      response,
      confirmActPage(ctx, {
        title: { vi: 'Xác nhận tiếp nhận', en: 'Confirm the request' },
        nav: 'copies',
        tone: 'info',
        caption: vi ? `Nhận yêu cầu cấp bản sao ${read.requestId}` : `Copy request ${read.requestId}`,
        heading: vi ? `Hạn trả: ${vietnamTime(ctx, due.dueBy)}` : `Due: ${vietnamTime(ctx, due.dueBy)}`,
        warning: vi
          ? `Tính theo quy tắc 49: nhận lúc ${counted}; ${sameDay ? 'nhận trước 15:00 trong ngày làm việc nên trả trong ngày' : 'nhận sau 15:00 hoặc ngoài ngày làm việc nên trả vào ngày làm việc tiếp theo'}.${due.provisional ? ' Lịch nghỉ lễ năm này chưa công bố: hạn có thể thay đổi.' : ''} Phiếu tiếp nhận được ghi lại và không xoá được.`
          : `Per rule 49: received ${counted}; ${sameDay ? 'before 15:00 on a working day, so due the same day' : 'after 15:00 or on a day off, so due the next working day'}.${due.provisional ? ' This year’s holidays are not published yet: the time may move.' : ''} The receipt is recorded and cannot be removed.`,
        rows: [
          [{ vi: 'Văn bằng', en: 'Diploma' }, `${read.entry.serial} — ${read.entry.fullName}`],
          [{ vi: 'Người yêu cầu', en: 'Requester' }, `${read.requester.fullName} — ${REQUESTER_WORDS[read.requester.kind][ctx.lang]}`],
          [{ vi: 'Hình thức', en: 'Channel' }, CHANNEL_WORDS[read.channel][ctx.lang]],
          [{ vi: 'Số bản sao', en: 'Copies' }, String(read.copies)],
        ],
        action: `${base}/copies/receive/confirmed`,
        values: v,
        submitLabel: { vi: 'Xác nhận tiếp nhận', en: 'Confirm: receive' },
        back: { href: `${base}/copies/receive?serial=${encodeURIComponent(v['serial'] ?? '')}` },
      }),
    );
  }

  @Post('copies/receive/confirmed')
  @ConsolePage('registrar')
  receive(@Param('code') code: string, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return submitFormAct(request, response, body, {
      read: async (ctx, v, errors) => {
        const read = await this.readReceive(ctx, code, v, errors);
        if (!read) return undefined;
        const { entry, ...input } = read;
        return async () => {
          await this.commands.execute<OfficerCommand<unknown>, CommandOutcome>(
            new ReceiveCopyRequest({ ...input, diplomaId: entry.diplomaId, authorityCode: code }, consoleCommandContext(request, body)),
          );
          return input.requestId;
        };
      },
      next: (requestId) => `${consoleBase(code)}/copy-requests/${encodeURIComponent(requestId)}?done=received`,
      again: (ctx, v, errors, commandId) => this.receivePage(ctx, v, errors, commandId),
      settle: () => this.settled.settle(),
      fieldNames: RECEIVE_FIELDS,
    });
  }

  @Get('copy-requests/:requestId')
  @ConsolePage(...READ_ROLES)
  view(
    @Param('code') code: string,
    @Param('requestId') requestId: string,
    @Query('done') done: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): void {
    const ctx = pageContext(request, response);
    const found = this.request(code, requestId);
    // Rule 55 at the counter: what the register already answers is refused in the same step, in writing.
    const words = done === 'received' && found.status === 'refused' ? REFUSED_AT_RECEIPT : done ? DONE[done] : undefined;
    sendPage(
      response,
      copyRequestPage(ctx, { request: found, copies: copiesOfRequest(this.db, requestId), ...(words ? { done: words[ctx.lang] } : {}) }),
    );
  }

  @Get('copy-requests/:requestId/extension')
  @ConsolePage('registrar')
  extendForm(@Param() p: RequestTarget, @Req() request: ConsoleRequest, @Res() response: Response): void {
    this.showForm('extend', p, request, response);
  }

  @Post('copy-requests/:requestId/extension')
  @ConsolePage('registrar')
  extend(@Param() p: RequestTarget, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('extend', p, body, request, response, true);
  }

  @Get('copy-requests/:requestId/copies')
  @ConsolePage('registrar', 'signer')
  issueForm(@Param() p: RequestTarget, @Req() request: ConsoleRequest, @Res() response: Response): void {
    this.showForm('issue', p, request, response);
  }

  @Post('copy-requests/:requestId/copies')
  @ConsolePage('registrar', 'signer')
  issueCheck(@Param() p: RequestTarget, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('issue', p, body, request, response, false);
  }

  @Post('copy-requests/:requestId/copies/confirmed')
  @ConsolePage('registrar', 'signer')
  issue(@Param() p: RequestTarget, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('issue', p, body, request, response, true);
  }

  @Get('copy-requests/:requestId/refusal')
  @ConsolePage('registrar')
  refuseForm(@Param() p: RequestTarget, @Req() request: ConsoleRequest, @Res() response: Response): void {
    this.showForm('refuse', p, request, response);
  }

  @Post('copy-requests/:requestId/refusal')
  @ConsolePage('registrar')
  refuseCheck(@Param() p: RequestTarget, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('refuse', p, body, request, response, false);
  }

  @Post('copy-requests/:requestId/refusal/confirmed')
  @ConsolePage('registrar')
  refuse(@Param() p: RequestTarget, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('refuse', p, body, request, response, true);
  }

  /** One copy as the API's GET …/copies/{copyId}.pdf renders it: "BẢN SAO", its copy number, a QR the portal checks. */
  @Get('copies/:copyId.pdf')
  @ConsolePage(...READ_ROLES)
  async copyPdf(
    @Param('code') code: string,
    @Param('copyId') copyId: string,
    @Req() request: ConsoleRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown> {
    const { face, authorityCode, templateVersion } = this.faces.copy(copyId);
    if (authorityCode !== code)
      throw new DomainError({ code: 'COPY_NOT_FOUND', kind: 'not_found', messageVi: 'Không có bản sao này.', messageEn: 'No such copy.' });
    await this.commands.execute(PublishSigningKey.for(code, consoleCommandContext(request, undefined)));
    const rendered = await renderDiplomaPdf(face, { mode: 'preview', templateVersion });
    return fileReply(response, rendered.bytes, 'pdf', `ban-sao-${copyId}`, rendered.sha256);
  }

  @Get('copy-register/:kind/:year')
  @ConsolePage(...READ_ROLES)
  book(
    @Param('code') code: string,
    @Param('kind') kind: string,
    @Param('year', ParseIntPipe) year: number,
    @Query('page') pageParam: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): void {
    const all = copyRegister(this.db, { authorityCode: code, kind: diplomaKind(kind), year });
    const p = pageNumber(pageParam);
    sendPage(
      response,
      copyRegisterPage(pageContext(request, response), {
        kind: diplomaKind(kind),
        year,
        rows: all.slice((p - 1) * PAGE_SIZE, p * PAGE_SIZE),
        page: p,
        total: all.length,
      }),
    );
  }

  @Get('copy-register/:kind/:year/export.:format')
  @ConsolePage(...READ_ROLES)
  export(
    @Param('code') code: string,
    @Param('kind') kind: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('format') format: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown> {
    // The same file as GET /api/v1/authorities/{code}/copy-register/{kind}/{year}/export.{format}.
    return copyRegisterExport(this.queries, response, { code, kind: diplomaKind(kind), year, format });
  }

  // ── helpers ──────────────────────────────────────────────────────────────────────────────────────

  private receivePage(ctx: PageContext, v: FormValues, errors: readonly FieldError[], commandId?: string): string {
    const base = consoleBase(ctx.authorityCode ?? '');
    return actFormPage(ctx, {
      title: { vi: 'Nhận yêu cầu cấp bản sao', en: 'Receive a copy request' },
      caption: ctx.lang === 'vi' ? 'Bản sao từ sổ gốc' : 'Copies from the register',
      heading: ctx.lang === 'vi' ? 'Nhận yêu cầu cấp bản sao' : 'Receive a copy request',
      nav: 'copies',
      intro:
        ctx.lang === 'vi'
          ? 'Bản sao cấp theo sổ gốc, không theo bản chính người yêu cầu mang đến (quy tắc 46).'
          : 'Copies are made from the register, never from the paper the requester brings (rule 46).',
      action: `${base}/copies/receive`,
      fields: receiveCopyFields(ctx, v, errors),
      submitLabel: { vi: 'Tính hạn trả', en: 'Work out the due time' },
      back: { href: `${base}/copies`, label: { vi: 'Huỷ', en: 'Cancel' } },
      errors,
      ...(commandId ? { commandId } : {}),
    });
  }

  private async readReceive(ctx: PageContext, code: string, v: FormValues, errors: FieldError[]) {
    const say = (vi: string, en: string) => (ctx.lang === 'vi' ? vi : en);
    const serial = (v['serial'] ?? '').trim();
    const held = registersHeldOn(await this.access.directory(), code, vietnamDateOf(new Date()));
    const entry = serial ? findDiplomas(this.db, held, { serial })[0] : undefined;
    if (!serial) errors.push({ field: 'serial', message: say('Nhập số hiệu văn bằng.', 'Enter the diploma serial.') });
    else if (!entry)
      errors.push({
        field: 'serial',
        message: say(
          `Sổ gốc của đơn vị không có văn bằng số hiệu ${serial} (quy tắc 50).`,
          `This office’s register has no diploma ${serial} (rule 50).`,
        ),
      });
    const requestId = (v['requestId'] ?? '').trim();
    if (!REQUEST_ID.test(requestId))
      errors.push({
        field: 'requestId',
        message: say('Số phiếu gồm chữ, số và gạch ngang.', 'The receipt number is letters, digits and hyphens.'),
      });
    const kind = v['requesterKind'] as RequesterKind;
    if (!(REQUESTER_KINDS as readonly string[]).includes(kind))
      errors.push({ field: 'requesterKind', message: say('Chọn quan hệ.', 'Choose the relation.') });
    const fullName = (v['requesterName'] ?? '').trim();
    if (!fullName) errors.push({ field: 'requesterName', message: say('Nhập họ tên người yêu cầu.', 'Enter the requester’s name.') });
    const idKind = (v['idKind'] ?? '').trim();
    if (!idKind)
      errors.push({ field: 'idKind', message: say('Nhập loại giấy tờ tùy thân (quy tắc 48).', 'Enter the identity document (rule 48).') });
    const idNumber = (v['idNumber'] ?? '').trim();
    if (!idNumber)
      errors.push({
        field: 'idNumber',
        message: say('Nhập số giấy tờ tùy thân (quy tắc 48).', 'Enter the identity document number (rule 48).'),
      });
    const channel = v['channel'] as CopyRequestChannel;
    if (!(COPY_REQUEST_CHANNELS as readonly string[]).includes(channel))
      errors.push({ field: 'channel', message: say('Chọn hình thức nộp.', 'Choose the channel.') });
    const receivedAt = instant(ctx, v, 'receivedDate', 'receivedTime', errors, true);
    const dossierCompleteAt = v['completeDate']?.trim() ? instant(ctx, v, 'completeDate', 'completeTime', errors, true) : null;
    const copies = Number(v['copies']);
    if (!Number.isInteger(copies) || copies < 1 || copies > 100)
      errors.push({ field: 'copies', message: say('Số bản sao từ 1 đến 100.', 'Copies must be 1 to 100.') });
    if (errors.length > 0 || !entry || !receivedAt) return undefined;
    return {
      entry,
      requestId,
      requester: {
        kind,
        fullName,
        idDocument: { kind: idKind, number: idNumber },
        entitlementDocument: v['entitlementDocument']?.trim() || null,
        deathCertificate: v['deathCertificate']?.trim() || null,
      },
      channel,
      receivedAt,
      dossierCompleteAt,
      copies,
    };
  }

  private showForm(name: RequestActName, p: RequestTarget, request: ConsoleRequest, response: Response): void {
    const ctx = pageContext(request, response);
    const found = this.request(p.code, p.requestId);
    sendPage(response, this.formPage(name, ctx, found, {}, []));
  }

  private act(
    name: RequestActName,
    p: RequestTarget,
    body: unknown,
    request: ConsoleRequest,
    response: Response,
    record: boolean,
  ): Promise<void> {
    const found = this.request(p.code, p.requestId);
    const here = `${consoleBase(p.code)}/copy-requests/${encodeURIComponent(p.requestId)}`;
    const spec = ACTS[name];
    return submitFormAct(request, response, body, {
      read: (ctx, v, errors) => {
        const command = this.command(name, ctx, p, v, errors, request, body);
        return command && (() => this.commands.execute<OfficerCommand<unknown>, CommandOutcome>(command));
      },
      ...(!record && spec.confirm ? { confirm: (ctx: PageContext, v: FormValues) => this.confirmPage(name, ctx, found, v) } : {}),
      next: () => `${here}?done=${spec.done}`,
      again: (ctx, v, errors, commandId) => this.formPage(name, ctx, found, v, errors, commandId),
      settle: () => this.settled.settle(),
      fieldNames: { 'extension.writtenAgreementRef': 'writtenAgreementRef', requestId: '' },
      words: (ctx, errors) => inWords(ctx, errors, REFUSAL_WORDS),
    });
  }

  private command(
    name: RequestActName,
    ctx: PageContext,
    p: RequestTarget,
    v: FormValues,
    errors: FieldError[],
    request: ConsoleRequest,
    body: unknown,
  ): OfficerCommand<unknown> | undefined {
    const say = (vi: string, en: string) => (ctx.lang === 'vi' ? vi : en);
    const text = (field: string, vi: string, en: string) => {
      const value = (v[field] ?? '').trim();
      if (!value) errors.push({ field, message: say(vi, en) });
      return value;
    };
    const context = consoleCommandContext(request, body);
    const target = { requestId: p.requestId, authorityCode: p.code };
    if (name === 'extend') {
      const workingDays = Number(v['workingDays']);
      if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > 30)
        errors.push({ field: 'workingDays', message: say('Số ngày làm việc từ 1 đến 30.', 'Working days must be 1 to 30.') });
      const reason = text('reason', 'Ghi lý do gia hạn.', 'State the reason.');
      if (errors.length > 0) return undefined;
      return new ExtendCopyRequest(
        { ...target, workingDays, reason, writtenAgreementRef: v['writtenAgreementRef']?.trim() || null },
        context,
      );
    }
    if (name === 'issue') {
      const lotId = text('lotId', 'Chọn lô phôi bản sao (quy tắc 53).', 'Choose the lot of copy blanks (rule 53).');
      const issuedOn = readDate(ctx.lang, v, 'issuedOn', errors, { vi: 'Ngày cấp', en: 'Issue date' });
      const issuePlace = text('issuePlace', 'Nhập nơi cấp.', 'Enter the place of issue.');
      const signerId = text('signerId', 'Chọn người ký.', 'Choose the signer.');
      if (errors.length > 0) return undefined;
      return new IssueCopies({ ...target, lotId, issuedOn, issuePlace, signerId }, context);
    }
    const grounds = REFUSAL_GROUNDS.filter((g) => v[`ground_${g}`]);
    if (grounds.length === 0)
      errors.push({ field: 'grounds', message: say('Chọn căn cứ từ chối (quy tắc 50).', 'Choose the grounds (rule 50).') });
    const reasons = text('reasons', 'Ghi lý do trong văn bản trả lời (quy tắc 50).', 'State the reasons of the written answer (rule 50).');
    const letterRef = text('letterRef', 'Nhập số văn bản trả lời.', 'Enter the letter number.');
    const refusedOn = readDate(ctx.lang, v, 'refusedOn', errors, { vi: 'Ngày văn bản', en: 'Letter date' });
    if (errors.length > 0) return undefined;
    return new RefuseCopyRequest({ ...target, grounds, reasons, letterRef, refusedOn }, context);
  }

  private confirmPage(name: RequestActName, ctx: PageContext, r: CopyRequestRow, v: FormValues): string {
    const vi = ctx.lang === 'vi';
    const here = `${consoleBase(ctx.authorityCode ?? '')}/copy-requests/${encodeURIComponent(r.requestId)}`;
    const spec = ACTS[name];
    const common = { nav: 'copies' as const, action: `${here}/${spec.path}/confirmed`, values: v, back: { href: `${here}/${spec.path}` } };
    if (name === 'issue')
      return confirmActPage(ctx, {
        ...common,
        title: { vi: 'Xác nhận cấp bản sao', en: 'Confirm the copies' },
        heading: vi ? `Cấp ${r.copies} bản sao cho ${r.requester.fullName}?` : `Issue ${r.copies} copies to ${r.requester.fullName}?`,
        warning: vi
          ? `Không đảo ngược được: ${r.copies} số vào sổ cấp bản sao liên tiếp được ghi vào sổ (quy tắc 52), mỗi bản dùng một phôi bản sao của lô ${v['lotId'] ?? ''} (quy tắc 53); nội dung lấy theo sổ gốc, kèm các quyết định chỉnh sửa đang có hiệu lực (quy tắc 46, 57).`
          : `This cannot be undone: ${r.copies} consecutive copy numbers go into the copy register (rule 52), each on one copy blank of lot ${v['lotId'] ?? ''} (rule 53); the content is the register's, with corrections in force (rules 46, 57).`,
        rows: [
          [{ vi: 'Văn bằng', en: 'Diploma' }, `${r.serial ?? ''} — ${r.fullName ?? ''}`],
          [{ vi: 'Ngày cấp, nơi cấp', en: 'Issued on, at' }, `${v['issuedOn'] ?? ''}, ${v['issuePlace'] ?? ''}`],
        ],
        submitLabel: { vi: 'Xác nhận cấp bản sao', en: 'Confirm: issue the copies' },
      });
    const grounds = REFUSAL_GROUNDS.filter((g) => v[`ground_${g}`]).map((g) => REFUSAL_WORDS[g][ctx.lang]);
    return confirmActPage(ctx, {
      ...common,
      title: { vi: 'Xác nhận từ chối', en: 'Confirm the refusal' },
      heading: vi ? `Từ chối yêu cầu của ${r.requester.fullName}?` : `Refuse ${r.requester.fullName}’s request?`,
      warning: vi
        ? 'Việc từ chối được ghi lại và không xoá được; người yêu cầu nhận văn bản nêu căn cứ và lý do dưới đây (quy tắc 50).'
        : 'The refusal is recorded and cannot be removed; the requester receives a letter with the grounds and reasons below (rule 50).',
      rows: [
        [{ vi: 'Căn cứ', en: 'Grounds' }, grounds.join('; ')],
        [{ vi: 'Lý do', en: 'Reasons' }, v['reasons'] ?? ''],
        [{ vi: 'Văn bản', en: 'Letter' }, `${v['letterRef'] ?? ''}, ${v['refusedOn'] ?? ''}`],
      ],
      submitLabel: { vi: 'Xác nhận từ chối', en: 'Confirm: refuse' },
    });
  }

  private formPage(
    name: RequestActName,
    ctx: PageContext,
    r: CopyRequestRow,
    v: FormValues,
    errors: readonly FieldError[],
    commandId?: string,
  ): string {
    const code = ctx.authorityCode ?? '';
    const here = `${consoleBase(code)}/copy-requests/${encodeURIComponent(r.requestId)}`;
    const spec = ACTS[name];
    const fields =
      name === 'extend'
        ? extendFields(ctx, v, errors)
        : name === 'issue'
          ? issueCopiesFields(ctx, v, errors, {
              lots: blankLotsHeld(this.db, code)
                .filter((l) => l.kind.endsWith('_COPY') && l.inStock > 0)
                .map((l) => ({
                  value: l.lotId,
                  label: `${l.lotId} — ${l.kind}, ${l.inStock} ${ctx.lang === 'vi' ? 'phôi trong kho' : 'in stock'}`,
                })),
              signers: listSigners(this.db, code),
            })
          : refuseCopyFields(ctx, v, errors);
    return actFormPage(ctx, {
      title: spec.title,
      caption: `${spec.title[ctx.lang]} · ${r.requestId}`,
      heading: r.fullName ?? r.diplomaId,
      nav: 'copies',
      intro:
        ctx.lang === 'vi'
          ? `${r.copies} bản sao, người yêu cầu ${r.requester.fullName}; hạn trả ${vietnamTime(ctx, r.dueBy)}.`
          : `${r.copies} copies for ${r.requester.fullName}; due ${vietnamTime(ctx, r.dueBy)}.`,
      action: `${here}/${spec.path}`,
      fields,
      submitLabel: spec.submit,
      back: { href: here, label: { vi: 'Quay lại yêu cầu', en: 'Back to the request' } },
      errors,
      ...(commandId ? { commandId } : {}),
    });
  }

  private request(code: string, requestId: string): CopyRequestRow {
    const found = copyRequestById(this.db, requestId);
    if (!found || found.authorityCode !== code)
      throw new DomainError({
        code: 'COPY_REQUEST_NOT_FOUND',
        kind: 'not_found',
        messageVi: 'Không có yêu cầu này.',
        messageEn: 'No such request.',
      });
    return found;
  }
}

interface RequestTarget {
  code: string;
  requestId: string;
}

const RECEIVE_FIELDS: Record<string, string> = {
  'requester.fullName': 'requesterName',
  'requester.kind': 'requesterKind',
  'requester.idDocument.kind': 'idKind',
  'requester.idDocument.number': 'idNumber',
  'requester.entitlementDocument': 'entitlementDocument',
  'requester.deathCertificate': 'deathCertificate',
  receivedAt: 'receivedDate',
  dossierCompleteAt: 'completeDate',
  diplomaId: 'serial',
};

/** A date (dd/mm/yyyy) and a time (hh:mm) typed at the counter, as the Vietnam-time instant they name. */
function instant(
  ctx: PageContext,
  v: FormValues,
  dateField: string,
  timeField: string,
  errors: FieldError[],
  required: boolean,
): string | undefined {
  const date = readDate(ctx.lang, v, dateField, errors, { vi: 'Ngày', en: 'Date' });
  const typed = (v[timeField] ?? '').trim();
  const match = TIME.exec(typed);
  const hours = match ? Number(match[1]) : NaN;
  const minutes = match ? Number(match[2]) : NaN;
  if (!match || hours > 23 || minutes > 59) {
    if (required || typed)
      errors.push({
        field: timeField,
        message: ctx.lang === 'vi' ? 'Giờ phải theo dạng giờ:phút, ví dụ 15:20.' : 'The time must be hh:mm, for example 15:20.',
      });
    return undefined;
  }
  return date ? `${date}T${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:00+07:00` : undefined;
}
