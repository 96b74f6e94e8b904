import { parse as parseQueryString } from 'node:querystring';
import { formatBirthDateVi, isIsoDate } from '@so-goc/domain';
import { findAuthority, recognisedByDocumentNumber, recognitionById, type RecognitionView } from '@so-goc/projections';
import { CLOSE_CONNECTION, readBodyFields } from '../http/request-body';
import { sendHtml } from '../http/replies';
import type { PortalRequest } from '../http/portal-request';
import { html, type SafeHtml } from '../pages/html';
import { layout } from '../pages/layout';
import { pageLanguage } from '../pages/page-http';
import { frameOf } from '../pages/page-routes';
import { tooLargePage, tooManyPage } from '../pages/simple.page';
import { NOT_READY, type Portal } from '../portal';

type Status = 'VALID' | 'REVOKED' | 'NOT_FOUND' | 'FORGED';

const EQUIVALENT = {
  vi: { THCS: 'Bằng tốt nghiệp trung học cơ sở của Việt Nam', THPT: 'Bằng tốt nghiệp trung học phổ thông của Việt Nam' },
  en: { THCS: 'the Vietnamese lower-secondary diploma (THCS)', THPT: 'the Vietnamese upper-secondary diploma (THPT)' },
} as const;

const TEXT = {
  vi: {
    title: 'Kiểm tra giấy công nhận văn bằng do nước ngoài cấp',
    intro: 'Nhập số giấy công nhận và ngày sinh của người được công nhận, đúng như trên giấy.',
    number: 'Số giấy công nhận (ví dụ 000012/CNVB-2026)',
    birthDate: 'Ngày sinh (dd/mm/yyyy)',
    submit: 'Kiểm tra',
    valid: 'Giấy công nhận hợp lệ, có trong sổ theo dõi công nhận văn bằng của cơ quan cấp.',
    notFound: 'Không có giấy công nhận nào ứng với thông tin này. Hồ sơ bị từ chối công nhận không có giấy công nhận.',
    forged: 'Mã trên giấy không do cơ quan có thẩm quyền ký: giấy này có thể đã bị làm giả hoặc sửa đổi.',
    revoked: (decision: string, on: string) =>
      `Giấy công nhận này đã bị thu hồi theo Quyết định số ${decision} ngày ${on}; không còn giá trị.`,
    reasons: 'Lý do thu hồi',
    invalid: 'Cần nhập đủ số giấy công nhận và ngày sinh hợp lệ.',
    fields: {
      documentNumber: 'Số giấy công nhận',
      decidedOn: 'Ngày công nhận',
      authority: 'Cơ quan công nhận',
      holder: 'Người được công nhận',
      birthDate: 'Ngày sinh',
      diploma: 'Văn bằng',
      issuer: 'Cơ sở cấp, nước',
      equivalent: 'Tương đương',
    },
  },
  en: {
    title: 'Check a recognition of a foreign diploma',
    intro: 'Enter the recognition document number and the holder’s date of birth, as printed.',
    number: 'Recognition document number (e.g. 000012/CNVB-2026)',
    birthDate: 'Date of birth (dd/mm/yyyy)',
    submit: 'Check',
    valid: 'This recognition document is valid and on the issuing authority’s recognition register.',
    notFound: 'No recognition document matches. A refused application has no recognition document.',
    forged: 'The code on this paper was not signed by the competent authority: it may be forged or altered.',
    revoked: (decision: string, on: string) =>
      `This recognition document was revoked by decision ${decision} of ${on}; it is no longer valid.`,
    reasons: 'Reasons for revocation',
    invalid: 'Enter a document number and a valid date of birth.',
    fields: {
      documentNumber: 'Document number',
      decidedOn: 'Recognised on',
      authority: 'Recognised by',
      holder: 'Holder',
      birthDate: 'Date of birth',
      diploma: 'Diploma',
      issuer: 'Issuer, country',
      equivalent: 'Equivalent to',
    },
  },
} as const;

type Lang = keyof typeof TEXT;

function answer(portal: Portal, lang: Lang, status: Status, found: RecognitionView | undefined, showBirthDate: boolean): SafeHtml {
  const t = TEXT[lang];
  if (status === 'REVOKED' && found?.revocation) {
    // Rule 45 (mirrored): a revoked document answers REVOKED with the decision, never VALID.
    const revocation = found.revocation;
    return html`<section class="answer tone-bad" data-status="REVOKED"><h2><span class="mark" aria-hidden="true">✘</span>${t.revoked(revocation.decisionNumber, formatBirthDateVi(revocation.revokedOn))}</h2>
<dl><dt>${t.fields.documentNumber}</dt><dd>${revocation.documentNumber}</dd><dt>${t.reasons}</dt><dd>${revocation.reasons}</dd></dl></section>`;
  }
  if (status !== 'VALID' || !found || !found.decision) {
    const tone = status === 'FORGED' ? 'tone-bad' : 'tone-neutral';
    return html`<section class="answer ${tone}" data-status="${status}"><p>${status === 'FORGED' ? t.forged : t.notFound}</p></section>`;
  }
  const { applicant, foreignDiploma } = found.application;
  const authority = findAuthority(portal.readModels, found.authorityCode)?.name ?? found.authorityCode;
  const rows: [string, string][] = [
    [t.fields.documentNumber, found.decision.documentNumber],
    [t.fields.decidedOn, formatBirthDateVi(found.decision.decidedOn)],
    [t.fields.authority, authority],
    [t.fields.holder, applicant.fullName],
    ...(showBirthDate ? ([[t.fields.birthDate, formatBirthDateVi(applicant.birthDate)]] as [string, string][]) : []),
    [t.fields.diploma, foreignDiploma.title],
    [t.fields.issuer, `${foreignDiploma.issuer}, ${foreignDiploma.country}`],
    [t.fields.equivalent, EQUIVALENT[lang][found.decision.equivalentTo]],
  ];
  return html`<section class="answer tone-good" data-status="VALID"><h2><span class="mark" aria-hidden="true">✔</span>${t.valid}</h2>
<dl>${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl></section>`;
}

