import { MAX_TOKEN_LIFETIME_DAYS, OFFICER_ROLES, type AuthorityKind, type SignerRoleName } from '@so-goc/domain';
import type { AuthorityView, OfficerView } from '@so-goc/projections';
import {
  errorSummary,
  fieldId,
  form,
  linkButton,
  notice,
  pager,
  submit,
  summaryList,
  table,
  tag,
  textArea,
  textField,
  type FieldError,
} from '../ui/components';
import { markup, type SafeHtml, type Words } from '../ui/html';
import { consoleBase, page, roleName } from '../ui/layout';
import type { PageContext } from '../ui/page-context';
import { dmy, type FormValues } from './form-input';

export const OFFICERS_PAGE_SIZE = 50;

const ROLE_HINTS: Record<(typeof OFFICER_ROLES)[number], Words> = {
  registrar: { vi: 'nhận phôi, nhập quyết định, in, bàn giao, bản sao', en: 'blanks, decisions, printing, hand-over, copies' },
  signer: { vi: 'ký văn bằng và quyết định; cần mã xác thực hai lớp', en: 'signs diplomas and decisions; needs a second factor' },
  auditor: {
    vi: 'xem sổ, kiểm tra gian lận; không thấy số định danh, dân tộc',
    en: 'reads registers, audits; never sees national ID or ethnicity',
  },
  administrator: {
    vi: 'tài khoản, mã truy cập, danh mục đơn vị; cần mã xác thực hai lớp',
    en: 'accounts, tokens, directory; needs a second factor',
  },
};

export function adminNav(ctx: PageContext, current: 'officers' | 'directory' | 'holidays'): SafeHtml {
  const base = consoleBase(ctx.authorityCode ?? '');
  const items: [typeof current, string, Words][] = [
    ['officers', `${base}/admin`, { vi: 'Cán bộ và vai trò', en: 'Officers and roles' }],
    ['directory', `${base}/admin/directory`, { vi: 'Danh mục đơn vị', en: 'Authority directory' }],
    ['holidays', `${base}/admin/holidays`, { vi: 'Lịch nghỉ lễ', en: 'Holiday calendar' }],
  ];
  return markup`<nav class="subnav" aria-label="${ctx.lang === 'vi' ? 'Quản trị' : 'Administration'}"><ul>${items.map(
    ([key, href, label]) => markup`<li><a href="${href}"${key === current ? markup` aria-current="page"` : ''}>${label[ctx.lang]}</a></li>`,
  )}</ul></nav>`;
}

/** A group of checkboxes with a legend, GOV.UK style; the error (if any) is shown once for the group. */
export function checkboxes(
  ctx: PageContext,
  o: {
    name: string;
    legend: Words;
    options: readonly { value: string; label: string; hint?: string }[];
    checked: readonly string[];
    errors: readonly FieldError[];
  },
): SafeHtml {
  const error = o.errors.find((e) => e.field === o.name);
  const id = fieldId(o.name);
  return markup`<fieldset class="field${error ? ' has-error' : ''}" id="${id}"${error ? markup` aria-describedby="${id}-error"` : ''}><legend>${o.legend[ctx.lang]}</legend>
${error ? markup`<span class="field-error" id="${id}-error">${error.message}</span>` : ''}
<div class="checks">${o.options.map(
    (opt, i) =>
      markup`<label class="check"><input type="checkbox" name="${o.name}" value="${opt.value}" id="${id}-${i}"${o.checked.includes(opt.value) ? markup` checked` : ''}> <span>${opt.label}${opt.hint ? markup`<span class="hint">${opt.hint}</span>` : ''}</span></label>`,
  )}</div></fieldset>`;
}

function roleOptions(ctx: PageContext) {
  return OFFICER_ROLES.map((r) => ({ value: r, label: roleName(ctx, r), hint: ROLE_HINTS[r][ctx.lang] }));
}

