import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '@so-goc/domain';
import type { OverdueDecision, RegisterEntryView } from '@so-goc/projections';
import {
  commandReply,
  CurrentActor,
  DeliverDiploma,
  FindDiplomasQuery,
  officerCommandFrom,
  OfficerRoute,
  OverdueIssuanceQuery,
  READ_ROLES,
  ReportDiplomaLost,
} from '@so-goc/platform';
import { DeliverDiplomaDto, ReportDiplomaLostDto } from './issuance.dto';

/** Diplomas after signing: hand-over, loss before hand-over, and the officers' lookups. */
@ApiTags('issuance')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'UUID; resending the same key records nothing twice' })
@Controller('api/v1/authorities/:code')
export class DiplomasController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('diplomas/:diplomaId/delivery')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Cấp phát: người nhận (chính chủ hoặc người được ủy quyền) ký nhận' })
  async deliver(
    @Param('code') code: string,
    @Param('diplomaId') diplomaId: string,
    @Body() body: DeliverDiplomaDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    const recipient = {
      kind: body.recipient.kind,
      fullName: body.recipient.fullName,
      authorisationRef: body.recipient.authorisationRef ?? null,
      idDocument: body.recipient.idDocument ?? null,
    };
    return commandReply(
      response,
      await this.commands.execute(
        officerCommandFrom(
          DeliverDiploma,
          { diplomaId, authorityCode: code, recipient, deliveredOn: body.deliveredOn, deliveredBy: body.deliveredBy },
          request,
          actor,
        ),
      ),
    );
  }

  @Post('diplomas/:diplomaId/loss')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Văn bằng đã ký bị mất trước khi phát: biên bản, báo công an, báo cáo cấp trên (quy tắc 14)' })
  async lost(
    @Param('code') code: string,
    @Param('diplomaId') diplomaId: string,
    @Body() body: ReportDiplomaLostDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(ReportDiplomaLost, { diplomaId, authorityCode: code, ...body }, request, actor)),
    );
  }

  @Get('diplomas')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Tìm văn bằng theo số hiệu, theo số vào sổ, hoặc theo họ tên + ngày sinh (không phân biệt dấu)' })
  @ApiQuery({ name: 'serial', required: false, example: 'HP 0203418' })
  @ApiQuery({ name: 'registerNumber', required: false, example: '000417/THPT-2024' })
  @ApiQuery({ name: 'fullName', required: false, example: 'Nguyen Thi Thuy' })
  @ApiQuery({ name: 'birthDate', required: false, example: '2006-09-18' })
  find(@Param('code') code: string, @Query() query: Record<string, string | undefined>): Promise<{ diplomas: RegisterEntryView[] }> {
    const { serial, registerNumber, fullName, birthDate } = query;
    return this.queries.execute(new FindDiplomasQuery({ authorityCode: code, serial, registerNumber, fullName, birthDate }));
  }

  @Get('issuance-deadlines/overdue')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Quyết định còn người chưa được cấp văn bằng quá thời hạn (quy tắc 7)' })
  @ApiQuery({ name: 'today', required: false, example: '2024-10-10' })
  overdue(@Param('code') code: string, @Query('today') today?: string): Promise<{ today: string; overdue: OverdueDecision[] }> {
    return this.queries.execute(new OverdueIssuanceQuery({ authorityCode: code, today }));
  }
}