function form(lang: Lang, problem?: string): SafeHtml {
  const t = TEXT[lang];
  return html`<h1>${t.title}</h1>
${problem ? html`<div class="errors" role="alert"><p>${problem}</p></div>` : ''}
<p>${t.intro}</p>
<section class="card"><form method="post" action="/cong-nhan" novalidate>
${lang === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}
<label for="so">${t.number}</label><input id="so" name="documentNumber" autocomplete="off" required>
<label for="ns">${t.birthDate}</label><input id="ns" name="birthDate" autocomplete="off" required>
<button type="submit">${t.submit}</button>
</form></section>`;
}

function birthDateOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const vi = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = vi ? `${vi[3]}-${vi[2]!.padStart(2, '0')}-${vi[1]!.padStart(2, '0')}` : text;
  return isIsoDate(iso) ? iso : undefined;
}

/** The lookup form of recognition documents: an exact number and the holder's birth date, never a list (§5.2). */
export function recognitionForm(r: PortalRequest): void {
  const language = pageLanguage(r.request, parseQueryString(r.search)['lang']);
  const lang = language.lang as Lang;
  sendHtml(r.response, 200, layout({ ...frameOf(r, language), title: TEXT[lang].title }, form(lang)), language.extraHeaders);
}

export async function recognitionLookup(portal: Portal, r: PortalRequest): Promise<void> {
  const body = await readBodyFields(r.request);
  const language = pageLanguage(r.request, body.ok ? body.fields['lang'] : parseQueryString(r.search)['lang']);
  const lang = language.lang as Lang;
  const frame = { lang: language.lang, switchHref: `/cong-nhan?lang=${lang === 'vi' ? 'en' : 'vi'}` };
  if (!body.ok) return sendHtml(r.response, body.status, tooLargePage(frame), CLOSE_CONNECTION);
  const admission = portal.admit(r.request, 'page');
  if (!admission.admitted)
    return sendHtml(r.response, 429, tooManyPage(frame, admission.retryAfterSeconds), ['Retry-After', String(admission.retryAfterSeconds)]);
  const number = typeof body.fields['documentNumber'] === 'string' ? body.fields['documentNumber'].trim().toUpperCase() : '';
  const birthDate = birthDateOf(body.fields['birthDate']);
  if (number === '' || number.length > 40 || !birthDate) {
    portal.record('page', 'recognition', 'INVALID_INPUT', admission.client);
    return sendHtml(r.response, 400, layout({ ...frame, title: TEXT[lang].title }, form(lang, TEXT[lang].invalid)), language.extraHeaders);
  }
  const found = portal.whenReady(() => {
    const row = recognisedByDocumentNumber(portal.readModels, number);
    return row && row.application.applicant.birthDate === birthDate ? row : undefined;
  });
  if (found === NOT_READY) {
    portal.record('page', 'recognition', 'NOT_READY', admission.client);
    return sendHtml(r.response, 503, layout({ ...frame, title: TEXT[lang].title }, html`<p>…</p>`), ['Retry-After', '30']);
  }
  const status: Status = !found ? 'NOT_FOUND' : found.status === 'revoked' ? 'REVOKED' : 'VALID';
  portal.record('page', 'recognition', status, admission.client);
  const page = html`<h1>${TEXT[lang].title}</h1>${answer(portal, lang, status, found, true)}`;
  sendHtml(r.response, 200, layout({ ...frame, title: TEXT[lang].title }, page), language.extraHeaders);
}

/** The QR on a recognition document lands here: a signed token naming the application and its number. */
export function recognitionLanding(portal: Portal, r: PortalRequest, token: string): void {
  const language = pageLanguage(r.request, parseQueryString(r.search)['lang']);
  const lang = language.lang as Lang;
  const frame = frameOf(r, language);
  const admission = portal.admit(r.request, 'page');
  if (!admission.admitted)
    return sendHtml(r.response, 429, tooManyPage(frame, admission.retryAfterSeconds), ['Retry-After', String(admission.retryAfterSeconds)]);
  const verified = portal.keys.verifyRecognition(token);
  const outcome = portal.whenReady((): { status: Status; found?: RecognitionView } => {
    if (verified.status !== 'valid') return { status: 'FORGED' };
    const row = recognitionById(portal.readModels, verified.payload.recognitionId);
    if (!row || (row.status !== 'recognised' && row.status !== 'revoked') || !row.decision) return { status: 'NOT_FOUND' };
    // A genuine signature over another number or authority than the register holds is not this document.
    if (row.decision.documentNumber !== verified.payload.documentNumber || row.authorityCode !== verified.payload.authorityCode)
      return { status: 'FORGED' };
    return { status: row.status === 'revoked' ? 'REVOKED' : 'VALID', found: row };
  });
  if (outcome === NOT_READY) {
    portal.record('page', 'recognition', 'NOT_READY', admission.client);
    return sendHtml(r.response, 503, layout({ ...frame, title: TEXT[lang].title }, html`<p>…</p>`), ['Retry-After', '30']);
  }
  portal.record('page', 'recognition', outcome.status, admission.client);
  const page = html`<h1>${TEXT[lang].title}</h1>${answer(portal, lang, outcome.status, outcome.found, false)}`;
  sendHtml(r.response, 200, layout({ ...frame, title: TEXT[lang].title }, page), language.extraHeaders);
}
