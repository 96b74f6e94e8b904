import {
  COPY_REQUEST_CHANNELS,
  REFUSAL_GROUNDS,
  REQUESTER_KINDS,
  type CopyRefusalGround,
  type CopyRequestChannel,
  type RequesterKind,
} from '@so-goc/domain';
import type { CopyRegisterRow, CopyRequestRow, SignerView } from '@so-goc/projections';
import { notice, pager, selectField, summaryList, table, tag, textArea, textField, type FieldError } from '../ui/components';
import { markup, type Html, type SafeHtml, type Words } from '../ui/html';
import { consoleBase, page } from '../ui/layout';
import type { PageContext } from '../ui/page-context';
import { PAGE_SIZE, vietnamTime } from './act-pages';
import { maySeeIdentifiers } from './register.page';
import { dmy, type FormValues } from './form-input';

export const REQUESTER_WORDS: Record<RequesterKind, Words> = {
  holder: { vi: 'Chính người được cấp', en: 'The holder' },
  legal_representative: { vi: 'Người đại diện theo pháp luật', en: 'Legal representative' },
  authorised_representative: { vi: 'Người được ủy quyền', en: 'Authorised representative' },
  parent: { vi: 'Cha, mẹ', en: 'Parent' },
  child: { vi: 'Con', en: 'Child' },
  spouse: { vi: 'Vợ, chồng', en: 'Spouse' },
  sibling: { vi: 'Anh, chị, em ruột', en: 'Brother or sister' },
  other_heir: { vi: 'Người thừa kế khác', en: 'Other heir' },
};

export const CHANNEL_WORDS: Record<CopyRequestChannel, Words> = {
  counter: { vi: 'Trực tiếp tại bộ phận một cửa', en: 'In person at the counter' },
  post: { vi: 'Qua bưu điện', en: 'By post' },
  online: { vi: 'Trực tuyến', en: 'Online' },
};

/** The written refusal's grounds, each with its rule (48, 50, 55). */
export const REFUSAL_WORDS: Record<CopyRefusalGround, Words> = {
  no_register_entry: { vi: 'Sổ gốc không có văn bằng này (quy tắc 50)', en: 'The register has no such diploma (rule 50)' },
  diploma_revoked: { vi: 'Văn bằng đã bị thu hồi (quy tắc 55)', en: 'The diploma was revoked (rule 55)' },
  diploma_superseded: { vi: 'Văn bằng đã được cấp lại (quy tắc 55)', en: 'The diploma was replaced (rule 55)' },
  revocation_case_open: { vi: 'Văn bằng đang bị xem xét thu hồi (quy tắc 55)', en: 'A revocation is under way (rule 55)' },
  requester_not_entitled: { vi: 'Người yêu cầu không có quyền yêu cầu (quy tắc 48)', en: 'The requester is not entitled (rule 48)' },
};

const STATUS: Record<string, [string, string, 'amber' | 'green' | 'red' | 'grey']> = {
  open: ['Đang giải quyết', 'Open', 'amber'],
  issued: ['Đã cấp', 'Issued', 'green'],
  refused: ['Đã từ chối', 'Refused', 'red'],
};

export function copyStatus(ctx: PageContext, status: string): SafeHtml {
  const [vi, en, colour] = STATUS[status] ?? [status, status, 'grey'];
  return tag(ctx.lang === 'vi' ? vi : en, colour);
}

const DATE_HINT: Words = { vi: 'ngày/tháng/năm', en: 'day/month/year' };

