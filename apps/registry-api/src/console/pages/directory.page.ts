import { AUTHORITY_KINDS, SIGNER_ROLES, type AuthorityLicence } from '@so-goc/domain';
import type { AuthorityView, SignerView } from '@so-goc/projections';
import { notice, selectField, summaryList, table, tag, textArea, textField, type FieldError } from '../ui/components';
import { markup, type Html, type SafeHtml, type Words } from '../ui/html';
import { consoleBase, page } from '../ui/layout';
import type { PageContext } from '../ui/page-context';
import { adminNav, authorityEnd, checkboxes, KIND_WORDS, kindWords, SIGNER_ROLE_WORDS } from './admin.page';
import { dmy, type FormValues } from './form-input';

const DATE_HINT: Words = { vi: 'ngày/tháng/năm', en: 'day/month/year' };

function dateField(ctx: PageContext, name: string, label: Words, v: FormValues, errors: readonly FieldError[], hint = DATE_HINT): SafeHtml {
  return textField(ctx.lang, { name, label, hint, value: v[name] ?? '', errors, short: true });
}

/** Kinds of credential a licence may cover: the catalogue's certificates (issue 18), by code and name. */
export interface LicensableKind {
  readonly code: string;
  readonly nameVi: string;
  readonly nameEn: string;
}

function licenceTable(ctx: PageContext, caption: Words, licences: readonly AuthorityLicence[], today: string): SafeHtml {
  const vi = ctx.lang === 'vi';
  return table(ctx.lang, {
    caption,
    columns: [
      { label: { vi: 'Đơn vị được cấp phép', en: 'Licensee' } },
      { label: { vi: 'Quyết định', en: 'Decision' } },
      { label: { vi: 'Loại chứng chỉ', en: 'Kinds' } },
      { label: { vi: 'Từ ngày', en: 'From' } },
      { label: { vi: 'Đến ngày', en: 'To' } },
      { label: { vi: 'Hôm nay', en: 'Today' } },
    ],
    rows: licences.map((l) => [
      l.authorityCode,
      `${l.decisionRef}, ${dmy(l.decisionDate)}`,
      l.scope.join(', '),
      dmy(l.validFrom),
      l.validTo ? dmy(l.validTo) : vi ? 'Không thời hạn' : 'Open-ended',
      l.validFrom <= today && (!l.validTo || l.validTo >= today)
        ? tag(vi ? 'Còn hiệu lực' : 'In force', 'green')
        : tag(vi ? 'Không hiệu lực' : 'Not in force', 'grey'),
    ]),
    empty: { vi: 'Chưa có giấy phép nào.', en: 'No licences.' },
  });
}

/**
 * The authority directory (issue 13, administration): the authority, its signers and their mandates, its
 * units and their licences (issue 18). An administrator registers units and signers, ends a mandate,
 * merges or abolishes the authority and licenses a centre — the same directory commands as the API.
 */