export function officersPage(
  ctx: PageContext,
  o: { officers: readonly OfficerView[]; page: number; total: number; canChange: boolean },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  return page(ctx, {
    title: { vi: 'Cán bộ và vai trò', en: 'Officers and roles' },
    nav: 'admin',
    body: markup`${adminNav(ctx, 'officers')}<h1>${vi ? 'Cán bộ và vai trò' : 'Officers and roles'}</h1>
${o.canChange ? markup`<div class="actions">${linkButton(ctx.lang, `${base}/admin/officers/new`, { vi: 'Tạo tài khoản cán bộ', en: 'Create an officer account' }, 'primary')}</div>` : ''}
${table(ctx.lang, {
  caption: { vi: 'Tài khoản cán bộ của đơn vị', en: 'Officer accounts of this authority' },
  columns: [
    { label: { vi: 'Tên đăng nhập', en: 'Username' } },
    { label: { vi: 'Họ và tên', en: 'Full name' } },
    { label: { vi: 'Vai trò', en: 'Roles' } },
    { label: { vi: 'Mã truy cập còn hạn', en: 'Live tokens' }, num: true },
    { label: { vi: 'Trạng thái', en: 'State' } },
  ],
  rows: o.officers.map((off) => [
    markup`<a href="${base}/admin/officers/${encodeURIComponent(off.officerId)}">${off.username}</a>`,
    off.fullName,
    `${off.roles.map((r) => roleName(ctx, r)).join(', ')}${off.includeSubordinates ? (vi ? ' (cả đơn vị trực thuộc)' : ' (and units)') : ''}`,
    off.tokens.filter((t) => !t.revoked && t.expiresAt > new Date().toISOString()).length,
    off.disabled ? tag(vi ? 'Đã khoá' : 'Disabled', 'red') : tag(vi ? 'Đang hoạt động' : 'Active', 'green'),
  ]),
  empty: { vi: 'Chưa có cán bộ nào.', en: 'No officers yet.' },
})}
${pager(ctx.lang, { page: o.page, hasNext: o.page * OFFICERS_PAGE_SIZE < o.total, total: o.total, pageSize: OFFICERS_PAGE_SIZE, href: (p) => `${base}/admin?page=${p}` })}`,
  });
}

export function newOfficerPage(
  ctx: PageContext,
  o: { values: FormValues; roles: readonly string[]; errors: readonly FieldError[]; commandId?: string },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const v = o.values;
  const e = o.errors;
  return page(ctx, {
    title: { vi: 'Tạo tài khoản cán bộ', en: 'Create an officer account' },
    nav: 'admin',
    hasErrors: e.length > 0,
    body: markup`${errorSummary(ctx.lang, e)}${adminNav(ctx, 'officers')}<h1>${ctx.lang === 'vi' ? 'Tạo tài khoản cán bộ' : 'Create an officer account'}</h1>
${form(
  ctx,
  { action: `${base}/admin/officers/new`, ...(o.commandId ? { commandId: o.commandId } : {}) },
  markup`
${textField(ctx.lang, { name: 'officerId', label: { vi: 'Mã cán bộ', en: 'Officer id' }, hint: { vi: 'Chữ thường, số, gạch ngang; ví dụ cb-hp-vanbang-01. Không đổi được.', en: 'Lower case, digits, hyphens; e.g. cb-hp-vanbang-01. Cannot change.' }, value: v['officerId'] ?? '', errors: e, short: true })}
${textField(ctx.lang, { name: 'username', label: { vi: 'Tên đăng nhập', en: 'Username' }, hint: { vi: 'Ví dụ lan.nguyen', en: 'For example lan.nguyen' }, value: v['username'] ?? '', errors: e, short: true, autocomplete: 'off' })}
${textField(ctx.lang, { name: 'fullName', label: { vi: 'Họ và tên', en: 'Full name' }, value: v['fullName'] ?? '', errors: e })}
${checkboxes(ctx, { name: 'roles', legend: { vi: 'Vai trò', en: 'Roles' }, options: roleOptions(ctx), checked: o.roles, errors: e })}
${checkboxes(ctx, { name: 'includeSubordinates', legend: { vi: 'Phạm vi', en: 'Scope' }, options: [{ value: 'yes', label: ctx.lang === 'vi' ? 'Làm việc cả cho các đơn vị trực thuộc (chỉ dành cho Sở)' : 'Also works for the units under this authority (a Sở only)' }], checked: v['includeSubordinates'] === 'yes' ? ['yes'] : [], errors: e })}
${textField(ctx.lang, { name: 'password', type: 'password', label: { vi: 'Mật khẩu ban đầu', en: 'Initial password' }, hint: { vi: 'Ít nhất 12 ký tự; trao tận tay cán bộ.', en: 'At least 12 characters; hand it over in person.' }, errors: e, autocomplete: 'new-password' })}
${checkboxes(ctx, { name: 'withTotp', legend: { vi: 'Xác thực hai lớp', en: 'Second factor' }, options: [{ value: 'yes', label: ctx.lang === 'vi' ? 'Cấp mã xác thực (bắt buộc với người ký và quản trị)' : 'Enrol an authenticator (required for signers and administrators)' }], checked: v['withTotp'] === 'yes' ? ['yes'] : [], errors: e })}
<div class="actions">${submit(ctx.lang, { vi: 'Tạo tài khoản', en: 'Create the account' })}<a href="${base}/admin">${ctx.lang === 'vi' ? 'Huỷ bỏ' : 'Cancel'}</a></div>`,
)}`,
  });
}

