import { createHash } from 'node:crypto';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UploadedFiles, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  DOSSIER_DOCUMENT_KINDS,
  DomainError,
  REQUIRED_DOSSIER_DOCUMENTS,
  vietnamDateOf,
  type DossierDocument,
  type ForeignVerificationOutcome,
  type RecognitionChannel,
  type RecognitionLevel,
  type RecognitionRevocationGround,
} from '@so-goc/domain';
import {
  PublicRoute,
  READ_ROLES,
  ReceiveRecognitionApplication,
  RecogniseForeignDiploma,
  RecognitionQuery,
  RecognitionsQuery,
  RecordRecognitionVerificationAnswer,
  RefuseRecognition,
  RevokeRecognition,
  SendRecognitionVerification,
} from '@so-goc/platform';
import { ConsoleErrorFilter } from './auth/console-errors.filter';
import { sendPage } from './auth/console-http';
import { ConsoleGuard, ConsolePage, type ConsoleRequest } from './auth/console.guard';
import { consoleCommandContext, formValues, isRefusal, readDate, refusalErrors, sentCommandId, type FormValues } from './pages/form-input';
import {
  dossierField,
  DOSSIER_WORDS,
  recognitionApplicationPage,
  recognitionPage,
  recognitionsPage,
  type RecognitionForm,
} from './pages/recognitions.page';
import { newCommandId } from './ui/page-context';
import type { FieldError } from './ui/components';
import { consoleBase } from './ui/layout';
import { pageContext } from './ui/request-context';

/** The intake form's fields as an officer calls them, for "enter …" messages. */
const INTAKE_LABELS: Record<string, [string, string]> = {
  recognitionId: ['mã hồ sơ', 'application number'],
  'applicant.fullName': ['họ và tên người đề nghị', "applicant's full name"],
  'applicant.nationality': ['quốc tịch', 'nationality'],
  'applicant.idDocument.kind': ['loại giấy tờ tuỳ thân', 'identity document'],
  'applicant.idDocument.number': ['số giấy tờ tuỳ thân', 'identity document number'],
  'foreignDiploma.title': ['tên văn bằng', 'diploma title'],
  'foreignDiploma.issuer': ['cơ sở cấp văn bằng', 'issuer'],
  'foreignDiploma.country': ['quốc gia cấp văn bằng', 'country'],
};

/** One document of a dossier: a scan or a PDF of a few pages. */
const MAX_DOSSIER_FILE_BYTES = 20 * 1024 * 1024;

const DONE: Record<RecognitionForm | 'received', [string, string]> = {
  received: [
    'Đã tiếp nhận hồ sơ; hạn trả kết quả đã được tính. Các tài liệu được lưu bằng mã băm SHA-256 bên dưới.',
    'The application was received and its deadline set. Its documents are kept as the SHA-256 hashes below.',
  ],
  verification: ['Đã ghi nhận đề nghị xác minh đã gửi.', 'The verification request was recorded as sent.'],
  answer: ['Đã ghi nhận kết quả xác minh.', 'The verification answer was recorded.'],
  recognition: ['Đã công nhận và cấp số giấy công nhận.', 'Recognised; the document was numbered.'],
  refusal: ['Đã ghi văn bản từ chối.', 'The written refusal was recorded.'],
  revocation: ['Đã thu hồi giấy công nhận; cổng tra cứu trả lời "đã thu hồi".', 'The document was revoked; the portal answers REVOKED.'],
};

/**
 * Recognition of foreign diplomas in the console (§8, issue 18): the Sở's applications, and on one the steps
 * verification → answer → recognition or written refusal → revocation, through the API's commands. Reading
 * another Sở's application is 404, acting on it 403 (the handlers authorise on the record).
 */
