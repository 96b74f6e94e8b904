import { Body, Controller, Get, Inject, Param, ParseIntPipe, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { verificationLetterToPdf } from '@so-goc/documents';
import type { Request, Response } from 'express';
import { credentialCatalogue, DIPLOMA_KINDS, DomainError, type Actor } from '@so-goc/domain';
import type { CopyRegisterRow, VerificationRequestView } from '@so-goc/projections';
import {
  AnswerVerificationRequest,
  commandReply,
  CopyRegisterQuery,
  CopyRequestsPastDueQuery,
  CurrentActor,
  ExtendCopyRequest,
  INFRASTRUCTURE,
  type Infrastructure,
  IssueCopies,
  officerCommandFrom,
  OfficerRoute,
  READ_ROLES,
  ReceiveCopyRequest,
  ReceiveVerificationRequest,
  RefuseCopyRequest,
  VerificationRequestQuery,
  DocumentHeadingQuery,
} from '@so-goc/platform';
import { fileReply, PDF, XLSX } from '../exports/file-reply';
import { diplomaKind } from '../issuance/diploma-kind';
import {
  AnswerVerificationRequestDto,
  ExtendCopyRequestDto,
  IssueCopiesDto,
  ReceiveCopyRequestDto,
  ReceiveVerificationRequestDto,
  RefuseCopyRequestDto,
} from './copies.dto';
import { copyRegisterExport } from '../exports/book-exports';

/** Counter work: copies from the register (§2.8) and agencies' verification letters (§2.9). */
@ApiTags('copies and verification')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'UUID; resending the same key records nothing twice' })
@Controller('api/v1/authorities/:code')
export class CopiesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    // Only for the exports and the letter's heading (exports/: files rendered from the read models).
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
  ) {}

  @Post('copy-requests')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Tiếp nhận yêu cầu cấp bản sao từ sổ gốc; hạn trả theo quy tắc 49' })
  async receive(
    @Param('code') code: string,
    @Body() body: ReceiveCopyRequestDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    const requester = {
      kind: body.requester.kind,
      fullName: body.requester.fullName,
      idDocument: body.requester.idDocument,
      entitlementDocument: body.requester.entitlementDocument ?? null,
      deathCertificate: body.requester.deathCertificate ?? null,
    };
    const input = {
      requestId: body.requestId,
      diplomaId: body.diplomaId,
      authorityCode: code,
      requester,
      channel: body.channel,
      receivedAt: body.receivedAt,
      dossierCompleteAt: body.dossierCompleteAt ?? null,
      copies: body.copies,
    };
    const outcome = await this.commands.execute(officerCommandFrom(ReceiveCopyRequest, input, request, actor));
    // Refused at the counter (rule 55): the answer carries the written refusal and the decision it cites.
    return commandReply(response, outcome, { refusal: outcome.events.find((e) => e.type === 'CopyRequestRefused')?.data ?? null });
  }

  @Post('copy-requests/:requestId/extension')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Gia hạn trả bản sao, nêu lý do' })
  async extend(
    @Param('code') code: string,
    @Param('requestId') requestId: string,
    @Body() body: ExtendCopyRequestDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(ExtendCopyRequest, { requestId, authorityCode: code, ...body }, request, actor)),
    );
  }

  @Post('copy-requests/:requestId/refusal')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Từ chối cấp bản sao bằng văn bản, nêu căn cứ và lý do' })
  async refuse(
    @Param('code') code: string,
    @Param('requestId') requestId: string,
    @Body() body: RefuseCopyRequestDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(RefuseCopyRequest, { requestId, authorityCode: code, ...body }, request, actor)),
    );
  }

  @Post('copy-requests/:requestId/copies')
  @OfficerRoute('registrar', 'signer')
  @ApiOperation({ summary: 'Cấp bản sao: số vào sổ cấp bản sao liên tục, mỗi bản một phôi bản sao, nội dung theo sổ gốc' })
  async issue(
    @Param('code') code: string,
    @Param('requestId') requestId: string,
    @Body() body: IssueCopiesDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(IssueCopies, { requestId, authorityCode: code, ...body }, request, actor)),
    );
  }

  @Get('copy-register/:kind/:year')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Sổ cấp bản sao theo loại và năm' })
  register(
    @Param('code') code: string,
    @Param('kind') kind: string,
    @Param('year', ParseIntPipe) year: number,
  ): Promise<{ copies: CopyRegisterRow[] }> {
    // A diploma kind, or a certificate kind of the catalogue (copies from a certificate register, issue 18).
    const book = (DIPLOMA_KINDS as readonly string[]).includes(kind.toUpperCase())
      ? diplomaKind(kind)
      : (this.infrastructure.credentialKinds ?? credentialCatalogue()).get(kind, 'kind').code;
    return this.queries.execute(new CopyRegisterQuery({ authorityCode: code, kind: book, year }));
  }

  @Get('copy-register/:kind/:year/export.:format')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Sổ cấp bản sao tải về dạng xlsx hoặc pdf' })
  @ApiProduces(XLSX, PDF)
  exportRegister(
    @Param('code') code: string,
    @Param('kind') kind: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('format') format: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    if ((DIPLOMA_KINDS as readonly string[]).includes(kind.toUpperCase()))
      return copyRegisterExport(this.queries, response, { code, kind: diplomaKind(kind), year, format });
    // The copy book of a certificate kind (issue 18), titled from its catalogue entry.
    const entry = (this.infrastructure.credentialKinds ?? credentialCatalogue()).get(kind, 'kind');
    return copyRegisterExport(this.queries, response, {
      code,
      kind: entry.code,
      year,
      format,
      credential: { registerTitleVi: entry.register.titleVi, nameVi: entry.nameVi },
    });
  }

  @Get('copy-requests/past-due')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Yêu cầu bản sao quá hạn trả' })
  @ApiQuery({ name: 'now', required: false, example: '2026-11-24T10:00:00Z' })
  pastDue(@Param('code') code: string, @Query('now') now?: string): Promise<object> {
    return this.queries.execute(new CopyRequestsPastDueQuery({ authorityCode: code, now }));
  }

  @Post('verification-requests')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Tiếp nhận công văn đề nghị xác minh văn bằng' })
  async receiveVerification(
    @Param('code') code: string,
    @Body() body: ReceiveVerificationRequestDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    const subjects = body.subjects.map((s) => ({
      fullName: s.fullName,
      birthDate: s.birthDate ?? null,
      serial: s.serial ?? null,
      registerNumber: s.registerNumber ?? null,
    }));
    return commandReply(
      response,
      await this.commands.execute(
        officerCommandFrom(
          ReceiveVerificationRequest,
          { ...body, authorityCode: code, legalBasis: body.legalBasis ?? null, subjects },
          request,
          actor,
        ),
      ),
    );
  }

  @Post('verification-requests/:requestId/answer')
  @OfficerRoute('registrar', 'signer')
  @ApiOperation({ summary: 'Trả lời xác minh: từng người khớp, không khớp (trường nào), không có, đã thu hồi, đã chỉnh sửa' })
  async answer(
    @Param('code') code: string,
    @Param('requestId') requestId: string,
    @Body() body: AnswerVerificationRequestDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(
        officerCommandFrom(AnswerVerificationRequest, { requestId, authorityCode: code, ...body }, request, actor),
      ),
    );
  }

  @Get('verification-requests/:requestId/letter.pdf')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Công văn trả lời xác minh (PDF, có mã QR để kiểm tra công văn)' })
  @ApiProduces(PDF)
  async letter(
    @Param('code') code: string,
    @Param('requestId') requestId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const found = await this.verification(code, requestId);
    if (!found.answers || !found.responseLetterNumber || !found.respondedOn) {
      throw new DomainError({
        code: 'VERIFICATION_NOT_ANSWERED',
        kind: 'precondition_failed',
        messageVi: 'Công văn chưa được trả lời.',
        messageEn: 'The letter has not been answered yet.',
        field: 'requestId',
      });
    }
    const heading = await this.queries.execute(new DocumentHeadingQuery({ authorityCode: code }));
    const { bytes, sha256 } = await verificationLetterToPdf({
      superiorName: heading.superiorName,
      authorityName: heading.authorityName,
      place: heading.place,
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

  @Get('verification-requests/:requestId')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Công văn xác minh và câu trả lời' })
  verification(@Param('code') code: string, @Param('requestId') requestId: string): Promise<VerificationRequestView> {
    return this.queries.execute(new VerificationRequestQuery({ authorityCode: code, requestId }));
  }
}