/** Shown once, right after it is made: the secret is stored only sealed and cannot be shown again. */
export function secretOncePage(
  ctx: PageContext,
  o: { title: Words; lead: Words; secret: string; qrSvgDataUri?: string; officerId: string; extra?: Words },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  return page(ctx, {
    title: o.title,
    nav: 'admin',
    body: markup`${adminNav(ctx, 'officers')}<h1>${o.title[ctx.lang]}</h1>
<div class="warning-text">${vi ? 'Chỉ hiện một lần. Hệ thống không lưu bản rõ; rời trang này là không xem lại được.' : 'Shown once. The registry keeps no clear copy; once you leave this page it cannot be shown again.'}</div>
<p>${o.lead[ctx.lang]}</p>
${o.qrSvgDataUri ? markup`<p><img src="${o.qrSvgDataUri}" width="220" height="220" alt="${vi ? 'Mã QR để quét bằng ứng dụng xác thực' : 'QR code to scan with an authenticator app'}"></p>` : ''}
<p><code class="secret" data-secret>${o.secret}</code></p>
${o.extra ? markup`<p>${o.extra[ctx.lang]}</p>` : ''}
<p>${linkButton(ctx.lang, `${base}/admin/officers/${encodeURIComponent(o.officerId)}`, { vi: 'Đã ghi lại, tiếp tục', en: 'Noted, continue' }, 'primary')}</p>`,
  });
}

