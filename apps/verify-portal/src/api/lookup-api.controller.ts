import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiServiceUnavailableResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { FieldProblem } from '@so-goc/domain';
import { toProblemDocument } from '@so-goc/platform';
import { canonicalSerial } from '@so-goc/projections';
import type { LookupAnswer, QueryKind } from '../lookup/lookup-answer';
import { parseLookupQuery } from '../lookup/lookup-request';
import { NOT_READY, PORTAL, type Portal } from '../portal';
import { statusText } from '../pages/texts';
import { LookupAnswerDto, ProblemDto } from './lookup-api.schemas';

/** The same answers as the pages, for integrators (employers' HR systems, other registries). */
@ApiTags('lookup')
@Controller('api/v1')
export class LookupApiController {
  constructor(@Inject(PORTAL) private readonly portal: Portal) {}

  @Get('lookup')
  @ApiOperation({
    summary: 'Tra cứu văn bằng (look up a diploma)',
    description: 'Exact match only: serial + fullName + birthDate, or serial + registerNumber. Names match without diacritics or case. Rate-limited per client.',
  })
  @ApiQuery({ name: 'serial', required: true, example: 'HP 0203418' })
  @ApiQuery({ name: 'fullName', required: false, example: 'Nguyễn Thị Thu Hằng' })
  @ApiQuery({ name: 'birthDate', required: false, example: '2006-09-18', description: 'ISO (2006-09-18) or dd/mm/yyyy.' })
  @ApiQuery({ name: 'registerNumber', required: false, example: '000417/THPT-2024' })
  @ApiOkResponse({ type: LookupAnswerDto, description: 'Every answer, NOT_FOUND included, is a 200 with its status code.' })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'application/problem+json' })
  @ApiTooManyRequestsResponse({ type: ProblemDto, description: 'application/problem+json, with Retry-After' })
  @ApiServiceUnavailableResponse({ type: ProblemDto, description: 'READ_MODEL_NOT_READY while the lookup data is being built; with Retry-After' })
  lookup(@Query() query: Record<string, unknown>, @Req() request: Request, @Res({ passthrough: true }) response: Response): object {
    const parsed = parseLookupQuery(query);
    const kind = parsed.ok ? parsed.request.kind : (parsed.kind ?? 'unknown');
    const admission = this.portal.admit(request, 'api', kind);
    if (!admission.admitted) return tooMany(response, request, admission.retryAfterSeconds);
    if (!parsed.ok) {
      this.portal.record('api', kind, 'INVALID_INPUT', admission.client);
      return invalid(response, request, parsed.problems);
    }
    const answer = this.portal.whenReady(() => this.portal.lookups.lookup(parsed.request));
    if (answer === NOT_READY) return this.notReady(response, request, parsed.request.kind, admission.client);
    this.portal.record('api', parsed.request.kind, answer.status, admission.client, canonicalSerial(parsed.request.serial));
    return this.json(response, answer, parsed.request.kind);
  }

  @Get('verify/:token')
  @ApiOperation({
    summary: 'Kiểm tra mã QR (verify a QR token)',
    description: 'Checks the Ed25519 signature against the published keys (/.well-known/so-goc-keys.json), then reads the live status.',
  })
  @ApiParam({ name: 'token', description: 'The token of the QR URL: <payload>.<signature>, base64url.' })
  @ApiOkResponse({ type: LookupAnswerDto })
  @ApiTooManyRequestsResponse({ type: ProblemDto, description: 'application/problem+json, with Retry-After' })
  @ApiServiceUnavailableResponse({ type: ProblemDto, description: 'READ_MODEL_NOT_READY while the lookup data is being built; with Retry-After' })
  verify(@Param('token') token: string, @Req() request: Request, @Res({ passthrough: true }) response: Response): object {
    const admission = this.portal.admit(request, 'api', 'qr');
    if (!admission.admitted) return tooMany(response, request, admission.retryAfterSeconds);
    const verified = this.portal.whenReady(() => this.portal.lookups.verifyToken(token));
    if (verified === NOT_READY) return this.notReady(response, request, 'qr', admission.client);
    const { answer, claimedSerial } = verified;
    this.portal.record('api', 'qr', answer.status, admission.client, claimedSerial);
    return this.json(response, answer, 'qr');
  }

  private notReady(response: Response, request: Request, kind: QueryKind, client: string): object {
    this.portal.record('api', kind, 'NOT_READY', client);
    response.status(503).setHeader('Retry-After', '30');
    response.type('application/problem+json');
    return toProblemDocument(
      {
        code: 'READ_MODEL_NOT_READY',
        kind: 'conflict',
        messageVi: 'Dữ liệu tra cứu đang được cập nhật; vui lòng thử lại sau ít phút.',
        messageEn: 'The lookup data is being updated; please try again in a few minutes.',
      },
      503,
      request.path,
    );
  }

  private json(response: Response, answer: LookupAnswer, kind: QueryKind): object {
    response.setHeader('Cache-Control', 'no-store');
    const vi = statusText('vi', answer.status, kind);
    const en = statusText('en', answer.status, kind);
    return { status: answer.status, messageVi: vi.message, messageEn: en.message, ...answerBody(answer), checkedAt: this.portal.now().toISOString() };
  }
}

function answerBody(answer: LookupAnswer): object {
  const { status: _status, ...rest } = answer;
  return rest;
}

function tooMany(response: Response, request: Request, retryAfterSeconds: number): object {
  response.status(429).setHeader('Retry-After', String(retryAfterSeconds));
  response.type('application/problem+json');
  const problem = toProblemDocument(
    {
      code: 'RATE_LIMITED',
      kind: 'invalid_input',
      messageVi: `Quá nhiều lượt tra cứu trong thời gian ngắn. Vui lòng thử lại sau ${retryAfterSeconds} giây.`,
      messageEn: `Too many lookups in a short time. Please try again in ${retryAfterSeconds} seconds.`,
    },
    429,
    request.path,
  );
  return { ...problem, retryAfterSeconds };
}

/** One problem is named by its own code; several by INVALID_INPUT, each listed in fieldProblems. */
function invalid(response: Response, request: Request, problems: readonly FieldProblem[]): object {
  response.status(400).type('application/problem+json');
  const only = problems.length === 1 ? problems[0]! : undefined;
  return toProblemDocument(
    {
      code: only?.code ?? 'INVALID_INPUT',
      kind: 'invalid_input',
      messageVi: only?.messageVi ?? 'Thông tin tra cứu không hợp lệ.',
      messageEn: only?.messageEn ?? 'The lookup query is not valid.',
      field: problems[0]!.field,
      fieldProblems: problems,
    },
    400,
    request.path,
  );
}