export function directoryPage(
  ctx: PageContext,
  o: {
    authority: AuthorityView;
    parent?: AuthorityView;
    subordinates: readonly AuthorityView[];
    signers: readonly SignerView[];
    predecessors: readonly AuthorityView[];
    /** Licences this authority holds, and those it granted to its units. */
    licences: readonly AuthorityLicence[];
    canChange: boolean;
    today: string;
    done?: string;
  },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const here = `${base}/admin/directory`;
  const vi = ctx.lang === 'vi';
  const a = o.authority;
  const active = (s: SignerView) => s.validFrom <= o.today && (!s.validTo || s.validTo >= o.today);
  const act = (href: string, words: Words, hidden: string) =>
    markup`<a href="${href}">${words[ctx.lang]}<span class="visually-hidden"> ${hidden}</span></a>`;
  return page(ctx, {
    title: { vi: 'Danh mục đơn vị', en: 'Authority directory' },
    nav: 'admin',
    body: markup`${o.done ? notice(o.done) : ''}${adminNav(ctx, 'directory')}<p class="hint">${vi ? 'Danh mục đơn vị' : 'Authority directory'}</p><h1>${a.name}</h1>
${summaryList(ctx.lang, [
  [{ vi: 'Mã', en: 'Code' }, a.code],
  [{ vi: 'Loại', en: 'Kind' }, kindWords(ctx, a.kind)],
  [
    { vi: 'Cấp trên', en: 'Parent' },
    o.parent ? markup`<a href="${consoleBase(o.parent.code)}/admin/directory">${o.parent.name} (${o.parent.code})</a>` : '—',
  ],
  [{ vi: 'Cơ quan chủ quản', en: 'Governing body' }, a.governingBody ?? '—'],
  [{ vi: 'Thành lập', en: 'Registered' }, dmy(a.registeredOn)],
  [{ vi: 'Tình trạng', en: 'Status' }, authorityEnd(ctx, a)],
])}
${
  o.canChange && !a.end
    ? markup`<ul class="acts">
<li><a href="${here}/units/new">${vi ? 'Đăng ký đơn vị trực thuộc' : 'Register a unit under this authority'}</a></li>
<li><a href="${here}/signers/new">${vi ? 'Đăng ký người ký' : 'Register a signer'}</a></li>
<li><a href="${here}/end">${vi ? 'Sáp nhập hoặc giải thể đơn vị này' : 'Merge or abolish this authority'}</a></li>
</ul>`
    : ''
}
${
  o.predecessors.length > 0
    ? markup`<h2>${vi ? 'Đơn vị đã sáp nhập, giải thể vào đơn vị này' : 'Authorities merged or abolished into this one'}</h2>
${table(ctx.lang, {
  caption: { vi: 'Đơn vị tiền thân: sổ gốc của họ do đơn vị này giữ', en: 'Predecessors: their registers are now held here' },
  columns: [
    { label: { vi: 'Mã', en: 'Code' } },
    { label: { vi: 'Tên', en: 'Name' } },
    { label: { vi: 'Từ ngày', en: 'From' } },
    { label: { vi: 'Quyết định', en: 'Decision' } },
  ],
  rows: o.predecessors.map((p) => [p.code, p.name, dmy(p.end?.effectiveOn ?? ''), p.end?.decisionRef ?? '']),
})}`
    : ''
}
<h2>${vi ? 'Người ký và thẩm quyền' : 'Signers and their mandates'}</h2>
${table(ctx.lang, {
  caption: { vi: 'Người ký văn bằng của đơn vị, theo thời gian', en: 'Who signs for this authority, over time' },
  columns: [
    { label: { vi: 'Họ và tên', en: 'Full name' } },
    { label: { vi: 'Chức vụ', en: 'Title' } },
    { label: { vi: 'Vai trò', en: 'Role' } },
    { label: { vi: 'Từ ngày', en: 'From' } },
    { label: { vi: 'Đến ngày', en: 'To' } },
    { label: { vi: 'Văn bản giao phụ trách', en: 'Delegation' } },
    { label: { vi: 'Hiện tại', en: 'Now' } },
    ...(o.canChange ? [{ label: { vi: 'Thao tác', en: 'Acts' } }] : []),
  ],
  rows: o.signers.map((s): Html[] => [
    s.fullName,
    s.title,
    (SIGNER_ROLE_WORDS as Record<string, Words | undefined>)[s.role]?.[ctx.lang] ?? s.role,
    dmy(s.validFrom),
    s.validTo ? dmy(s.validTo) : '—',
    s.delegationRef ?? '—',
    active(s) ? tag(vi ? 'Đang ký' : 'Signing', 'green') : tag(vi ? 'Hết thẩm quyền' : 'Ended', 'grey'),
    ...(o.canChange
      ? [
          !s.validTo || s.validTo >= o.today
            ? act(
                `${here}/signers/${encodeURIComponent(s.signerId)}/end-mandate`,
                { vi: 'Kết thúc thẩm quyền', en: 'End the mandate' },
                s.fullName,
              )
            : '',
        ]
      : []),
  ]),
  empty: { vi: 'Chưa đăng ký người ký.', en: 'No signers registered.' },
})}
<h2>${vi ? 'Đơn vị trực thuộc' : 'Units under this authority'}</h2>
${table(ctx.lang, {
  caption: { vi: 'Đơn vị trực thuộc và người kế thừa', en: 'Units and their successors' },
  columns: [
    { label: { vi: 'Mã', en: 'Code' } },
    { label: { vi: 'Tên', en: 'Name' } },
    { label: { vi: 'Loại', en: 'Kind' } },
    { label: { vi: 'Tình trạng', en: 'Status' } },
    ...(o.canChange ? [{ label: { vi: 'Thao tác', en: 'Acts' } }] : []),
  ],
  rows: o.subordinates.map((s): Html[] => [
    markup`<a href="${consoleBase(s.code)}/admin/directory">${s.code}</a>`,
    s.name,
    kindWords(ctx, s.kind),
    authorityEnd(ctx, s),
    ...(o.canChange
      ? [
          !s.end && (s.kind === 'centre' || s.kind === 'school' || s.kind === 'higher_education')
            ? act(
                `${here}/units/${encodeURIComponent(s.code)}/licences/new`,
                { vi: 'Cấp phép cấp chứng chỉ', en: 'Grant a licence' },
                s.code,
              )
            : '',
        ]
      : []),
  ]),
  empty: { vi: 'Không có đơn vị trực thuộc.', en: 'No units under this authority.' },
})}
<h2>${vi ? 'Giấy phép cấp chứng chỉ' : 'Licences to issue certificates'}</h2>
${licenceTable(
  ctx,
  {
    vi: 'Giấy phép của đơn vị và giấy phép đơn vị đã cấp (xét theo ngày của từng việc cấp)',
    en: 'Licences held and granted (judged on each act’s date)',
  },
  o.licences,
  o.today,
)}
<p><a href="${base}/admin">${vi ? '← Về quản trị' : '← Back to administration'}</a></p>`,
  });
}

