import {
  CORRECTION_GROUNDS,
  HOLDER_FIELDS,
  REVOCATION_GROUNDS,
  REVOCATION_SOURCES,
  type CorrectionGround,
  type HolderField,
} from '@so-goc/domain';
import type { AppendixRowView, CorrectionRequestRow, RegisterEntryView, RevocationCaseRow, SignerView } from '@so-goc/projections';
import { notice, pager, selectField, table, tag, textArea, textField, type FieldError } from '../ui/components';
import { markup, type Html, type SafeHtml, type Words } from '../ui/html';
import { consoleBase, page } from '../ui/layout';
import type { PageContext } from '../ui/page-context';
import { entrySummary, PAGE_SIZE } from './act-pages';
import { stateTag } from './decisions.page';
import { dmy, type FormValues } from './form-input';
import { maySeeIdentifiers } from './register.page';
import { GROUND_WORDS, SOURCE_WORDS } from './revocation.page';

/** Rule 27's four grounds, in the words of TT21. */
export const CORRECTION_GROUND_WORDS: Record<CorrectionGround, Words> = {
  civil_status_changed: { vi: 'Thay đổi, cải chính hộ tịch (quy tắc 27a)', en: 'Civil status changed or corrected (rule 27a)' },
  ethnicity_or_sex_redetermined: { vi: 'Xác định lại dân tộc, giới tính (quy tắc 27b)', en: 'Ethnicity or sex re-determined (rule 27b)' },
  civil_status_supplemented: { vi: 'Bổ sung, điều chỉnh hộ tịch (quy tắc 27c)', en: 'Civil status supplemented or adjusted (rule 27c)' },
  birth_registered_late_or_again: {
    vi: 'Đăng ký khai sinh quá hạn, đăng ký lại (quy tắc 27d)',
    en: 'Late or repeated birth registration (rule 27d)',
  },
};

export const HOLDER_FIELD_WORDS: Record<HolderField, Words> = {
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  birthDate: { vi: 'Ngày sinh', en: 'Date of birth' },
  birthPlace: { vi: 'Nơi sinh', en: 'Place of birth' },
  sex: { vi: 'Giới tính', en: 'Sex' },
  ethnicity: { vi: 'Dân tộc', en: 'Ethnicity' },
};

const DATE_HINT: Words = { vi: 'ngày/tháng/năm', en: 'day/month/year' };

function dateField(ctx: PageContext, name: string, label: Words, v: FormValues, errors: readonly FieldError[]): SafeHtml {
  return textField(ctx.lang, { name, label, hint: DATE_HINT, value: v[name] ?? '', errors, short: true });
}

function changeFields(ctx: PageContext, v: FormValues, errors: readonly FieldError[], optional: boolean): SafeHtml {
  const vi = ctx.lang === 'vi';
  const options = [
    ...(optional ? [{ value: '', label: vi ? '(không sửa nội dung)' : '(no change)' }] : []),
    ...HOLDER_FIELDS.map((f) => ({ value: f, label: HOLDER_FIELD_WORDS[f][ctx.lang] })),
  ];
  return markup`${selectField(ctx.lang, { name: 'changeField', label: { vi: 'Nội dung cần sửa', en: 'What changes' }, value: v['changeField'] ?? '', errors, options })}
${textField(ctx.lang, { name: 'changeAfter', label: { vi: 'Nội dung mới', en: 'New content' }, hint: { vi: 'Ngày sinh ghi theo ngày/tháng/năm; giới tính ghi Nam hoặc Nữ', en: 'A date of birth as day/month/year; sex as Nam or Nữ' }, value: v['changeAfter'] ?? '', errors })}`;
}