@ApiExcludeController()
@PublicRoute()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
@Controller('console/:code/recognitions')
export class ConsoleRecognitionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ConsolePage(...READ_ROLES)
  async list(@Param('code') code: string, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const { recognitions } = await this.queries.execute(new RecognitionsQuery({ authorityCode: code }));
    sendPage(response, recognitionsPage(pageContext(request, response), recognitions));
  }

  /** Another Sở's application is 404: the same query, and the same rule, as the API's. */
  private view(code: string, recognitionId: string) {
    return this.queries.execute(new RecognitionQuery({ authorityCode: code, recognitionId }));
  }

  @Get('new')
  @ConsolePage('registrar')
  newApplication(@Req() request: ConsoleRequest, @Res() response: Response): void {
    const ctx = pageContext(request, response);
    const today = vietnamDateOf(new Date());
    const commandId = newCommandId();
    // A suggested number, fixed by the form's command id so a resent form names the same application.
    const suggested = `CN-${today.slice(0, 4)}-${commandId.slice(0, 6).toUpperCase()}`;
    sendPage(
      response,
      recognitionApplicationPage(ctx, {
        values: { recognitionId: suggested, receivedOn: today.split('-').reverse().join('/') },
        errors: [],
        kept: [],
        commandId,
      }),
    );
  }

  /**
   * The intake of an application (§8): the files are read here only to hash them (SHA-256); the dossier records
   * each document's kind, name and hash. A document missing, a date or any field the decider refuses is shown
   * next to its field, and the documents already received are kept for the next attempt.
   */
  @Post('new')
  @ConsolePage('registrar')
  @UseInterceptors(
    FileFieldsInterceptor(
      DOSSIER_DOCUMENT_KINDS.map((kind) => ({ name: dossierField(kind), maxCount: 1 })),
      { limits: { fileSize: MAX_DOSSIER_FILE_BYTES, files: DOSSIER_DOCUMENT_KINDS.length } },
    ),
  )
  async receive(
    @Param('code') code: string,
    @Body() body: unknown,
    @UploadedFiles() files: Partial<Record<string, { originalname: string; buffer: Buffer }[]>> | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const v = formValues(body);
    const errors: FieldError[] = [];
    const say = (vi: string, en: string) => (ctx.lang === 'vi' ? vi : en);
    const dossier: DossierDocument[] = [];
    for (const kind of DOSSIER_DOCUMENT_KINDS) {
      const file = files?.[dossierField(kind)]?.[0];
      if (file && file.buffer.length > 0) {
        const name = Buffer.from(file.originalname, 'latin1').toString('utf8').normalize('NFC').slice(0, 200);
        dossier.push({ kind, name, sha256: createHash('sha256').update(file.buffer).digest('hex') });
        continue;
      }
      const kept = /^([0-9a-f]{64}):(.{1,200})$/s.exec(v[`kept-${kind}`] ?? '');
      if (kept) dossier.push({ kind, name: kept[2]!, sha256: kept[1]! });
      else if (REQUIRED_DOSSIER_DOCUMENTS.includes(kind))
        errors.push({
          field: dossierField(kind),
          message: say(`Tải lên ${DOSSIER_WORDS[kind].vi.toLowerCase()}.`, `Upload the ${DOSSIER_WORDS[kind].en.toLowerCase()}.`),
        });
    }
    const date = (field: string, vi: string, en: string) => readDate(ctx.lang, v, field, errors, { vi, en });
    const receivedOn = date('receivedOn', 'Ngày nhận đủ hồ sơ', 'Dossier complete on');
    const birthDate = date('applicant.birthDate', 'Ngày sinh', 'Date of birth');
    const issuedOn = date('foreignDiploma.issuedOn', 'Ngày cấp', 'Issued on');
    const recognitionId = (v['recognitionId'] ?? '').trim();
    // A document missing is refused by the decider too (the dossier is incomplete, nothing is recorded), so it
    // is still asked: every other field's problem is shown in the same answer.
    const missingDocuments = errors.filter((e) => e.field.startsWith('doc-')).length;
    if (errors.length === missingDocuments) {
      try {
        await this.commands.execute(
          new ReceiveRecognitionApplication(
            {
              recognitionId,
              authorityCode: code,
              channel: (v['channel'] ?? '') as RecognitionChannel,
              receivedOn,
              applicant: {
                fullName: v['applicant.fullName'] ?? '',
                birthDate,
                birthPlace: v['applicant.birthPlace']?.trim() || null,
                nationality: v['applicant.nationality'] ?? '',
                idDocument: { kind: v['applicant.idDocument.kind'] ?? '', number: v['applicant.idDocument.number'] ?? '' },
              },
              foreignDiploma: {
                title: v['foreignDiploma.title'] ?? '',
                issuer: v['foreignDiploma.issuer'] ?? '',
                country: v['foreignDiploma.country'] ?? '',
                issuedOn,
                number: v['foreignDiploma.number']?.trim() || null,
                levelSought: (v['foreignDiploma.levelSought'] ?? '') as RecognitionLevel,
              },
              dossier,
            },
            consoleCommandContext(request, body),
          ),
        );
        if (missingDocuments === 0)
          return response.redirect(303, `${consoleBase(code)}/recognitions/${encodeURIComponent(recognitionId)}?done=received`);
        throw new Error('unreachable: an application without its required documents was received');
      } catch (error) {
        if (!isRefusal(error)) throw error;
        // The decider names dossier[i].…: shown next to that document's file field.
        const byIndex = Object.fromEntries(
          dossier.flatMap((d, i) => [
            [`dossier[${i}].sha256`, dossierField(d.kind)],
            [`dossier[${i}].name`, dossierField(d.kind)],
            [`dossier[${i}].kind`, dossierField(d.kind)],
          ]),
        );
        // A required field left empty is named in the officer's words, not by its path in the command.
        const named = new DomainError({
          ...error.problem,
          ...(error.problem.fieldProblems
            ? {
                fieldProblems: error.problem.fieldProblems.map((p) => {
                  const label = INTAKE_LABELS[p.field];
                  return p.code === 'REQUIRED' && label ? { ...p, messageVi: `Nhập ${label[0]}.`, messageEn: `Enter the ${label[1]}.` } : p;
                }),
              }
            : {}),
        });
        const problems = refusalErrors(ctx.lang, named, { ...byIndex, dossier: 'dossier', authorityCode: '' });
        // The missing documents are already named at their own fields.
        errors.push(...problems.filter((p) => !(missingDocuments > 0 && p.field === 'dossier')));
      }
    }
    const commandId = sentCommandId(body);
    sendPage(response, recognitionApplicationPage(ctx, { values: v, errors, kept: dossier, ...(commandId ? { commandId } : {}) }), 400);
  }

  @Get(':recognitionId')
  @ConsolePage(...READ_ROLES)
  async show(
    @Param('code') code: string,
    @Param('recognitionId') recognitionId: string,
    @Query('done') done: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const words = done ? DONE[done as RecognitionForm | 'received'] : undefined;
    sendPage(
      response,
      recognitionPage(ctx, { view: await this.view(code, recognitionId), ...(words ? { done: words[ctx.lang === 'vi' ? 0 : 1] } : {}) }),
    );
  }

  @Post(':recognitionId/:step')
  @ConsolePage('signer', 'registrar')
  async act(
    @Param('code') code: string,
    @Param('recognitionId') recognitionId: string,
    @Param('step') step: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const v = formValues(body);
    const errors: FieldError[] = [];
    const form = step as RecognitionForm;
    const on = { recognitionId, authorityCode: code };
    const date = (field: string, vi: string, en: string) => readDate(ctx.lang, v, field, errors, { vi, en });
    const fields: Record<string, string> = {};
    const run = async (): Promise<void> => {
      const context = consoleCommandContext(request, body);
      switch (form) {
        case 'verification': {
          const sentOn = date('sentOn', 'Ngày gửi', 'Date sent');
          if (errors.length === 0)
            await this.commands.execute(
              new SendRecognitionVerification(
                { ...on, sentOn, letterNumber: v['letterNumber'] ?? '', addressee: v['addressee'] ?? '' },
                context,
              ),
            );
          return;
        }
        case 'answer': {
          const answeredOn = date('answeredOn', 'Ngày trả lời', 'Date answered');
          if (errors.length === 0)
            await this.commands.execute(
              new RecordRecognitionVerificationAnswer(
                { ...on, answeredOn, outcome: (v['outcome'] ?? '') as ForeignVerificationOutcome, reference: v['reference'] ?? '' },
                context,
              ),
            );
          return;
        }
        case 'recognition': {
          const decidedOn = date('decidedOn', 'Ngày công nhận', 'Decision date');
          if (errors.length === 0)
            await this.commands.execute(
              new RecogniseForeignDiploma(
                { ...on, decidedOn, equivalentTo: (v['equivalentTo'] ?? '') as RecognitionLevel, signerId: v['signerId'] ?? '' },
                context,
              ),
            );
          return;
        }
        case 'refusal': {
          Object.assign(fields, { letterNumber: 'refusalLetterNumber', signerId: 'refusalSignerId' });
          const refusedOn = date('refusedOn', 'Ngày văn bản', 'Letter date');
          if (errors.length === 0)
            await this.commands.execute(
              new RefuseRecognition(
                {
                  ...on,
                  refusedOn,
                  letterNumber: v['refusalLetterNumber'] ?? '',
                  reasons: v['reasons'] ?? '',
                  signerId: v['refusalSignerId'] ?? '',
                },
                context,
              ),
            );
          return;
        }
        case 'revocation': {
          Object.assign(fields, { grounds: 'ground' });
          const revokedOn = date('revokedOn', 'Ngày quyết định', 'Decision date');
          if (errors.length === 0)
            await this.commands.execute(
              new RevokeRecognition(
                {
                  ...on,
                  decisionNumber: v['decisionNumber'] ?? '',
                  revokedOn,
                  grounds: [(v['ground'] ?? '') as RecognitionRevocationGround],
                  reasons: v['reasons'] ?? '',
                  signerId: v['signerId'] ?? '',
                },
                context,
              ),
            );
          return;
        }
        default:
          throw new DomainError({ code: 'NOT_FOUND', kind: 'not_found', messageVi: 'Không có thao tác này.', messageEn: 'No such act.' });
      }
    };
    try {
      await run();
      if (errors.length === 0)
        return response.redirect(303, `${consoleBase(code)}/recognitions/${encodeURIComponent(recognitionId)}?done=${form}`);
    } catch (error) {
      if (isRefusal(error)) errors.push(...refusalErrors(ctx.lang, error, fields));
      else throw error;
    }
    sendPage(response, recognitionPage(ctx, { view: await this.view(code, recognitionId), form, values: v as FormValues, errors }), 400);
  }
}