export function receiveCopyFields(ctx: PageContext, v: FormValues, errors: readonly FieldError[]): SafeHtml {
  const vi = ctx.lang === 'vi';
  return markup`${textField(ctx.lang, { name: 'serial', label: { vi: 'Số hiệu văn bằng', en: 'Diploma serial' }, hint: { vi: 'Như in trên văn bằng, ví dụ HP 0200005', en: 'As printed, e.g. HP 0200005' }, value: v['serial'] ?? '', errors, short: true })}
${textField(ctx.lang, { name: 'requestId', label: { vi: 'Số phiếu tiếp nhận', en: 'Receipt number' }, hint: { vi: 'Chữ, số và gạch ngang, ví dụ bs-2026-0412', en: 'Letters, digits and hyphens, e.g. bs-2026-0412' }, value: v['requestId'] ?? '', errors, short: true })}
<fieldset><legend>${vi ? 'Người yêu cầu (quy tắc 48)' : 'Requester (rule 48)'}</legend>
${selectField(ctx.lang, { name: 'requesterKind', label: { vi: 'Quan hệ với người được cấp', en: 'Relation to the holder' }, value: v['requesterKind'] ?? 'holder', errors, options: REQUESTER_KINDS.map((k) => ({ value: k, label: REQUESTER_WORDS[k][ctx.lang] })) })}
${textField(ctx.lang, { name: 'requesterName', label: { vi: 'Họ tên người yêu cầu', en: 'Requester’s full name' }, value: v['requesterName'] ?? '', errors })}
${textField(ctx.lang, { name: 'idKind', label: { vi: 'Loại giấy tờ tùy thân', en: 'Identity document' }, hint: { vi: 'CCCD, căn cước, hộ chiếu…', en: 'Citizen ID card, passport…' }, value: v['idKind'] ?? 'CCCD', errors, short: true })}
${textField(ctx.lang, { name: 'idNumber', label: { vi: 'Số giấy tờ tùy thân', en: 'Identity document number' }, value: v['idNumber'] ?? '', errors, short: true })}
${textField(ctx.lang, { name: 'entitlementDocument', label: { vi: 'Giấy ủy quyền, giấy tờ chứng minh quan hệ (nếu không phải người được cấp)', en: 'Authorisation or proof of relation (if not the holder)' }, value: v['entitlementDocument'] ?? '', errors })}
${textField(ctx.lang, { name: 'deathCertificate', label: { vi: 'Trích lục khai tử (nếu là người thừa kế)', en: 'Death certificate (for an heir)' }, value: v['deathCertificate'] ?? '', errors })}
</fieldset>
${selectField(ctx.lang, { name: 'channel', label: { vi: 'Hình thức nộp', en: 'Channel' }, value: v['channel'] ?? 'counter', errors, options: COPY_REQUEST_CHANNELS.map((c) => ({ value: c, label: CHANNEL_WORDS[c][ctx.lang] })) })}
${textField(ctx.lang, { name: 'receivedDate', label: { vi: 'Ngày nhận', en: 'Received on' }, hint: DATE_HINT, value: v['receivedDate'] ?? '', errors, short: true })}
${textField(ctx.lang, { name: 'receivedTime', label: { vi: 'Giờ nhận', en: 'Received at' }, hint: { vi: 'giờ:phút, ví dụ 15:20 — nhận sau 15:00 tính sang ngày làm việc tiếp theo (quy tắc 49)', en: 'hh:mm, e.g. 15:20 — after 15:00 counts from the next working day (rule 49)' }, value: v['receivedTime'] ?? '', errors, short: true })}
${textField(ctx.lang, { name: 'completeDate', label: { vi: 'Ngày hồ sơ đầy đủ (qua bưu điện, trực tuyến)', en: 'Dossier complete on (post, online)' }, hint: DATE_HINT, value: v['completeDate'] ?? '', errors, short: true })}
${textField(ctx.lang, { name: 'completeTime', label: { vi: 'Giờ hồ sơ đầy đủ', en: 'Dossier complete at' }, hint: { vi: 'giờ:phút', en: 'hh:mm' }, value: v['completeTime'] ?? '', errors, short: true })}
${textField(ctx.lang, { name: 'copies', label: { vi: 'Số bản sao', en: 'Number of copies' }, value: v['copies'] ?? '1', errors, short: true, inputmode: 'numeric' })}`;
}

export function extendFields(ctx: PageContext, v: FormValues, errors: readonly FieldError[]): SafeHtml {
  return markup`${textField(ctx.lang, { name: 'workingDays', label: { vi: 'Gia hạn thêm (ngày làm việc)', en: 'Extend by (working days)' }, hint: { vi: 'Quá 1 ngày làm việc phải có thỏa thuận bằng văn bản (quy tắc 49)', en: 'More than 1 working day needs a written agreement (rule 49)' }, value: v['workingDays'] ?? '1', errors, short: true, inputmode: 'numeric' })}
${textArea(ctx.lang, { name: 'reason', label: { vi: 'Lý do gia hạn (báo cho người yêu cầu)', en: 'Reason (told to the requester)' }, value: v['reason'] ?? '', errors })}
${textField(ctx.lang, { name: 'writtenAgreementRef', label: { vi: 'Văn bản thỏa thuận (nếu có)', en: 'Written agreement (if any)' }, value: v['writtenAgreementRef'] ?? '', errors })}`;
}