export function requestCorrectionFields(ctx: PageContext, v: FormValues, errors: readonly FieldError[]): SafeHtml {
  return markup`${textField(ctx.lang, { name: 'requestId', label: { vi: 'Số hồ sơ', en: 'Dossier number' }, hint: { vi: 'Chữ, số và gạch ngang, ví dụ cs-2026-01', en: 'Letters, digits and hyphens, e.g. cs-2026-01' }, value: v['requestId'] ?? '', errors, short: true })}
${selectField(ctx.lang, { name: 'ground', label: { vi: 'Căn cứ chỉnh sửa (quy tắc 27)', en: 'Ground (rule 27)' }, value: v['ground'] ?? '', errors, options: [{ value: '', label: '' }, ...CORRECTION_GROUNDS.map((g) => ({ value: g, label: CORRECTION_GROUND_WORDS[g][ctx.lang] }))] })}
${changeFields(ctx, v, errors, false)}
<fieldset><legend>${ctx.lang === 'vi' ? 'Giấy tờ hộ tịch kèm theo (quy tắc 28)' : 'Civil-status document (rule 28)'}</legend>
${textField(ctx.lang, { name: 'documentKind', label: { vi: 'Loại giấy tờ', en: 'Kind of document' }, value: v['documentKind'] ?? '', errors })}
${textField(ctx.lang, { name: 'documentNumber', label: { vi: 'Số giấy tờ', en: 'Document number' }, value: v['documentNumber'] ?? '', errors, short: true })}
${dateField(ctx, 'documentDate', { vi: 'Ngày cấp giấy tờ', en: 'Document date' }, v, errors)}
${textField(ctx.lang, { name: 'documentIssuedBy', label: { vi: 'Cơ quan cấp giấy tờ', en: 'Issued by' }, value: v['documentIssuedBy'] ?? '', errors })}
</fieldset>
${textField(ctx.lang, { name: 'requestedBy', label: { vi: 'Người đề nghị', en: 'Requested by' }, value: v['requestedBy'] ?? '', errors })}
${dateField(ctx, 'receivedOn', { vi: 'Ngày nhận hồ sơ', en: 'Received on' }, v, errors)}
${textField(ctx.lang, { name: 'dossierCompleteOn', label: { vi: 'Ngày hồ sơ đầy đủ', en: 'Dossier complete on' }, hint: { vi: 'ngày/tháng/năm — thời hạn giải quyết tính từ ngày này (quy tắc 29)', en: 'day/month/year — the time to decide runs from here (rule 29)' }, value: v['dossierCompleteOn'] ?? '', errors, short: true })}`;
}

export function decideCorrectionFields(ctx: PageContext, v: FormValues, errors: readonly FieldError[]): SafeHtml {
  return markup`${textField(ctx.lang, { name: 'decisionNumber', label: { vi: 'Số quyết định chỉnh sửa', en: 'Correction decision number' }, value: v['decisionNumber'] ?? '', errors, short: true })}
${dateField(ctx, 'decisionDate', { vi: 'Ngày quyết định', en: 'Decision date' }, v, errors)}`;
}

export function refuseFields(ctx: PageContext, v: FormValues, errors: readonly FieldError[]): SafeHtml {
  return markup`${textArea(ctx.lang, { name: 'reasons', label: { vi: 'Lý do từ chối (ghi trong văn bản trả lời)', en: 'Reasons (as in the written answer)' }, value: v['reasons'] ?? '', errors })}
${dateField(ctx, 'refusedOn', { vi: 'Ngày văn bản từ chối', en: 'Date of the refusal' }, v, errors)}`;
}

export function reissueFields(
  ctx: PageContext,
  v: FormValues,
  errors: readonly FieldError[],
  o: { lots: readonly { value: string; label: string }[]; signers: readonly SignerView[] },
): SafeHtml {
  return markup`${textField(ctx.lang, { name: 'decisionNumber', label: { vi: 'Số quyết định cấp lại', en: 'Reissue decision number' }, value: v['decisionNumber'] ?? '', errors, short: true })}
${dateField(ctx, 'decisionDate', { vi: 'Ngày quyết định', en: 'Decision date' }, v, errors)}
${textArea(ctx.lang, { name: 'issuerError', label: { vi: 'Lỗi của cơ quan cấp (quy tắc 36)', en: 'The issuer’s error (rule 36)' }, value: v['issuerError'] ?? '', errors })}
${changeFields(ctx, v, errors, true)}
${selectField(ctx.lang, { name: 'lotId', label: { vi: 'Lô phôi in văn bằng mới', en: 'Lot for the new diploma' }, value: v['lotId'] ?? '', errors, options: [{ value: '', label: '' }, ...o.lots] })}
${dateField(ctx, 'issueDate', { vi: 'Ngày cấp văn bằng mới', en: 'Issue date of the new diploma' }, v, errors)}
${textField(ctx.lang, { name: 'issuePlace', label: { vi: 'Nơi cấp', en: 'Place of issue' }, value: v['issuePlace'] ?? '', errors, short: true })}
${selectField(ctx.lang, { name: 'signerId', label: { vi: 'Người ký', en: 'Signer' }, value: v['signerId'] ?? '', errors, options: [{ value: '', label: '' }, ...o.signers.map((s) => ({ value: s.signerId, label: `${s.fullName} — ${s.title}` }))] })}`;
}

