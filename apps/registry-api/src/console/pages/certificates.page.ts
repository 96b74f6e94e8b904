import type { CertificateCorrection, CertificateRecord, CertificateSession, CredentialKindEntry, RowProblem } from '@so-goc/domain';
import { CERTIFICATE_CORRECTABLE_FIELDS, CERTIFICATE_CORRECTION_GROUNDS } from '@so-goc/domain';
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
import { markup, type SafeHtml } from '../ui/html';
import { consoleBase, page } from '../ui/layout';
import type { PageContext } from '../ui/page-context';
import { dmy, type FormValues } from './form-input';

/**
 * Certificates in the officers' console (issue 18): the kinds of the catalogue an office keeps registers of,
 * the import of a session's results list with its row report, the register with its downloads, and the acts
 * on one certificate after issuance — correction (request, then a decision by another officer), revocation,
 * copies from the register. Every form goes through the same commands as the officers' API.
 */

const STATUS: Record<CertificateRecord['status'], [string, string, 'blue' | 'green' | 'red']> = {
  ISSUED: ['Đã cấp', 'Issued', 'blue'],
  HANDED_OVER: ['Đã bàn giao', 'Handed over', 'green'],
  REVOKED: ['Đã thu hồi', 'Revoked', 'red'],
};

const GROUND_WORDS: Record<string, [string, string]> = {
  civil_status_changed: ['Thay đổi, cải chính hộ tịch', 'Civil status changed or corrected'],
  ethnicity_or_sex_redetermined: ['Xác định lại dân tộc, giới tính', 'Ethnicity or sex re-determined'],
  civil_status_supplemented: ['Bổ sung, điều chỉnh hộ tịch', 'Civil status supplemented'],
  birth_registered_late_or_again: ['Đăng ký khai sinh quá hạn, đăng ký lại', 'Birth registered late or again'],
};
const FIELD_WORDS: Record<string, [string, string]> = {
  fullName: ['Họ và tên', 'Full name'],
  birthDate: ['Ngày sinh', 'Date of birth'],
  birthPlace: ['Nơi sinh', 'Place of birth'],
};

function statusTag(ctx: PageContext, status: CertificateRecord['status']): SafeHtml {
  const [vi, en, colour] = STATUS[status];
  return tag(ctx.lang === 'vi' ? vi : en, colour);
}

export function certificatesHomePage(ctx: PageContext, o: { kinds: readonly CredentialKindEntry[]; year: number }): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  return page(ctx, {
    title: { vi: 'Chứng chỉ', en: 'Certificates' },
    nav: 'certificates',
    body: markup`<h1>${vi ? 'Chứng chỉ' : 'Certificates'}</h1>
<p class="lead">${vi ? 'Cấp chứng chỉ theo danh sách kết quả kỳ thi, sổ gốc cấp chứng chỉ, chỉnh sửa, thu hồi và bản sao từ sổ gốc.' : 'Issue certificates from a session’s results list; the register, corrections, revocations and copies.'}</p>
<div class="actions">${linkButton(ctx.lang, `${base}/certificates/new`, { vi: 'Nhập kết quả và cấp chứng chỉ', en: 'Import results and issue' }, 'primary')}</div>
${table(ctx.lang, {
  caption: { vi: `Sổ gốc cấp chứng chỉ năm ${o.year}`, en: `Certificate registers, ${o.year}` },
  columns: [{ label: { vi: 'Loại', en: 'Kind' } }, { label: { vi: 'Mã', en: 'Code' } }, { label: { vi: 'Sổ', en: 'Register' } }],
  rows: o.kinds.map((k) => [
    vi ? k.nameVi : k.nameEn,
    k.code,
    markup`<a href="${base}/certificates/register/${k.code}/${o.year}">${vi ? k.register.titleVi : k.register.titleEn}</a>${
      k.issuerUnconfirmed ? markup` ${tag(vi ? 'Cơ quan cấp chưa xác nhận' : 'Issuer unconfirmed', 'amber')}` : ''
    }`,
  ]),
})}`,
  });
}

