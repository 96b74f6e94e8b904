import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@so-goc/domain';
import { markup } from '../ui/html';
import { page } from '../ui/layout';
import { pageContext } from '../ui/request-context';
import type { ConsoleRequest } from './console.guard';
import { SignInRequired } from './console.guard';
import { sendPage } from './console-http';

const STATUS: Record<string, number> = {
  forbidden: 403,
  not_found: 404,
  unauthenticated: 401,
  invalid_input: 400,
  rule_violation: 422,
  conflict: 409,
  precondition_failed: 412,
};

/** Refusals that reach no form are shown as a page in the officer's language, never as JSON. */
@Catch()
export class ConsoleErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Console');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<ConsoleRequest>();
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof SignInRequired) {
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.originalUrl.split('?')[0] ?? '')}` : '';
      response.redirect(303, `/console/login${next}`);
      return;
    }
    const ctx = pageContext(request, response);
    let status = 500;
    let title = { vi: 'Lỗi hệ thống', en: 'System error' };
    let message = {
      vi: 'Lỗi hệ thống; chưa có gì được ghi. Sự cố đã được ghi nhật ký.',
      en: 'Internal error; nothing was recorded. The incident was logged.',
    };
    if (exception instanceof DomainError) {
      status = STATUS[exception.problem.kind] ?? 400;
      title =
        status === 403
          ? { vi: 'Không được phép', en: 'Not allowed' }
          : status === 404
            ? { vi: 'Không tìm thấy', en: 'Not found' }
            : { vi: 'Không thực hiện được', en: 'Could not be done' };
      message = { vi: exception.problem.messageVi, en: exception.problem.messageEn };
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      title = status === 404 ? { vi: 'Không tìm thấy trang', en: 'Page not found' } : { vi: 'Yêu cầu không hợp lệ', en: 'Bad request' };
      message = { vi: 'Địa chỉ này không có trong hệ thống.', en: 'There is no such page.' };
    } else {
      this.logger.error(
        `${request.method} ${request.originalUrl.split('?')[0]}: ${exception instanceof Error ? exception.stack : String(exception)}`,
      );
    }
    const body = markup`<h1>${title[ctx.lang]}</h1><p class="lead">${message[ctx.lang]}</p><p><a href="/console">${ctx.lang === 'vi' ? 'Về trang đầu' : 'Back to the start'}</a></p>`;
    sendPage(response, page(ctx, { title, nav: 'none', body }), status);
  }
}