export function publishFields(ctx: PageContext, v: FormValues, errors: readonly FieldError[]): SafeHtml {
  return markup`${dateField(ctx, 'publishedOn', { vi: 'Ngày đăng', en: 'Published on' }, v, errors)}
${textField(ctx.lang, { name: 'where', label: { vi: 'Địa chỉ trang thông tin đã đăng', en: 'Where it was published (web address)' }, value: v['where'] ?? '', errors })}`;
}

export function notifyFields(ctx: PageContext, v: FormValues, errors: readonly FieldError[]): SafeHtml {
  return markup`${textField(ctx.lang, { name: 'holderName', label: { vi: 'Người được cấp văn bằng', en: 'The holder' }, value: v['holderName'] ?? '', errors })}
${textField(ctx.lang, { name: 'detectingBody', label: { vi: 'Cơ quan phát hiện vi phạm', en: 'The body that detected it' }, value: v['detectingBody'] ?? '', errors })}
${textField(ctx.lang, { name: 'employer', label: { vi: 'Nơi người được cấp làm việc (nếu có)', en: 'The holder’s employer (if any)' }, value: v['employer'] ?? '', errors })}
${textField(ctx.lang, { name: 'holderReceivedOn', label: { vi: 'Ngày người được cấp nhận quyết định', en: 'Day the holder received the decision' }, hint: { vi: 'ngày/tháng/năm — hạn nộp lại văn bằng 30 ngày tính từ ngày này (quy tắc 43)', en: 'day/month/year — the 30 days to return the paper run from here (rule 43)' }, value: v['holderReceivedOn'] ?? '', errors, short: true })}`;
}

export function returnFields(ctx: PageContext, v: FormValues, errors: readonly FieldError[]): SafeHtml {
  return markup`${dateField(ctx, 'returnedOn', { vi: 'Ngày nộp lại', en: 'Returned on' }, v, errors)}
${textField(ctx.lang, { name: 'receivedBy', label: { vi: 'Cán bộ nhận', en: 'Received by' }, value: v['receivedBy'] ?? ctx.officer?.fullName ?? '', errors })}`;
}

/** §2.7 "Opened": the officer who finds the ground proposes; the head decides (rules 41, 42). */
export function proposeRevocationFields(ctx: PageContext, v: FormValues, errors: readonly FieldError[]): SafeHtml {
  return markup`${selectField(ctx.lang, { name: 'ground', label: { vi: 'Căn cứ thu hồi (quy tắc 40)', en: 'Ground (rule 40)' }, value: v['ground'] ?? '', errors, options: [{ value: '', label: '' }, ...REVOCATION_GROUNDS.map((g) => ({ value: g, label: GROUND_WORDS[g][ctx.lang] }))] })}
${selectField(ctx.lang, { name: 'source', label: { vi: 'Nơi phát hiện', en: 'Detected by' }, value: v['source'] ?? '', errors, options: [{ value: '', label: '' }, ...REVOCATION_SOURCES.map((s) => ({ value: s, label: SOURCE_WORDS[s][ctx.lang] }))] })}
${textArea(ctx.lang, { name: 'reasons', label: { vi: 'Lý do, văn bản làm căn cứ', en: 'Reasons and the papers they rest on' }, value: v['reasons'] ?? '', errors })}
${dateField(ctx, 'proposedOn', { vi: 'Ngày đề xuất', en: 'Proposed on' }, v, errors)}`;
}

/** §0.5: the digital diploma is recorded as a medium of issue — when, and the record it was issued as. */
export function digitalIssueFields(ctx: PageContext, v: FormValues, errors: readonly FieldError[]): SafeHtml {
  return markup`${dateField(ctx, 'issuedOn', { vi: 'Ngày cấp bản điện tử', en: 'Issued digitally on' }, v, errors)}
${textField(ctx.lang, { name: 'reference', label: { vi: 'Mã bản ghi văn bằng điện tử', en: 'Record of the digital diploma' }, hint: { vi: 'Mã bản ghi trên cơ sở dữ liệu văn bằng quốc gia, hoặc mã SHA-256 của tệp', en: 'The national database’s record id, or the file’s SHA-256' }, value: v['reference'] ?? '', errors })}`;
}

