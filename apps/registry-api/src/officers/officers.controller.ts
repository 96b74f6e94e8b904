import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { outcomeEvent } from '@so-goc/event-store';
import { type AccessControlCommand, type Actor } from '@so-goc/domain';
import type { OfficerView } from '@so-goc/projections';
import {
  ChangeOfficerAccess,
  commandContextFrom,
  commandReply,
  CurrentActor,
  expectedRevisionFrom,
  generateOfficerToken,
  officerCommandFrom,
  OfficerRoute,
  OfficersQuery,
} from '@so-goc/platform';
import { ChangeOfficerRolesDto, CreateOfficerDto, IssueTokenDto, ReasonDto } from './officer.dto';

/** Officer accounts of one authority and their bearer tokens. */
@ApiTags('officers')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'UUID; resending the same key records nothing twice' })
@Controller('api/v1/authorities/:code/officers')
export class OfficersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @OfficerRoute('administrator', 'auditor')
  @ApiOperation({ summary: 'Danh sách cán bộ (officers of this authority)' })
  list(@Param('code') code: string): Promise<OfficerView[]> {
    return this.queries.execute(new OfficersQuery({ authorityCode: code }));
  }

  @Post()
  @OfficerRoute('administrator')
  @ApiOperation({ summary: 'Tạo tài khoản cán bộ (create an officer account)' })
  create(
    @Param('code') code: string,
    @Body() body: CreateOfficerDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return this.execute({ type: 'CreateOfficer', authorityCode: code, ...body }, actor, request, response);
  }

  @Post(':officerId/roles')
  @OfficerRoute('administrator')
  @ApiOperation({ summary: 'Đổi vai trò (change roles)' })
  changeRoles(
    @Param('code') code: string,
    @Param('officerId') officerId: string,
    @Body() body: ChangeOfficerRolesDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return this.execute({ type: 'ChangeOfficerRoles', authorityCode: code, officerId, ...body }, actor, request, response);
  }

  @Post(':officerId/disable')
  @OfficerRoute('administrator')
  @ApiOperation({ summary: 'Khoá tài khoản (disable an account)' })
  disable(
    @Param('code') code: string,
    @Param('officerId') officerId: string,
    @Body() body: ReasonDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return this.execute({ type: 'DisableOfficer', authorityCode: code, officerId, reason: body.reason }, actor, request, response);
  }

  @Post(':officerId/tokens')
  @OfficerRoute('administrator')
  @ApiOperation({ summary: 'Cấp mã truy cập; mã chỉ hiện một lần (issue a bearer token, shown once)' })
  async issueToken(
    @Param('code') code: string,
    @Param('officerId') officerId: string,
    @Body() body: IssueTokenDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    const token = generateOfficerToken();
    const command: AccessControlCommand = {
      type: 'IssueToken',
      authorityCode: code,
      officerId,
      tokenId: token.tokenId,
      secretHash: token.secretHash,
      lifetimeDays: body.lifetimeDays ?? 30,
    };
    const context = commandContextFrom(request, actor);
    const outcome = await this.commands.execute(new ChangeOfficerAccess(command, context, expectedRevisionFrom(request)));
    // A resent request must not hand out a second secret for the token already recorded.
    if (outcome.alreadyHandled) return commandReply(response, outcome, { token: null });
    const issued = outcomeEvent(outcome, 'OfficerTokenIssued')?.data;
    return commandReply(response, outcome, { tokenId: issued?.tokenId, expiresAt: issued?.expiresAt, token: token.bearer });
  }

  @Post(':officerId/tokens/:tokenId/revoke')
  @OfficerRoute('administrator')
  @ApiOperation({ summary: 'Thu hồi mã truy cập (revoke a token)' })
  revokeToken(
    @Param('code') code: string,
    @Param('officerId') officerId: string,
    @Param('tokenId') tokenId: string,
    @Body() body: ReasonDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return this.execute({ type: 'RevokeToken', authorityCode: code, officerId, tokenId, reason: body.reason }, actor, request, response);
  }

  private async execute(command: AccessControlCommand, actor: Actor, request: Request, response: Response): Promise<object> {
    const outcome = await this.commands.execute(officerCommandFrom(ChangeOfficerAccess, command, request, actor));
    return commandReply(response, outcome);
  }
}
