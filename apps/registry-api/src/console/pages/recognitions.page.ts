import type { RecognitionView } from '@so-goc/projections';
import {
  DOSSIER_DOCUMENT_KINDS,
  RECOGNITION_CHANNELS,
  RECOGNITION_REVOCATION_GROUNDS,
  REQUIRED_DOSSIER_DOCUMENTS,
  type DossierDocument,
  type DossierDocumentKind,
} from '@so-goc/domain';
import {
  errorSummary,
  fileField,
  form,
  linkButton,
  notice,
  selectField,
  submit,
  summaryList,
  table,
  tag,
  textArea,
  textField,
  type FieldError,
} from '../ui/components';
import { markup, type SafeHtml, type Words } from '../ui/html';
import { consoleBase, page } from '../ui/layout';
import type { PageContext } from '../ui/page-context';
import { dmy, type FormValues } from './form-input';

/**
 * Recognition of foreign diplomas in the console (§8, issue 18): the Sở's applications with their due dates, and
 * on one application the steps the API offers — verification sent and answered, recognition (numbered from the
 * year's register) or a written refusal with reasons, and revocation of a recognition document.
 */

const STATUS: Record<RecognitionView['status'], [string, string, 'blue' | 'green' | 'red' | 'grey' | 'amber']> = {
  received: ['Đã tiếp nhận', 'Received', 'blue'],
  verifying: ['Đang xác minh', 'Verifying', 'amber'],
  verified: ['Đã có kết quả xác minh', 'Verified', 'blue'],
  recognised: ['Đã công nhận', 'Recognised', 'green'],
  refused: ['Đã từ chối', 'Refused', 'grey'],
  revoked: ['Đã thu hồi', 'Revoked', 'red'],
};

const GROUNDS: Record<string, [string, string]> = {
  fraudulent_dossier: ['Hồ sơ gian lận', 'Fraudulent dossier'],
  foreign_diploma_not_genuine: ['Văn bằng nước ngoài không xác thực', 'Foreign diploma not genuine'],
  not_eligible: ['Không đủ điều kiện', 'Not eligible'],
  issued_without_authority: ['Cấp không đúng thẩm quyền', 'Issued without authority'],
  issuer_error: ['Sai sót của cơ quan công nhận', 'Issuer error'],
};

function statusTag(ctx: PageContext, status: RecognitionView['status']): SafeHtml {
  const [vi, en, colour] = STATUS[status];
  return tag(ctx.lang === 'vi' ? vi : en, colour);
}

export function recognitionsPage(ctx: PageContext, rows: readonly RecognitionView[]): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  return page(ctx, {
    title: { vi: 'Công nhận văn bằng do nước ngoài cấp', en: 'Recognition of foreign diplomas' },
    nav: 'recognitions',
    body: markup`<h1>${vi ? 'Công nhận văn bằng do nước ngoài cấp' : 'Recognition of foreign diplomas'}</h1>
<p class="lead">${vi ? 'Hồ sơ đề nghị công nhận văn bằng THCS, THPT do nước ngoài cấp (Thông tư 13/2021, sửa đổi bởi Thông tư 07/2024).' : 'Applications for recognition of foreign lower- and upper-secondary diplomas (TT 13/2021 amended by TT 07/2024).'}</p>
<div class="actions">${linkButton(ctx.lang, `${base}/recognitions/new`, { vi: 'Tiếp nhận hồ sơ mới', en: 'Receive an application' }, 'primary')}</div>
${table(ctx.lang, {
  caption: { vi: 'Hồ sơ đề nghị công nhận', en: 'Applications' },
  columns: [
    { label: { vi: 'Mã hồ sơ', en: 'Application' } },
    { label: { vi: 'Người đề nghị', en: 'Applicant' } },
    { label: { vi: 'Văn bằng', en: 'Diploma' } },
    { label: { vi: 'Hạn trả', en: 'Due' } },
    { label: { vi: 'Trạng thái', en: 'State' } },
  ],
  rows: rows.map((r) => [
    markup`<a href="${base}/recognitions/${r.recognitionId}">${r.recognitionId}</a>`,
    r.application.applicant.fullName,
    `${r.application.foreignDiploma.title} (${r.application.foreignDiploma.country})`,
    dmy(r.dueOn),
    statusTag(ctx, r.status),
  ]),
  empty: { vi: 'Chưa có hồ sơ nào.', en: 'No applications yet.' },
})}`,
  });
}

