import { Body, Controller, Get, Inject, Param, ParseIntPipe, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { outcomeEvent } from '@so-goc/event-store';
import {
  EQUIVALENT_VI,
  holderDigest,
  recognitionDocumentToPdf,
  recognitionRefusalToPdf,
  recognitionRegisterReport,
  reportToPdf,
  reportToXlsx,
  signRecognitionToken,
  type RecognitionRegisterRow,
} from '@so-goc/documents';
import { DomainError, type Actor } from '@so-goc/domain';
import type { RecognitionView } from '@so-goc/projections';
import {
  commandContextFrom,
  commandReply,
  CurrentActor,
  DocumentHeadingQuery,
  FileKeyring,
  INFRASTRUCTURE,
  officerCommandFrom,
  OfficerRoute,
  PublishSigningKey,
  READ_ROLES,
  ReceiveRecognitionApplication,
  RecogniseForeignDiploma,
  RecognitionQuery,
  RecognitionRegisterQuery,
  RecognitionsOverdueQuery,
  RecognitionsQuery,
  RecordRecognitionVerificationAnswer,
  RefuseRecognition,
  RevokeRecognition,
  SendRecognitionVerification,
  type Infrastructure,
} from '@so-goc/platform';
import { exportReply, fileReply, PDF, XLSX } from '../exports/file-reply';
import {
  ReceiveRecognitionDto,
  RecogniseDto,
  RefuseRecognitionDto,
  RevokeRecognitionDto,
  SendVerificationDto,
  VerificationAnswerDto,
} from './recognitions.dto';

/**
 * Recognition of general-education diplomas issued abroad (docs/domain.md §8; TT 13/2021 amended by
 * TT 07/2024): the application and its dossier, verification with the foreign issuer, the decision or
 * the written refusal, the recognition document with its QR, and the Sở's recognition register.
 */
@ApiTags('recognition of foreign diplomas')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'UUID; resending the same key records nothing twice' })
@Controller('api/v1/authorities/:code')
export class RecognitionsController {
  private readonly keyring: FileKeyring;

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
  ) {
    this.keyring = FileKeyring.forConfig(infrastructure.config);
  }

  @Post('recognitions')
  @OfficerRoute('registrar')
  @ApiOperation({
    summary: 'Tiếp nhận hồ sơ đề nghị công nhận văn bằng do nước ngoài cấp (mã băm từng tài liệu); hạn trả kết quả theo ngày làm việc',
  })
  async receive(
    @Param('code') code: string,
    @Body() body: ReceiveRecognitionDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    const input = {
      recognitionId: body.recognitionId,
      authorityCode: code,
      channel: body.channel,
      receivedOn: body.receivedOn,
      applicant: {
        fullName: body.applicant.fullName,
        birthDate: body.applicant.birthDate,
        birthPlace: body.applicant.birthPlace ?? null,
        nationality: body.applicant.nationality,
        idDocument: { kind: body.applicant.idDocument.kind, number: body.applicant.idDocument.number },
      },
      foreignDiploma: {
        title: body.foreignDiploma.title,
        issuer: body.foreignDiploma.issuer,
        country: body.foreignDiploma.country,
        issuedOn: body.foreignDiploma.issuedOn,
        number: body.foreignDiploma.number ?? null,
        levelSought: body.foreignDiploma.levelSought,
      },
      dossier: body.dossier.map((d) => ({ kind: d.kind, name: d.name, sha256: d.sha256 })),
    };
    const outcome = await this.commands.execute(officerCommandFrom(ReceiveRecognitionApplication, input, request, actor));
    const received = outcomeEvent(outcome, 'RecognitionApplicationReceived')?.data;
    return commandReply(response, outcome, received?.dueOn ? { dueOn: received.dueOn } : {});
  }

  @Post('recognitions/:recognitionId/verification')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Gửi đề nghị xác minh tới cơ sở giáo dục nước ngoài (cần văn bản cho phép xác minh trong hồ sơ)' })
  async sendVerification(
    @Param('code') code: string,
    @Param('recognitionId') recognitionId: string,
    @Body() body: SendVerificationDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(
        officerCommandFrom(SendRecognitionVerification, { recognitionId, authorityCode: code, ...body }, request, actor),
      ),
    );
  }

  @Post('recognitions/:recognitionId/verification-answer')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Ghi nhận trả lời xác minh của cơ sở giáo dục nước ngoài: xác nhận hoặc không xác nhận' })
  async answerVerification(
    @Param('code') code: string,
    @Param('recognitionId') recognitionId: string,
    @Body() body: VerificationAnswerDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(
        officerCommandFrom(
          RecordRecognitionVerificationAnswer,
          { recognitionId, authorityCode: code, ...body, note: body.note ?? null },
          request,
          actor,
        ),
      ),
    );
  }

  @Post('recognitions/:recognitionId/recognition')
  // The signer role first: an officer holding both acts as signer; the domain refuses a registrar (issue 17).
  @OfficerRoute('signer', 'registrar')
  @ApiOperation({ summary: 'Công nhận văn bằng tương đương THCS hoặc THPT; số giấy công nhận lấy liên tục từ sổ theo dõi của năm' })
  async recognise(
    @Param('code') code: string,
    @Param('recognitionId') recognitionId: string,
    @Body() body: RecogniseDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    const outcome = await this.commands.execute(
      officerCommandFrom(RecogniseForeignDiploma, { recognitionId, authorityCode: code, ...body }, request, actor),
    );
    const decided = outcomeEvent(outcome, 'ForeignDiplomaRecognised')?.data;
    return commandReply(response, outcome, decided?.documentNumber ? { documentNumber: decided.documentNumber } : {});
  }

  @Post('recognitions/:recognitionId/refusal')
  // The signer role first: an officer holding both acts as signer; the domain refuses a registrar (issue 17).
  @OfficerRoute('signer', 'registrar')
  @ApiOperation({ summary: 'Từ chối công nhận bằng văn bản, nêu rõ lý do' })
  async refuse(
    @Param('code') code: string,
    @Param('recognitionId') recognitionId: string,
    @Body() body: RefuseRecognitionDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(RefuseRecognition, { recognitionId, authorityCode: code, ...body }, request, actor)),
    );
  }

  @Post('recognitions/:recognitionId/revocation')
  // The signer signs the revocation decision; the domain refuses a registrar (issue 17), as for a refusal.
  @OfficerRoute('signer', 'registrar')
  @ApiOperation({
    summary: 'Thu hồi giấy công nhận văn bằng bằng quyết định nêu căn cứ và lý do; cổng tra cứu trả lời REVOKED',
  })
  async revoke(
    @Param('code') code: string,
    @Param('recognitionId') recognitionId: string,
    @Body() body: RevokeRecognitionDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(RevokeRecognition, { recognitionId, authorityCode: code, ...body }, request, actor)),
    );
  }

  @Get('recognitions')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Hồ sơ đề nghị công nhận văn bằng của đơn vị' })
  list(@Param('code') code: string): Promise<{ recognitions: RecognitionView[] }> {
    return this.queries.execute(new RecognitionsQuery({ authorityCode: code }));
  }

  @Get('recognitions/overdue')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Hồ sơ chưa có kết quả đã quá hạn trả' })
  @ApiQuery({ name: 'today', required: false, example: '2026-11-24' })
  overdue(@Param('code') code: string, @Query('today') today?: string): Promise<object> {
    return this.queries.execute(new RecognitionsOverdueQuery({ authorityCode: code, ...(today !== undefined ? { today } : {}) }));
  }

  @Get('recognitions/:recognitionId')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Một hồ sơ đề nghị công nhận: hồ sơ, xác minh, quyết định hoặc văn bản từ chối' })
  one(@Param('code') code: string, @Param('recognitionId') recognitionId: string): Promise<RecognitionView> {
    return this.queries.execute(new RecognitionQuery({ authorityCode: code, recognitionId }));
  }

  @Get('recognitions/:recognitionId/document.pdf')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Giấy công nhận văn bằng (PDF, mã QR ký số để kiểm tra trên cổng tra cứu)' })
  @ApiProduces(PDF)
  async document(
    @Param('code') code: string,
    @Param('recognitionId') recognitionId: string,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const found = await this.one(code, recognitionId);
    const decision = found.decision;
    if (found.status !== 'recognised' || !decision)
      throw new DomainError({
        code: 'RECOGNITION_NOT_RECOGNISED',
        kind: 'precondition_failed',
        messageVi: 'Hồ sơ chưa được công nhận (hoặc đã bị từ chối): không có giấy công nhận.',
        messageEn: 'The application is not recognised (or was refused): there is no recognition document.',
        field: 'recognitionId',
      });
    // Every portal must know the key before a QR signed with it leaves this node.
    await this.commands.execute(PublishSigningKey.for(code, commandContextFrom(request, actor)));
    const key = this.keyring.activeSigningKey(code);
    const { applicant, foreignDiploma } = found.application;
    const token = signRecognitionToken(
      {
        v: 1,
        kid: key.kid,
        recognitionId,
        documentNumber: decision.documentNumber,
        authorityCode: code,
        decidedOn: decision.decidedOn,
        holderDigest: holderDigest(applicant.fullName, applicant.birthDate),
      },
      key.privateKey,
    );
    const heading = await this.heading(code);
    const { bytes, sha256 } = await recognitionDocumentToPdf({
      superiorName: heading.superiorName,
      authorityName: heading.authorityName,
      place: heading.place,
      documentNumber: decision.documentNumber,
      decidedOn: decision.decidedOn,
      applicant: { fullName: applicant.fullName, birthDate: applicant.birthDate, birthPlace: applicant.birthPlace },
      foreignDiploma,
      equivalentTo: decision.equivalentTo,
      receivedOn: found.application.receivedOn,
      legalBasis: found.application.deadlineBasis,
      signerTitle: decision.signerTitle,
      signerName: decision.signerName,
      verifyUrl: `${this.infrastructure.config.portalPublicUrl}/cong-nhan/${token}`,
      generatedAt: `${decision.decidedOn}T00:00:00.000Z`,
    });
    return fileReply(response, bytes, 'pdf', `giay-cong-nhan-${recognitionId}`, sha256);
  }

  @Get('recognitions/:recognitionId/refusal.pdf')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Văn bản từ chối công nhận văn bằng, nêu rõ lý do (PDF)' })
  @ApiProduces(PDF)
  async refusalLetter(
    @Param('code') code: string,
    @Param('recognitionId') recognitionId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const found = await this.one(code, recognitionId);
    const refusal = found.refusal;
    if (found.status !== 'refused' || !refusal)
      throw new DomainError({
        code: 'RECOGNITION_NOT_REFUSED',
        kind: 'precondition_failed',
        messageVi: 'Hồ sơ không bị từ chối: không có văn bản từ chối.',
        messageEn: 'The application was not refused: there is no refusal letter.',
        field: 'recognitionId',
      });
    const heading = await this.heading(code);
    const { applicant, foreignDiploma } = found.application;
    const { bytes, sha256 } = await recognitionRefusalToPdf({
      superiorName: heading.superiorName,
      authorityName: heading.authorityName,
      place: heading.place,
      letterNumber: refusal.letterNumber,
      refusedOn: refusal.refusedOn,
      applicant: { fullName: applicant.fullName, birthDate: applicant.birthDate },
      foreignDiploma,
      receivedOn: found.application.receivedOn,
      verification: found.verification
        ? { letterNumber: found.verification.letterNumber, outcome: found.verification.answer?.outcome ?? null }
        : null,
      reasons: refusal.reasons,
      signerTitle: refusal.signerTitle,
      signerName: refusal.signerName,
      generatedAt: `${refusal.refusedOn}T00:00:00.000Z`,
    });
    return fileReply(response, bytes, 'pdf', `tu-choi-cong-nhan-${recognitionId}`, sha256);
  }

  @Get('recognition-register/:year')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Sổ theo dõi công nhận văn bằng do nước ngoài cấp, theo năm quyết định' })
  async register(
    @Param('code') code: string,
    @Param('year', ParseIntPipe) year: number,
  ): Promise<{ year: number; rows: RecognitionRegisterRow[] }> {
    return { year, rows: await this.registerRows(code, year) };
  }

  @Get('recognition-register/:year/export.:format')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Sổ theo dõi công nhận văn bằng tải về dạng xlsx hoặc pdf' })
  @ApiProduces(XLSX, PDF)
  async exportRegister(
    @Param('code') code: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('format') format: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const heading = await this.heading(code);
    const report = recognitionRegisterReport({
      authorityCode: code,
      authorityName: heading.authorityName,
      ...(heading.superiorName ? { superiorName: heading.superiorName } : {}),
      place: heading.place,
      year,
      generatedAt: new Date().toISOString(),
      rows: await this.registerRows(code, year),
    });
    return exportReply(response, format, `so-theo-doi-cong-nhan-van-bang-${code}-${year}`, {
      xlsx: () => reportToXlsx(report),
      pdf: () => reportToPdf(report),
    });
  }

  private async registerRows(code: string, year: number): Promise<RecognitionRegisterRow[]> {
    const recognitions = await this.queries.execute(new RecognitionRegisterQuery({ authorityCode: code, year }));
    return recognitions.map((r) => {
      const { applicant, foreignDiploma } = r.application;
      const answer = r.verification?.answer;
      return {
        documentNumber: r.decision?.documentNumber ?? null,
        decidedOn: r.decision?.decidedOn ?? r.refusal?.refusedOn ?? '',
        fullName: applicant.fullName,
        birthDate: applicant.birthDate,
        idDocument: `${applicant.idDocument.kind} ${applicant.idDocument.number}`,
        foreignDiploma: foreignDiploma.number ? `${foreignDiploma.title} (số ${foreignDiploma.number})` : foreignDiploma.title,
        issuerAndCountry: `${foreignDiploma.issuer}, ${foreignDiploma.country}`,
        foreignIssuedOn: foreignDiploma.issuedOn,
        receivedOn: r.receivedOn,
        verification: r.verification
          ? `CV ${r.verification.letterNumber}: ${answer ? (answer.outcome === 'confirmed' ? 'đã xác nhận' : 'không xác nhận') : 'chờ trả lời'}`
          : 'Không xác minh',
        outcome: r.decision
          ? `Tương đương ${EQUIVALENT_VI[r.decision.equivalentTo]}`
          : `Từ chối (${r.refusal?.letterNumber ?? ''}): ${r.refusal?.reasons ?? ''}`,
        signer: r.decision
          ? `${r.decision.signerTitle} ${r.decision.signerName}`
          : `${r.refusal?.signerTitle ?? ''} ${r.refusal?.signerName ?? ''}`.trim(),
        late: r.decision?.late ?? r.refusal?.late ?? false,
      };
    });
  }

  private heading(code: string): Promise<{ authorityName: string; superiorName: string | null; place: string }> {
    return this.queries.execute(new DocumentHeadingQuery({ authorityCode: code }));
  }
}
