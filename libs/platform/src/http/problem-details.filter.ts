import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, type ProblemDescription } from '@so-goc/domain';
import { AppendOutcomeUnknownError, AppendTooLargeError, EventStoreUnavailableError } from '@so-goc/event-store';
import { statusOf, toProblemDocument } from './problem-details';

/**
 * Every error leaves the API as application/problem+json with a stable code and both languages.
 * Unknown errors are logged with their stack and answered without internals.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const { problem, status } = this.describe(exception);
    // The request log line carries the problem's stable code (see observeRequests).
    if (response.locals) response.locals.problemCode = problem.code;
    if (status === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="so-goc"');
    // Paths only: a query string can carry a visitor's name and date of birth (the public lookup), which no log may keep.
    const path = request.originalUrl.split('?')[0] ?? '';
    if (status >= 500) this.logger.error(`${request.method} ${path}: ${describeForLog(exception)}`);
    response
      .status(status)
      .type('application/problem+json')
      .send(JSON.stringify(toProblemDocument(problem, status, path)));
  }

  private describe(exception: unknown): { problem: ProblemDescription; status: number } {
    if (exception instanceof DomainError) return { problem: exception.problem, status: statusOf(exception.problem.kind) };
    if (exception instanceof AppendTooLargeError) {
      // Logged too (status 422 is below 500): an act the store cannot take in one write is a sizing bug to fix.
      this.logger.error(exception.message);
      return {
        status: 422,
        problem: {
          code: 'ACT_TOO_LARGE_FOR_STORE',
          kind: 'rule_violation',
          messageVi: 'Thao tác quá lớn để kho dữ liệu ghi trong một lần; chưa có gì được ghi. Hãy chia danh sách thành nhiều phần.',
          messageEn: 'The act is too large for the event store to record in one write; nothing was recorded. Split the list into parts.',
        },
      };
    }
    if (exception instanceof AppendOutcomeUnknownError) {
      // "Nothing was recorded" would be a lie here: the write may have landed. Event ids derive from the command id, so a resend is safe.
      return {
        status: 503,
        problem: {
          code: 'APPEND_OUTCOME_UNKNOWN',
          kind: 'conflict',
          messageVi:
            'Kho dữ liệu không trả lời kịp nên chưa rõ thao tác đã được ghi hay chưa. Hãy gửi lại đúng yêu cầu này: nó sẽ không bị ghi hai lần.',
          messageEn:
            'The event store did not answer in time, so it is unknown whether this was recorded. Resend the same request: it will not be recorded twice.',
        },
      };
    }
    if (exception instanceof EventStoreUnavailableError) {
      return {
        status: 503,
        problem: {
          code: 'EVENT_STORE_UNAVAILABLE',
          kind: 'conflict',
          messageVi: 'Kho dữ liệu tạm thời không truy cập được; chưa có gì được ghi. Hãy thử lại sau ít phút.',
          messageEn: 'The event store is temporarily unreachable; nothing was recorded. Try again in a few minutes.',
        },
      };
    }
    if (isMissingReadModel(exception)) {
      return {
        status: 503,
        problem: {
          code: 'READ_MODEL_NOT_READY',
          kind: 'conflict',
          messageVi: 'Dữ liệu tra cứu đang được dựng lại; hãy thử lại sau ít phút.',
          messageEn: 'The read models are being built; try again in a few minutes.',
        },
      };
    }
    if (exception instanceof HttpException) return { status: exception.getStatus(), problem: fromHttpException(exception) };
    const bodyParserStatus = bodyParserErrorStatus(exception);
    if (bodyParserStatus !== undefined)
      return { status: bodyParserStatus, problem: fromHttpException(new HttpException('', bodyParserStatus)) };
    return {
      status: 500,
      problem: {
        code: 'INTERNAL_ERROR',
        kind: 'conflict',
        messageVi: 'Lỗi hệ thống; chưa có gì được ghi. Sự cố đã được ghi nhật ký.',
        messageEn: 'Internal error; nothing was recorded. The incident was logged.',
      },
    };
  }
}

function fromHttpException(exception: HttpException): ProblemDescription {
  const status = exception.getStatus();
  const known: Record<number, Omit<ProblemDescription, 'kind'>> = {
    400: {
      code: 'MALFORMED_REQUEST',
      messageVi: 'Yêu cầu không đọc được (JSON sai cú pháp?).',
      messageEn: 'The request could not be read (malformed JSON?).',
    },
    404: { code: 'ROUTE_NOT_FOUND', messageVi: 'Không có địa chỉ này.', messageEn: 'No such route.' },
    405: { code: 'METHOD_NOT_ALLOWED', messageVi: 'Phương thức không được hỗ trợ.', messageEn: 'Method not allowed.' },
    413: { code: 'PAYLOAD_TOO_LARGE', messageVi: 'Dữ liệu gửi lên quá lớn.', messageEn: 'The request body is too large.' },
    415: { code: 'UNSUPPORTED_MEDIA_TYPE', messageVi: 'Định dạng dữ liệu không được hỗ trợ.', messageEn: 'Unsupported media type.' },
    429: {
      code: 'TOO_MANY_REQUESTS',
      messageVi: 'Quá nhiều yêu cầu; hãy chờ rồi thử lại.',
      messageEn: 'Too many requests; wait and try again.',
    },
  };
  const description = known[status] ?? {
    code: `HTTP_${status}`,
    messageVi: 'Yêu cầu không thực hiện được.',
    messageEn: exception.message,
  };
  return { ...description, kind: status === 404 ? 'not_found' : 'invalid_input' };
}

/**
 * Express's body parser fails with plain errors that carry the HTTP status the client deserves (413 for a
 * body over the limit, 400 for unreadable JSON): the client's mistake, never a 500 (issue 16).
 */
function bodyParserErrorStatus(exception: unknown): number | undefined {
  const { type, status } = (exception ?? {}) as { type?: unknown; status?: unknown };
  const fromBodyParser = typeof type === 'string' && /^(entity|encoding|charset|request)\./.test(type);
  return fromBodyParser && typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function isMissingReadModel(exception: unknown): boolean {
  const { name, message } = (exception ?? {}) as { name?: unknown; message?: unknown };
  return name === 'SqliteError' && typeof message === 'string' && message.includes('no such table');
}

function describeForLog(exception: unknown): string {
  return exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
}
