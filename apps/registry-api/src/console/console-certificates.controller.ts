import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
  UploadedFile,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Database } from 'better-sqlite3';
import {
  credentialCatalogue,
  currentCertificateHolder,
  DomainError,
  ResultsListRejected,
  vietnamDateOf,
  type CertificateCorrectableField,
  type CorrectionGround,
  type CredentialCatalogue,
  type RequesterKind,
} from '@so-goc/domain';
import { copyRegister } from '@so-goc/projections';
import {
  ActOnCertificates,
  certificateNotFound,
  findCertificate,
  INFRASTRUCTURE,
  IssueCertificates,
  IssueCopies,
  PublicRoute,
  READ_MODELS,
  READ_ROLES,
  ReceiveCopyRequest,
  readCertificateRegister,
  type Infrastructure,
} from '@so-goc/platform';
import { copyRegisterExport } from '../exports/book-exports';
import { certificateRegisterExport } from '../exports/certificate-exports';
import { fileReply } from '../exports/file-reply';
import { ConsoleErrorFilter } from './auth/console-errors.filter';
import { sendPage } from './auth/console-http';
import { ConsoleGuard, ConsolePage, type ConsoleRequest } from './auth/console.guard';
import {
  certificateCopyRegisterPage,
  certificateImportPage,
  certificatePage,
  certificateRegisterPage,
  certificatesHomePage,
  type CertificateForm,
} from './pages/certificates.page';
import { consoleCommandContext, formValues, isRefusal, readDate, refusalErrors, sentCommandId, type FormValues } from './pages/form-input';
import { RowReports, rowReportXlsx } from './pages/row-report';
import { slug } from './pages/slug';
import type { FieldError } from './ui/components';
import { consoleBase } from './ui/layout';
import { pageContext } from './ui/request-context';

const MAX_LIST_BYTES = 30 * 1024 * 1024;

/**
 * Certificates in the console (issue 18): import a session's results list (the row report on the page and as
 * Excel), the register with its XLSX/PDF, and on one certificate: correction dossier → decision or refusal by
 * another officer (appendix line), revocation, copy request → copies. Every form dispatches the API's commands.
 */