export function certificateImportPage(
  ctx: PageContext,
  o: {
    kinds: readonly CredentialKindEntry[];
    values: FormValues;
    errors: readonly FieldError[];
    rowProblems?: readonly RowProblem[];
    /** The list's column headings by field name, so a problem names the column the officer sees in Excel. */
    columnLabels?: Readonly<Record<string, string>>;
    reportHref?: string;
    commandId?: string;
  },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  const v = o.values;
  const errors = o.errors;
  const rows = o.rowProblems ?? [];
  return page(ctx, {
    title: { vi: 'Nhập kết quả và cấp chứng chỉ', en: 'Import results and issue certificates' },
    nav: 'certificates',
    hasErrors: errors.length > 0 || rows.length > 0,
    body: markup`${errorSummary(ctx.lang, errors)}
${
  rows.length > 0
    ? markup`<div class="errors" role="alert" tabindex="-1" data-error-summary aria-labelledby="rows-title"><h2 id="rows-title">${
        vi
          ? `Danh sách có ${rows.length} lỗi ở ${new Set(rows.map((r) => r.row)).size} dòng; chưa ghi nhận gì`
          : `The list has ${rows.length} problems on ${new Set(rows.map((r) => r.row)).size} rows; nothing was recorded`
      }</h2><p>${vi ? 'Sửa các dòng dưới đây trong Excel rồi tải lên lại.' : 'Fix these rows in Excel and upload the file again.'}${
        o.reportHref
          ? markup` <a href="${o.reportHref}" download>${vi ? 'Tải báo cáo lỗi (Excel)' : 'Download the report (Excel)'}</a>`
          : ''
      }</p></div>
${table(ctx.lang, {
  caption: { vi: 'Các dòng có lỗi (số dòng như Excel hiển thị)', en: 'Rows with problems (row numbers as Excel shows them)' },
  columns: [
    { label: { vi: 'Dòng', en: 'Row' }, num: true },
    { label: { vi: 'Cột', en: 'Column' } },
    { label: { vi: 'Lỗi', en: 'Problem' } },
  ],
  rows: rows.map((r) => [r.row, o.columnLabels?.[r.column] ?? r.column, vi ? r.messageVi : r.messageEn]),
})}`
    : ''
}
<h1>${vi ? 'Nhập kết quả và cấp chứng chỉ' : 'Import results and issue certificates'}</h1>
<p class="lead">${vi ? 'Tệp Excel (.xlsx) hoặc CSV danh sách thí sinh đạt. Sai dòng nào, hệ thống báo dòng đó và không ghi nhận gì; giấy phép của đơn vị được kiểm tra theo ngày quyết định.' : 'The Excel (.xlsx) or CSV list of successful candidates. Every bad row is reported and nothing is recorded; the licence is checked on the decision date.'}</p>
${form(
  ctx,
  { action: `${base}/certificates/new`, multipart: true, ...(o.commandId ? { commandId: o.commandId } : {}) },
  markup`
${selectField(ctx.lang, {
  name: 'kindCode',
  label: { vi: 'Loại chứng chỉ', en: 'Kind of certificate' },
  value: v['kindCode'] ?? o.kinds[0]?.code ?? '',
  errors,
  options: o.kinds.map((k) => ({ value: k.code, label: `${vi ? k.nameVi : k.nameEn} (${k.code})` })),
})}
${textField(ctx.lang, { name: 'sessionName', label: { vi: 'Tên kỳ thi, khoá học', en: 'Session name' }, hint: { vi: 'Ví dụ Kỳ thi tiếng Anh bậc 3 tháng 6/2026', en: 'For example English level 3, June 2026' }, value: v['sessionName'] ?? '', errors })}
${textField(ctx.lang, { name: 'decisionNumber', label: { vi: 'Số quyết định cấp chứng chỉ', en: 'Decision number' }, hint: { vi: 'Ví dụ 245/QĐ-TTNN', en: 'For example 245/QĐ-TTNN' }, value: v['decisionNumber'] ?? '', errors })}
${textField(ctx.lang, { name: 'decisionDate', label: { vi: 'Ngày quyết định', en: 'Decision date' }, hint: { vi: 'ngày/tháng/năm', en: 'day/month/year' }, value: v['decisionDate'] ?? '', errors, short: true })}
${textField(ctx.lang, { name: 'signerName', label: { vi: 'Người ký', en: 'Signed by' }, value: v['signerName'] ?? '', errors, autocomplete: 'off' })}
${fileField(ctx.lang, { name: 'file', label: { vi: 'Tệp danh sách kết quả', en: 'Results list file' }, accept: '.xlsx,.csv', errors })}
<div class="actions">${submit(ctx.lang, { vi: 'Kiểm tra và cấp', en: 'Check and issue' })}</div>`,
)}`,
  });
}