export function officerPage(
  ctx: PageContext,
  o: {
    officer: OfficerView;
    values: FormValues;
    roles?: readonly string[];
    errors: readonly FieldError[];
    done?: string;
    canChange: boolean;
  },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  const off = o.officer;
  const e = o.errors;
  const path = `${base}/admin/officers/${encodeURIComponent(off.officerId)}`;
  const now = new Date().toISOString();
  return page(ctx, {
    title: { vi: `Cán bộ ${off.username}`, en: `Officer ${off.username}` },
    nav: 'admin',
    hasErrors: e.length > 0,
    body: markup`${o.done ? notice(o.done) : ''}${errorSummary(ctx.lang, e)}${adminNav(ctx, 'officers')}<p class="hint">${vi ? 'Tài khoản cán bộ' : 'Officer account'}</p><h1>${off.fullName}</h1>
${summaryList(ctx.lang, [
  [{ vi: 'Tên đăng nhập', en: 'Username' }, off.username],
  [{ vi: 'Mã cán bộ', en: 'Officer id' }, off.officerId],
  [{ vi: 'Vai trò', en: 'Roles' }, off.roles.map((r) => roleName(ctx, r)).join(', ')],
  [
    { vi: 'Phạm vi', en: 'Scope' },
    off.includeSubordinates
      ? vi
        ? 'Đơn vị và các đơn vị trực thuộc'
        : 'This authority and its units'
      : vi
        ? 'Chỉ đơn vị này'
        : 'This authority only',
  ],
  [
    { vi: 'Trạng thái', en: 'State' },
    off.disabled ? tag(vi ? 'Đã khoá' : 'Disabled', 'red') : tag(vi ? 'Đang hoạt động' : 'Active', 'green'),
  ],
])}
<h2>${vi ? 'Mã truy cập cho hệ thống tích hợp' : 'API tokens for integrations'}</h2>
${table(ctx.lang, {
  caption: { vi: 'Mã truy cập (chỉ mã số, không bao giờ hiện lại bí mật)', en: 'Tokens (ids only; the secret is never shown again)' },
  columns: [
    { label: { vi: 'Mã số', en: 'Token id' } },
    { label: { vi: 'Cấp ngày', en: 'Issued' } },
    { label: { vi: 'Hết hạn', en: 'Expires' } },
    { label: { vi: 'Trạng thái', en: 'State' } },
    { label: { vi: 'Thao tác', en: 'Action' } },
  ],
  rows: off.tokens.map((t) => [
    markup`<code>${t.tokenId}</code>`,
    dmy(t.issuedAt.slice(0, 10)),
    dmy(t.expiresAt.slice(0, 10)),
    t.revoked
      ? tag(vi ? 'Đã thu hồi' : 'Revoked', 'grey')
      : t.expiresAt <= now
        ? tag(vi ? 'Hết hạn' : 'Expired', 'grey')
        : tag(vi ? 'Còn hạn' : 'Live', 'green'),
    !t.revoked && t.expiresAt > now && o.canChange && !off.disabled
      ? form(
          ctx,
          {
            action: `${path}/tokens/${encodeURIComponent(t.tokenId)}/revoke`,
            label: { vi: `Thu hồi mã ${t.tokenId}`, en: `Revoke token ${t.tokenId}` },
          },
          markup`<input type="hidden" name="reason" value="${vi ? 'Thu hồi từ trang quản trị' : 'Revoked from the console'}"><button type="submit" class="button secondary small">${vi ? 'Thu hồi' : 'Revoke'}</button>`,
        )
      : '',
  ]),
  empty: { vi: 'Chưa cấp mã truy cập nào.', en: 'No tokens issued.' },
})}
${
  o.canChange && !off.disabled
    ? markup`<div class="card">${form(
        ctx,
        { action: `${path}/tokens`, label: { vi: 'Cấp mã truy cập', en: 'Issue a token' } },
        markup`${textField(ctx.lang, { name: 'lifetimeDays', label: { vi: 'Thời hạn (ngày)', en: 'Lifetime (days)' }, hint: { vi: `Từ 1 đến ${MAX_TOKEN_LIFETIME_DAYS} ngày.`, en: `1 to ${MAX_TOKEN_LIFETIME_DAYS} days.` }, value: o.values['lifetimeDays'] ?? '30', errors: e, short: true, inputmode: 'numeric' })}
<div class="actions">${submit(ctx.lang, { vi: 'Cấp mã truy cập', en: 'Issue a token' }, 'secondary')}</div>`,
      )}</div>
<h2>${vi ? 'Đổi vai trò' : 'Change roles'}</h2>
<div class="card">${form(
        ctx,
        { action: `${path}/roles`, label: { vi: 'Đổi vai trò', en: 'Change roles' } },
        markup`${checkboxes(ctx, { name: 'roles', legend: { vi: 'Vai trò', en: 'Roles' }, options: roleOptions(ctx), checked: o.roles ?? off.roles, errors: e })}
${checkboxes(ctx, { name: 'includeSubordinates', legend: { vi: 'Phạm vi', en: 'Scope' }, options: [{ value: 'yes', label: vi ? 'Làm việc cả cho các đơn vị trực thuộc' : 'Also works for the units under this authority' }], checked: (o.roles ? o.values['includeSubordinates'] === 'yes' : off.includeSubordinates) ? ['yes'] : [], errors: e })}
<div class="actions">${submit(ctx.lang, { vi: 'Lưu vai trò', en: 'Save roles' }, 'secondary')}</div>`,
      )}</div>
<h2>${vi ? 'Khoá tài khoản' : 'Disable the account'}</h2>
<div class="card">${form(
        ctx,
        { action: `${path}/disable`, label: { vi: 'Khoá tài khoản', en: 'Disable the account' } },
        markup`<p>${vi ? 'Khoá là ngay lập tức: mọi phiên đăng nhập của cán bộ bị từ chối ở mọi máy chủ, mọi mã truy cập thôi hiệu lực. Các thao tác đã ghi vẫn giữ nguyên tên cán bộ.' : 'Disabling is immediate: every console session of the officer is refused on every node and every token stops working. Acts already recorded keep the officer’s name.'}</p>
${textArea(ctx.lang, { name: 'reason', label: { vi: 'Lý do', en: 'Reason' }, value: o.values['reason'] ?? '', errors: e })}
<div class="actions">${submit(ctx.lang, { vi: 'Khoá tài khoản', en: 'Disable the account' }, 'warning')}</div>`,
      )}</div>`
    : ''
}
<p><a href="${base}/admin">${vi ? '← Tất cả cán bộ' : '← All officers'}</a></p>`,
  });
}