const STATUS_WORDS: Record<string, [string, string, 'amber' | 'green' | 'red' | 'grey']> = {
  open: ['Đang giải quyết', 'Open', 'amber'],
  decided: ['Đã quyết định', 'Decided', 'green'],
  refused: ['Đã từ chối', 'Refused', 'red'],
};

function correctionStatus(ctx: PageContext, status: string): SafeHtml {
  const [vi, en, colour] = STATUS_WORDS[status] ?? [status, status, 'grey'];
  return tag(ctx.lang === 'vi' ? vi : en, colour);
}

/** One diploma and every act after issuance that may follow, with what has already happened to it. */
export function diplomaPage(
  ctx: PageContext,
  o: {
    entry: RegisterEntryView;
    corrections: readonly CorrectionRequestRow[];
    revocation: RevocationCaseRow | undefined;
    reissue: { newSerial: string | null; decisionNumber: string } | undefined;
    /** An open revocation proposal (§2.7), read from the diploma's stream. */
    proposal?: { proposedBy: string; proposedOn: string; ground: string } | null;
    /** The digital medium of issue (§0.5), if recorded. */
    digital?: { issuedOn: string; reference: string } | null;
    done?: string;
  },
): string {
  const vi = ctx.lang === 'vi';
  const base = consoleBase(ctx.authorityCode ?? '');
  const d = `${base}/diplomas/${o.entry.diplomaId}`;
  const r = o.revocation;
  const live = !r && !o.reissue;
  const link = (href: string, words: Words) => markup`<li><a href="${href}">${words[ctx.lang]}</a></li>`;
  return page(ctx, {
    title: { vi: `Văn bằng ${o.entry.serial}`, en: `Diploma ${o.entry.serial}` },
    nav: 'after-issuance',
    body: markup`${o.done ? notice(o.done) : ''}<p class="hint">${vi ? 'Văn bằng' : 'Diploma'} ${o.entry.serial}</p><h1>${o.entry.fullName}</h1>
${entrySummary(ctx, o.entry)}
<p>${stateTag(ctx, o.entry.state)} ${r ? tag(vi ? 'Đã thu hồi' : 'Revoked', 'red') : ''} ${o.reissue ? tag(vi ? 'Đã cấp lại' : 'Replaced', 'grey') : ''}</p>
${
  r
    ? markup`<div class="warning-text">${vi ? `Đã thu hồi theo quyết định ${r.decisionNumber} ngày ${dmy(r.decisionDate)} — ${GROUND_WORDS[r.ground as keyof typeof GROUND_WORDS]?.vi ?? r.ground}.` : `Revoked by decision ${r.decisionNumber} of ${dmy(r.decisionDate)} — ${GROUND_WORDS[r.ground as keyof typeof GROUND_WORDS]?.en ?? r.ground}.`}
${r.returnedOn ? (vi ? ` Đã nộp lại ngày ${dmy(r.returnedOn)}.` : ` Returned on ${dmy(r.returnedOn)}.`) : r.returnDueBy ? (vi ? ` Hạn nộp lại: ${dmy(r.returnDueBy)} (quy tắc 43).` : ` To be returned by ${dmy(r.returnDueBy)} (rule 43).`) : vi ? ' Chưa ghi nhận người được cấp nhận quyết định.' : ' The holder has not yet been recorded as notified.'}</div>`
    : ''
}
${
  o.proposal && !r
    ? markup`<div class="notice">${vi ? `Cán bộ ${o.proposal.proposedBy} đã đề xuất thu hồi ngày ${dmy(o.proposal.proposedOn)} — ${GROUND_WORDS[o.proposal.ground as keyof typeof GROUND_WORDS]?.vi ?? o.proposal.ground}. Chờ người có thẩm quyền ghi nhận quyết định; người đề xuất không tự ghi nhận (quy tắc 42).` : `Officer ${o.proposal.proposedBy} proposed revocation on ${dmy(o.proposal.proposedOn)} — ${GROUND_WORDS[o.proposal.ground as keyof typeof GROUND_WORDS]?.en ?? o.proposal.ground}. Awaiting the competent officer's decision; the proposer may not record it (rule 42).`}</div>`
    : ''
}
${o.digital ? markup`<p>${vi ? `Đã cấp văn bằng điện tử ngày ${dmy(o.digital.issuedOn)}, mã bản ghi ${o.digital.reference}.` : `Issued digitally on ${dmy(o.digital.issuedOn)}, record ${o.digital.reference}.`}</p>` : ''}
${o.reissue ? markup`<p>${vi ? `Đã cấp lại theo quyết định ${o.reissue.decisionNumber}; văn bằng mới số hiệu ${o.reissue.newSerial ?? ''}.` : `Replaced by decision ${o.reissue.decisionNumber}; new serial ${o.reissue.newSerial ?? ''}.`}</p>` : ''}
<h2>${vi ? 'Thao tác' : 'Acts'}</h2>
<ul class="acts">
${live ? link(`${d}/corrections/new`, { vi: 'Nhận hồ sơ đề nghị chỉnh sửa', en: 'Receive a correction request' }) : ''}
${live ? link(`${d}/reissue`, { vi: 'Cấp lại do lỗi của cơ quan cấp', en: 'Reissue (issuer’s error)' }) : ''}
${live && !o.digital ? link(`${d}/digital-issue`, { vi: 'Ghi nhận cấp văn bằng điện tử', en: 'Record the digital issue' }) : ''}
${live && !o.proposal ? link(`${d}/revocation-proposal`, { vi: 'Đề xuất thu hồi', en: 'Propose revocation' }) : ''}
${live ? link(`${d}/revocation`, { vi: 'Thu hồi văn bằng', en: 'Revoke the diploma' }) : ''}
${r ? link(`${d}/revocation/publication`, { vi: 'Ghi nhận đã công bố quyết định thu hồi', en: 'Record the publication of the revocation' }) : ''}
${r ? link(`${d}/revocation/notification`, { vi: 'Ghi nhận đã gửi quyết định thu hồi', en: 'Record who was notified' }) : ''}
${r && !r.returnedOn ? link(`${d}/revocation/return`, { vi: 'Ghi nhận văn bằng đã nộp lại', en: 'Record the paper returned' }) : ''}
${link(`${base}/copies/receive?serial=${encodeURIComponent(o.entry.serial)}`, { vi: 'Nhận yêu cầu cấp bản sao', en: 'Receive a copy request' })}
</ul>
<h2>${vi ? 'Hồ sơ đề nghị chỉnh sửa' : 'Correction requests'}</h2>
${table(ctx.lang, {
  caption: { vi: 'Hồ sơ đề nghị chỉnh sửa văn bằng này', en: 'Correction requests on this diploma' },
  columns: [
    { label: { vi: 'Số hồ sơ', en: 'Dossier' } },
    { label: { vi: 'Căn cứ', en: 'Ground' } },
    { label: { vi: 'Hồ sơ đủ ngày', en: 'Complete on' } },
    { label: { vi: 'Hạn giải quyết', en: 'Due by' } },
    { label: { vi: 'Trạng thái', en: 'Status' } },
    { label: { vi: 'Thao tác', en: 'Acts' } },
  ],
  rows: o.corrections.map((c): Html[] => [
    c.requestId,
    CORRECTION_GROUND_WORDS[c.ground as CorrectionGround]?.[ctx.lang] ?? c.ground,
    dmy(c.dossierCompleteOn),
    dmy(c.dueBy),
    correctionStatus(ctx, c.status),
    c.status === 'open'
      ? markup`<a href="${d}/corrections/${c.requestId}/decision">${vi ? 'Quyết định chỉnh sửa' : 'Decide'}<span class="visually-hidden"> ${c.requestId}</span></a> · <a href="${d}/corrections/${c.requestId}/refusal">${vi ? 'Từ chối' : 'Refuse'}<span class="visually-hidden"> ${c.requestId}</span></a>`
      : dmy(c.answeredOn),
  ]),
  empty: { vi: 'Chưa có hồ sơ đề nghị chỉnh sửa.', en: 'No correction requests.' },
})}`,
  });
}

