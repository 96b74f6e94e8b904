import { Body, Controller, Get, Inject, Param, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Database } from 'better-sqlite3';
import { DomainError, type Actor } from '@so-goc/domain';
import { decisionAuthority, decisionDiplomas } from '@so-goc/projections';
import {
  commandReply,
  CurrentActor,
  ImportGraduationDecision,
  officerCommandFrom,
  OfficerRoute,
  READ_MODELS,
  READ_ROLES,
  streamingUploadStorage,
} from '@so-goc/platform';
import { ImportDecisionDto } from './issuance.dto';

const MAX_LIST_BYTES = 30 * 1024 * 1024;

/** Graduation decisions (quyết định công nhận tốt nghiệp) and their graduate lists, uploaded as the office has them. */
@ApiTags('issuance')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'UUID; re-uploading with the same key records nothing new' })
@Controller('api/v1/authorities/:code/decisions')
export class DecisionsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(READ_MODELS) private readonly db: Database,
  ) {}

  @Post()
  @OfficerRoute('registrar')
  @UseInterceptors(FileInterceptor('file', { storage: streamingUploadStorage, limits: { fileSize: MAX_LIST_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary: 'Ghi nhận quyết định công nhận tốt nghiệp và danh sách (XLSX hoặc CSV); sai dòng nào báo dòng đó, không ghi gì',
  })
  async import(
    @Param('code') code: string,
    @Body() body: ImportDecisionDto,
    @UploadedFile() file: { originalname: string; buffer: Buffer } | undefined,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    if (!file) {
      throw new DomainError({
        code: 'FILE_MISSING',
        kind: 'invalid_input',
        messageVi: 'Chưa đính kèm tệp danh sách (trường "file").',
        messageEn: 'No list file attached (field "file").',
        field: 'file',
      });
    }
    const outcome = await this.commands.execute(
      officerCommandFrom(
        ImportGraduationDecision,
        {
          ...body,
          authorityCode: code,
          examSession: body.examSession ?? null,
          fileName: Buffer.from(file.originalname, 'latin1').toString('utf8').normalize('NFC'),
          bytes: file.buffer,
        },
        request,
        actor,
      ),
    );
    return commandReply(response, outcome, { decisionId: body.decisionId });
  }

  @Get(':decisionId/diplomas')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Danh sách người tốt nghiệp của quyết định và trạng thái văn bằng' })
  diplomas(@Param('code') code: string, @Param('decisionId') decisionId: string): object {
    const rows = decisionDiplomas(this.db, decisionId);
    if (rows.length === 0 || decisionAuthority(this.db, decisionId) !== code) {
      throw new DomainError({
        code: 'DECISION_NOT_FOUND',
        kind: 'not_found',
        messageVi: 'Không có quyết định này.',
        messageEn: 'No such decision.',
        field: 'decisionId',
      });
    }
    return { decisionId, diplomas: rows };
  }
}