export function certificateRegisterPage(
  ctx: PageContext,
  o: {
    entry: CredentialKindEntry;
    year: number;
    sessions: readonly CertificateSession[];
    certificates: readonly CertificateRecord[];
    appendix: readonly CertificateCorrection[];
    done?: string;
  },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  const book = `${base}/certificates/register/${o.entry.code}/${o.year}`;
  const number = new Map(o.certificates.map((c) => [c.certificateId, c.registerNumber]));
  return page(ctx, {
    title: { vi: `${o.entry.register.titleVi} năm ${o.year}`, en: `${o.entry.register.titleEn}, ${o.year}` },
    nav: 'certificates',
    body: markup`${o.done ? notice(o.done) : ''}<p class="hint">${vi ? o.entry.nameVi : o.entry.nameEn}</p>
<h1>${vi ? `${o.entry.register.titleVi} năm ${o.year}` : `${o.entry.register.titleEn}, ${o.year}`}</h1>
<div class="actions">${linkButton(ctx.lang, `${book}/export.xlsx`, { vi: 'Tải sổ (Excel)', en: 'Download (Excel)' })} ${linkButton(
      ctx.lang,
      `${book}/export.pdf`,
      { vi: 'Tải sổ (PDF)', en: 'Download (PDF)' },
    )}</div>
${table(ctx.lang, {
  caption: { vi: 'Quyết định cấp chứng chỉ', en: 'Issuance decisions' },
  columns: [
    { label: { vi: 'Kỳ thi', en: 'Session' } },
    { label: { vi: 'Quyết định', en: 'Decision' } },
    { label: { vi: 'Số vào sổ', en: 'Register numbers' } },
  ],
  rows: o.sessions.map((s) => [s.sessionName, `${s.decision.number} · ${dmy(s.decision.date)}`, `${s.first}–${s.last}`]),
  empty: { vi: 'Chưa cấp chứng chỉ nào trong sổ này.', en: 'No certificates in this register yet.' },
})}
${table(ctx.lang, {
  caption: { vi: 'Chứng chỉ đã cấp, theo số vào sổ', en: 'Certificates, by register number' },
  columns: [
    { label: { vi: 'Số vào sổ', en: 'Register no.' } },
    { label: { vi: 'Họ và tên', en: 'Full name' } },
    { label: { vi: 'Ngày sinh', en: 'Born' } },
    { label: { vi: 'Chứng chỉ', en: 'Certificate' } },
    { label: { vi: 'Trạng thái', en: 'State' } },
  ],
  rows: o.certificates.map((c) => [
    markup`<a href="${base}/certificates/item/${c.certificateId}">${c.registerNumber}</a>`,
    c.fullName,
    dmy(c.birthDate),
    vi ? c.inWordsVi : c.inWordsEn,
    statusTag(ctx, c.status),
  ]),
})}
${table(ctx.lang, {
  caption: { vi: 'Phụ lục sổ gốc: các quyết định chỉnh sửa', en: 'Register appendix: correction decisions' },
  columns: [
    { label: { vi: 'STT', en: 'Line' }, num: true },
    { label: { vi: 'Số vào sổ', en: 'Register no.' } },
    { label: { vi: 'Quyết định', en: 'Decision' } },
    { label: { vi: 'Nội dung chỉnh sửa', en: 'Changes' } },
  ],
  rows: o.appendix.map((a) => [
    a.appendixLine,
    number.get(a.certificateId) ?? a.certificateId,
    `${a.decisionNumber} · ${dmy(a.decisionDate)}`,
    a.changes.map((c) => `${FIELD_WORDS[c.field]?.[vi ? 0 : 1] ?? c.field}: ${c.before} → ${c.after}`).join('; '),
  ]),
  empty: { vi: 'Phụ lục chưa có dòng nào.', en: 'The appendix has no lines yet.' },
})}`,
  });
}