/** The after-issuance desk: open correction requests, revocations still being followed up, the appendix. */
export function afterIssuanceIndexPage(
  ctx: PageContext,
  o: {
    corrections: { rows: readonly CorrectionRequestRow[]; total: number; page: number };
    revocations: { rows: readonly RevocationCaseRow[]; total: number; page: number };
    appendixBooks: readonly { kind: string; year: number; entries: number }[];
    today: string;
  },
): string {
  const vi = ctx.lang === 'vi';
  const base = consoleBase(ctx.authorityCode ?? '');
  const here = `${base}/after-issuance`;
  return page(ctx, {
    title: { vi: 'Chỉnh sửa, cấp lại, thu hồi', en: 'Corrections, reissues, revocations' },
    nav: 'after-issuance',
    body: markup`<h1>${vi ? 'Chỉnh sửa, cấp lại, thu hồi văn bằng' : 'Corrections, reissues and revocations'}</h1>
<p class="lead">${vi ? 'Tìm văn bằng trong ' : 'Find the diploma in the '}<a href="${base}/register">${vi ? 'sổ gốc' : 'register'}</a>${vi ? ', mở văn bằng, rồi chọn thao tác.' : ', open it, then choose the act.'}</p>
<h2>${vi ? 'Hồ sơ chỉnh sửa đang giải quyết' : 'Open correction requests'}</h2>
${table(ctx.lang, {
  caption: { vi: `Hồ sơ chỉnh sửa đang giải quyết: ${o.corrections.total}`, en: `Open correction requests: ${o.corrections.total}` },
  columns: [
    { label: { vi: 'Số hồ sơ', en: 'Dossier' } },
    { label: { vi: 'Văn bằng', en: 'Diploma' } },
    { label: { vi: 'Họ và tên', en: 'Full name' } },
    { label: { vi: 'Hạn giải quyết (quy tắc 29)', en: 'Due by (rule 29)' } },
  ],
  rows: o.corrections.rows.map((c): Html[] => [
    c.requestId,
    markup`<a href="${base}/diplomas/${c.diplomaId}">${c.serial ?? c.diplomaId}</a>`,
    c.fullName ?? '',
    markup`${dmy(c.dueBy)} ${c.dueBy < o.today ? tag(vi ? 'Quá hạn' : 'Overdue', 'red') : ''}`,
  ]),
  empty: { vi: 'Không có hồ sơ nào đang chờ.', en: 'No open requests.' },
})}
${pager(ctx.lang, { page: o.corrections.page, hasNext: o.corrections.page * PAGE_SIZE < o.corrections.total, total: o.corrections.total, pageSize: PAGE_SIZE, href: (p) => `${here}?cpage=${p}&rpage=${o.revocations.page}` })}
<h2>${vi ? 'Văn bằng đã thu hồi' : 'Revoked diplomas'}</h2>
${table(ctx.lang, {
  caption: { vi: `Quyết định thu hồi: ${o.revocations.total}`, en: `Revocation decisions: ${o.revocations.total}` },
  columns: [
    { label: { vi: 'Văn bằng', en: 'Diploma' } },
    { label: { vi: 'Họ và tên', en: 'Full name' } },
    { label: { vi: 'Quyết định', en: 'Decision' } },
    { label: { vi: 'Hạn nộp lại (quy tắc 43)', en: 'Return by (rule 43)' } },
    { label: { vi: 'Nộp lại', en: 'Returned' } },
  ],
  rows: o.revocations.rows.map((r): Html[] => [
    markup`<a href="${base}/diplomas/${r.diplomaId}">${r.serial}</a>`,
    r.fullName ?? '',
    `${r.decisionNumber}, ${dmy(r.decisionDate)}`,
    r.returnDueBy
      ? markup`${dmy(r.returnDueBy)} ${!r.returnedOn && r.returnDueBy < o.today && r.ground !== 'issuer_error' ? tag(vi ? 'Quá hạn' : 'Overdue', 'red') : ''}`
      : vi
        ? 'chưa thông báo'
        : 'not notified',
    r.returnedOn ? dmy(r.returnedOn) : '',
  ]),
  empty: { vi: 'Chưa có văn bằng nào bị thu hồi.', en: 'No revocations.' },
})}
${pager(ctx.lang, { page: o.revocations.page, hasNext: o.revocations.page * PAGE_SIZE < o.revocations.total, total: o.revocations.total, pageSize: PAGE_SIZE, href: (p) => `${here}?cpage=${o.corrections.page}&rpage=${p}` })}
<h2>${vi ? 'Phụ lục sổ gốc' : 'Register appendix'}</h2>
${table(ctx.lang, {
  caption: { vi: 'Phụ lục sổ gốc theo loại và năm', en: 'Appendix by kind and year' },
  columns: [
    { label: { vi: 'Phụ lục', en: 'Appendix' } },
    { label: { vi: 'Số dòng', en: 'Rows' }, num: true },
    { label: { vi: 'Tải về', en: 'Download' } },
  ],
  rows: o.appendixBooks.map((b): Html[] => [
    markup`<a href="${base}/register-appendix/${b.kind}/${b.year}">${vi ? `Phụ lục sổ gốc ${b.kind} năm ${b.year}` : `${b.kind} appendix ${b.year}`}</a>`,
    b.entries,
    markup`<a href="${base}/register-appendix/${b.kind}/${b.year}/export.xlsx" download>Excel<span class="visually-hidden"> ${b.kind} ${b.year}</span></a> · <a href="${base}/register-appendix/${b.kind}/${b.year}/export.pdf" download>PDF<span class="visually-hidden"> ${b.kind} ${b.year}</span></a>`,
  ]),
  empty: { vi: 'Phụ lục chưa có dòng nào.', en: 'The appendix has no rows yet.' },
})}`,
  });
}

