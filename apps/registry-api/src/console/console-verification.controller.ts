import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Database } from 'better-sqlite3';
import { verificationLetterToPdf } from '@so-goc/documents';
import { DomainError, registersHeldOn } from '@so-goc/domain';
import type { CommandOutcome } from '@so-goc/event-store';
import {
  findAuthority,
  letterheadOf,
  listSigners,
  matchVerificationSubject,
  verificationLettersPage,
  verificationRequestById,
  type VerificationRequestView,
} from '@so-goc/projections';
import {
  AnswerVerificationRequest,
  INFRASTRUCTURE,
  OfficerAccess,
  PublicRoute,
  READ_MODELS,
  READ_ROLES,
  ReceiveVerificationRequest,
  type Infrastructure,
  type OfficerCommand,
} from '@so-goc/platform';
import { placeOf } from '../exports/letterhead';
import { fileReply } from '../exports/file-reply';
import { ConsoleErrorFilter } from './auth/console-errors.filter';
import { sendPage } from './auth/console-http';
import { ConsoleGuard, ConsolePage, type ConsoleRequest } from './auth/console.guard';
import { confirmActPage, PAGE_SIZE, pageNumber } from './pages/act-pages';
import { submitFormAct } from './pages/act-pages';
import { consoleCommandContext, formValues, readDate, sentCommandId, type FormValues } from './pages/form-input';
import { ReadYourWrites } from './pages/read-your-writes';
import { answerText, letterFormPage, letterPage, lettersPage } from './pages/verification.page';
import type { FieldError } from './ui/components';
import { consoleBase } from './ui/layout';
import type { PageContext } from './ui/page-context';
import { pageContext } from './ui/request-context';

const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/;

/**
 * Verification letters (docs/scenarios.md scenario 5; domain §2.9): enter an agency's letter and its people,
 * see each answer the register gives before it is recorded, and print the response letter with its QR —
 * the same commands and the same PDF as the API's verification-requests routes.
 */
@ApiExcludeController()
@PublicRoute()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
@Controller('console/:code/verification')
export class ConsoleVerificationController {
  constructor(
    private readonly commands: CommandBus,
    private readonly settled: ReadYourWrites,
    private readonly access: OfficerAccess,
    @Inject(READ_MODELS) private readonly db: Database,
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
  ) {}

  @Get()
  @ConsolePage(...READ_ROLES)
  index(
    @Param('code') code: string,
    @Query('page') pageParam: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): void {
    const p = pageNumber(pageParam);
    sendPage(
      response,
      lettersPage(pageContext(request, response), { ...verificationLettersPage(this.db, code, (p - 1) * PAGE_SIZE, PAGE_SIZE), page: p }),
    );
  }

  @Get('new')
  @ConsolePage('registrar')
  newForm(@Req() request: ConsoleRequest, @Res() response: Response): void {
    sendPage(response, letterFormPage(pageContext(request, response), { values: {}, errors: [] }));
  }

  @Post('new')
  @ConsolePage('registrar')
  receive(@Param('code') code: string, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return submitFormAct(request, response, body, {
      read: (ctx, v, errors) => {
        const say = (vi: string, en: string) => (ctx.lang === 'vi' ? vi : en);
        const requestId = (v['requestId'] ?? '').trim();
        if (!REQUEST_ID.test(requestId))
          errors.push({
            field: 'requestId',
            message: say('Số hồ sơ gồm chữ, số và gạch ngang.', 'The file number is letters, digits and hyphens.'),
          });
        const organisation = (v['organisation'] ?? '').trim();
        if (!organisation) errors.push({ field: 'organisation', message: say('Nhập cơ quan gửi công văn.', 'Enter who sent the letter.') });
        const letterNumber = (v['letterNumber'] ?? '').trim();
        if (!letterNumber) errors.push({ field: 'letterNumber', message: say('Nhập số công văn.', 'Enter the letter number.') });
        const letterDate = readDate(ctx.lang, v, 'letterDate', errors, { vi: 'Ngày công văn', en: 'Letter date' });
        const receivedOn = readDate(ctx.lang, v, 'receivedOn', errors, { vi: 'Ngày nhận', en: 'Receipt date' });
        const subjects = readPeople(ctx, v['people'] ?? '', errors);
        return async () => {
          await this.commands.execute<OfficerCommand<unknown>, CommandOutcome>(
            new ReceiveVerificationRequest(
              {
                requestId,
                authorityCode: code,
                organisation,
                letterNumber,
                letterDate,
                receivedOn,
                legalBasis: v['legalBasis']?.trim() || null,
                subjects,
              },
              consoleCommandContext(request, body),
            ),
          );
          return requestId;
        };
      },
      next: (requestId) => `${consoleBase(code)}/verification/${encodeURIComponent(requestId)}?done=received`,
      again: (ctx, values, errors, commandId) => letterFormPage(ctx, { values, errors, ...(commandId ? { commandId } : {}) }),
      settle: () => this.settled.settle(),
      fieldNames: { subjects: 'people' },
      words: (_ctx, errors) => errors.map((e) => (e.field.startsWith('subjects[') ? { ...e, field: 'people' } : e)),
    });
  }