export function unitFields(ctx: PageContext, v: FormValues, errors: readonly FieldError[]): SafeHtml {
  return markup`${textField(ctx.lang, { name: 'code', label: { vi: 'Mã đơn vị', en: 'Code' }, hint: { vi: '2–32 chữ in hoa, chữ số, gạch ngang, ví dụ PGD-TN', en: '2–32 capitals, digits, hyphens, e.g. PGD-TN' }, value: v['code'] ?? '', errors, short: true })}
${textField(ctx.lang, { name: 'name', label: { vi: 'Tên đơn vị', en: 'Name' }, value: v['name'] ?? '', errors })}
${selectField(ctx.lang, { name: 'kind', label: { vi: 'Loại đơn vị', en: 'Kind' }, value: v['kind'] ?? '', errors, options: [{ value: '', label: '' }, ...AUTHORITY_KINDS.filter((k) => k !== 'ministry').map((k) => ({ value: k, label: KIND_WORDS[k][ctx.lang] }))] })}
${dateField(ctx, 'registeredOn', { vi: 'Ngày bắt đầu hoạt động', en: 'Active from' }, v, errors)}
${textField(ctx.lang, { name: 'governingBody', label: { vi: 'Cơ quan chủ quản (in trên đầu văn bản, nếu có)', en: 'Governing body (letterhead, if any)' }, value: v['governingBody'] ?? '', errors })}`;
}

export const END_WORDS: Record<'merged' | 'abolished', Words> = {
  merged: { vi: 'Hợp nhất vào đơn vị cùng loại', en: 'Merged into an authority of the same kind' },
  abolished: { vi: 'Giải thể, chỉ định đơn vị kế thừa sổ gốc', en: 'Abolished, naming who keeps its registers' },
};

export function endFields(ctx: PageContext, v: FormValues, errors: readonly FieldError[]): SafeHtml {
  return markup`${selectField(ctx.lang, {
    name: 'how',
    label: { vi: 'Hình thức', en: 'How it ends' },
    value: v['how'] ?? '',
    errors,
    options: [
      { value: '', label: '' },
      { value: 'merged', label: END_WORDS.merged[ctx.lang] },
      { value: 'abolished', label: END_WORDS.abolished[ctx.lang] },
    ],
  })}
${textField(ctx.lang, { name: 'successorCode', label: { vi: 'Mã đơn vị kế thừa', en: 'Successor’s code' }, hint: { vi: 'Đơn vị giữ sổ gốc từ ngày có hiệu lực (quy tắc 32, 41)', en: 'It holds the registers from the effective date (rules 32, 41)' }, value: v['successorCode'] ?? '', errors, short: true })}
${dateField(ctx, 'effectiveOn', { vi: 'Ngày có hiệu lực', en: 'Effective on' }, v, errors)}
${textField(ctx.lang, { name: 'decisionRef', label: { vi: 'Số quyết định, nghị quyết', en: 'Decision or resolution' }, value: v['decisionRef'] ?? '', errors, short: true })}`;
}