export function appendixPage(
  ctx: PageContext,
  o: { kind: string; year: number; rows: readonly AppendixRowView[]; page: number; total: number },
): string {
  const vi = ctx.lang === 'vi';
  const base = consoleBase(ctx.authorityCode ?? '');
  const here = `${base}/register-appendix/${o.kind}/${o.year}`;
  // Ethnicity is shown only to the role that may see it (domain §5), as in the register's own pages.
  const change = (c: AppendixRowView['changes'][number]) =>
    c.field === 'ethnicity' && !maySeeIdentifiers(ctx.actingRole)
      ? `${HOLDER_FIELD_WORDS.ethnicity[ctx.lang]}: ${vi ? '(ẩn)' : '(hidden)'}`
      : `${HOLDER_FIELD_WORDS[c.field][ctx.lang]}: ${c.field === 'birthDate' ? dmy(c.before) : c.before} → ${c.field === 'birthDate' ? dmy(c.after) : c.after}`;
  return page(ctx, {
    title: { vi: `Phụ lục sổ gốc ${o.kind} ${o.year}`, en: `${o.kind} appendix ${o.year}` },
    nav: 'after-issuance',
    body: markup`<h1>${vi ? `Phụ lục sổ gốc cấp văn bằng ${o.kind} năm ${o.year}` : `${o.kind} register appendix, ${o.year}`}</h1>
<p class="lead">${vi ? 'Các quyết định chỉnh sửa và cấp lại, theo thứ tự quyết định.' : 'Correction and reissue decisions, in the order they were made.'}</p>
<div class="actions"><a class="button secondary" href="${here}/export.xlsx" download>${vi ? 'Tải phụ lục (Excel)' : 'Download (Excel)'}</a><a class="button secondary" href="${here}/export.pdf" download>${vi ? 'Tải phụ lục (PDF)' : 'Download (PDF)'}</a></div>
${table(ctx.lang, {
  caption: { vi: `Phụ lục: ${o.total} dòng`, en: `Appendix: ${o.total} rows` },
  columns: [
    { label: { vi: 'STT', en: 'No.' }, num: true },
    { label: { vi: 'Nội dung', en: 'Act' } },
    { label: { vi: 'Họ và tên', en: 'Full name' } },
    { label: { vi: 'Số hiệu, số vào sổ', en: 'Serial, register no.' } },
    { label: { vi: 'Nội dung sửa / văn bằng mới', en: 'Changes / new diploma' } },
    { label: { vi: 'Quyết định', en: 'Decision' } },
  ],
  rows: o.rows.map((r): Html[] => [
    r.rowNumber,
    r.action === 'correction' ? (vi ? 'Chỉnh sửa' : 'Correction') : vi ? 'Cấp lại' : 'Reissue',
    markup`<a href="${base}/diplomas/${r.diplomaId}">${r.fullName}</a>`,
    `${r.serial} · ${r.registerNumber}`,
    [
      r.changes.map(change).join('; '),
      r.newSerial ? `${vi ? 'Số hiệu mới' : 'New serial'} ${r.newSerial} · ${r.newRegisterNumber ?? ''}` : '',
    ]
      .filter(Boolean)
      .join(' — '),
    `${r.decisionNumber}, ${dmy(r.decisionDate)}`,
  ]),
  empty: { vi: 'Phụ lục chưa có dòng nào.', en: 'No rows.' },
})}
${pager(ctx.lang, { page: o.page, hasNext: o.page * PAGE_SIZE < o.total, total: o.total, pageSize: PAGE_SIZE, href: (p) => `${here}?page=${p}` })}`,
  });
}