  @Get(':requestId')
  @ConsolePage(...READ_ROLES)
  view(
    @Param('code') code: string,
    @Param('requestId') requestId: string,
    @Query('done') done: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): void {
    const ctx = pageContext(request, response);
    const words =
      done === 'received'
        ? { vi: 'Đã ghi nhận công văn. Trả lời ở cuối trang.', en: 'The letter is recorded. Answer it at the foot of the page.' }
        : done === 'answered'
          ? {
              vi: 'Đã ghi nhận câu trả lời. Tải công văn trả lời để ký và gửi.',
              en: 'The answer is recorded. Download the response letter to sign and send.',
            }
          : undefined;
    sendPage(
      response,
      letterPage(ctx, {
        letter: this.letter(code, requestId),
        signers: listSigners(this.db, code),
        values: {},
        errors: [],
        ...(words ? { done: words[ctx.lang] } : {}),
      }),
    );
  }

  /** Step one: the register's answer for each person, shown before it is recorded. */
  @Post(':requestId')
  @ConsolePage('registrar', 'signer')
  async check(
    @Param('code') code: string,
    @Param('requestId') requestId: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const letter = this.letter(code, requestId);
    const v = formValues(body);
    const errors: FieldError[] = [];
    const answer = this.readAnswer(ctx, code, v, errors);
    if (!answer) return this.again(ctx, response, letter, v, errors, body);
    const vi = ctx.lang === 'vi';
    const books = registersHeldOn(await this.access.directory(), code, answer.respondedOn);
    const answers = letter.subjects.map((s) => matchVerificationSubject(this.db, books, s));
    const here = `${consoleBase(code)}/verification/${encodeURIComponent(requestId)}`;
    sendPage(
      response,
      confirmActPage(ctx, {
        title: { vi: 'Xác nhận trả lời', en: 'Confirm the answer' },
        nav: 'verification',
        heading: vi
          ? `Trả lời công văn ${letter.letterNumber} của ${letter.organisation}?`
          : `Answer letter ${letter.letterNumber} from ${letter.organisation}?`,
        warning: vi
          ? `Câu trả lời dưới đây (đối chiếu sổ gốc ngày ${v['respondedOn'] ?? ''}) được ghi lại và không sửa được; công văn trả lời số ${answer.responseLetterNumber} in kèm mã QR để cơ quan nhận kiểm tra.`
          : `The answers below (checked against the register as of ${v['respondedOn'] ?? ''}) are recorded and cannot be changed; response letter ${answer.responseLetterNumber} carries a QR the recipient can check.`,
        rows: letter.subjects.map(
          (s, i) =>
            [
              { vi: s.fullName, en: s.fullName },
              answerText(ctx, {
                ...answers[i]!,
                decisions: [...answers[i]!.decisions],
                mismatchedFields: [...answers[i]!.mismatchedFields],
                diplomaId: answers[i]!.diplomaId ?? null,
              }),
            ] as const,
        ),
        action: `${here}/confirmed`,
        values: v,
        submitLabel: { vi: 'Xác nhận trả lời', en: 'Confirm: answer' },
        back: { href: here },
      }),
    );
  }

  @Post(':requestId/confirmed')
  @ConsolePage('registrar', 'signer')
  answer(
    @Param('code') code: string,
    @Param('requestId') requestId: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const letter = this.letter(code, requestId);
    return submitFormAct(request, response, body, {
      read: (ctx, v, errors) => {
        const answer = this.readAnswer(ctx, code, v, errors);
        return (
          answer &&
          (() =>
            this.commands.execute<OfficerCommand<unknown>, CommandOutcome>(
              new AnswerVerificationRequest({ requestId, authorityCode: code, ...answer }, consoleCommandContext(request, body)),
            ))
        );
      },
      next: () => `${consoleBase(code)}/verification/${encodeURIComponent(requestId)}?done=answered`,
      again: (ctx, values, errors, commandId) => this.letterPage(ctx, letter, values, errors, commandId),
      settle: () => this.settled.settle(),
      fieldNames: { requestId: '' },
    });
  }