/** The dossier's documents (§8) in the words an officer uses; the order of the intake form. */
export const DOSSIER_WORDS: Record<DossierDocumentKind, Words> = {
  diploma: { vi: 'Văn bằng (hoặc bản sao từ sổ gốc)', en: 'The diploma (or its copy from the register)' },
  translation: { vi: 'Bản dịch công chứng', en: 'Notarised translation' },
  transcript: { vi: 'Bảng điểm', en: 'Transcript' },
  study_evidence: { vi: 'Minh chứng thời gian học ở nước ngoài', en: 'Evidence of the study abroad' },
  verification_authorisation: {
    vi: 'Văn bản cho phép xác minh với cơ sở cấp',
    en: 'Authorisation to verify with the foreign issuer',
  },
  other: { vi: 'Tài liệu khác (không bắt buộc)', en: 'Other document (optional)' },
};

const CHANNEL_WORDS: Record<(typeof RECOGNITION_CHANNELS)[number], Words> = {
  online: { vi: 'Trực tuyến (cổng dịch vụ công)', en: 'Online (public-service portal)' },
  counter: { vi: 'Trực tiếp tại bộ phận một cửa', en: 'At the counter' },
  post: { vi: 'Qua bưu chính', en: 'By post' },
};

/** The dossier as received: each document with the SHA-256 of its file, so what the officer saw can be proved later. */
function dossierTable(ctx: PageContext, dossier: readonly DossierDocument[], caption: Words): SafeHtml {
  // A list, not a table: a 64-character hash beside a file name has no room on a phone; here it has its own line.
  return markup`<h2 class="dossier-title">${caption[ctx.lang]}</h2><ul class="dossier">${dossier.map(
    (d) =>
      markup`<li><strong>${DOSSIER_WORDS[d.kind][ctx.lang]}</strong> · ${d.name}<br><span class="hint">SHA-256</span> <code class="hash">${d.sha256}</code></li>`,
  )}</ul>`;
}

/** The field of one dossier document on the intake form (its file input). */
export const dossierField = (kind: DossierDocumentKind): string => `doc-${kind}`;

/**
 * The intake form of an application (§8, TT 13/2021 amended by TT 07/2024): the applicant, the foreign diploma
 * and its issuer, the country, the dossier's documents uploaded here — each kept as its SHA-256, shown back — and
 * among them the applicant's authorisation to verify with the foreign issuer. Documents already received by an
 * attempt with errors are kept (name and hash) so the officer does not upload them again.
 */
