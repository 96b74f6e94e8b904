import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '@so-goc/domain';
import type { PrintRunView } from '@so-goc/projections';
import {
  ClosePrintRun,
  commandReply,
  CurrentActor,
  officerCommandFrom,
  OfficerRoute,
  OpenPrintRun,
  PrintRunQuery,
  READ_ROLES,
  RecordMisprint,
  RecordPrinting,
  SignPrintRun,
} from '@so-goc/platform';
import { ClosePrintRunDto, OpenPrintRunDto, RecordMisprintDto, RecordPrintingDto, SignPrintRunDto } from './issuance.dto';

/** Print runs (đợt in): serials and register numbers for a decision, printing, misprints, signing, closing. */
@ApiTags('issuance')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'UUID; resending the same key records nothing twice and completes an interrupted opening',
})
@Controller('api/v1/authorities/:code/print-runs')
export class PrintRunsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Mở đợt in: giữ phôi, cấp số vào sổ gốc liên tục, ghép từng người với một phôi' })
  async open(
    @Param('code') code: string,
    @Body() body: OpenPrintRunDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(OpenPrintRun, { ...body, authorityCode: code }, request, actor)),
      { printRunId: body.printRunId },
    );
  }

  @Post(':printRunId/printing')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Ghi nhận đã in: mỗi phôi mang văn bằng đã ghép' })
  async printed(
    @Param('code') code: string,
    @Param('printRunId') printRunId: string,
    @Body() body: RecordPrintingDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(RecordPrinting, { printRunId, authorityCode: code, ...body }, request, actor)),
    );
  }

  @Post(':printRunId/misprints')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'In hỏng: phôi hỏng, văn bằng sang phôi kế tiếp, giữ số vào sổ' })
  async misprint(
    @Param('code') code: string,
    @Param('printRunId') printRunId: string,
    @Body() body: RecordMisprintDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(RecordMisprint, { printRunId, authorityCode: code, ...body }, request, actor)),
    );
  }

  @Post(':printRunId/signature')
  // The signer role first: an officer holding both acts as signer; the decider refuses a registrar (issue 17).
  @OfficerRoute('signer', 'registrar')
  @ApiOperation({ summary: 'Ký, đóng dấu và cấp: người ký phải có thẩm quyền vào ngày cấp, ngày cấp không trước ngày quyết định' })
  async sign(
    @Param('code') code: string,
    @Param('printRunId') printRunId: string,
    @Body() body: SignPrintRunDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(SignPrintRun, { printRunId, authorityCode: code, ...body }, request, actor)),
    );
  }

  @Post(':printRunId/closing')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Đóng đợt in: trả phôi dự phòng chưa dùng, đối chiếu giữ = in + hỏng + trả' })
  async close(
    @Param('code') code: string,
    @Param('printRunId') printRunId: string,
    @Body() body: ClosePrintRunDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(ClosePrintRun, { printRunId, authorityCode: code, ...body }, request, actor)),
    );
  }

  @Get(':printRunId')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Đợt in và lệnh in: thứ tự từng phôi với số vào sổ, số hiệu và người được cấp' })
  view(@Param('code') code: string, @Param('printRunId') printRunId: string): Promise<PrintRunView> {
    return this.queries.execute(new PrintRunQuery({ authorityCode: code, printRunId }));
  }
}