  /** The response letter as the API's GET …/verification-requests/{id}/letter.pdf renders it. */
  @Get(':requestId/letter.pdf')
  @ConsolePage(...READ_ROLES)
  async letterPdf(
    @Param('code') code: string,
    @Param('requestId') requestId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown> {
    const found = this.letter(code, requestId);
    if (!found.answers || !found.responseLetterNumber || !found.respondedOn)
      throw new DomainError({
        code: 'VERIFICATION_NOT_ANSWERED',
        kind: 'precondition_failed',
        messageVi: 'Công văn chưa được trả lời.',
        messageEn: 'The letter has not been answered yet.',
      });
    const letterhead = letterheadOf(this.db, code);
    const { bytes, sha256 } = await verificationLetterToPdf({
      superiorName: letterhead.superiorName,
      authorityName: letterhead.authorityName,
      place: placeOf(findAuthority(this.db, code)?.name ?? ''),
      letterNumber: found.responseLetterNumber,
      respondedOn: found.respondedOn,
      organisation: found.organisation,
      theirLetterNumber: found.letterNumber,
      theirLetterDate: found.letterDate,
      subjects: found.subjects,
      answers: found.answers as never,
      signerTitle: found.signerTitle ?? '',
      signerName: found.signerName ?? '',
      verifyUrl: `${this.infrastructure.config.portalPublicUrl}/cong-van/${encodeURIComponent(requestId)}`,
      generatedAt: `${found.respondedOn}T00:00:00.000Z`,
    });
    return fileReply(response, bytes, 'pdf', `tra-loi-xac-minh-${requestId}`, sha256);
  }

  private readAnswer(ctx: PageContext, code: string, v: FormValues, errors: FieldError[]) {
    const say = (vi: string, en: string) => (ctx.lang === 'vi' ? vi : en);
    const responseLetterNumber = (v['responseLetterNumber'] ?? '').trim();
    if (!responseLetterNumber)
      errors.push({ field: 'responseLetterNumber', message: say('Nhập số công văn trả lời.', 'Enter the response letter number.') });
    const respondedOn = readDate(ctx.lang, v, 'respondedOn', errors, { vi: 'Ngày trả lời', en: 'Response date' });
    const signerId = (v['signerId'] ?? '').trim();
    if (!listSigners(this.db, code).some((s) => s.signerId === signerId))
      errors.push({ field: 'signerId', message: say('Chọn người ký.', 'Choose the signer.') });
    return errors.length > 0 ? undefined : { responseLetterNumber, respondedOn, signerId };
  }

  private again(
    ctx: PageContext,
    response: Response,
    letter: VerificationRequestView,
    v: FormValues,
    errors: FieldError[],
    body: unknown,
  ): void {
    sendPage(response, this.letterPage(ctx, letter, v, errors, sentCommandId(body)), 400);
  }

  private letterPage(
    ctx: PageContext,
    letter: VerificationRequestView,
    values: FormValues,
    errors: readonly FieldError[],
    commandId: string | undefined,
  ): string {
    return letterPage(ctx, {
      letter,
      signers: listSigners(this.db, ctx.authorityCode ?? ''),
      values,
      errors,
      ...(commandId ? { commandId } : {}),
    });
  }

  private letter(code: string, requestId: string): VerificationRequestView {
    const found = verificationRequestById(this.db, requestId);
    if (!found || found.authorityCode !== code)
      throw new DomainError({
        code: 'VERIFICATION_REQUEST_NOT_FOUND',
        kind: 'not_found',
        messageVi: 'Không có công văn này.',
        messageEn: 'No such letter.',
      });
    return found;
  }
}

/** One person a line: name; date of birth; serial; register number — separated by semicolons or Excel's tabs. */
function readPeople(
  ctx: PageContext,
  text: string,
  errors: FieldError[],
): { fullName: string; birthDate: string | null; serial: string | null; registerNumber: string | null }[] {
  const say = (vi: string, en: string) => (ctx.lang === 'vi' ? vi : en);
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0)
    errors.push({ field: 'people', message: say('Nhập ít nhất một người cần xác minh.', 'Enter at least one person.') });
  if (lines.length > 200) errors.push({ field: 'people', message: say('Một công văn tối đa 200 người.', 'At most 200 people a letter.') });
  return lines.map((line, i) => {
    const [fullName = '', birth = '', serial = '', registerNumber = ''] = line.split(/\t|;/).map((p) => p.trim());
    const problems: FieldError[] = [];
    const birthDate = birth ? readDate(ctx.lang, { b: birth }, 'b', problems, { vi: 'Ngày sinh', en: 'Date of birth' }) : null;
    if (!fullName) problems.push({ field: 'b', message: say('thiếu họ tên', 'the name is missing') });
    for (const p of problems) errors.push({ field: 'people', message: `${say('Dòng', 'Line')} ${i + 1}: ${p.message}` });
    return { fullName, birthDate: birthDate || null, serial: serial || null, registerNumber: registerNumber || null };
  });
}
