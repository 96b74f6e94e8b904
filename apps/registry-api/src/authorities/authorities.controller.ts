import { Body, Controller, Get, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { authorityStream } from '@so-goc/domain';
import type { CommandOutcome } from '@so-goc/event-store';
import type { AuthorityView } from '@so-goc/projections';
import { commandContextFrom, etagOf, expectedRevisionFrom, UNAUTHENTICATED_ACTOR } from '@so-goc/platform';
import { RegisterAuthorityDto, RenameAuthorityDto } from './authority.dto';
import { ExecuteAuthorityCommand, GetAuthorityQuery } from './authority.messages';

@ApiTags('authorities')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'UUID; resending the same key records nothing twice' })
@Controller('api/v1/authorities')
export class AuthoritiesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Đăng ký đơn vị (register an authority)' })
  async register(@Body() body: RegisterAuthorityDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<object> {
    const outcome = await this.commands.execute(
      new ExecuteAuthorityCommand(
        authorityStream(body.code),
        { type: 'RegisterAuthority', ...body, parentCode: body.parentCode ?? null },
        commandContextFrom(request, UNAUTHENTICATED_ACTOR),
        expectedRevisionFrom(request),
      ),
    );
    return reply(response, outcome, `/api/v1/authorities/${body.code}`);
  }

  @Post(':code/rename')
  @ApiOperation({ summary: 'Đổi tên đơn vị (rename an authority)' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from GET; refuses with 412 if the record changed since' })
  async rename(
    @Param('code') code: string,
    @Body() body: RenameAuthorityDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    const outcome = await this.commands.execute(
      new ExecuteAuthorityCommand(
        authorityStream(code),
        { type: 'RenameAuthority', code, ...body },
        commandContextFrom(request, UNAUTHENTICATED_ACTOR),
        expectedRevisionFrom(request),
      ),
    );
    return reply(response, outcome, `/api/v1/authorities/${code}`);
  }

  @Get(':code')
  @ApiOperation({ summary: 'Xem đơn vị (read an authority)' })
  async get(@Param('code') code: string, @Res({ passthrough: true }) response: Response): Promise<AuthorityView> {
    const view = await this.queries.execute<GetAuthorityQuery, AuthorityView>(new GetAuthorityQuery(code));
    response.setHeader('ETag', etagOf(view.revision));
    return view;
  }
}

function reply(response: Response, outcome: CommandOutcome, location: string): object {
  response.status(outcome.alreadyHandled ? HttpStatus.OK : HttpStatus.CREATED);
  response.setHeader('ETag', etagOf(outcome.revision));
  response.setHeader('Location', location);
  return {
    stream: outcome.stream,
    revision: String(outcome.revision),
    alreadyHandled: outcome.alreadyHandled,
    events: outcome.events.map((event) => ({ id: event.id, type: event.type })),
  };
}