export function issueCopiesFields(
  ctx: PageContext,
  v: FormValues,
  errors: readonly FieldError[],
  o: { lots: readonly { value: string; label: string }[]; signers: readonly SignerView[] },
): SafeHtml {
  return markup`${selectField(ctx.lang, { name: 'lotId', label: { vi: 'Lô phôi bản sao', en: 'Lot of copy blanks' }, value: v['lotId'] ?? '', errors, options: [{ value: '', label: '' }, ...o.lots] })}
${textField(ctx.lang, { name: 'issuedOn', label: { vi: 'Ngày cấp bản sao', en: 'Issued on' }, hint: DATE_HINT, value: v['issuedOn'] ?? '', errors, short: true })}
${textField(ctx.lang, { name: 'issuePlace', label: { vi: 'Nơi cấp', en: 'Place of issue' }, value: v['issuePlace'] ?? '', errors, short: true })}
${selectField(ctx.lang, { name: 'signerId', label: { vi: 'Người ký', en: 'Signer' }, value: v['signerId'] ?? '', errors, options: [{ value: '', label: '' }, ...o.signers.map((s) => ({ value: s.signerId, label: `${s.fullName} — ${s.title}` }))] })}`;
}

export function refuseCopyFields(ctx: PageContext, v: FormValues, errors: readonly FieldError[]): SafeHtml {
  const error = errors.find((e) => e.field === 'grounds');
  return markup`<fieldset class="radios${error ? ' field has-error' : ''}" id="f-grounds"><legend>${ctx.lang === 'vi' ? 'Căn cứ từ chối' : 'Grounds'}</legend>
${error ? markup`<span class="field-error">${error.message}</span>` : ''}
${REFUSAL_GROUNDS.map((g) => markup`<label><input type="checkbox" name="ground_${g}" value="1"${v[`ground_${g}`] ? markup` checked` : ''}> ${REFUSAL_WORDS[g][ctx.lang]}</label>`)}</fieldset>
${textArea(ctx.lang, { name: 'reasons', label: { vi: 'Lý do (ghi trong văn bản trả lời)', en: 'Reasons (as in the written answer)' }, value: v['reasons'] ?? '', errors })}
${textField(ctx.lang, { name: 'letterRef', label: { vi: 'Số văn bản trả lời', en: 'Letter number' }, value: v['letterRef'] ?? '', errors, short: true })}
${textField(ctx.lang, { name: 'refusedOn', label: { vi: 'Ngày văn bản', en: 'Letter date' }, hint: DATE_HINT, value: v['refusedOn'] ?? '', errors, short: true })}`;
}

/** The counter: requests still to serve (soonest due first), the copy register's books, and a new request. */
export function copiesIndexPage(
  ctx: PageContext,
  o: {
    requests: readonly CopyRequestRow[];
    total: number;
    page: number;
    books: readonly { kind: string; year: number; copies: number }[];
    now: string;
  },
): string {
  const vi = ctx.lang === 'vi';
  const base = consoleBase(ctx.authorityCode ?? '');
  return page(ctx, {
    title: { vi: 'Bản sao từ sổ gốc', en: 'Copies from the register' },
    nav: 'copies',
    body: markup`<h1>${vi ? 'Cấp bản sao từ sổ gốc' : 'Copies from the register'}</h1>
<div class="actions"><a class="button" href="${base}/copies/receive">${vi ? 'Nhận yêu cầu cấp bản sao' : 'Receive a copy request'}</a></div>
${table(ctx.lang, {
  caption: { vi: `Yêu cầu cấp bản sao: ${o.total}`, en: `Copy requests: ${o.total}` },
  columns: [
    { label: { vi: 'Số phiếu', en: 'Receipt' } },
    { label: { vi: 'Văn bằng', en: 'Diploma' } },
    { label: { vi: 'Người yêu cầu', en: 'Requester' } },
    { label: { vi: 'Số bản', en: 'Copies' }, num: true },
    { label: { vi: 'Hạn trả (quy tắc 49)', en: 'Due (rule 49)' } },
    { label: { vi: 'Trạng thái', en: 'Status' } },
  ],
  rows: o.requests.map((r): Html[] => [
    markup`<a href="${base}/copy-requests/${r.requestId}">${r.requestId}</a>`,
    `${r.serial ?? ''} ${r.fullName ?? ''}`.trim(),
    r.requester.fullName,
    r.copies,
    markup`${vietnamTime(ctx, r.dueBy)} ${r.status === 'open' && r.dueBy < o.now ? tag(vi ? 'Quá hạn' : 'Overdue', 'red') : ''}`,
    copyStatus(ctx, r.status),
  ]),
  empty: { vi: 'Chưa có yêu cầu nào.', en: 'No requests yet.' },
})}
${pager(ctx.lang, { page: o.page, hasNext: o.page * PAGE_SIZE < o.total, total: o.total, pageSize: PAGE_SIZE, href: (p) => `${base}/copies?page=${p}` })}
<h2>${vi ? 'Sổ cấp bản sao' : 'Copy register'}</h2>
${table(ctx.lang, {
  caption: { vi: 'Sổ cấp bản sao theo loại và năm', en: 'Copy register by kind and year' },
  columns: [
    { label: { vi: 'Sổ', en: 'Book' } },
    { label: { vi: 'Số bản sao', en: 'Copies' }, num: true },
    { label: { vi: 'Tải về', en: 'Download' } },
  ],
  rows: o.books.map((b): Html[] => [
    markup`<a href="${base}/copy-register/${b.kind}/${b.year}">${vi ? `Sổ cấp bản sao ${b.kind} năm ${b.year}` : `${b.kind} copy register ${b.year}`}</a>`,
    b.copies,
    markup`<a href="${base}/copy-register/${b.kind}/${b.year}/export.xlsx" download>Excel<span class="visually-hidden"> ${b.kind} ${b.year}</span></a> · <a href="${base}/copy-register/${b.kind}/${b.year}/export.pdf" download>PDF<span class="visually-hidden"> ${b.kind} ${b.year}</span></a>`,
  ]),
  empty: { vi: 'Chưa cấp bản sao nào.', en: 'No copies issued yet.' },
})}`,
  });
}