export function recognitionApplicationPage(
  ctx: PageContext,
  o: {
    values: FormValues;
    errors: readonly FieldError[];
    /** Documents received by an earlier attempt of this form, by kind. */
    kept: readonly DossierDocument[];
    commandId?: string;
  },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  const { values, errors } = o;
  const text = (name: string, label: Words, extra: { hint?: Words; short?: boolean; autocomplete?: string } = {}) =>
    textField(ctx.lang, { name, label, value: values[name] ?? '', errors, ...extra });
  const date = (name: string, label: Words) => text(name, label, { hint: { vi: 'ngày/tháng/năm', en: 'day/month/year' }, short: true });
  const kept = new Map(o.kept.map((d) => [d.kind, d]));
  const documentField = (kind: DossierDocumentKind) => {
    const had = kept.get(kind);
    return markup`${fileField(ctx.lang, {
      name: dossierField(kind),
      label: DOSSIER_WORDS[kind],
      accept: '.pdf,.jpg,.jpeg,.png',
      errors,
      ...(had
        ? {
            hint: {
              vi: `Đã nhận ${had.name} (SHA-256 ${had.sha256.slice(0, 12)}…); chọn tệp khác để thay.`,
              en: `Received ${had.name} (SHA-256 ${had.sha256.slice(0, 12)}…); choose another file to replace it.`,
            },
          }
        : {}),
    })}${had ? markup`<input type="hidden" name="kept-${kind}" value="${`${had.sha256}:${had.name}`}">` : ''}`;
  };
  return page(ctx, {
    title: { vi: 'Tiếp nhận hồ sơ công nhận văn bằng', en: 'Receive a recognition application' },
    nav: 'recognitions',
    hasErrors: errors.length > 0,
    body: markup`${errorSummary(ctx.lang, errors)}
<p class="hint"><a href="${base}/recognitions">${vi ? 'Công nhận văn bằng' : 'Recognitions'}</a></p>
<h1>${vi ? 'Tiếp nhận hồ sơ đề nghị công nhận văn bằng do nước ngoài cấp' : 'Receive an application for recognition of a foreign diploma'}</h1>
<p class="lead">${vi ? 'Hạn trả kết quả tính từ ngày nhận đủ hồ sơ. Mỗi tài liệu được lưu bằng mã băm SHA-256 của tệp.' : 'The deadline runs from the day the dossier is complete. Each document is kept as the SHA-256 of its file.'}</p>
${form(
  ctx,
  {
    action: `${base}/recognitions/new`,
    multipart: true,
    label: { vi: 'Hồ sơ đề nghị công nhận', en: 'Application' },
    ...(o.commandId ? { commandId: o.commandId } : {}),
  },
  markup`<section class="card" aria-labelledby="app-receipt"><h2 id="app-receipt">${vi ? 'Tiếp nhận' : 'Receipt'}</h2>
<div class="entry-grid">${text('recognitionId', { vi: 'Mã hồ sơ', en: 'Application number' }, { hint: { vi: 'chữ, số, gạch ngang', en: 'letters, digits, hyphens' } })}${selectField(
    ctx.lang,
    {
      name: 'channel',
      label: { vi: 'Hình thức nộp', en: 'Channel' },
      value: values['channel'] ?? 'online',
      errors,
      options: RECOGNITION_CHANNELS.map((c) => ({ value: c, label: CHANNEL_WORDS[c][ctx.lang] })),
    },
  )}${date('receivedOn', { vi: 'Ngày nhận đủ hồ sơ', en: 'Dossier complete on' })}</div></section>
<section class="card" aria-labelledby="app-applicant"><h2 id="app-applicant">${vi ? 'Người đề nghị' : 'Applicant'}</h2>
<div class="entry-grid">${text('applicant.fullName', { vi: 'Họ và tên', en: 'Full name' }, { autocomplete: 'off' })}${date('applicant.birthDate', { vi: 'Ngày sinh', en: 'Date of birth' })}${text('applicant.birthPlace', { vi: 'Nơi sinh (không bắt buộc)', en: 'Place of birth (optional)' })}${text('applicant.nationality', { vi: 'Quốc tịch', en: 'Nationality' })}${selectField(
    ctx.lang,
    {
      name: 'applicant.idDocument.kind',
      label: { vi: 'Giấy tờ tuỳ thân', en: 'Identity document' },
      value: values['applicant.idDocument.kind'] ?? 'CCCD',
      errors,
      options: [
        { value: 'CCCD', label: vi ? 'Căn cước / CCCD' : 'Citizen ID card' },
        { value: 'Hộ chiếu', label: vi ? 'Hộ chiếu' : 'Passport' },
      ],
    },
  )}${text('applicant.idDocument.number', { vi: 'Số giấy tờ', en: 'Document number' }, { autocomplete: 'off' })}</div></section>
<section class="card" aria-labelledby="app-diploma"><h2 id="app-diploma">${vi ? 'Văn bằng do nước ngoài cấp' : 'The foreign diploma'}</h2>
<div class="entry-grid">${text('foreignDiploma.title', { vi: 'Tên văn bằng (như ghi trên văn bằng)', en: 'Title (as printed)' })}${text('foreignDiploma.issuer', { vi: 'Cơ sở cấp', en: 'Issuer' })}${text('foreignDiploma.country', { vi: 'Quốc gia', en: 'Country' })}${date('foreignDiploma.issuedOn', { vi: 'Ngày cấp', en: 'Issued on' })}${text('foreignDiploma.number', { vi: 'Số hiệu (không bắt buộc)', en: 'Number (optional)' })}${selectField(
    ctx.lang,
    {
      name: 'foreignDiploma.levelSought',
      label: { vi: 'Đề nghị công nhận tương đương', en: 'Equivalence sought' },
      value: values['foreignDiploma.levelSought'] ?? 'THPT',
      errors,
      options: [
        { value: 'THPT', label: vi ? 'Bằng tốt nghiệp THPT' : 'THPT diploma' },
        { value: 'THCS', label: vi ? 'Bằng tốt nghiệp THCS' : 'THCS diploma' },
      ],
    },
  )}</div></section>
<section class="card" aria-labelledby="app-dossier"><h2 id="app-dossier">${vi ? 'Tài liệu trong hồ sơ' : 'Dossier documents'}</h2>
<p class="hint">${vi ? `Bắt buộc: ${REQUIRED_DOSSIER_DOCUMENTS.length} tài liệu đầu; tệp PDF hoặc ảnh.` : `The first ${REQUIRED_DOSSIER_DOCUMENTS.length} are required; PDF or image files.`}</p>
${DOSSIER_DOCUMENT_KINDS.map(documentField)}
${o.kept.length > 0 ? dossierTable(ctx, o.kept, { vi: 'Tài liệu đã nhận', en: 'Documents received' }) : ''}</section>
<div class="actions">${submit(ctx.lang, { vi: 'Tiếp nhận hồ sơ', en: 'Receive the application' })}</div>`,
)}`,
  });
}

