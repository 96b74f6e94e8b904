import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '@so-goc/domain';
import type { LedgerRow, Reconciliation, SerialStatus } from '@so-goc/projections';
import {
  AllocateBlanks,
  BlankLedgerQuery,
  BlankReconciliationQuery,
  BlankSerialQuery,
  commandReply,
  CurrentActor,
  DestroyBlanks,
  officerCommandFrom,
  OfficerRoute,
  READ_ROLES,
  ReceiveBlankLot,
  ReportBlanksLost,
  ReturnBlanks,
  SpoilBlanks,
} from '@so-goc/platform';
import { AllocateBlanksDto, DestroyBlanksDto, ReceiveBlankLotDto, ReportBlanksLostDto, ReturnBlanksDto, SpoilBlanksDto } from './blank.dto';

/** Blanks (phôi) of one authority: receipts, handovers down the hierarchy, spoilage, destruction, loss. */
@ApiTags('blanks')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'UUID; resending the same key records nothing twice' })
@Controller('api/v1/authorities/:code')
export class BlanksController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('blank-lots')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Nhận lô phôi (receive a lot of blanks)' })
  async receive(
    @Param('code') code: string,
    @Body() body: ReceiveBlankLotDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(ReceiveBlankLot, { authorityCode: code, ...body }, request, actor)),
    );
  }

  @Post('blank-lots/:lotId/allocations')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Giao phôi cho đơn vị trực thuộc (hand blanks down to a unit)' })
  async allocate(
    @Param('code') code: string,
    @Param('lotId') lotId: string,
    @Body() body: AllocateBlanksDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(AllocateBlanks, { lotId, authorityCode: code, ...body }, request, actor)),
    );
  }

  @Post('blank-lots/:lotId/spoilage')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Ghi phôi hỏng (record spoiled blanks)' })
  async spoil(
    @Param('code') code: string,
    @Param('lotId') lotId: string,
    @Body() body: SpoilBlanksDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(SpoilBlanks, { lotId, authorityCode: code, ...body }, request, actor)),
    );
  }

  @Post('blank-lots/:lotId/destructions')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Huỷ phôi hỏng theo biên bản hội đồng (destroy spoiled blanks)' })
  async destroy(
    @Param('code') code: string,
    @Param('lotId') lotId: string,
    @Body() body: DestroyBlanksDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(DestroyBlanks, { lotId, authorityCode: code, ...body }, request, actor)),
    );
  }

  @Post('blank-lots/:lotId/losses')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Báo mất phôi (report blanks lost)' })
  async lose(
    @Param('code') code: string,
    @Param('lotId') lotId: string,
    @Body() body: ReportBlanksLostDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(ReportBlanksLost, { lotId, authorityCode: code, ...body }, request, actor)),
    );
  }

  @Post('blank-lots/:lotId/returns')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Trả phôi cho nhà cung cấp (return blanks to the supplier)' })
  async returnToSupplier(
    @Param('code') code: string,
    @Param('lotId') lotId: string,
    @Body() body: ReturnBlanksDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(ReturnBlanks, { lotId, authorityCode: code, ...body }, request, actor)),
    );
  }

  @Get('blank-ledger')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Sổ quản lý phôi (blank ledger)' })
  @ApiQuery({ name: 'kind', required: false })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  ledger(
    @Param('code') code: string,
    @Query('kind') kind?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ): Promise<LedgerRow[]> {
    return this.queries.execute(new BlankLedgerQuery({ authorityCode: code, kind, from, to }));
  }

  @Get('blank-serials/:serial')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Tra một số hiệu phôi: ở đâu, đã qua những gì (where is this blank?)' })
  serial(@Param('code') code: string, @Param('serial') serial: string): Promise<SerialStatus> {
    return this.queries.execute(new BlankSerialQuery({ authorityCode: code, serial }));
  }

  @Get('blank-reconciliation')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Đối chiếu phôi theo kỳ (reconciliation, rule 16)' })
  @ApiQuery({ name: 'kind', required: true })
  @ApiQuery({ name: 'from', required: true })
  @ApiQuery({ name: 'to', required: true })
  reconciliation(
    @Param('code') code: string,
    @Query('kind') kind: string,
    @Query('from') from: string,
    @Query('to') to: string,
  ): Promise<Reconciliation> {
    return this.queries.execute(new BlankReconciliationQuery({ authorityCode: code, kind, from, to }));
  }
}
