import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Database } from 'better-sqlite3';
import {
  blankLotDecider,
  blankLotStream,
  DomainError,
  isWithinScope,
  parseSerial,
  vietnamDateOf,
  type Actor,
  type BlankLotCommand,
} from '@so-goc/domain';
import type { CommandOutcome, EventStore } from '@so-goc/event-store';
import { blankLedger, blankReconciliation, blankSerialStatus, type LedgerRow, type Reconciliation, type SerialStatus } from '@so-goc/projections';
import {
  commandContextFrom,
  commandReply,
  CurrentActor,
  EVENT_STORE,
  executeCommand,
  OfficerAccess,
  OfficerRoute,
  READ_MODELS,
  READ_ROLES,
  receiveBlankLot,
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
    private readonly access: OfficerAccess,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly db: Database,
  ) {}

  @Post('blank-lots')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Nhận lô phôi (receive a lot of blanks)' })
  async receive(@Param('code') code: string, @Body() body: ReceiveBlankLotDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<object> {
    const outcome = await receiveBlankLot(this.store, { type: 'ReceiveBlankLot', authorityCode: code, ...body }, commandContextFrom(request, actor));
    return commandReply(response, outcome);
  }

  @Post('blank-lots/:lotId/allocations')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Giao phôi cho đơn vị trực thuộc (hand blanks down to a unit)' })
  async allocate(@Param('code') code: string, @Param('lotId') lotId: string, @Body() body: AllocateBlanksDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<object> {
    // Blanks go down the hierarchy only: the receiver must be a unit under the giver.
    if (!isWithinScope(await this.access.directory(), { authorityCode: code, includeSubordinates: true }, body.toAuthority) || body.toAuthority === code) {
      throw new DomainError({
        code: 'RECEIVER_NOT_SUBORDINATE',
        kind: 'rule_violation',
        messageVi: `${body.toAuthority} không phải đơn vị trực thuộc ${code}.`,
        messageEn: `${body.toAuthority} is not a unit under ${code}.`,
        field: 'toAuthority',
      });
    }
    return this.execute(lotId, { type: 'AllocateBlanks', authorityCode: code, ...body }, actor, request, response);
  }

  @Post('blank-lots/:lotId/spoilage')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Ghi phôi hỏng (record spoiled blanks)' })
  spoil(@Param('code') code: string, @Param('lotId') lotId: string, @Body() body: SpoilBlanksDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<object> {
    return this.execute(lotId, { type: 'SpoilBlanks', authorityCode: code, ...body }, actor, request, response);
  }

  @Post('blank-lots/:lotId/destructions')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Huỷ phôi hỏng theo biên bản hội đồng (destroy spoiled blanks)' })
  destroy(@Param('code') code: string, @Param('lotId') lotId: string, @Body() body: DestroyBlanksDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<object> {
    return this.execute(lotId, { type: 'DestroyBlanks', authorityCode: code, ...body }, actor, request, response);
  }

  @Post('blank-lots/:lotId/losses')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Báo mất phôi (report blanks lost)' })
  lose(@Param('code') code: string, @Param('lotId') lotId: string, @Body() body: ReportBlanksLostDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<object> {
    return this.execute(lotId, { type: 'ReportBlanksLost', authorityCode: code, ...body }, actor, request, response);
  }

  @Post('blank-lots/:lotId/returns')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Trả phôi cho nhà cung cấp (return blanks to the supplier)' })
  returnToSupplier(@Param('code') code: string, @Param('lotId') lotId: string, @Body() body: ReturnBlanksDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<object> {
    return this.execute(lotId, { type: 'ReturnBlanks', authorityCode: code, ...body }, actor, request, response);
  }

  @Get('blank-ledger')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Sổ quản lý phôi (blank ledger)' })
  @ApiQuery({ name: 'kind', required: false })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  ledger(@Param('code') code: string, @Query('kind') kind?: string, @Query('from') from?: string, @Query('to') to?: string): LedgerRow[] {
    return blankLedger(this.db, code, { ...(kind ? { kind } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) });
  }

  @Get('blank-serials/:serial')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Tra một số hiệu phôi: ở đâu, đã qua những gì (where is this blank?)' })
  async serial(@Param('code') code: string, @Param('serial') serial: string): Promise<SerialStatus> {
    const parsed = parseSerial(serial);
    const status = parsed ? blankSerialStatus(this.db, parsed.prefix, parsed.value) : undefined;
    const directory = await this.access.directory();
    const visible = status && [status.holder, ...status.history.flatMap((row) => (row.counterpart ? [row.counterpart] : []))].some((holder) => isWithinScope(directory, { authorityCode: code, includeSubordinates: true }, holder));
    if (!status || !visible) {
      throw new DomainError({ code: 'BLANK_SERIAL_NOT_FOUND', kind: 'not_found', messageVi: `Không có phôi số hiệu ${serial} trong sổ của đơn vị.`, messageEn: `No blank ${serial} in this authority's books.`, field: 'serial' });
    }
    return status;
  }

  @Get('blank-reconciliation')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Đối chiếu phôi theo kỳ (reconciliation, rule 16)' })
  @ApiQuery({ name: 'kind', required: true })
  @ApiQuery({ name: 'from', required: true })
  @ApiQuery({ name: 'to', required: true })
  reconciliation(@Param('code') code: string, @Query('kind') kind: string, @Query('from') from: string, @Query('to') to: string): Reconciliation {
    const problems = [
      ...(kind ? [] : [{ field: 'kind' }]),
      ...(/^\d{4}-\d{2}-\d{2}$/.test(from ?? '') ? [] : [{ field: 'from' }]),
      ...(/^\d{4}-\d{2}-\d{2}$/.test(to ?? '') ? [] : [{ field: 'to' }]),
    ];
    if (problems.length > 0) {
      throw new DomainError({ code: 'INVALID_QUERY', kind: 'invalid_input', messageVi: 'Cần kind, from, to (YYYY-MM-DD).', messageEn: 'kind, from and to (YYYY-MM-DD) are required.', field: problems[0]!.field });
    }
    return blankReconciliation(this.db, code, kind, from, to, vietnamDateOf(new Date()));
  }

  private async execute(lotId: string, command: BlankLotCommand, actor: Actor, request: Request, response: Response): Promise<object> {
    const outcome: CommandOutcome = await this.commands.execute(executeCommand(blankLotDecider, blankLotStream(lotId), command, commandContextFrom(request, actor)));
    const reuse = outcome.events.find((event) => event.type === 'BlankReuseAttempted');
    if (reuse) {
      // Rule 18: the attempt is on record (a fraud signal); to the caller it is a refusal.
      throw new DomainError({
        code: 'BLANK_NOT_USABLE',
        kind: 'rule_violation',
        messageVi: 'Phôi đã huỷ, mất hoặc trả lại không bao giờ được dùng lại; lần thử này đã được ghi nhận.',
        messageEn: 'A destroyed, lost or returned blank can never be used again; this attempt has been recorded.',
        field: 'bindings',
        rule: 18,
      });
    }
    return commandReply(response, outcome);
  }
}
