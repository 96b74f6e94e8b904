import { Body, Controller, Get, Inject, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { Request, Response } from 'express';
import { renderCertificatesPdf } from '@so-goc/documents';
import { certificatePrintRunNotFound, certificateRunSpares, credentialCatalogue, type Actor } from '@so-goc/domain';
import {
  certificatePrintJob,
  CloseCertificatePrintRun,
  commandReply,
  CurrentActor,
  DocumentHeadingQuery,
  INFRASTRUCTURE,
  officerCommandFrom,
  OfficerRoute,
  OpenCertificatePrintRun,
  readCertificatePrintRun,
  READ_ROLES,
  RecordCertificateMisprint,
  RecordCertificatePrinting,
  RecordCertificatePrintRunDocument,
  SignCertificatePrintRun,
  type Infrastructure,
} from '@so-goc/platform';
import { fileReply } from '../exports/file-reply';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MODES = ['overlay', 'preview'] as const;
const DEFAULT_CATALOGUE = credentialCatalogue();

export class OpenCertificatePrintRunDto {
  @ApiProperty({ example: 'ttnn-hp-2026-06-r1' }) @IsString() @MaxLength(64) printRunId!: string;
  @ApiProperty({ example: 'CC-NN', description: 'Loại chứng chỉ (danh mục); in trên phôi của loại đó' }) @IsString() kindCode!: string;
  @ApiProperty({ example: 2026, description: 'Năm của sổ gốc cấp chứng chỉ' }) @IsInt() @Min(1945) @Max(2200) year!: number;
  @ApiProperty({ example: 'TTNN-HP-2026-1' }) @IsString() @MaxLength(64) lotId!: string;
  @ApiProperty({ example: 'CC-NN-TT21' }) @IsString() @MaxLength(50) templateVersion!: string;
  @ApiProperty({ example: '2026-07-02' }) @Matches(ISO_DATE) openedOn!: string;
  @ApiPropertyOptional({ description: 'Không có: mọi chứng chỉ của sổ chưa in, theo số vào sổ' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20000)
  @IsString({ each: true })
  certificateIds?: string[];
  @ApiPropertyOptional({ example: 5, description: 'Phôi dự phòng cho bản in hỏng; trả lại kho khi đóng đợt in' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  spareBlanks?: number;
}

export class CertificatePrintingDto {
  @ApiProperty({ example: '2026-07-03' }) @Matches(ISO_DATE) printedOn!: string;
}

export class CertificateMisprintDto {
  @ApiProperty({ example: 'TTNN-HP.CC-NN.2026.7' }) @IsString() @MaxLength(80) certificateId!: string;
  @ApiProperty({ example: 'Kẹt giấy' }) @IsString() @MaxLength(500) note!: string;
  @ApiProperty({ example: '2026-07-03' }) @Matches(ISO_DATE) reprintedOn!: string;
}

export class CertificateSignatureDto {
  @ApiProperty({ example: 'Trần Văn Bình' }) @IsString() @MaxLength(120) signerName!: string;
  @ApiProperty({ example: 'Giám đốc' }) @IsString() @MaxLength(120) signerTitle!: string;
  @ApiProperty({ example: '2026-07-04' }) @Matches(ISO_DATE) issueDate!: string;
  @ApiProperty({ example: 'Hải Phòng' }) @IsString() @MaxLength(120) issuePlace!: string;
}

export class CertificateClosingDto {
  @ApiProperty({ example: '2026-07-05' }) @Matches(ISO_DATE) closedOn!: string;
}

export class RenderCertificatePrintRunDto {
  @ApiProperty({ enum: MODES, description: 'overlay: chỉ dữ liệu thay đổi và mã QR, in lên phôi; preview: toàn bộ mặt chứng chỉ' })
  @IsIn(MODES)
  mode!: (typeof MODES)[number];
  @ApiPropertyOptional({ example: '2026-07-04', description: 'Trước khi ký: ngày cấp dự kiến in trên chứng chỉ' })
  @IsOptional()
  @Matches(ISO_DATE)
  issueDate?: string;
  @ApiPropertyOptional({ example: 'Hải Phòng' }) @IsOptional() @IsString() @MaxLength(120) issuePlace?: string;
  @ApiPropertyOptional({ example: 'Giám đốc' }) @IsOptional() @IsString() @MaxLength(120) signerTitle?: string;
  @ApiPropertyOptional({ example: 'Trần Văn Bình' }) @IsOptional() @IsString() @MaxLength(120) signerName?: string;
}

/**
 * Print runs on certificate blanks (issue 18 item 3): open (serials reserved, certificates taken from the register
 * book), the print job as PDF, printing, misprints, signature (the register gains the serials), closing.
 */
@ApiTags('certificates')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'UUID; resending the same key records nothing twice' })
@Controller('api/v1/authorities/:code/certificate-print-runs')
export class CertificatePrintRunsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
  ) {}

  @Post()
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Mở đợt in chứng chỉ: giữ phôi, ghép mỗi chứng chỉ (theo số vào sổ) với một số hiệu phôi' })
  async open(
    @Param('code') code: string,
    @Body() body: OpenCertificatePrintRunDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    const outcome = await this.commands.execute(
      officerCommandFrom(OpenCertificatePrintRun, { ...body, authorityCode: code }, request, actor),
    );
    return commandReply(response, outcome, { printRunId: body.printRunId });
  }

  @Get(':printRunId')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Một đợt in chứng chỉ: chứng chỉ, số hiệu phôi, trạng thái' })
  async get(@Param('code') code: string, @Param('printRunId') printRunId: string): Promise<object> {
    const { state, revision } = await readCertificatePrintRun(this.infrastructure.store, printRunId);
    // Another authority's run answers as one that does not exist (authorization by the record).
    if (state.status === 'none' || state.header.authorityCode !== code) throw certificatePrintRunNotFound();
    return {
      ...state.header,
      status: state.status,
      revision: revision === 'no_stream' ? null : revision.toString(),
      printedOn: state.printedOn,
      signature: state.signature,
      spoiledSerials: [...state.spoiledSerials].sort((a, b) => a - b),
      spareSerials: certificateRunSpares(state),
      entries: state.entries,
    };
  }

  @Post(':printRunId/documents')
  @OfficerRoute('registrar', 'signer')
  @ApiOperation({ summary: 'Lệnh in chứng chỉ (PDF): một trang mỗi chứng chỉ theo số vào sổ, có mã QR; SHA-256 của tệp được ghi lại' })
  @ApiProduces('application/pdf')
  async document(
    @Param('code') code: string,
    @Param('printRunId') printRunId: string,
    @Body() body: RenderCertificatePrintRunDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const letterhead = await this.queries.execute(new DocumentHeadingQuery({ authorityCode: code }));
    const job = await certificatePrintJob(
      this.infrastructure.store,
      this.infrastructure.credentialKinds ?? DEFAULT_CATALOGUE,
      {
        printRunId,
        authorityCode: code,
        portalPublicUrl: this.infrastructure.config.portalPublicUrl,
        issuerName: letterhead.authorityName,
        superiorName: letterhead.superiorName,
      },
      body,
    );
    const rendered = await renderCertificatesPdf(
      job.faces.map((f) => f.face),
      { mode: body.mode, title: `Đợt in chứng chỉ ${printRunId}`, templateVersion: job.templateVersion },
    );
    await this.commands.execute(
      officerCommandFrom(
        RecordCertificatePrintRunDocument,
        { printRunId, authorityCode: code, mode: body.mode, sha256: rendered.sha256, pageCount: rendered.pageCount },
        request,
        actor,
      ),
    );
    return fileReply(response, rendered.bytes, 'pdf', `dot-in-chung-chi-${printRunId}-${body.mode}`, rendered.sha256);
  }

  @Post(':printRunId/printing')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Ghi nhận đã in: mỗi phôi gắn với chứng chỉ của nó' })
  async printing(
    @Param('code') code: string,
    @Param('printRunId') printRunId: string,
    @Body() body: CertificatePrintingDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    const outcome = await this.commands.execute(
      officerCommandFrom(RecordCertificatePrinting, { printRunId, authorityCode: code, ...body }, request, actor),
    );
    return commandReply(response, outcome);
  }

  @Post(':printRunId/misprints')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'In hỏng: phôi hỏng, chứng chỉ sang phôi dự phòng, số vào sổ giữ nguyên' })
  async misprint(
    @Param('code') code: string,
    @Param('printRunId') printRunId: string,
    @Body() body: CertificateMisprintDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    const outcome = await this.commands.execute(
      officerCommandFrom(RecordCertificateMisprint, { printRunId, authorityCode: code, ...body }, request, actor),
    );
    return commandReply(response, outcome);
  }

  @Post(':printRunId/signature')
  // As for diplomas: the signer role first; the workflow refuses a registrar (rule 25), after the scope check.
  @OfficerRoute('signer', 'registrar')
  @ApiOperation({ summary: 'Ký, đóng dấu: chứng chỉ được cấp; sổ gốc ghi số hiệu phôi (giấy phép kiểm tra theo ngày cấp)' })
  async sign(
    @Param('code') code: string,
    @Param('printRunId') printRunId: string,
    @Body() body: CertificateSignatureDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    const outcome = await this.commands.execute(
      officerCommandFrom(SignCertificatePrintRun, { printRunId, authorityCode: code, ...body }, request, actor),
    );
    return commandReply(response, outcome);
  }

  @Post(':printRunId/closing')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Đóng đợt in: phôi dự phòng trả lại kho, đối chiếu giữ = in + hỏng + trả' })
  async close(
    @Param('code') code: string,
    @Param('printRunId') printRunId: string,
    @Body() body: CertificateClosingDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    const outcome = await this.commands.execute(
      officerCommandFrom(CloseCertificatePrintRun, { printRunId, authorityCode: code, ...body }, request, actor),
    );
    return commandReply(response, outcome);
  }
}