@ApiExcludeController()
@PublicRoute()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
@Controller('console/:code/certificates')
export class ConsoleCertificatesController {
  private readonly catalogue: CredentialCatalogue;

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(READ_MODELS) private readonly db: Database,
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    private readonly reports: RowReports,
  ) {
    this.catalogue = infrastructure.credentialKinds ?? credentialCatalogue();
  }

  private columnLabels(kindCode: string, lang: 'vi' | 'en'): Record<string, string> {
    const entry = this.catalogue.find(kindCode);
    const own = entry && entry.fields !== 'graduate-list' ? entry.fields : [];
    return {
      fullName: lang === 'vi' ? 'Họ và tên' : 'Full name',
      birthDate: lang === 'vi' ? 'Ngày sinh' : 'Date of birth',
      birthPlace: lang === 'vi' ? 'Nơi sinh' : 'Place of birth',
      ...Object.fromEntries(own.map((field) => [field.name, lang === 'vi' ? field.labelVi : field.labelEn])),
    };
  }

  private certificateKinds() {
    return this.catalogue.entries.filter((entry) => entry.fields !== 'graduate-list');
  }

  @Get()
  @ConsolePage(...READ_ROLES)
  home(@Req() request: ConsoleRequest, @Res() response: Response): void {
    const year = Number(vietnamDateOf(new Date()).slice(0, 4));
    sendPage(response, certificatesHomePage(pageContext(request, response), { kinds: this.certificateKinds(), year }));
  }

  @Get('new')
  @ConsolePage('registrar')
  importForm(@Req() request: ConsoleRequest, @Res() response: Response): void {
    sendPage(response, certificateImportPage(pageContext(request, response), { kinds: this.certificateKinds(), values: {}, errors: [] }));
  }

  @Post('new')
  @ConsolePage('registrar')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_LIST_BYTES, files: 1 } }))
  async import(
    @Param('code') code: string,
    @Body() body: unknown,
    @UploadedFile() file: { originalname: string; buffer: Buffer } | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const values = formValues(body);
    const errors: FieldError[] = [];
    const say = (vi: string, en: string) => (ctx.lang === 'vi' ? vi : en);
    const date = readDate(ctx.lang, values, 'decisionDate', errors, { vi: 'Ngày quyết định', en: 'Decision date' });
    const number = (values['decisionNumber'] ?? '').trim();
    if (!number) errors.push({ field: 'decisionNumber', message: say('Nhập số quyết định.', 'Enter the decision number.') });
    if (!(values['sessionName'] ?? '').trim())
      errors.push({ field: 'sessionName', message: say('Nhập tên kỳ thi.', 'Enter the session name.') });
    if (!file || file.buffer.length === 0)
      errors.push({ field: 'file', message: say('Chọn tệp danh sách (.xlsx hoặc .csv).', 'Choose the list file (.xlsx or .csv).') });
    let rowProblems: ResultsListRejected['rowProblems'] = [];
    let reportHref: string | undefined;
    if (errors.length === 0 && file) {
      const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8').normalize('NFC');
      const kindCode = values['kindCode'] ?? '';
      try {
        await this.commands.execute(
          new IssueCertificates(
            {
              authorityCode: code,
              kindCode,
              sessionId: slug(kindCode, number, date).toLowerCase().slice(0, 64),
              sessionName: values['sessionName'] ?? '',
              decision: { number, date, signerName: values['signerName'] ?? '' },
              file: { name: fileName, bytes: new Uint8Array(file.buffer) },
            },
            consoleCommandContext(request, body),
          ),
        );
        return response.redirect(
          303,
          `${consoleBase(code)}/certificates/register/${encodeURIComponent(kindCode)}/${date.slice(0, 4)}?done=issued`,
        );
      } catch (error) {
        if (error instanceof ResultsListRejected) {
          rowProblems = error.rowProblems;
          reportHref = `${consoleBase(code)}/certificates/reports/${this.reports.keep(request.officerAccess!.officer.officerId, fileName, error.rowProblems)}.xlsx`;
        } else if (isRefusal(error))
          errors.push(
            ...refusalErrors(ctx.lang, error, {
              'decision.date': 'decisionDate',
              'decision.number': 'decisionNumber',
              'decision.signerName': 'signerName',
            }),
          );
        else throw error;
      }
    }
    const commandId = sentCommandId(body);
    sendPage(
      response,
      certificateImportPage(ctx, {
        kinds: this.certificateKinds(),
        values,
        errors,
        rowProblems,
        columnLabels: this.columnLabels(values['kindCode'] ?? '', ctx.lang),
        ...(reportHref ? { reportHref } : {}),
        ...(commandId ? { commandId } : {}),
      }),
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

  @Get('register/:kind/:year')
  @ConsolePage(...READ_ROLES)
  async register(
    @Param('code') code: string,
    @Param('kind') kind: string,
    @Param('year', ParseIntPipe) year: number,
    @Query('done') done: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const entry = this.catalogue.get(kind, 'kind');
    const { state } = await readCertificateRegister(this.infrastructure.store, code, entry.code, year);
    const certificates = [...state.certificates.values()].sort((a, b) => a.number - b.number);
    sendPage(
      response,
      certificateRegisterPage(ctx, {
        entry,
        year,
        sessions: [...state.sessions.values()],
        certificates,
        appendix: state.appendix,
        ...(done === 'issued'
          ? {
              done:
                ctx.lang === 'vi'
                  ? `Đã cấp chứng chỉ và vào sổ; sổ có ${certificates.length} chứng chỉ.`
                  : `Certificates issued and entered; the register holds ${certificates.length}.`,
            }
          : {}),
      }),
    );
  }

  @Get('register/:kind/:year/export.:format')
  @ConsolePage(...READ_ROLES)
  exportRegister(
    @Param('code') code: string,
    @Param('kind') kind: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('format') format: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return certificateRegisterExport(this.infrastructure.store, this.queries, response, {
      code,
      entry: this.catalogue.get(kind, 'kind'),
      year,
      format,
    });
  }

  @Get('copy-register/:kind/:year')
  @ConsolePage(...READ_ROLES)
  copyRegister(
    @Param('code') code: string,
    @Param('kind') kind: string,
    @Param('year', ParseIntPipe) year: number,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): void {
    const entry = this.catalogue.get(kind, 'kind');
    const copies = copyRegister(this.db, { authorityCode: code, kind: entry.code, year }).map((c) => ({
      copyNumber: c.copyNumber,
      issuedOn: c.issuedOn,
      fullName: c.content.holder.fullName,
      original: c.content.originalRegisterNumber,
      signer: c.signerName,
    }));
    sendPage(response, certificateCopyRegisterPage(pageContext(request, response), { kind: entry.code, year, copies }));
  }

  @Get('copy-register/:kind/:year/export.:format')
  @ConsolePage(...READ_ROLES)
  exportCopyRegister(
    @Param('code') code: string,
    @Param('kind') kind: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('format') format: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const entry = this.catalogue.get(kind, 'kind');
    return copyRegisterExport(this.queries, response, {
      code,
      kind: entry.code,
      year,
      format,
      credential: { registerTitleVi: entry.register.titleVi, nameVi: entry.nameVi },
    });
  }

  @Get('item/:certificateId')
  @ConsolePage(...READ_ROLES)
  async item(
    @Param('code') code: string,
    @Param('certificateId') certificateId: string,
    @Query('done') done: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const say = (vi: string, en: string) => (ctx.lang === 'vi' ? vi : en);
    const DONE: Record<string, string> = {
      correction: say('Đã ghi nhận hồ sơ đề nghị chỉnh sửa.', 'The correction dossier was recorded.'),
      decided: say('Đã ghi quyết định chỉnh sửa vào phụ lục sổ gốc.', 'The correction decision was entered in the register appendix.'),
      refused: say('Đã ghi văn bản từ chối chỉnh sửa.', 'The written refusal was recorded.'),
      revoked: say('Đã thu hồi chứng chỉ.', 'The certificate was revoked.'),
      'copy-request': say('Đã tiếp nhận yêu cầu cấp bản sao.', 'The copy request was received.'),
      'copy-refused': say(
        'Yêu cầu đã bị từ chối bằng văn bản theo sổ gốc (quy tắc 55).',
        'The register refuses this request in writing (rule 55).',
      ),
      copies: say('Đã cấp bản sao và vào sổ cấp bản sao.', 'The copies were issued and entered in the copy register.'),
    };
    sendPage(response, await this.itemPage(code, certificateId, ctx, done ? { done: DONE[done] ?? '' } : {}));
  }

  private async itemPage(
    code: string,
    certificateId: string,
    ctx: ReturnType<typeof pageContext>,
    o: { form?: CertificateForm; values?: FormValues; errors?: readonly FieldError[]; done?: string },
  ): Promise<string> {
    const found = await findCertificate(this.infrastructure.store, certificateId);
    if (!found || found.record.certificateId.split('.')[0] !== code) throw certificateNotFound(certificateId);
    const openRequests = [...found.state.correctionRequests.values()].filter(
      (r) => r.certificateId === certificateId && r.status === 'open',
    );
    return certificatePage(ctx, {
      record: found.record,
      session: found.state.sessions.get(found.record.sessionId),
      current: currentCertificateHolder(found.record),
      openRequests,
      ...o,
    });
  }

  /** Runs one act from the certificate's page: back to the page with a notice, or the page again with the refusal. */
  private async act(
    code: string,
    certificateId: string,
    form: CertificateForm,
    body: unknown,
    request: ConsoleRequest,
    response: Response,
    run: (values: FormValues, errors: FieldError[]) => Promise<string | undefined>,
    fieldNames: Record<string, string> = {},
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const values = formValues(body);
    const errors: FieldError[] = [];
    try {
      const done = await run(values, errors);
      if (errors.length === 0 && done)
        return response.redirect(303, `${consoleBase(code)}/certificates/item/${encodeURIComponent(certificateId)}?done=${done}`);
    } catch (error) {
      if (isRefusal(error)) errors.push(...refusalErrors(ctx.lang, error, fieldNames));
      else throw error;
    }
    sendPage(response, await this.itemPage(code, certificateId, ctx, { form, values, errors }), 400);
  }

  @Post('item/:certificateId/corrections')
  @ConsolePage('registrar')
  requestCorrection(
    @Param('code') code: string,
    @Param('certificateId') certificateId: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const lang = pageContext(request, response).lang;
    return this.act(
      code,
      certificateId,
      'correction',
      body,
      request,
      response,
      async (v, errors) => {
        const receivedOn = readDate(lang, v, 'receivedOn', errors, { vi: 'Ngày nhận', en: 'Date received' });
        const documentDate = readDate(lang, v, 'documentDate', errors, { vi: 'Ngày giấy tờ', en: 'Document date' });
        if (errors.length > 0) return undefined;
        await this.commands.execute(
          new ActOnCertificates(
            {
              type: 'RequestCertificateCorrection',
              authorityCode: code,
              certificateId,
              requestId: (v['requestId'] ?? '').trim(),
              ground: (v['ground'] ?? '') as CorrectionGround,
              changes: [{ field: (v['field'] ?? '') as CertificateCorrectableField, after: v['after'] ?? '' }],
              document: {
                kind: v['documentKind'] ?? '',
                number: v['documentNumber'] ?? '',
                date: documentDate,
                issuedBy: v['documentIssuedBy'] ?? '',
              },
              requestedBy: v['requestedBy'] ?? '',
              receivedOn,
              dossierCompleteOn: receivedOn,
            },
            consoleCommandContext(request, body),
          ),
        );
        return 'correction';
      },
      {
        'document.kind': 'documentKind',
        'document.number': 'documentNumber',
        'document.date': 'documentDate',
        'document.issuedBy': 'documentIssuedBy',
        changes: 'after',
        'changes.birthDate': 'after',
        'changes.fullName': 'after',
        'changes.birthPlace': 'after',
        dossierCompleteOn: 'receivedOn',
      },
    );
  }

  @Post('item/:certificateId/corrections/:requestId/decision')
  @ConsolePage('signer', 'registrar')
  decideCorrection(
    @Param('code') code: string,
    @Param('certificateId') certificateId: string,
    @Param('requestId') requestId: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const lang = pageContext(request, response).lang;
    return this.act(
      code,
      certificateId,
      'decision',
      body,
      request,
      response,
      async (v, errors) => {
        if (v['outcome'] === 'refuse') {
          const refusedOn = readDate(lang, v, 'decisionDate', errors, { vi: 'Ngày văn bản', en: 'Date' });
          if (errors.length > 0) return undefined;
          await this.commands.execute(
            new ActOnCertificates(
              {
                type: 'RefuseCertificateCorrection',
                authorityCode: code,
                certificateId,
                requestId,
                reasons: v['reasons'] ?? '',
                refusedOn,
              },
              consoleCommandContext(request, body),
            ),
          );
          return 'refused';
        }
        const decisionDate = readDate(lang, v, 'decisionDate', errors, { vi: 'Ngày quyết định', en: 'Decision date' });
        if (errors.length > 0) return undefined;
        await this.commands.execute(
          new ActOnCertificates(
            {
              type: 'DecideCertificateCorrection',
              authorityCode: code,
              certificateId,
              requestId,
              decisionNumber: v['decisionNumber'] ?? '',
              decisionDate,
            },
            consoleCommandContext(request, body),
          ),
        );
        return 'decided';
      },
      { refusedOn: 'decisionDate', requestId: 'decisionNumber' },
    );
  }

  @Post('item/:certificateId/revocation')
  @ConsolePage('signer', 'registrar')
  revoke(
    @Param('code') code: string,
    @Param('certificateId') certificateId: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const lang = pageContext(request, response).lang;
    return this.act(code, certificateId, 'revocation', body, request, response, async (v, errors) => {
      const revokedOn = readDate(lang, v, 'revokedOn', errors, { vi: 'Ngày quyết định', en: 'Decision date' });
      if (errors.length > 0) return undefined;
      await this.commands.execute(
        new ActOnCertificates(
          {
            type: 'RevokeCertificate',
            authorityCode: code,
            certificateId,
            decisionRef: v['decisionRef'] ?? '',
            revokedOn,
            reason: v['reason'] ?? '',
          },
          consoleCommandContext(request, body),
        ),
      );
      return 'revoked';
    });
  }

  @Post('item/:certificateId/copy-requests')
  @ConsolePage('registrar')
  receiveCopyRequest(
    @Param('code') code: string,
    @Param('certificateId') certificateId: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    return this.act(
      code,
      certificateId,
      'copy-request',
      body,
      request,
      response,
      async (v) => {
        const outcome = await this.commands.execute(
          new ReceiveCopyRequest(
            {
              requestId: (v['copyRequestId'] ?? '').trim(),
              diplomaId: certificateId,
              authorityCode: code,
              requester: {
                kind: 'holder' as RequesterKind,
                fullName: v['requesterName'] ?? '',
                idDocument: { kind: 'CCCD', number: v['idNumber'] ?? '' },
                entitlementDocument: null,
                deathCertificate: null,
              },
              channel: 'counter',
              receivedAt: new Date().toISOString(),
              copies: Number.parseInt(v['copies'] ?? '', 10),
            },
            consoleCommandContext(request, body),
          ),
        );
        return outcome.events.some((e) => e.type === 'CopyRequestRefused') ? 'copy-refused' : 'copy-request';
      },
      { 'requester.fullName': 'requesterName', 'requester.idDocument.number': 'idNumber', requestId: 'copyRequestId' },
    );
  }

  @Post('item/:certificateId/copies')
  @ConsolePage('signer', 'registrar')
  issueCopies(
    @Param('code') code: string,
    @Param('certificateId') certificateId: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const lang = pageContext(request, response).lang;
    return this.act(
      code,
      certificateId,
      'copies',
      body,
      request,
      response,
      async (v, errors) => {
        const issuedOn = readDate(lang, v, 'issuedOn', errors, { vi: 'Ngày cấp', en: 'Issue date' });
        if (errors.length > 0) return undefined;
        await this.commands.execute(
          new IssueCopies(
            {
              requestId: (v['issueRequestId'] ?? '').trim(),
              authorityCode: code,
              issuedOn,
              issuePlace: v['issuePlace'] ?? '',
              signerId: v['signerId'] ?? '',
            },
            consoleCommandContext(request, body),
          ),
        );
        return 'copies';
      },
      { requestId: 'issueRequestId' },
    );
  }
}
