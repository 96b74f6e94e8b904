import type { Response } from 'express';
import { consoleLanguage } from '../auth/console-http';
import type { ConsoleRequest } from '../auth/console.guard';
import type { PageContext } from './page-context';

export function pageContext(request: ConsoleRequest, response: Response): PageContext {
  const access = request.officerAccess;
  const code = request.params?.['code'];
  return {
    lang: consoleLanguage(request, response),
    csrf: request.console?.session.csrf ?? '',
    path: request.originalUrl.split('?')[0] ?? '/console',
    ...(access ? { officer: access.officer, actingRole: access.actingRole } : {}),
    ...(access && typeof code === 'string' ? { authorityCode: code } : {}),
  };
}