export const KIND_WORDS: Record<AuthorityKind, Words> = {
  ministry: { vi: 'Bộ Giáo dục và Đào tạo', en: 'Ministry' },
  province_department: { vi: 'Sở GDĐT', en: 'Provincial department' },
  district_office: { vi: 'Phòng GDĐT', en: 'District office' },
  commune_committee: { vi: 'UBND xã, phường', en: 'Commune committee' },
  school: { vi: 'Trường', en: 'School' },
  centre: { vi: 'Trung tâm ngoại ngữ, tin học', en: 'Language or IT centre' },
  higher_education: { vi: 'Cơ sở giáo dục đại học', en: 'Higher-education institution' },
};

export const SIGNER_ROLE_WORDS: Record<SignerRoleName, Words> = {
  head: { vi: 'Thủ trưởng', en: 'Head' },
  deputy_in_charge: { vi: 'Cấp phó được giao', en: 'Deputy in charge' },
};

export const kindWords = (ctx: PageContext, kind: string): string =>
  (KIND_WORDS as Record<string, Words | undefined>)[kind]?.[ctx.lang] ?? kind;

export function authorityEnd(ctx: PageContext, a: AuthorityView): string {
  if (!a.end) return ctx.lang === 'vi' ? 'Đang hoạt động' : 'Active';
  const how =
    a.end.how === 'merged'
      ? ctx.lang === 'vi'
        ? 'Hợp nhất vào'
        : 'Merged into'
      : ctx.lang === 'vi'
        ? 'Giải thể, kế thừa bởi'
        : 'Abolished, succeeded by';
  return `${how} ${a.end.successorCode} (${dmy(a.end.effectiveOn)}, ${a.end.decisionRef})`;
}