export type CertificateForm = 'correction' | 'decision' | 'revocation' | 'copy-request' | 'copies';

export function certificatePage(
  ctx: PageContext,
  o: {
    record: CertificateRecord;
    session: CertificateSession | undefined;
    current: Readonly<Record<string, string>>;
    openRequests: readonly { requestId: string; changes: readonly { field: string; before: string; after: string }[]; dueBy: string }[];
    form?: CertificateForm;
    values?: FormValues;
    errors?: readonly FieldError[];
    done?: string;
  },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  const r = o.record;
  const item = `${base}/certificates/item/${r.certificateId}`;
  const errors = o.errors ?? [];
  const valuesFor = (f: CertificateForm): FormValues => (o.form === f ? (o.values ?? {}) : {});
  const errorsFor = (f: CertificateForm): readonly FieldError[] => (o.form === f ? errors : []);
  const year = r.certificateId.split('.')[2] ?? '';
  const kind = r.certificateId.split('.')[1] ?? '';
  const live = r.status !== 'REVOKED';
  const section = (id: string, title: string, body: SafeHtml): SafeHtml =>
    markup`<section class="card" aria-labelledby="${id}"><h2 id="${id}">${title}</h2>${body}</section>`;
  const v = valuesFor('correction');
  const c = valuesFor('copy-request');
  const k = valuesFor('copies');
  const x = valuesFor('revocation');
  return page(ctx, {
    title: { vi: `Chứng chỉ ${r.registerNumber}`, en: `Certificate ${r.registerNumber}` },
    nav: 'certificates',
    hasErrors: errors.length > 0,
    body: markup`${errorSummary(ctx.lang, errors)}${o.done ? notice(o.done) : ''}
<p class="hint"><a href="${base}/certificates/register/${kind}/${year}">${vi ? 'Sổ gốc cấp chứng chỉ' : 'Certificate register'} ${kind} ${year}</a></p>
<h1>${vi ? 'Chứng chỉ' : 'Certificate'} ${r.registerNumber} ${statusTag(ctx, r.status)}</h1>
${summaryList(ctx.lang, [
  [{ vi: 'Chứng chỉ', en: 'Certificate' }, vi ? r.inWordsVi : r.inWordsEn],
  [{ vi: 'Họ và tên (theo sổ)', en: 'Full name (register)' }, r.fullName],
  [{ vi: 'Ngày sinh', en: 'Date of birth' }, dmy(r.birthDate)],
  [{ vi: 'Nơi sinh', en: 'Place of birth' }, r.birthPlace ?? ''],
  [
    { vi: 'Nội dung hiện hành (đã áp dụng chỉnh sửa)', en: 'Current content (corrections applied)' },
    `${o.current['fullName'] ?? ''}, ${dmy(o.current['birthDate'])}, ${o.current['birthPlace'] ?? ''}`,
  ],
  [{ vi: 'Quyết định cấp', en: 'Issuance decision' }, o.session ? `${o.session.decision.number} · ${dmy(o.session.decision.date)}` : ''],
  [
    { vi: 'Thu hồi', en: 'Revocation' },
    r.revocation ? `${r.revocation.decisionRef} · ${dmy(r.revocation.on)} · ${r.revocation.reason}` : vi ? 'Không' : 'None',
  ],
])}
${
  o.openRequests.length > 0
    ? section(
        'open-corrections',
        vi ? 'Hồ sơ chỉnh sửa chờ quyết định' : 'Correction dossiers awaiting a decision',
        markup`<p>${vi ? 'Người nhận hồ sơ không tự quyết định; thủ trưởng hoặc cán bộ khác ghi quyết định.' : 'The officer who took the dossier does not decide it; the head or another officer records the decision.'}</p>
${o.openRequests.map(
  (q) => markup`<h3>${q.requestId} · ${vi ? 'hạn' : 'due'} ${dmy(q.dueBy)}</h3>
<p>${q.changes.map((ch) => `${FIELD_WORDS[ch.field]?.[vi ? 0 : 1] ?? ch.field}: ${ch.before} → ${ch.after}`).join('; ')}</p>
${form(
  ctx,
  { action: `${item}/corrections/${q.requestId}/decision`, label: { vi: `Quyết định ${q.requestId}`, en: `Decide ${q.requestId}` } },
  markup`${textField(ctx.lang, { name: 'decisionNumber', label: { vi: 'Số quyết định', en: 'Decision number' }, value: valuesFor('decision')['decisionNumber'] ?? '', errors: errorsFor('decision') })}
${textField(ctx.lang, { name: 'decisionDate', label: { vi: 'Ngày quyết định', en: 'Decision date' }, hint: { vi: 'ngày/tháng/năm', en: 'day/month/year' }, value: valuesFor('decision')['decisionDate'] ?? '', errors: errorsFor('decision'), short: true })}
${textArea(ctx.lang, { name: 'reasons', label: { vi: 'Lý do từ chối (chỉ khi từ chối)', en: 'Reasons (only to refuse)' }, value: valuesFor('decision')['reasons'] ?? '', errors: errorsFor('decision') })}
<div class="actions"><button type="submit" class="button" name="outcome" value="decide">${vi ? 'Quyết định chỉnh sửa' : 'Decide the correction'}</button> <button type="submit" class="button warning" name="outcome" value="refuse">${vi ? 'Từ chối bằng văn bản' : 'Refuse in writing'}</button></div>`,
)}`,
)}`,
      )
    : ''
}
${
  live
    ? section(
        'correction',
        vi ? 'Nhận hồ sơ đề nghị chỉnh sửa' : 'Receive a correction dossier',
        form(
          ctx,
          { action: `${item}/corrections`, label: { vi: 'Nhận hồ sơ chỉnh sửa', en: 'Receive a correction dossier' } },
          markup`${textField(ctx.lang, { name: 'requestId', label: { vi: 'Mã hồ sơ', en: 'Dossier id' }, hint: { vi: 'Ví dụ cs-2026-01', en: 'For example cs-2026-01' }, value: v['requestId'] ?? '', errors: errorsFor('correction'), short: true })}
${selectField(ctx.lang, { name: 'ground', label: { vi: 'Căn cứ (quy tắc 27)', en: 'Ground (rule 27)' }, value: v['ground'] ?? '', errors: errorsFor('correction'), options: CERTIFICATE_CORRECTION_GROUNDS.map((g) => ({ value: g, label: GROUND_WORDS[g]?.[vi ? 0 : 1] ?? g })) })}
${selectField(ctx.lang, { name: 'field', label: { vi: 'Nội dung sửa', en: 'Field' }, value: v['field'] ?? 'fullName', errors: errorsFor('correction'), options: CERTIFICATE_CORRECTABLE_FIELDS.map((f) => ({ value: f, label: FIELD_WORDS[f]?.[vi ? 0 : 1] ?? f })) })}
${textField(ctx.lang, { name: 'after', label: { vi: 'Nội dung mới', en: 'New value' }, value: v['after'] ?? '', errors: errorsFor('correction') })}
${textField(ctx.lang, { name: 'documentKind', label: { vi: 'Giấy tờ hộ tịch', en: 'Civil-status document' }, hint: { vi: 'Ví dụ Trích lục cải chính hộ tịch', en: 'For example a civil-status extract' }, value: v['documentKind'] ?? '', errors: errorsFor('correction') })}
${textField(ctx.lang, { name: 'documentNumber', label: { vi: 'Số giấy tờ', en: 'Document number' }, value: v['documentNumber'] ?? '', errors: errorsFor('correction'), short: true })}
${textField(ctx.lang, { name: 'documentDate', label: { vi: 'Ngày giấy tờ', en: 'Document date' }, hint: { vi: 'ngày/tháng/năm', en: 'day/month/year' }, value: v['documentDate'] ?? '', errors: errorsFor('correction'), short: true })}
${textField(ctx.lang, { name: 'documentIssuedBy', label: { vi: 'Cơ quan cấp giấy tờ', en: 'Issued by' }, value: v['documentIssuedBy'] ?? '', errors: errorsFor('correction') })}
${textField(ctx.lang, { name: 'requestedBy', label: { vi: 'Người đề nghị', en: 'Requested by' }, value: v['requestedBy'] ?? '', errors: errorsFor('correction') })}
${textField(ctx.lang, { name: 'receivedOn', label: { vi: 'Ngày nhận, hồ sơ đầy đủ', en: 'Received, dossier complete' }, hint: { vi: 'ngày/tháng/năm', en: 'day/month/year' }, value: v['receivedOn'] ?? '', errors: errorsFor('correction'), short: true })}
<div class="actions">${submit(ctx.lang, { vi: 'Ghi nhận hồ sơ', en: 'Record the dossier' })}</div>`,
        ),
      )
    : ''
}
${section(
  'copies',
  vi ? 'Bản sao từ sổ gốc' : 'Copies from the register',
  markup`<h3>${vi ? 'Tiếp nhận yêu cầu' : 'Receive a request'}</h3>${form(
    ctx,
    { action: `${item}/copy-requests`, label: { vi: 'Tiếp nhận yêu cầu cấp bản sao', en: 'Receive a copy request' } },
    markup`${textField(ctx.lang, { name: 'copyRequestId', label: { vi: 'Mã yêu cầu', en: 'Request id' }, value: c['copyRequestId'] ?? '', errors: errorsFor('copy-request'), short: true })}
${textField(ctx.lang, { name: 'requesterName', label: { vi: 'Người yêu cầu (người được cấp)', en: 'Requester (the holder)' }, value: c['requesterName'] ?? '', errors: errorsFor('copy-request') })}
${textField(ctx.lang, { name: 'idNumber', label: { vi: 'Số căn cước', en: 'ID card number' }, value: c['idNumber'] ?? '', errors: errorsFor('copy-request'), short: true, autocomplete: 'off' })}
${textField(ctx.lang, { name: 'copies', label: { vi: 'Số bản', en: 'Copies' }, value: c['copies'] ?? '1', errors: errorsFor('copy-request'), short: true, inputmode: 'numeric' })}
<div class="actions">${submit(ctx.lang, { vi: 'Tiếp nhận yêu cầu', en: 'Receive the request' }, 'secondary')}</div>`,
  )}
<h3>${vi ? 'Cấp bản sao theo yêu cầu đã tiếp nhận' : 'Issue the copies of a request received'}</h3>
${form(
  ctx,
  { action: `${item}/copies`, label: { vi: 'Cấp bản sao', en: 'Issue copies' } },
  markup`${textField(ctx.lang, { name: 'issueRequestId', label: { vi: 'Mã yêu cầu đã tiếp nhận', en: 'Request id received' }, value: k['issueRequestId'] ?? '', errors: errorsFor('copies'), short: true })}
${textField(ctx.lang, { name: 'issuedOn', label: { vi: 'Ngày cấp', en: 'Issued on' }, hint: { vi: 'ngày/tháng/năm', en: 'day/month/year' }, value: k['issuedOn'] ?? '', errors: errorsFor('copies'), short: true })}
${textField(ctx.lang, { name: 'issuePlace', label: { vi: 'Nơi cấp', en: 'Place' }, value: k['issuePlace'] ?? '', errors: errorsFor('copies'), short: true })}
${textField(ctx.lang, { name: 'signerId', label: { vi: 'Mã người ký', en: 'Signer id' }, value: k['signerId'] ?? '', errors: errorsFor('copies'), short: true })}
<div class="actions">${submit(ctx.lang, { vi: 'Cấp bản sao, vào sổ', en: 'Issue and enter in the copy register' })}</div>`,
)}
<p><a href="${base}/certificates/copy-register/${kind}/${year}">${vi ? 'Sổ cấp bản sao' : 'Copy register'} ${kind} ${year}</a></p>`,
)}
${
  live
    ? section(
        'revocation',
        vi ? 'Thu hồi chứng chỉ' : 'Revoke the certificate',
        form(
          ctx,
          { action: `${item}/revocation`, label: { vi: 'Thu hồi chứng chỉ', en: 'Revoke the certificate' } },
          markup`${textField(ctx.lang, { name: 'decisionRef', label: { vi: 'Số quyết định thu hồi', en: 'Revocation decision' }, value: x['decisionRef'] ?? '', errors: errorsFor('revocation') })}
${textField(ctx.lang, { name: 'revokedOn', label: { vi: 'Ngày quyết định thu hồi', en: 'Revocation date' }, hint: { vi: 'ngày/tháng/năm', en: 'day/month/year' }, value: x['revokedOn'] ?? '', errors: errorsFor('revocation'), short: true })}
${textArea(ctx.lang, { name: 'reason', label: { vi: 'Lý do', en: 'Reason' }, value: x['reason'] ?? '', errors: errorsFor('revocation') })}
<div class="actions">${submit(ctx.lang, { vi: 'Thu hồi', en: 'Revoke' }, 'warning')}</div>`,
        ),
      )
    : ''
}`,
  });
}