/** One request at the counter: who asked, when it is due and why, and what was answered. */
export function copyRequestPage(
  ctx: PageContext,
  o: {
    request: CopyRequestRow;
    copies: readonly { copyId: string; copyNumber: string; serial: string; issuedOn: string }[];
    done?: string;
  },
): string {
  const vi = ctx.lang === 'vi';
  const base = consoleBase(ctx.authorityCode ?? '');
  const r = o.request;
  const here = `${base}/copy-requests/${r.requestId}`;
  const kind = REQUESTER_WORDS[r.requester.kind as RequesterKind]?.[ctx.lang] ?? r.requester.kind;
  return page(ctx, {
    title: { vi: `Yêu cầu bản sao ${r.requestId}`, en: `Copy request ${r.requestId}` },
    nav: 'copies',
    body: markup`${o.done ? notice(o.done) : ''}<p class="hint">${vi ? 'Yêu cầu cấp bản sao' : 'Copy request'} ${r.requestId}</p><h1>${r.fullName ?? r.diplomaId}</h1>
${summaryList(ctx.lang, [
  [{ vi: 'Văn bằng', en: 'Diploma' }, r.serial ? markup`<a href="${base}/diplomas/${r.diplomaId}">${r.serial}</a>` : r.diplomaId],
  [{ vi: 'Người yêu cầu', en: 'Requester' }, `${r.requester.fullName} — ${kind}`],
  // Checked at the counter and kept (domain §5.1): its number is for the registrar, not for every reader.
  [
    { vi: 'Giấy tờ tùy thân', en: 'Identity document' },
    maySeeIdentifiers(ctx.actingRole)
      ? `${r.requester.idDocument.kind} ${r.requester.idDocument.number}`
      : `${r.requester.idDocument.kind} ${vi ? '(số được ẩn)' : '(number hidden)'}`,
  ],
  [{ vi: 'Giấy tờ chứng minh quyền yêu cầu', en: 'Entitlement' }, r.requester.entitlementDocument ?? (vi ? 'Không có' : 'None')],
  [
    { vi: 'Hình thức, lúc nhận', en: 'Channel, received' },
    `${CHANNEL_WORDS[r.channel as CopyRequestChannel]?.[ctx.lang] ?? r.channel}, ${vietnamTime(ctx, r.receivedAt)}`,
  ],
  [{ vi: 'Số bản sao', en: 'Copies' }, String(r.copies)],
  [
    { vi: 'Hạn trả (quy tắc 49)', en: 'Due (rule 49)' },
    markup`<strong>${vietnamTime(ctx, r.dueBy)}</strong>${r.extensionReason ? ` — ${vi ? 'đã gia hạn' : 'extended'}: ${r.extensionReason}` : ''}`,
  ],
  [{ vi: 'Trạng thái', en: 'Status' }, copyStatus(ctx, r.status)],
])}
${
  r.refusal
    ? markup`<div class="warning-text">${vi ? `Đã từ chối bằng văn bản số ${r.refusal.letterRef} ngày ${dmy(r.answeredOn)}: ` : `Refused in writing, letter ${r.refusal.letterRef} of ${dmy(r.answeredOn)}: `}${r.refusal.grounds.map((g) => REFUSAL_WORDS[g as CopyRefusalGround]?.[ctx.lang] ?? g).join('; ')}. ${r.refusal.reasons}</div>`
    : ''
}
${
  o.copies.length > 0
    ? table(ctx.lang, {
        caption: { vi: 'Bản sao đã cấp (in từng bản trên phôi bản sao)', en: 'Copies issued (print each on a copy blank)' },
        columns: [
          { label: { vi: 'Số vào sổ cấp bản sao', en: 'Copy number' } },
          { label: { vi: 'Số hiệu phôi', en: 'Blank serial' } },
          { label: { vi: 'Ngày cấp', en: 'Issued on' } },
          { label: { vi: 'In', en: 'Print' } },
        ],
        rows: o.copies.map((c): Html[] => [
          c.copyNumber,
          c.serial,
          dmy(c.issuedOn),
          markup`<a href="${base}/copies/${c.copyId}.pdf" download>${vi ? 'Tải PDF' : 'Download PDF'}<span class="visually-hidden"> ${c.copyNumber}</span></a>`,
        ]),
      })
    : ''
}
${
  r.status === 'open'
    ? markup`<div class="actions"><a class="button" href="${here}/copies">${vi ? 'Cấp bản sao' : 'Issue the copies'}</a><a class="button secondary" href="${here}/extension">${vi ? 'Gia hạn' : 'Extend'}</a><a class="button secondary" href="${here}/refusal">${vi ? 'Từ chối bằng văn bản' : 'Refuse in writing'}</a></div>`
    : ''
}
<p><a href="${base}/copies">${vi ? 'Về danh sách yêu cầu' : 'Back to the requests'}</a></p>`,
  });
}

