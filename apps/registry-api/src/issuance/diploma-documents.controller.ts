import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import type { Database } from 'better-sqlite3';
import { renderDiplomaPdf, renderPrintRunPdf } from '@so-goc/documents';
import { DomainError, type Actor } from '@so-goc/domain';
import { fileReply } from '../exports/file-reply';
import {
  commandContextFrom,
  CurrentActor,
  DiplomaFaces,
  FileKeyring,
  officerCommandFrom,
  PublishSigningKey,
  RecordPrintRunDocument,
  INFRASTRUCTURE,
  OfficerRoute,
  READ_MODELS,
  READ_ROLES,
  type Infrastructure,
  type IssueLine,
} from '@so-goc/platform';

const MODES = ['overlay', 'preview'] as const;
type Mode = (typeof MODES)[number];

export class RenderPrintRunDto {
  @ApiProperty({
    enum: MODES,
    description: 'overlay: only the variable fields and the QR, for the pre-printed blank; preview: the whole face',
  })
  @IsIn(MODES)
  mode!: Mode;
  @ApiPropertyOptional({ example: '2024-08-14', description: 'Until the run is signed: the planned issue date printed on the diplomas' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  issueDate?: string;
  @ApiPropertyOptional({ example: 'Hải Phòng' }) @IsOptional() @IsString() @MaxLength(120) issuePlace?: string;
  @ApiPropertyOptional({ example: 'Giám đốc' }) @IsOptional() @IsString() @MaxLength(120) signerTitle?: string;
  @ApiPropertyOptional({ example: 'Nguyễn Văn An' }) @IsOptional() @IsString() @MaxLength(120) signerName?: string;
}

/** The diplomas and copies as PDFs with their QR codes (architecture §6). */
@ApiTags('documents')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'UUID' })
@Controller('api/v1/authorities/:code')
export class DiplomaDocumentsController {
  private readonly faces: DiplomaFaces;

  constructor(
    private readonly commands: CommandBus,
    @Inject(READ_MODELS) db: Database,
    @Inject(INFRASTRUCTURE) infrastructure: Infrastructure,
  ) {
    this.faces = new DiplomaFaces(db, FileKeyring.forConfig(infrastructure.config), infrastructure.config.portalPublicUrl);
  }

  @Post('print-runs/:printRunId/documents')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Lệnh in: một trang cho mỗi văn bằng theo thứ tự số vào sổ, có mã QR; mã SHA-256 của tệp được ghi lại' })
  @ApiProduces('application/pdf')
  async printRun(
    @Param('code') code: string,
    @Param('printRunId') printRunId: string,
    @Body() body: RenderPrintRunDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    // Every portal must know the key before a QR signed with it is printed.
    await this.commands.execute(PublishSigningKey.for(code, commandContextFrom(request, actor)));
    const planned: IssueLine | undefined =
      body.issueDate && body.issuePlace && body.signerTitle && body.signerName
        ? { issueDate: body.issueDate, issuePlace: body.issuePlace, signerTitle: body.signerTitle, signerName: body.signerName }
        : undefined;
    const { faces, authorityCode, templateVersion } = this.faces.printRun(printRunId, planned);
    if (authorityCode !== code) throw notFound('PRINT_RUN_NOT_FOUND', 'printRunId');
    const rendered = await renderPrintRunPdf(
      faces.map((f) => f.face),
      { mode: body.mode, title: `Đợt in ${printRunId}`, templateVersion },
    );
    await this.commands.execute(
      officerCommandFrom(
        RecordPrintRunDocument,
        { printRunId, authorityCode: code, mode: body.mode, sha256: rendered.sha256, pageCount: rendered.pageCount },
        request,
        actor,
      ),
    );
    return pdfReply(response, rendered, `dot-in-${printRunId}-${body.mode}`);
  }

  @Get('print-runs/:printRunId/diplomas/:diplomaId.pdf')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Một văn bằng đã ký dạng PDF (xem trước hoặc in chồng), có mã QR' })
  @ApiQuery({ name: 'mode', enum: MODES, required: false })
  @ApiProduces('application/pdf')
  async diploma(
    @Param('code') code: string,
    @Param('printRunId') printRunId: string,
    @Param('diplomaId') diplomaId: string,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Query('mode') mode?: string,
  ): Promise<StreamableFile> {
    await this.commands.execute(PublishSigningKey.for(code, commandContextFrom(request, actor)));
    const { faces, authorityCode, templateVersion } = this.faces.printRun(printRunId, undefined);
    const face = faces.find((f) => f.diplomaId === diplomaId)?.face;
    if (authorityCode !== code || !face) throw notFound('DIPLOMA_NOT_FOUND', 'diplomaId');
    return pdfReply(response, await renderDiplomaPdf(face, { mode: asMode(mode), templateVersion }), `van-bang-${diplomaId}`);
  }

  @Get('copies/:copyId.pdf')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Bản sao từ sổ gốc dạng PDF: "BẢN SAO", số vào sổ cấp bản sao, mã QR' })
  @ApiQuery({ name: 'mode', enum: MODES, required: false })
  @ApiProduces('application/pdf')
  async copy(
    @Param('code') code: string,
    @Param('copyId') copyId: string,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Query('mode') mode?: string,
  ): Promise<StreamableFile> {
    await this.commands.execute(PublishSigningKey.for(code, commandContextFrom(request, actor)));
    const { face, authorityCode, templateVersion } = this.faces.copy(copyId);
    if (authorityCode !== code) throw notFound('COPY_NOT_FOUND', 'copyId');
    return pdfReply(response, await renderDiplomaPdf(face, { mode: asMode(mode), templateVersion }), `ban-sao-${copyId}`);
  }
}

function asMode(mode: string | undefined): Mode {
  return mode === 'overlay' ? 'overlay' : 'preview';
}

function notFound(code: string, field: string): DomainError {
  return new DomainError({ code, kind: 'not_found', messageVi: 'Không có tài liệu này.', messageEn: 'No such document.', field });
}

function pdfReply(response: Response, rendered: { bytes: Uint8Array; sha256: string }, name: string): StreamableFile {
  return fileReply(response, rendered.bytes, 'pdf', name, rendered.sha256);
}