export function holidaysPage(
  ctx: PageContext,
  o: {
    year: number;
    published: boolean;
    holidays: readonly { date: string; name: string }[];
    makeUp: readonly { date: string; name: string }[];
    canPublish: boolean;
    values: FormValues;
    errors: readonly FieldError[];
    done?: string;
    commandId?: string;
  },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  const e = o.errors;
  const days = (list: readonly { date: string; name: string }[]) => list.map((d) => `${dmy(d.date)} ${d.name}`).join('\n');
  return page(ctx, {
    title: { vi: 'Lịch nghỉ lễ', en: 'Holiday calendar' },
    nav: 'admin',
    hasErrors: e.length > 0,
    body: markup`${o.done ? notice(o.done) : ''}${errorSummary(ctx.lang, e)}${adminNav(ctx, 'holidays')}<h1>${vi ? `Lịch nghỉ lễ năm ${o.year}` : `Holiday calendar ${o.year}`}</h1>
<p>${vi ? 'Thời hạn cấp bản sao và chỉnh sửa được tính theo ngày làm việc trên lịch này (quy tắc 49).' : 'Due times for copies and corrections count working days on this calendar (rule 49).'}</p>
<form method="get" action="${base}/admin/holidays" class="inline-search">${textField(ctx.lang, { name: 'year', label: { vi: 'Năm', en: 'Year' }, value: String(o.year), short: true, inputmode: 'numeric' })}<div class="actions">${submit(ctx.lang, { vi: 'Xem', en: 'Show' }, 'secondary')}</div></form>
${o.published ? '' : markup`<div class="warning-text">${vi ? `Chưa công bố lịch năm ${o.year}: thời hạn tính theo thứ Bảy, Chủ nhật.` : `${o.year} is not published: due times count only weekends.`}</div>`}
${table(ctx.lang, {
  caption: { vi: 'Ngày nghỉ lễ, nghỉ bù', en: 'Holidays and days off' },
  columns: [{ label: { vi: 'Ngày', en: 'Date' } }, { label: { vi: 'Tên', en: 'Name' } }],
  rows: o.holidays.map((d) => [dmy(d.date), d.name]),
  empty: { vi: 'Không có ngày nghỉ nào được ghi.', en: 'No holidays recorded.' },
})}
${table(ctx.lang, {
  caption: { vi: 'Ngày làm bù (thứ Bảy đi làm)', en: 'Make-up working days' },
  columns: [{ label: { vi: 'Ngày', en: 'Date' } }, { label: { vi: 'Tên', en: 'Name' } }],
  rows: o.makeUp.map((d) => [dmy(d.date), d.name]),
  empty: { vi: 'Không có ngày làm bù.', en: 'No make-up days.' },
})}
${
  o.canPublish
    ? markup`<h2>${o.published ? (vi ? 'Đính chính lịch năm này' : 'Amend this year') : vi ? 'Công bố lịch năm này' : 'Publish this year'}</h2>
${form(
  ctx,
  { action: `${base}/admin/holidays`, ...(o.commandId ? { commandId: o.commandId } : {}) },
  markup`<input type="hidden" name="year" value="${String(o.year)}">
${textArea(ctx.lang, { name: 'holidays', label: { vi: 'Ngày nghỉ', en: 'Holidays' }, hint: { vi: 'Mỗi dòng: ngày/tháng/năm rồi tên, ví dụ 26/01/2028 Tết Nguyên đán.', en: 'One a line: day/month/year then the name, e.g. 26/01/2028 Tết Nguyên đán.' }, value: o.values['holidays'] ?? days(o.holidays), errors: e })}
${textArea(ctx.lang, { name: 'makeUpWorkingDays', label: { vi: 'Ngày làm bù', en: 'Make-up working days' }, hint: { vi: 'Cùng cách viết; có thể để trống.', en: 'Same form; may be empty.' }, value: o.values['makeUpWorkingDays'] ?? days(o.makeUp), errors: e })}
${textField(ctx.lang, { name: 'source', label: { vi: 'Căn cứ (thông báo của Bộ Nội vụ)', en: 'Source (Ministry of Home Affairs notice)' }, value: o.values['source'] ?? '', errors: e })}
<div class="actions">${submit(ctx.lang, o.published ? { vi: 'Đính chính lịch', en: 'Amend the calendar' } : { vi: 'Công bố lịch', en: 'Publish the calendar' })}</div>`,
)}`
    : markup`<p class="hint">${vi ? 'Lịch nghỉ lễ toàn quốc do quản trị viên của Bộ công bố.' : 'The national calendar is published by the Ministry’s administrators.'}</p>`
}`,
  });
}
