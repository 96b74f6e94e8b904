import { parse as parseQueryString } from 'node:querystring';
import type { FieldProblem } from '@so-goc/domain';
import { canonicalSerial, findAuthority, publicCertificateOf, publicCopyOf } from '@so-goc/projections';
import { CLOSE_CONNECTION, readBodyFields } from '../http/request-body';
import { NOT_READY_PROBLEM, rateLimitedProblem, sendJson, sendProblem } from '../http/replies';
import type { PortalRequest } from '../http/portal-request';
import type { LookupAnswer, QueryKind } from '../lookup/lookup-answer';
import { parseLookupQuery } from '../lookup/lookup-request';
import { NOT_READY, type Portal } from '../portal';
import { statusText } from '../pages/texts';
import { bodyProblem } from './body-problems';

const RETRY_LATER = ['Retry-After', '30'] as const;

/** The same answers as the pages, for integrators (employers' HR systems, other registries). */
export class LookupApi {
  constructor(private readonly portal: Portal) {}

  /** GET /api/v1/lookup?…: kept for integrators that already call it; POST keeps the query out of URLs and logs. */
  lookupByQuery(r: PortalRequest): void {
    this.lookup(r, parseQueryString(r.search));
  }

  async lookupByBody(r: PortalRequest): Promise<void> {
    const body = await readBodyFields(r.request);
    if (!body.ok) return sendProblem(r.response, body.status, r.path, bodyProblem(body.code), {}, CLOSE_CONNECTION);
    this.lookup(r, body.fields);
  }

  verify(r: PortalRequest, token: string): void {
    const admission = this.portal.admit(r.request, 'api');
    if (!admission.admitted) return this.tooMany(r, admission.retryAfterSeconds);
    const verified = this.portal.whenReady(() => this.portal.lookups.verifyToken(token));
    if (verified === NOT_READY) return this.notReady(r, 'qr', admission.client);
    const { answer, claimedSerial } = verified;
    this.portal.record('api', 'qr', answer.status, admission.client, claimedSerial);
    this.answer(r, answer, 'qr');
  }

  private lookup(r: PortalRequest, fields: Readonly<Record<string, unknown>>): void {
    const admission = this.portal.admit(r.request, 'api');
    if (!admission.admitted) return this.tooMany(r, admission.retryAfterSeconds);
    const parsed = parseLookupQuery(fields);
    if (!parsed.ok) {
      this.portal.record('api', parsed.kind ?? 'unknown', 'INVALID_INPUT', admission.client);
      return invalid(r, parsed.problems);
    }
    const answer = this.portal.whenReady(() => this.portal.lookups.lookup(parsed.request));
    if (answer === NOT_READY) return this.notReady(r, parsed.request.kind, admission.client);
    this.portal.record('api', parsed.request.kind, answer.status, admission.client, canonicalSerial(parsed.request.serial));
    this.answer(r, answer, parsed.request.kind);
  }