export function signerFields(ctx: PageContext, v: FormValues, errors: readonly FieldError[]): SafeHtml {
  return markup`${textField(ctx.lang, { name: 'signerId', label: { vi: 'Mã người ký', en: 'Signer id' }, hint: { vi: 'Chữ thường không dấu, số, gạch ngang, ví dụ gd-nguyen-van-an', en: 'Lower-case letters, digits, hyphens, e.g. gd-nguyen-van-an' }, value: v['signerId'] ?? '', errors, short: true })}
${textField(ctx.lang, { name: 'fullName', label: { vi: 'Họ và tên', en: 'Full name' }, value: v['fullName'] ?? '', errors })}
${textField(ctx.lang, { name: 'title', label: { vi: 'Chức vụ', en: 'Title' }, hint: { vi: 'Ví dụ: Giám đốc, Phó Giám đốc', en: 'E.g. Giám đốc, Phó Giám đốc' }, value: v['title'] ?? '', errors })}
${selectField(ctx.lang, { name: 'role', label: { vi: 'Vai trò ký', en: 'Signing role' }, value: v['role'] ?? '', errors, options: [{ value: '', label: '' }, ...SIGNER_ROLES.map((r) => ({ value: r, label: SIGNER_ROLE_WORDS[r][ctx.lang] }))] })}
${dateField(ctx, 'validFrom', { vi: 'Ký từ ngày', en: 'Signs from' }, v, errors)}
${dateField(ctx, 'validTo', { vi: 'Ký đến ngày (nếu đã biết)', en: 'Signs until (if known)' }, v, errors, { vi: 'ngày/tháng/năm; để trống nếu chưa có', en: 'day/month/year; empty if not known' })}
${textField(ctx.lang, { name: 'delegationRef', label: { vi: 'Quyết định giao phụ trách', en: 'Delegation decision' }, hint: { vi: 'Bắt buộc với cấp phó được giao phụ trách (quy tắc 6)', en: 'Required for a deputy in charge (rule 6)' }, value: v['delegationRef'] ?? '', errors, short: true })}
${textField(ctx.lang, { name: 'officerId', label: { vi: 'Tài khoản cán bộ ghi nhận chữ ký (nếu có)', en: 'Officer account recording the signatures (if any)' }, value: v['officerId'] ?? '', errors, short: true })}`;
}

export function endMandateFields(ctx: PageContext, v: FormValues, errors: readonly FieldError[]): SafeHtml {
  return markup`${dateField(ctx, 'validTo', { vi: 'Ngày cuối cùng được ký', en: 'Last day of signing' }, v, errors)}
${textArea(ctx.lang, { name: 'reason', label: { vi: 'Lý do (quyết định nghỉ hưu, điều động…)', en: 'Reason (retirement, transfer…)' }, value: v['reason'] ?? '', errors })}`;
}

export function licenceFields(
  ctx: PageContext,
  v: FormValues,
  errors: readonly FieldError[],
  o: { kinds: readonly LicensableKind[]; scope: readonly string[] },
): SafeHtml {
  return markup`${textField(ctx.lang, { name: 'licenceId', label: { vi: 'Mã giấy phép', en: 'Licence id' }, hint: { vi: 'Chữ thường, chữ số, gạch ngang, ví dụ ttnn-hp-2026', en: 'Lower-case letters, digits, hyphens, e.g. ttnn-hp-2026' }, value: v['licenceId'] ?? '', errors, short: true })}
${textField(ctx.lang, { name: 'decisionRef', label: { vi: 'Số quyết định cấp phép, giao nhiệm vụ', en: 'Licensing decision' }, value: v['decisionRef'] ?? '', errors, short: true })}
${dateField(ctx, 'decisionDate', { vi: 'Ngày quyết định', en: 'Decision date' }, v, errors)}
${checkboxes(ctx, { name: 'scope', legend: { vi: 'Loại chứng chỉ được cấp', en: 'Kinds of certificate it may issue' }, options: o.kinds.map((k) => ({ value: k.code, label: `${k.code} — ${ctx.lang === 'vi' ? k.nameVi : k.nameEn}` })), checked: o.scope, errors })}
${dateField(ctx, 'validFrom', { vi: 'Hiệu lực từ ngày', en: 'Valid from' }, v, errors)}
${dateField(ctx, 'validTo', { vi: 'Hiệu lực đến hết ngày', en: 'Valid until (inclusive)' }, v, errors, { vi: 'ngày/tháng/năm; để trống nếu không thời hạn', en: 'day/month/year; empty if open-ended' })}`;
}

export function backToDirectory(ctx: PageContext): { href: string; label: Words } {
  return {
    href: `${consoleBase(ctx.authorityCode ?? '')}/admin/directory`,
    label: { vi: 'Quay lại danh mục', en: 'Back to the directory' },
  };
}