export type RecognitionForm = 'verification' | 'answer' | 'recognition' | 'refusal' | 'revocation';

export function recognitionPage(
  ctx: PageContext,
  o: { view: RecognitionView; form?: RecognitionForm; values?: FormValues; errors?: readonly FieldError[]; done?: string },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  const r = o.view;
  const here = `${base}/recognitions/${r.recognitionId}`;
  const errors = o.errors ?? [];
  const open = r.status === 'received' || r.status === 'verifying' || r.status === 'verified';
  const values = (f: RecognitionForm): FormValues => (o.form === f ? (o.values ?? {}) : {});
  const errs = (f: RecognitionForm): readonly FieldError[] => (o.form === f ? errors : []);
  const text = (f: RecognitionForm, name: string, label: Words, hint?: Words) =>
    textField(ctx.lang, { name, label, ...(hint ? { hint } : {}), value: values(f)[name] ?? '', errors: errs(f) });
  const date = (f: RecognitionForm, name: string, label: Words) =>
    textField(ctx.lang, {
      name,
      label,
      hint: { vi: 'ngày/tháng/năm', en: 'day/month/year' },
      value: values(f)[name] ?? '',
      errors: errs(f),
      short: true,
    });
  const card = (id: string, title: Words, f: RecognitionForm, body: SafeHtml, button: Words, variant: 'primary' | 'warning' = 'primary') =>
    markup`<section class="card" aria-labelledby="${id}"><h2 id="${id}">${title[ctx.lang]}</h2>${form(
      ctx,
      { action: `${here}/${f}`, label: title },
      markup`${body}<div class="actions">${submit(ctx.lang, button, variant)}</div>`,
    )}</section>`;
  const { applicant, foreignDiploma } = r.application;
  return page(ctx, {
    title: { vi: `Hồ sơ công nhận ${r.recognitionId}`, en: `Recognition application ${r.recognitionId}` },
    nav: 'recognitions',
    hasErrors: errors.length > 0,
    body: markup`${errorSummary(ctx.lang, errors)}${o.done ? notice(o.done) : ''}
<p class="hint"><a href="${base}/recognitions">${vi ? 'Công nhận văn bằng' : 'Recognitions'}</a></p>
<h1>${vi ? 'Hồ sơ' : 'Application'} ${r.recognitionId} ${statusTag(ctx, r.status)}</h1>
${summaryList(ctx.lang, [
  [{ vi: 'Người đề nghị', en: 'Applicant' }, `${applicant.fullName}, ${dmy(applicant.birthDate)}`],
  [
    { vi: 'Văn bằng', en: 'Diploma' },
    `${foreignDiploma.title}, ${foreignDiploma.issuer} (${foreignDiploma.country}), ${dmy(foreignDiploma.issuedOn)}`,
  ],
  [{ vi: 'Đề nghị công nhận tương đương', en: 'Level sought' }, foreignDiploma.levelSought],
  [{ vi: 'Quốc gia', en: 'Country' }, foreignDiploma.country],
  [{ vi: 'Ngày nhận, hạn trả', en: 'Received, due' }, `${dmy(r.receivedOn)} → ${dmy(r.dueOn)}`],
  [
    { vi: 'Xác minh', en: 'Verification' },
    r.verification
      ? `${r.verification.letterNumber} · ${dmy(r.verification.sentOn)}${r.verification.answer ? ` → ${r.verification.answer.outcome === 'confirmed' ? (vi ? 'xác nhận' : 'confirmed') : vi ? 'không xác nhận' : 'not confirmed'}` : ''}`
      : vi
        ? 'Chưa gửi'
        : 'Not sent',
  ],
  [
    { vi: 'Giấy công nhận', en: 'Recognition document' },
    r.decision ? `${r.decision.documentNumber} · ${dmy(r.decision.decidedOn)} · ${r.decision.signerName}` : '—',
  ],
  [{ vi: 'Văn bản từ chối', en: 'Refusal' }, r.refusal ? `${r.refusal.letterNumber} · ${r.refusal.reasons}` : '—'],
  [
    { vi: 'Thu hồi', en: 'Revocation' },
    r.revocation ? `${r.revocation.decisionNumber} · ${dmy(r.revocation.revokedOn)} · ${r.revocation.reasons}` : '—',
  ],
])}
${dossierTable(ctx, r.application.dossier, { vi: 'Tài liệu trong hồ sơ (mã băm SHA-256)', en: 'Dossier documents (SHA-256)' })}
${
  open && !r.verification
    ? card(
        'verification',
        { vi: 'Gửi đề nghị xác minh cho cơ sở cấp', en: 'Send the verification request' },
        'verification',
        markup`${text('verification', 'letterNumber', { vi: 'Số công văn', en: 'Letter number' })}${date('verification', 'sentOn', { vi: 'Ngày gửi', en: 'Sent on' })}${text('verification', 'addressee', { vi: 'Nơi nhận', en: 'Addressee' })}`,
        { vi: 'Ghi nhận đã gửi', en: 'Record as sent' },
      )
    : ''
}
${
  r.status === 'verifying'
    ? card(
        'answer',
        { vi: 'Kết quả xác minh', en: 'Verification answer' },
        'answer',
        markup`${date('answer', 'answeredOn', { vi: 'Ngày trả lời', en: 'Answered on' })}${selectField(ctx.lang, {
          name: 'outcome',
          label: { vi: 'Kết quả', en: 'Outcome' },
          value: values('answer')['outcome'] ?? 'confirmed',
          errors: errs('answer'),
          options: [
            { value: 'confirmed', label: vi ? 'Cơ sở cấp xác nhận' : 'Confirmed' },
            { value: 'not_confirmed', label: vi ? 'Không xác nhận' : 'Not confirmed' },
          ],
        })}${text('answer', 'reference', { vi: 'Căn cứ (thư, email)', en: 'Reference' })}`,
        { vi: 'Ghi nhận kết quả', en: 'Record the answer' },
      )
    : ''
}
${
  open
    ? markup`${card(
        'recognition',
        { vi: 'Công nhận (người ký)', en: 'Recognise (signer)' },
        'recognition',
        markup`${date('recognition', 'decidedOn', { vi: 'Ngày công nhận', en: 'Decided on' })}${selectField(ctx.lang, {
          name: 'equivalentTo',
          label: { vi: 'Tương đương', en: 'Equivalent to' },
          value: values('recognition')['equivalentTo'] ?? foreignDiploma.levelSought,
          errors: errs('recognition'),
          options: [
            { value: 'THPT', label: vi ? 'Bằng tốt nghiệp THPT' : 'THPT diploma' },
            { value: 'THCS', label: vi ? 'Bằng tốt nghiệp THCS' : 'THCS diploma' },
          ],
        })}${text('recognition', 'signerId', { vi: 'Mã người ký', en: 'Signer id' })}`,
        { vi: 'Công nhận, cấp số', en: 'Recognise and number' },
      )}
${card(
  'refusal',
  { vi: 'Từ chối bằng văn bản (người ký)', en: 'Refuse in writing (signer)' },
  'refusal',
  markup`${date('refusal', 'refusedOn', { vi: 'Ngày văn bản', en: 'Letter date' })}${text('refusal', 'refusalLetterNumber', { vi: 'Số văn bản', en: 'Letter number' })}${textArea(ctx.lang, { name: 'reasons', label: { vi: 'Lý do', en: 'Reasons' }, value: values('refusal')['reasons'] ?? '', errors: errs('refusal') })}${text('refusal', 'refusalSignerId', { vi: 'Mã người ký văn bản', en: 'Signer id (letter)' })}`,
  { vi: 'Từ chối', en: 'Refuse' },
  'warning',
)}`
    : ''
}
${
  r.status === 'recognised'
    ? card(
        'revocation',
        { vi: 'Thu hồi giấy công nhận (người ký)', en: 'Revoke the recognition document (signer)' },
        'revocation',
        markup`${text('revocation', 'decisionNumber', { vi: 'Số quyết định thu hồi', en: 'Decision number' })}${date('revocation', 'revokedOn', { vi: 'Ngày quyết định', en: 'Decision date' })}${selectField(
          ctx.lang,
          {
            name: 'ground',
            label: { vi: 'Căn cứ', en: 'Ground' },
            value: values('revocation')['ground'] ?? RECOGNITION_REVOCATION_GROUNDS[0],
            errors: errs('revocation'),
            options: RECOGNITION_REVOCATION_GROUNDS.map((g) => ({ value: g, label: GROUNDS[g]?.[vi ? 0 : 1] ?? g })),
          },
        )}${textArea(ctx.lang, { name: 'reasons', label: { vi: 'Lý do thu hồi', en: 'Reasons' }, value: values('revocation')['reasons'] ?? '', errors: errs('revocation') })}${text('revocation', 'signerId', { vi: 'Mã người ký quyết định', en: 'Signer id (decision)' })}`,
        { vi: 'Thu hồi', en: 'Revoke' },
        'warning',
      )
    : ''
}`,
  });
}
