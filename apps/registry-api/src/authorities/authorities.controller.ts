import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor, AuthorityDirectoryCommand } from '@so-goc/domain';
import type { AuthorityView, SignerView } from '@so-goc/projections';
import {
  AuthorityQuery,
  commandReply,
  CurrentActor,
  ChangeAuthorityDirectory,
  officerCommandFrom,
  OfficerRoute,
  READ_ROLES,
  SignersQuery,
  SubordinatesQuery,
} from '@so-goc/platform';
import {
  AbolishAuthorityDto,
  EndSignerMandateDto,
  GrantLicenceDto,
  MergeAuthorityDto,
  RegisterSignerDto,
  RegisterSubordinateDto,
  RenameAuthorityDto,
  SetGoverningBodyDto,
} from './authority.dto';

/** An authority, its subordinate units and its signers. `:code` is the authority acted for. */
@ApiTags('authorities')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'UUID; resending the same key records nothing twice' })
@Controller('api/v1/authorities/:code')
export class AuthoritiesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Xem đơn vị (read an authority)' })
  get(@Param('code') code: string): Promise<AuthorityView> {
    return this.queries.execute(new AuthorityQuery({ authorityCode: code }));
  }

  @Get('subordinates')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Các đơn vị trực thuộc (units under this authority)' })
  subordinates(@Param('code') code: string): Promise<AuthorityView[]> {
    return this.queries.execute(new SubordinatesQuery({ authorityCode: code }));
  }

  @Get('signers')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Người ký văn bằng của đơn vị (signers)' })
  signers(@Param('code') code: string): Promise<SignerView[]> {
    return this.queries.execute(new SignersQuery({ authorityCode: code }));
  }

  @Post('subordinates')
  @OfficerRoute('administrator')
  @ApiOperation({ summary: 'Đăng ký đơn vị trực thuộc (register a unit under this authority)' })
  registerSubordinate(
    @Param('code') code: string,
    @Body() body: RegisterSubordinateDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return this.execute({ type: 'RegisterAuthority', ...body, parentCode: code }, actor, request, response);
  }

  @Post('rename')
  @OfficerRoute('administrator')
  @ApiOperation({ summary: 'Đổi tên đơn vị (rename)' })
  rename(
    @Param('code') code: string,
    @Body() body: RenameAuthorityDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return this.execute({ type: 'RenameAuthority', code, ...body }, actor, request, response);
  }

  @Post('governing-body')
  @OfficerRoute('administrator')
  @ApiOperation({ summary: 'Cơ quan chủ quản in trên đầu văn bản (governing body on the letterhead; a Sở: UBND tỉnh/thành phố)' })
  setGoverningBody(
    @Param('code') code: string,
    @Body() body: SetGoverningBodyDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return this.execute(
      { type: 'SetGoverningBody', code, governingBody: body.governingBody ?? null, effectiveOn: body.effectiveOn },
      actor,
      request,
      response,
    );
  }

  @Post('merge')
  @OfficerRoute('administrator')
  @ApiOperation({ summary: 'Hợp nhất vào đơn vị khác từ một ngày (merge into a successor)' })
  merge(
    @Param('code') code: string,
    @Body() body: MergeAuthorityDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return this.execute({ type: 'MergeAuthority', code, ...body }, actor, request, response);
  }

  @Post('abolish')
  @OfficerRoute('administrator')
  @ApiOperation({ summary: 'Giải thể, chỉ định đơn vị kế thừa sổ gốc (abolish, naming the successor)' })
  abolish(
    @Param('code') code: string,
    @Body() body: AbolishAuthorityDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return this.execute({ type: 'AbolishAuthority', code, ...body }, actor, request, response);
  }

  @Post('signers')
  @OfficerRoute('administrator')
  @ApiOperation({ summary: 'Đăng ký người ký (register a signer)' })
  registerSigner(
    @Param('code') code: string,
    @Body() body: RegisterSignerDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return this.execute({ type: 'RegisterSigner', authorityCode: code, ...body }, actor, request, response);
  }

  @Post('signers/:signerId/end-mandate')
  @OfficerRoute('administrator')
  @ApiOperation({ summary: 'Kết thúc thẩm quyền ký (end a signing mandate)' })
  endMandate(
    @Param('code') code: string,
    @Param('signerId') signerId: string,
    @Body() body: EndSignerMandateDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return this.execute({ type: 'EndSignerMandate', authorityCode: code, signerId, ...body }, actor, request, response);
  }

  @Post('subordinates/:subordinate/licences')
  @OfficerRoute('administrator')
  @ApiOperation({ summary: 'Cấp phép cấp chứng chỉ cho trung tâm, trường (license a unit under this authority to issue certificates)' })
  grantLicence(
    @Param('code') code: string,
    @Param('subordinate') subordinate: string,
    @Body() body: GrantLicenceDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return this.execute({ type: 'GrantLicence', ...body, authorityCode: subordinate, grantedBy: code }, actor, request, response);
  }

  private async execute(command: AuthorityDirectoryCommand, actor: Actor, request: Request, response: Response): Promise<object> {
    const outcome = await this.commands.execute(officerCommandFrom(ChangeAuthorityDirectory, command, request, actor));
    return commandReply(response, outcome);
  }
}
