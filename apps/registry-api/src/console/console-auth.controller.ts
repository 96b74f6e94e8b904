import { Body, Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError } from '@so-goc/domain';
import { OfficerAccess, PublicRoute } from '@so-goc/platform';
import { ConsoleErrorFilter } from './auth/console-errors.filter';
import { clearSessionCookie, sendPage, setSessionCookie } from './auth/console-http';
import { ConsoleLogin } from './auth/console-login';
import { ConsoleGuard, ConsoleOpen, type ConsoleRequest } from './auth/console.guard';
import { SessionStore } from './auth/session-store';
import { codePage, loginPage } from './pages/login.page';
import { CONSOLE_CSS } from './ui/console-css';
import { CONSOLE_JS } from './ui/console-js';
import { consoleBase } from './ui/layout';
import { pageContext } from './ui/request-context';

type Form = Record<string, unknown>;

/** Sign-in with password then (for administrators, signers and anyone enrolled) a TOTP code; sign-out. */
@ApiExcludeController()
@PublicRoute()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
@Controller('console')
export class ConsoleAuthController {
  constructor(
    private readonly login: ConsoleLogin,
    private readonly sessions: SessionStore,
    private readonly access: OfficerAccess,
  ) {}

  @Get()
  @ConsoleOpen()
  async start(@Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const session = request.console?.session;
    const officer =
      session?.stage === 'signed-in' && session.officerId ? (await this.access.accessState()).officers.get(session.officerId) : undefined;
    response.redirect(303, officer && !officer.disabled ? consoleBase(officer.authorityCode) : '/console/login');
  }

  @Get('assets/console.css')
  @ConsoleOpen()
  css(@Res() response: Response): void {
    response.type('text/css').setHeader('Cache-Control', 'public, max-age=3600');
    response.send(CONSOLE_CSS);
  }

  @Get('assets/console.js')
  @ConsoleOpen()
  js(@Res() response: Response): void {
    response.type('text/javascript').setHeader('Cache-Control', 'public, max-age=3600');
    response.send(CONSOLE_JS);
  }

  @Get('login')
  @ConsoleOpen()
  loginForm(@Req() request: ConsoleRequest, @Res() response: Response): void {
    this.ensureSession(request, response);
    sendPage(response, loginPage(pageContext(request, response), { ...nextOf(request.query['next']) }));
  }

  @Post('login')
  @ConsoleOpen()
  async signIn(@Body() body: Form, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const username = text(body['username']);
    const next = nextOf(body['next']);
    try {
      const step = await this.login.password(username, text(body['password']), request);
      this.sessions.destroy(request.console?.id);
      const { id } = this.sessions.create(step.next, step.officerId);
      setSessionCookie(request, response, id);
      if (step.next === 'second-factor')
        response.redirect(303, `/console/login/code${next.next ? `?next=${encodeURIComponent(next.next)}` : ''}`);
      else response.redirect(303, next.next ?? '/console');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const ctx = pageContext(request, response);
      sendPage(
        response,
        loginPage(ctx, {
          username,
          ...next,
          errors: [
            { field: error.problem.field ?? 'username', message: ctx.lang === 'vi' ? error.problem.messageVi : error.problem.messageEn },
          ],
        }),
        401,
      );
    }
  }

  @Get('login/code')
  @ConsoleOpen()
  codeForm(@Req() request: ConsoleRequest, @Res() response: Response): void {
    if (request.console?.session.stage !== 'second-factor') return response.redirect(303, '/console/login');
    sendPage(response, codePage(pageContext(request, response), nextOf(request.query['next'])));
  }

  @Post('login/code')
  @ConsoleOpen()
  async code(@Body() body: Form, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const session = request.console?.session;
    if (session?.stage !== 'second-factor' || !session.officerId) return response.redirect(303, '/console/login');
    const next = nextOf(body['next']);
    try {
      await this.login.code(session.officerId, text(body['code']), request);
      this.sessions.destroy(request.console?.id);
      const { id } = this.sessions.create('signed-in', session.officerId);
      setSessionCookie(request, response, id);
      response.redirect(303, next.next ?? '/console');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const ctx = pageContext(request, response);
      sendPage(
        response,
        codePage(ctx, {
          ...next,
          errors: [{ field: 'code', message: ctx.lang === 'vi' ? error.problem.messageVi : error.problem.messageEn }],
        }),
        401,
      );
    }
  }

  @Post('logout')
  @ConsoleOpen()
  logout(@Req() request: ConsoleRequest, @Res() response: Response): void {
    this.sessions.destroy(request.console?.id);
    clearSessionCookie(response);
    response.redirect(303, '/console/login');
  }

  /** The sign-in form needs a CSRF token too, so even an anonymous visitor gets a (short-lived) session. */
  private ensureSession(request: ConsoleRequest, response: Response): void {
    if (request.console) return;
    const { id, session } = this.sessions.create('anonymous');
    request.console = { id, session };
    setSessionCookie(request, response, id);
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Only a console path of this site: never an open redirect to somewhere else. */
function nextOf(value: unknown): { next?: string } {
  return typeof value === 'string' &&
    /^\/console\/[A-Za-z0-9/_.-]*$/.test(value) &&
    !value.includes('//') &&
    !value.startsWith('/console/login')
    ? { next: value }
    : {};
}