  /**
   * GET /api/v1/certificates/{code}: the certificate a QR points at (issue 18), by its unguessable code only.
   * VALID or REVOKED with the kind in words and the public fields; NOT_FOUND otherwise. Rate-limited and
   * logged like a diploma's QR.
   */
  certificate(r: PortalRequest, code: string): void {
    const admission = this.portal.admit(r.request, 'api');
    if (!admission.admitted) return this.tooMany(r, admission.retryAfterSeconds);
    // A copy from the certificate register (issue 18) carries the certificate's code and its copy number:
    // it verifies when the copy register holds that number for that certificate, like a diploma copy.
    const copyAsked = parseQueryString(r.search)['copy'];
    const copyNumber = typeof copyAsked === 'string' && /^\d{1,7}\/BS-[A-Z0-9-]{2,24}-\d{4}$/.test(copyAsked) ? copyAsked : undefined;
    const looked = this.portal.whenReady(() => {
      const certificate = /^[A-Za-z0-9_-]{16,64}$/.test(code) ? publicCertificateOf(this.portal.readModels, code) : undefined;
      if (!certificate || copyAsked === undefined) return { certificate, copy: undefined };
      const copy = copyNumber ? publicCopyOf(this.portal.readModels, certificate.certificateId, copyNumber) : undefined;
      return { certificate: copy ? certificate : undefined, copy };
    });
    if (looked === NOT_READY) return this.notReady(r, 'qr', admission.client);
    const found = looked.certificate;
    const status = found?.status ?? 'NOT_FOUND';
    this.portal.record('api', 'qr', status, admission.client);
    const messages = {
      VALID: ['Chứng chỉ có trong sổ gốc của đơn vị cấp và còn hiệu lực.', 'The certificate is in its issuer’s register and valid.'],
      REVOKED: ['Chứng chỉ này đã bị thu hồi.', 'This certificate has been revoked.'],
      NOT_FOUND: ['Không tìm thấy chứng chỉ với mã này.', 'No certificate has this code.'],
    } as const;
    const [messageVi, messageEn] = messages[status];
    sendJson(r.response, 200, {
      status,
      messageVi,
      messageEn,
      certificate: found
        ? {
            kindCode: found.kindCode,
            nameVi: found.inWordsVi,
            nameEn: found.inWordsEn,
            registerNumber: found.registerNumber,
            serial: found.serial,
            issueDate: found.issueDate,
            issuer: { code: found.issuerCode, name: findAuthority(this.portal.readModels, found.issuerCode)?.name ?? found.issuerCode },
            fullName: found.fullName,
            birthDate: found.birthDate,
            decision: { number: found.decisionNumber, date: found.decisionDate },
            fields: found.publicFields,
          }
        : null,
      copy: looked.copy
        ? { copyNumber: looked.copy.copyNumber, issuedOn: looked.copy.issuedOn, issuerCode: looked.copy.authorityCode }
        : null,
      revocation: found?.revocation ?? null,
      checkedAt: this.portal.now().toISOString(),
    });
  }

  private answer(r: PortalRequest, answer: LookupAnswer, kind: QueryKind): void {
    const vi = statusText('vi', answer.status, kind);
    const en = statusText('en', answer.status, kind);
    // Keys in the order integrators have always seen: status and messages first, checkedAt last.
    sendJson(r.response, 200, {
      status: answer.status,
      messageVi: vi.message,
      messageEn: en.message,
      copy: answer.copy,
      diploma: answer.diploma,
      corrections: answer.corrections,
      replacedBy: answer.replacedBy,
      revocation: answer.revocation,
      coverage: answer.coverage,
      coverageOf: answer.coverageOf,
      checkedAt: this.portal.now().toISOString(),
    });
  }

  private tooMany(r: PortalRequest, retryAfterSeconds: number): void {
    sendProblem(r.response, 429, r.path, rateLimitedProblem(retryAfterSeconds), { retryAfterSeconds }, [
      'Retry-After',
      String(retryAfterSeconds),
    ]);
  }

  private notReady(r: PortalRequest, kind: QueryKind, client: string): void {
    this.portal.record('api', kind, 'NOT_READY', client);
    sendProblem(r.response, 503, r.path, NOT_READY_PROBLEM, {}, RETRY_LATER);
  }
}

/** One problem is named by its own code; several by INVALID_INPUT, each listed in fieldProblems. */
function invalid(r: PortalRequest, problems: readonly FieldProblem[]): void {
  const only = problems.length === 1 ? problems[0]! : undefined;
  sendProblem(r.response, 400, r.path, {
    code: only?.code ?? 'INVALID_INPUT',
    kind: 'invalid_input',
    messageVi: only?.messageVi ?? 'Thông tin tra cứu không hợp lệ.',
    messageEn: only?.messageEn ?? 'The lookup query is not valid.',
    field: problems[0]!.field,
    fieldProblems: problems,
  });
}