export function certificateCopyRegisterPage(
  ctx: PageContext,
  o: {
    kind: string;
    year: number;
    copies: readonly { copyNumber: string; issuedOn: string; fullName: string; original: string; signer: string }[];
  },
): string {
  const vi = ctx.lang === 'vi';
  const book = `${consoleBase(ctx.authorityCode ?? '')}/certificates/copy-register/${o.kind}/${o.year}`;
  return page(ctx, {
    title: { vi: `Sổ cấp bản sao ${o.kind} năm ${o.year}`, en: `Copy register ${o.kind}, ${o.year}` },
    nav: 'certificates',
    body: markup`<h1>${vi ? `Sổ cấp bản sao ${o.kind} năm ${o.year}` : `Copy register ${o.kind}, ${o.year}`}</h1>
<div class="actions">${linkButton(ctx.lang, `${book}/export.xlsx`, { vi: 'Tải sổ (Excel)', en: 'Download (Excel)' })} ${linkButton(ctx.lang, `${book}/export.pdf`, { vi: 'Tải sổ (PDF)', en: 'Download (PDF)' })}</div>
${table(ctx.lang, {
  caption: { vi: 'Bản sao đã cấp, theo số vào sổ', en: 'Copies issued, by number' },
  columns: [
    { label: { vi: 'Số bản sao', en: 'Copy no.' } },
    { label: { vi: 'Ngày cấp', en: 'Issued' } },
    { label: { vi: 'Họ và tên', en: 'Full name' } },
    { label: { vi: 'Số vào sổ gốc', en: 'Original register no.' } },
    { label: { vi: 'Người ký', en: 'Signer' } },
  ],
  rows: o.copies.map((r) => [r.copyNumber, dmy(r.issuedOn), r.fullName, r.original, r.signer]),
  empty: { vi: 'Chưa cấp bản sao nào.', en: 'No copies issued yet.' },
})}`,
  });
}
