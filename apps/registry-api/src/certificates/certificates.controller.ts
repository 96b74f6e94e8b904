import {
  Body,
  Controller,
  Get,
  Param,
  ParseIntPipe,
  Post,
  Req,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
  Inject,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { certificateQrPng } from '@so-goc/documents';
import { credentialInWords, currentCertificateHolder, DomainError, publicCredentialFields, type Actor } from '@so-goc/domain';
import {
  ActOnCertificates,
  certificateNotFound,
  commandReply,
  CurrentActor,
  findCertificate,
  INFRASTRUCTURE,
  type Infrastructure,
  IssueCertificates,
  officerCommandFrom,
  OfficerRoute,
  readCertificateRegister,
  READ_ROLES,
  streamingUploadStorage,
} from '@so-goc/platform';
import { credentialCatalogue } from '@so-goc/domain';
import { certificateRegisterExport } from '../exports/certificate-exports';
import { PDF, XLSX } from '../exports/file-reply';
import {
  DecideCertificateCorrectionDto,
  HandOverCertificatesDto,
  IssueCertificatesDto,
  RefuseCertificateCorrectionDto,
  RequestCertificateCorrectionDto,
  RevokeCertificateDto,
} from './certificates.dto';

const MAX_LIST_BYTES = 30 * 1024 * 1024;
const DEFAULT_CATALOGUE = credentialCatalogue();

function fileMissing(): DomainError {
  return new DomainError({
    code: 'FILE_MISSING',
    kind: 'invalid_input',
    messageVi: 'Chưa đính kèm tệp danh sách kết quả (trường "file").',
    messageEn: 'No results list attached (field "file").',
    field: 'file',
  });
}

/**
 * Certificates (issue 18 item 3, domain §8): a licensed centre, university or school issues a session's
 * certificates from its results list, hands them over, keeps the register (sổ gốc cấp chứng chỉ) and revokes.
 */
@ApiTags('certificates')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'UUID; resending the same key records nothing twice' })
@Controller('api/v1/authorities/:code')
export class CertificatesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
  ) {}

  private get catalogue() {
    return this.infrastructure.credentialKinds ?? DEFAULT_CATALOGUE;
  }

  @Get('credential-kinds')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Danh mục loại văn bằng, chứng chỉ (kinds of credential, their fields and issuers)' })
  kinds(): object {
    return { kinds: this.catalogue.entries };
  }

  @Post('certificate-sessions')
  @OfficerRoute('registrar')
  @UseInterceptors(FileInterceptor('file', { storage: streamingUploadStorage, limits: { fileSize: MAX_LIST_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary: 'Cấp chứng chỉ cho một kỳ thi/khóa học từ danh sách kết quả (XLSX/CSV); sai dòng nào báo dòng đó, không ghi gì',
  })
  async issue(
    @Param('code') code: string,
    @Body() body: IssueCertificatesDto,
    @UploadedFile() file: { originalname: string; buffer: Buffer } | undefined,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    if (!file) throw fileMissing();
    const outcome = await this.commands.execute(
      officerCommandFrom(
        IssueCertificates,
        {
          authorityCode: code,
          kindCode: body.kindCode,
          sessionId: body.sessionId,
          sessionName: body.sessionName,
          decision: {
            number: body.decisionNumber,
            date: body.decisionDate,
            signerName: body.signerName,
            ...(body.signerId ? { signerId: body.signerId } : {}),
          },
          file: { name: Buffer.from(file.originalname, 'latin1').toString('utf8').normalize('NFC'), bytes: file.buffer },
        },
        request,
        actor,
      ),
    );
    return commandReply(response, outcome, { sessionId: body.sessionId });
  }

  @Post('certificate-registers/:kind/:year/hand-overs')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Bàn giao chứng chỉ cho người học (hand certificates over, with the minutes)' })
  async handOver(
    @Param('code') code: string,
    @Param('kind') kind: string,
    @Param('year', ParseIntPipe) year: number,
    @Body() body: HandOverCertificatesDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    const outcome = await this.commands.execute(
      officerCommandFrom(
        ActOnCertificates,
        { type: 'HandOverCertificates', authorityCode: code, kindCode: this.catalogue.get(kind, 'kind').code, year, ...body },
        request,
        actor,
      ),
    );
    return commandReply(response, outcome);
  }

  @Post('certificates/:certificateId/revocation')
  @OfficerRoute('registrar', 'signer')
  @ApiOperation({ summary: 'Thu hồi chứng chỉ (revoke a certificate)' })
  async revoke(
    @Param('code') code: string,
    @Param('certificateId') certificateId: string,
    @Body() body: RevokeCertificateDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    const outcome = await this.commands.execute(
      officerCommandFrom(ActOnCertificates, { type: 'RevokeCertificate', authorityCode: code, certificateId, ...body }, request, actor),
    );
    return commandReply(response, outcome, { certificateId });
  }

  @Post('certificates/:certificateId/correction-requests')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Nhận hồ sơ đề nghị chỉnh sửa chứng chỉ (căn cứ của quy tắc 27); hạn giải quyết 5 ngày làm việc' })
  async requestCorrection(
    @Param('code') code: string,
    @Param('certificateId') certificateId: string,
    @Body() body: RequestCertificateCorrectionDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    const outcome = await this.commands.execute(
      officerCommandFrom(
        ActOnCertificates,
        { type: 'RequestCertificateCorrection', authorityCode: code, certificateId, ...body },
        request,
        actor,
      ),
    );
    const requested = outcome.events.find((e) => e.type === 'CertificateCorrectionRequested')?.data as { dueBy?: string } | undefined;
    return commandReply(response, outcome, { certificateId, requestId: body.requestId, dueBy: requested?.dueBy ?? null });
  }

  @Post('certificates/:certificateId/correction-requests/:requestId/decision')
  @OfficerRoute('registrar', 'signer')
  @ApiOperation({
    summary: 'Quyết định chỉnh sửa chứng chỉ: ghi vào phụ lục sổ gốc, không in lại; người nhận hồ sơ không tự quyết định',
  })
  async decideCorrection(
    @Param('code') code: string,
    @Param('certificateId') certificateId: string,
    @Param('requestId') requestId: string,
    @Body() body: DecideCertificateCorrectionDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    const outcome = await this.commands.execute(
      officerCommandFrom(
        ActOnCertificates,
        { type: 'DecideCertificateCorrection', authorityCode: code, certificateId, requestId, ...body },
        request,
        actor,
      ),
    );
    const decided = outcome.events.find((e) => e.type === 'CertificateCorrected')?.data as { appendixLine?: number } | undefined;
    return commandReply(response, outcome, { certificateId, requestId, appendixLine: decided?.appendixLine ?? null });
  }

  @Post('certificates/:certificateId/correction-requests/:requestId/refusal')
  @OfficerRoute('registrar', 'signer')
  @ApiOperation({ summary: 'Từ chối chỉnh sửa chứng chỉ bằng văn bản, nêu lý do' })
  async refuseCorrection(
    @Param('code') code: string,
    @Param('certificateId') certificateId: string,
    @Param('requestId') requestId: string,
    @Body() body: RefuseCertificateCorrectionDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    const outcome = await this.commands.execute(
      officerCommandFrom(
        ActOnCertificates,
        { type: 'RefuseCertificateCorrection', authorityCode: code, certificateId, requestId, ...body },
        request,
        actor,
      ),
    );
    return commandReply(response, outcome, { certificateId, requestId });
  }

  @Get('certificate-register-appendix/:kind/:year')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Phụ lục sổ gốc cấp chứng chỉ: các quyết định chỉnh sửa theo thứ tự (rule 22)' })
  async appendix(@Param('code') code: string, @Param('kind') kind: string, @Param('year', ParseIntPipe) year: number): Promise<object> {
    const entry = this.catalogue.get(kind, 'kind');
    const { state } = await readCertificateRegister(this.infrastructure.store, code, entry.code, year);
    return {
      authorityCode: code,
      kind: entry.code,
      title: `Phụ lục ${entry.register.titleVi.charAt(0).toLowerCase()}${entry.register.titleVi.slice(1)}`,
      year,
      rows: state.appendix.map((correction) => ({
        ...correction,
        registerNumber: state.certificates.get(correction.certificateId)?.registerNumber ?? null,
      })),
      openRequests: [...state.correctionRequests.values()].filter((r) => r.status === 'open'),
    };
  }

  @Get('certificates/:certificateId')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Một chứng chỉ trong sổ (one certificate of the register)' })
  async certificate(@Param('code') code: string, @Param('certificateId') certificateId: string): Promise<object> {
    const found = await findCertificate(this.infrastructure.store, certificateId);
    if (!found || found.record.certificateId.split('.')[0] !== code) throw certificateNotFound(certificateId);
    const entry = this.catalogue.get(certificateId.split('.')[1]);
    return {
      ...found.record,
      kind: { code: entry.code, nameVi: entry.nameVi, nameEn: entry.nameEn },
      inWordsVi: credentialInWords(entry, found.record.values, 'vi'),
      inWordsEn: credentialInWords(entry, found.record.values, 'en'),
      publicFields: publicCredentialFields(entry, found.record.values),
      // Rule 57: the register as it stands today, corrections applied (the entry itself is never edited).
      current: currentCertificateHolder(found.record),
      session: found.state.sessions.get(found.record.sessionId),
      verificationUrl: this.verificationUrl(found.record.verificationCode),
    };
  }

  private verificationUrl(code: string): string {
    return `${this.infrastructure.config.portalPublicUrl}/api/v1/certificates/${code}`;
  }

  @Get('certificates/:certificateId/qr.png')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Mã QR in trên chứng chỉ, trỏ tới cổng tra cứu (the QR printed on the certificate)' })
  @ApiProduces('image/png')
  async qr(
    @Param('code') code: string,
    @Param('certificateId') certificateId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const found = await findCertificate(this.infrastructure.store, certificateId);
    if (!found || found.record.certificateId.split('.')[0] !== code) throw certificateNotFound(certificateId);
    response.setHeader('Content-Type', 'image/png');
    return new StreamableFile(await certificateQrPng(this.verificationUrl(found.record.verificationCode)));
  }

  @Get('certificate-registers/:kind/:year')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Sổ gốc cấp chứng chỉ theo loại và năm (the certificate register)' })
  async register(@Param('code') code: string, @Param('kind') kind: string, @Param('year', ParseIntPipe) year: number): Promise<object> {
    const entry = this.catalogue.get(kind, 'kind');
    const { state, revision } = await readCertificateRegister(this.infrastructure.store, code, entry.code, year);
    return {
      authorityCode: code,
      kind: entry.code,
      title: entry.register.titleVi,
      year,
      revision: revision === 'no_stream' ? null : revision.toString(),
      sessions: [...state.sessions.values()],
      certificates: [...state.certificates.values()].sort((a, b) => a.number - b.number),
    };
  }

  @Get('certificate-registers/:kind/:year/export.:format')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Sổ gốc cấp chứng chỉ tải về dạng xlsx hoặc pdf' })
  @ApiProduces(XLSX, PDF)
  async exportRegister(
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
}
