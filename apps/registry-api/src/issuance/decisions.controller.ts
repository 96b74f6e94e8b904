import { Body, Controller, Get, Param, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError, type Actor } from '@so-goc/domain';
import {
  commandReply,
  CurrentActor,
  DecisionDiplomasQuery,
  ImportGraduationDecision,
  officerCommandFrom,
  OfficerRoute,
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
    private readonly queries: QueryBus,
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
  diplomas(@Param('code') code: string, @Param('decisionId') decisionId: string): Promise<object> {
    return this.queries.execute(new DecisionDiplomasQuery({ authorityCode: code, decisionId }));
  }
}