export function copyRegisterPage(
  ctx: PageContext,
  o: { kind: string; year: number; rows: readonly CopyRegisterRow[]; page: number; total: number },
): string {
  const vi = ctx.lang === 'vi';
  const base = consoleBase(ctx.authorityCode ?? '');
  const here = `${base}/copy-register/${o.kind}/${o.year}`;
  return page(ctx, {
    title: { vi: `Sổ cấp bản sao ${o.kind} ${o.year}`, en: `${o.kind} copy register ${o.year}` },
    nav: 'copies',
    body: markup`<h1>${vi ? `Sổ cấp bản sao ${o.kind} năm ${o.year}` : `${o.kind} copy register, ${o.year}`}</h1>
<div class="actions"><a class="button secondary" href="${here}/export.xlsx" download>${vi ? 'Tải sổ (Excel)' : 'Download (Excel)'}</a><a class="button secondary" href="${here}/export.pdf" download>${vi ? 'Tải sổ (PDF)' : 'Download (PDF)'}</a></div>
${table(ctx.lang, {
  caption: { vi: `Sổ cấp bản sao: ${o.total} bản`, en: `Copy register: ${o.total} copies` },
  columns: [
    { label: { vi: 'Số vào sổ', en: 'Copy number' } },
    { label: { vi: 'Số hiệu phôi', en: 'Blank serial' } },
    { label: { vi: 'Họ và tên', en: 'Full name' } },
    { label: { vi: 'Văn bằng gốc', en: 'Original' } },
    { label: { vi: 'Người yêu cầu', en: 'Requester' } },
    { label: { vi: 'Ngày cấp', en: 'Issued on' } },
  ],
  rows: o.rows.map((c): Html[] => [
    c.copyNumber,
    c.serial,
    c.content.holder.fullName,
    `${c.content.originalSerial} · ${c.content.originalRegisterNumber}`,
    markup`<a href="${base}/copy-requests/${c.requestId}">${c.requester.fullName}</a>`,
    dmy(c.issuedOn),
  ]),
  empty: { vi: 'Sổ chưa có bản sao nào.', en: 'No copies.' },
})}
${pager(ctx.lang, { page: o.page, hasNext: o.page * PAGE_SIZE < o.total, total: o.total, pageSize: PAGE_SIZE, href: (p) => `${here}?page=${p}` })}`,
  });
}
