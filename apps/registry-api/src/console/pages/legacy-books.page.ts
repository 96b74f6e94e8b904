import { DIPLOMA_KINDS, LEGACY_ENTRY_FIELDS, type LegacyEntryField } from '@so-goc/domain';
import type { CoverageRow, LegacyBookRow, LegacyPageEntry } from '@so-goc/projections';
import {
  errorSummary,
  fieldId,
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
import { count } from './blanks.page';
import type { FormValues } from './form-input';
import { maySeeIdentifiers } from './register.page';

export const FIELD_WORDS: Record<LegacyEntryField, Words> = {
  registerNumber: { vi: 'Số vào sổ', en: 'Register no.' },
  serial: { vi: 'Số hiệu', en: 'Serial' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  birthDate: { vi: 'Ngày sinh', en: 'Born' },
  birthPlace: { vi: 'Nơi sinh', en: 'Birthplace' },
  sex: { vi: 'Giới tính', en: 'Sex' },
  ethnicity: { vi: 'Dân tộc', en: 'Ethnicity' },
  school: { vi: 'Trường', en: 'School' },
  classification: { vi: 'Xếp loại', en: 'Classification' },
  issueDate: { vi: 'Ngày cấp', en: 'Issued on' },
  signerName: { vi: 'Người ký', en: 'Signer' },
  signerTitle: { vi: 'Chức vụ người ký', en: 'Signer’s title' },
  remarks: { vi: 'Ghi chú', en: 'Remarks' },
};

const STATUS: Record<LegacyPageEntry['status'], Words & { colour: 'amber' | 'red' | 'green' }> = {
  unchecked: { vi: 'Chờ soát', en: 'Awaiting check', colour: 'amber' },
  disputed: { vi: 'Lệch, cần xem lại', en: 'Disputed', colour: 'red' },
  checked: { vi: 'Đã soát', en: 'Checked', colour: 'green' },
};

const KIND_OPTIONS = () => DIPLOMA_KINDS.map((k) => ({ value: k, label: k }));

/** "?" for a field the ink does not let anyone read, "-" for one the book left empty: typed without leaving the keyboard. */
export const MARK_KEYS = { illegible: '?', blank: '-' } as const;

function legacyTabs(ctx: PageContext, current: 'books' | 'hand-over'): SafeHtml {
  const base = consoleBase(ctx.authorityCode ?? '');
  const items: [typeof current, string, Words][] = [
    ['books', `${base}/legacy-books`, { vi: 'Sổ đang số hoá', en: 'Books being digitised' }],
    ['hand-over', `${base}/legacy-books/hand-over`, { vi: 'Nhận bàn giao sổ', en: 'Receive books handed over' }],
  ];
  return markup`<nav class="subnav" aria-label="${ctx.lang === 'vi' ? 'Số hoá sổ cũ' : 'Old registers'}"><ul>${items.map(
    ([key, href, label]) => markup`<li><a href="${href}"${key === current ? markup` aria-current="page"` : ''}>${label[ctx.lang]}</a></li>`,
  )}</ul></nav>`;
}

export function legacyBooksPage(
  ctx: PageContext,
  o: {
    books: readonly (LegacyBookRow & { entries: number; checked: number })[];
    coverage: readonly CoverageRow[];
    values: FormValues;
    errors: readonly FieldError[];
    done?: string;
    commandId?: string;
    rowProblems?: readonly { row: number; column: string; messageVi: string; messageEn: string }[];
  },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  const v = o.values;
  const e = o.errors;
  const importForm =
    ctx.actingRole === 'registrar'
      ? markup`<h2>${vi ? 'Nhập các dòng đã gõ từ Excel' : 'Import typed lines from Excel'}</h2>
<p class="hint">${vi ? 'Mỗi dòng ghi rõ sổ, trang, dòng. Tệp có dòng lỗi thì không dòng nào được ghi; gửi lại cùng tệp không ghi trùng.' : 'Each row names its book, page and line. A sheet with a bad row records nothing; sending the same sheet again records nothing twice.'}</p>
${
  o.rowProblems && o.rowProblems.length > 0
    ? table(ctx.lang, {
        caption: { vi: 'Các dòng lỗi, theo số dòng Excel', en: 'Bad rows, by Excel row number' },
        columns: [
          { label: { vi: 'Dòng', en: 'Row' }, num: true },
          { label: { vi: 'Cột', en: 'Column' } },
          { label: { vi: 'Lỗi', en: 'Problem' } },
        ],
        rows: o.rowProblems.map((p) => [p.row, p.column, vi ? p.messageVi : p.messageEn]),
      })
    : ''
}
${form(
  ctx,
  { action: `${base}/legacy-books/import`, multipart: true, label: { vi: 'Nhập từ Excel', en: 'Import from Excel' } },
  markup`${fileField(ctx.lang, { name: 'sheet', label: { vi: 'Tệp Excel (.xlsx)', en: 'Excel file (.xlsx)' }, accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', errors: e })}
<div class="actions">${submit(ctx.lang, { vi: 'Kiểm tra và nhập', en: 'Check and import' }, 'secondary')}</div>`,
)}`
      : '';
  return page(ctx, {
    title: { vi: 'Số hoá sổ gốc cũ', en: 'Digitising old registers' },
    nav: 'legacy',
    hasErrors: e.length > 0,
    body: markup`${o.done ? notice(o.done) : ''}${errorSummary(ctx.lang, e)}${legacyTabs(ctx, 'books')}<h1>${vi ? 'Số hoá sổ gốc giấy' : 'Digitising paper registers'}</h1>
<p>${vi ? 'Mỗi dòng được chép đúng như trong sổ và chỉ có giá trị khi một cán bộ khác đã soát với bản quét (quy tắc 58–61).' : 'Each line is typed as written and counts only once another officer has checked it against the scan (rules 58–61).'}</p>
${table(ctx.lang, {
  caption: { vi: 'Các quyển sổ của đơn vị và sổ được bàn giao', en: 'Books of this authority and books handed to it' },
  columns: [
    { label: { vi: 'Sổ', en: 'Book' } },
    { label: { vi: 'Loại', en: 'Kind' } },
    { label: { vi: 'Năm', en: 'Year' }, num: true },
    { label: { vi: 'Tập', en: 'Volume' }, num: true },
    { label: { vi: 'Đơn vị cấp', en: 'Issuer' } },
    { label: { vi: 'Số dòng đã chép', en: 'Lines typed' }, num: true },
    { label: { vi: 'Đã soát', en: 'Checked' }, num: true },
  ],
  rows: o.books.map((b) => [
    markup`<a href="${base}/legacy-books/${encodeURIComponent(b.bookId)}">${b.titleAsWritten}</a>`,
    b.kind,
    b.year,
    b.volume,
    b.authorityCode === b.custodianCode ? b.authorityCode : `${b.authorityCode} → ${b.custodianCode}`,
    count(ctx, b.entries),
    count(ctx, b.checked),
  ]),
  empty: { vi: 'Chưa đăng ký quyển sổ nào.', en: 'No books registered yet.' },
})}
<h2>${vi ? 'Phạm vi dữ liệu đang giữ' : 'Coverage held'}</h2>
${table(ctx.lang, {
  caption: {
    vi: 'Theo loại và năm: cấp trong hệ thống, đã số hoá và soát, chưa soát',
    en: 'By kind and year: issued here, digitised and checked, unchecked',
  },
  columns: [
    { label: { vi: 'Loại', en: 'Kind' } },
    { label: { vi: 'Năm', en: 'Year' }, num: true },
    { label: { vi: 'Cấp trong hệ thống', en: 'Issued here' }, num: true },
    { label: { vi: 'Đã soát', en: 'Checked' }, num: true },
    { label: { vi: 'Chưa soát', en: 'Unchecked' }, num: true },
  ],
  rows: o.coverage.map((c) => [c.kind, c.year, count(ctx, c.issued), count(ctx, c.digitisedChecked), count(ctx, c.digitisedUnchecked)]),
  empty: { vi: 'Chưa có dữ liệu.', en: 'Nothing held yet.' },
})}
${
  ctx.actingRole === 'registrar'
    ? markup`<h2>${vi ? 'Đăng ký một quyển sổ' : 'Register a book'}</h2>
${form(
  ctx,
  {
    action: `${base}/legacy-books`,
    ...(o.commandId ? { commandId: o.commandId } : {}),
    label: { vi: 'Đăng ký sổ', en: 'Register a book' },
  },
  markup`
${textField(ctx.lang, { name: 'authorityCode', label: { vi: 'Đơn vị cấp (mã)', en: 'Issuing authority (code)' }, hint: { vi: 'Để trống nếu là sổ của đơn vị này; có thể là đơn vị đã giải thể, sáp nhập.', en: 'Empty for this authority’s own; may be one abolished or merged.' }, value: v['authorityCode'] ?? '', errors: e, short: true })}
${selectField(ctx.lang, { name: 'kind', label: { vi: 'Loại văn bằng', en: 'Kind of diploma' }, value: v['kind'] ?? 'THPT', errors: e, options: KIND_OPTIONS() })}
${textField(ctx.lang, { name: 'titleAsWritten', label: { vi: 'Tên sổ như ghi trên bìa', en: 'Title as written on the cover' }, hint: { vi: 'Ví dụ: Sổ gốc cấp bằng tốt nghiệp phổ thông trung học.', en: 'E.g. Sổ gốc cấp bằng tốt nghiệp phổ thông trung học.' }, value: v['titleAsWritten'] ?? '', errors: e })}
${textField(ctx.lang, { name: 'year', label: { vi: 'Năm', en: 'Year' }, value: v['year'] ?? '', errors: e, short: true, inputmode: 'numeric' })}
${textField(ctx.lang, { name: 'volume', label: { vi: 'Tập', en: 'Volume' }, value: v['volume'] ?? '1', errors: e, short: true, inputmode: 'numeric' })}
${textField(ctx.lang, { name: 'pageCount', label: { vi: 'Số trang', en: 'Pages' }, value: v['pageCount'] ?? '', errors: e, short: true, inputmode: 'numeric' })}
<div class="actions">${submit(ctx.lang, { vi: 'Đăng ký sổ', en: 'Register the book' })}</div>`,
)}`
    : ''
}
${importForm}`,
  });
}

export function legacyBookPage(
  ctx: PageContext,
  o: {
    book: LegacyBookRow;
    pages: readonly { page: number; scans: number; unchecked: number; disputed: number; checked: number }[];
    typists: readonly { officer: string; typed: number }[];
    checkers: readonly { officer: string; checked: number }[];
    disputes: readonly { entryId: string; field: string; typed: unknown; readingOnScan: string; disputedBy: string }[];
    errors: readonly FieldError[];
    done?: string;
  },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  const b = o.book;
  const bookPath = `${base}/legacy-books/${encodeURIComponent(b.bookId)}`;
  const sensitive = maySeeIdentifiers(ctx.actingRole);
  return page(ctx, {
    title: { vi: 'Quyển sổ', en: 'Register book' },
    nav: 'legacy',
    hasErrors: o.errors.length > 0,
    body: markup`${o.done ? notice(o.done) : ''}${errorSummary(ctx.lang, o.errors)}${legacyTabs(ctx, 'books')}<p class="hint">${b.kind} · ${b.year} · ${vi ? 'tập' : 'volume'} ${b.volume}</p><h1>${b.titleAsWritten}</h1>
${summaryList(ctx.lang, [
  [{ vi: 'Đơn vị cấp', en: 'Issuer' }, b.authorityCode],
  [{ vi: 'Đơn vị đang giữ sổ', en: 'Custodian' }, b.custodianCode],
  [{ vi: 'Số trang', en: 'Pages' }, count(ctx, b.pageCount)],
])}
${
  ctx.actingRole === 'registrar'
    ? markup`<div class="card">${form(
        ctx,
        { action: `${bookPath}/go`, label: { vi: 'Mở trang', en: 'Open a page' } },
        markup`${textField(ctx.lang, { name: 'page', label: { vi: 'Mở trang số', en: 'Open page number' }, hint: { vi: `1 đến ${b.pageCount}.`, en: `1 to ${b.pageCount}.` }, value: '', errors: o.errors, short: true, inputmode: 'numeric' })}
<div class="actions">${submit(ctx.lang, { vi: 'Chép trang này', en: 'Type this page' })}<button type="submit" class="button secondary" name="mode" value="check">${vi ? 'Soát trang này' : 'Check this page'}</button></div>`,
      )}</div>`
    : ''
}
${table(ctx.lang, {
  caption: { vi: 'Tiến độ theo trang', en: 'Progress by page' },
  columns: [
    { label: { vi: 'Trang', en: 'Page' }, num: true },
    { label: { vi: 'Bản quét', en: 'Scans' }, num: true },
    { label: { vi: 'Chờ soát', en: 'Unchecked' }, num: true },
    { label: { vi: 'Lệch', en: 'Disputed' }, num: true },
    { label: { vi: 'Đã soát', en: 'Checked' }, num: true },
  ],
  rows: o.pages.map((p) => [
    ctx.actingRole === 'registrar' ? markup`<a href="${bookPath}/pages/${p.page}">${p.page}</a>` : p.page,
    p.scans,
    p.unchecked,
    p.disputed,
    p.checked,
  ]),
  empty: { vi: 'Chưa chép dòng nào.', en: 'No lines typed yet.' },
})}
<h2>${vi ? 'Tiến độ theo cán bộ' : 'Progress by officer'}</h2>
${table(ctx.lang, {
  caption: { vi: 'Ai chép, ai soát', en: 'Who typed, who checked' },
  columns: [
    { label: { vi: 'Cán bộ', en: 'Officer' } },
    { label: { vi: 'Đã chép', en: 'Typed' }, num: true },
    { label: { vi: 'Đã soát', en: 'Checked' }, num: true },
  ],
  rows: [...new Set([...o.typists.map((t) => t.officer), ...o.checkers.map((c) => c.officer)])].map((officer) => [
    officer,
    o.typists.find((t) => t.officer === officer)?.typed ?? 0,
    o.checkers.find((c) => c.officer === officer)?.checked ?? 0,
  ]),
  empty: { vi: 'Chưa có ai.', en: 'No one yet.' },
})}
<h2>${vi ? 'Dòng lệch cần người thứ ba xem' : 'Disagreements for a third look'}</h2>
${table(ctx.lang, {
  caption: { vi: 'Người soát đọc khác người chép', en: 'Where the checker read otherwise' },
  columns: [
    { label: { vi: 'Dòng', en: 'Line' } },
    { label: { vi: 'Trường', en: 'Field' } },
    { label: { vi: 'Đã chép', en: 'Typed' } },
    { label: { vi: 'Đọc trên bản quét', en: 'Read on the scan' } },
    { label: { vi: 'Người soát', en: 'Checker' } },
  ],
  rows: o.disputes.map((d) => {
    const hidden = !sensitive && d.field === 'ethnicity';
    return [
      d.entryId,
      FIELD_WORDS[d.field as LegacyEntryField]?.[ctx.lang] ?? d.field,
      hidden ? '•••' : String(d.typed ?? '—'),
      hidden ? '•••' : d.readingOnScan,
      d.disputedBy,
    ];
  }),
  empty: { vi: 'Không có dòng lệch.', en: 'No disagreements.' },
})}`,
  });
}

function scanPane(
  ctx: PageContext,
  bookPath: string,
  pageNo: number,
  scans: readonly { sha256: string; mediaType: string }[],
  uploadErrors: readonly FieldError[],
): SafeHtml {
  const vi = ctx.lang === 'vi';
  return markup`<section class="scan-pane" aria-label="${vi ? 'Bản quét trang sổ' : 'Scan of the page'}">
${scans.map((s) =>
  s.mediaType === 'application/pdf'
    ? markup`<p><a href="${bookPath}/scans/${s.sha256}" target="_blank" rel="noopener">${vi ? 'Mở bản quét (PDF)' : 'Open the scan (PDF)'}</a></p>`
    : markup`<a href="${bookPath}/scans/${s.sha256}" target="_blank" rel="noopener"><img src="${bookPath}/scans/${s.sha256}" alt="${vi ? `Bản quét trang ${pageNo}` : `Scan of page ${pageNo}`}"></a>`,
)}
${scans.length === 0 ? markup`<p class="hint">${vi ? 'Trang này chưa có bản quét.' : 'No scan of this page yet.'}</p>` : ''}
${form(
  ctx,
  { action: `${bookPath}/pages/${pageNo}/scans`, multipart: true, label: { vi: 'Tải bản quét', en: 'Upload a scan' } },
  markup`${fileField(ctx.lang, { name: 'file', label: { vi: 'Thêm bản quét (JPEG, PNG, PDF)', en: 'Add a scan (JPEG, PNG, PDF)' }, accept: 'image/jpeg,image/png,application/pdf', errors: uploadErrors })}
<div class="actions">${submit(ctx.lang, { vi: 'Tải lên', en: 'Upload' }, 'secondary')}</div>`,
)}
</section>`;
}

/**
 * The typist's page: the scan beside a one-line form, keyboard-first. The first field has focus; Tab
 * walks the fields in the book's column order; Enter records the line and brings the next one.
 */
export function typingPage(
  ctx: PageContext,
  o: {
    book: LegacyBookRow;
    page: number;
    scans: readonly { sha256: string; mediaType: string }[];
    entries: readonly LegacyPageEntry[];
    values: FormValues;
    errors: readonly FieldError[];
    uploadErrors?: readonly FieldError[];
    done?: string;
    commandId?: string;
  },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  const bookPath = `${base}/legacy-books/${encodeURIComponent(o.book.bookId)}`;
  const nextLine = String((o.entries.at(-1)?.line ?? 0) + 1);
  const v = o.values;
  const sensitive = maySeeIdentifiers(ctx.actingRole);
  return page(ctx, {
    title: { vi: `Chép trang ${o.page}`, en: `Type page ${o.page}` },
    nav: 'legacy',
    hasErrors: o.errors.length > 0 || (o.uploadErrors?.length ?? 0) > 0,
    body: markup`${o.done ? notice(o.done) : ''}${errorSummary(ctx.lang, [...o.errors, ...(o.uploadErrors ?? [])])}<p class="hint">${o.book.titleAsWritten} · ${o.book.year} · ${vi ? 'tập' : 'vol.'} ${o.book.volume}</p>
<h1>${vi ? `Chép trang ${o.page}` : `Type page ${o.page}`}</h1>
<div class="actions">${o.page > 1 ? markup`<a href="${bookPath}/pages/${o.page - 1}">${vi ? '← Trang trước' : '← Previous page'}</a>` : ''}
${o.page < o.book.pageCount ? markup`<a href="${bookPath}/pages/${o.page + 1}">${vi ? 'Trang sau →' : 'Next page →'}</a>` : ''}
<a href="${bookPath}/pages/${o.page}/check">${vi ? 'Soát trang này' : 'Check this page'}</a><a href="${bookPath}">${vi ? 'Về quyển sổ' : 'Back to the book'}</a></div>
<div class="split">
${scanPane(ctx, bookPath, o.page, o.scans, o.uploadErrors ?? [])}
<section class="entry-pane" aria-label="${vi ? 'Chép một dòng' : 'Type one line'}">
<p class="hint">${vi ? `Chép đúng như ghi trong sổ. Gõ ${MARK_KEYS.illegible} nếu không đọc được, ${MARK_KEYS.blank} nếu sổ để trống. Ngày sinh có thể chỉ có năm hoặc tháng/năm. Enter để ghi dòng.` : `Type exactly as written. Type ${MARK_KEYS.illegible} if illegible, ${MARK_KEYS.blank} if the book left it blank. A birth date may be a year or month/year. Enter records the line.`}</p>
${form(
  ctx,
  {
    action: `${bookPath}/pages/${o.page}/entries`,
    ...(o.commandId ? { commandId: o.commandId } : {}),
    label: { vi: 'Chép một dòng', en: 'Type one line' },
  },
  markup`<div class="entry-grid">
${textField(ctx.lang, { name: 'line', label: { vi: 'Dòng', en: 'Line' }, value: v['line'] ?? nextLine, errors: o.errors, short: true, inputmode: 'numeric' })}
${LEGACY_ENTRY_FIELDS.map((f) => textField(ctx.lang, { name: f, label: FIELD_WORDS[f], value: v[f] ?? '', errors: o.errors, autocomplete: 'off' }))}
</div>
<div class="actions">${submit(ctx.lang, { vi: 'Ghi dòng (Enter)', en: 'Record the line (Enter)' })}</div>`,
)}
</section>
</div>
<h2>${vi ? 'Các dòng đã chép của trang' : 'Lines typed on this page'}</h2>
${pageEntriesTable(ctx, o.entries, sensitive)}
${autofocusFirstEmpty(o.errors.length === 0 ? 'registerNumber' : (o.errors[0]?.field ?? 'registerNumber'))}`,
  });
}

/** A typed field as the officer reads it back: its mark in words, sex in words, a stored date as day/month/year. */
function shownValue(ctx: PageContext, e: LegacyPageEntry, f: LegacyEntryField): string {
  const vi = ctx.lang === 'vi';
  const mark = e.marks[f];
  if (mark) return mark === 'illegible' ? (vi ? '[không đọc được]' : '[illegible]') : vi ? '[để trống]' : '[blank]';
  const value = e.fields[f] ?? '';
  if (f === 'sex' && (value === 'male' || value === 'female')) return value === 'male' ? (vi ? 'Nam' : 'Male') : vi ? 'Nữ' : 'Female';
  return /^\d{4}-\d{2}(-\d{2})?$/.test(value) ? value.split('-').reverse().join('/') : value;
}

function pageEntriesTable(ctx: PageContext, entries: readonly LegacyPageEntry[], sensitive: boolean): SafeHtml {
  const shown = LEGACY_ENTRY_FIELDS.filter((f) => sensitive || f !== 'ethnicity');
  const cell = (e: LegacyPageEntry, f: LegacyEntryField): string => shownValue(ctx, e, f);
  return table(ctx.lang, {
    caption: { vi: 'Theo thứ tự dòng', en: 'In line order' },
    columns: [
      { label: { vi: 'Dòng', en: 'Line' }, num: true },
      ...shown.map((f) => ({ label: FIELD_WORDS[f] })),
      { label: { vi: 'Trạng thái', en: 'State' } },
      { label: { vi: 'Người chép', en: 'Typed by' } },
    ],
    rows: entries.map((e) => [
      e.line,
      ...shown.map((f) => cell(e, f)),
      tag(STATUS[e.status][ctx.lang], STATUS[e.status].colour),
      e.typedBy,
    ]),
    empty: { vi: 'Chưa chép dòng nào của trang này.', en: 'No line of this page typed yet.' },
  });
}

/** The field to type into when the page opens (the first of the next line, or the one in error). */
function autofocusFirstEmpty(field: string): SafeHtml {
  return markup`<span hidden data-autofocus="${fieldId(field)}"></span>`;
}

/** The checker's page: the scan beside the lines others typed; each is confirmed or disputed field by field. */
export function checkingPage(
  ctx: PageContext,
  o: {
    book: LegacyBookRow;
    page: number;
    scans: readonly { sha256: string; mediaType: string }[];
    entries: readonly LegacyPageEntry[];
    errors: readonly FieldError[];
    done?: string;
    commandId?: string;
  },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  const bookPath = `${base}/legacy-books/${encodeURIComponent(o.book.bookId)}`;
  const me = ctx.officer?.officerId;
  const toCheck = o.entries.filter((e) => e.status === 'unchecked' && e.typedBy !== me);
  const sensitive = maySeeIdentifiers(ctx.actingRole);
  const shown = LEGACY_ENTRY_FIELDS.filter((f) => sensitive || f !== 'ethnicity');
  return page(ctx, {
    title: { vi: `Soát trang ${o.page}`, en: `Check page ${o.page}` },
    nav: 'legacy',
    hasErrors: o.errors.length > 0,
    body: markup`${o.done ? notice(o.done) : ''}${errorSummary(ctx.lang, o.errors)}<p class="hint">${o.book.titleAsWritten} · ${o.book.year}</p>
<h1>${vi ? `Soát trang ${o.page} với bản quét` : `Check page ${o.page} against the scan`}</h1>
<p>${vi ? 'Người soát phải khác người chép (bốn mắt, quy tắc 59). Dòng đúng: đánh dấu khớp. Dòng sai: chọn trường sai và ghi điều đọc được trên bản quét; dòng đó được đưa ra cho người thứ ba xem.' : 'The checker must not be the typist (four eyes, rule 59). A right line: mark it as matching. A wrong one: choose the field and write what the scan says; the line goes to a third look.'}</p>
<div class="actions"><a href="${bookPath}/pages/${o.page}">${vi ? 'Về trang chép' : 'Back to typing'}</a><a href="${bookPath}">${vi ? 'Về quyển sổ' : 'Back to the book'}</a></div>
<div class="split">
${scanPane(ctx, bookPath, o.page, o.scans, [])}
<section class="entry-pane" aria-label="${vi ? 'Các dòng chờ soát' : 'Lines awaiting a check'}">
${
  toCheck.length === 0
    ? markup`<p>${vi ? 'Không có dòng nào của người khác chờ bạn soát trên trang này.' : 'No line typed by someone else awaits your check on this page.'}</p>`
    : form(
        ctx,
        {
          action: `${bookPath}/pages/${o.page}/check`,
          ...(o.commandId ? { commandId: o.commandId } : {}),
          label: { vi: 'Soát các dòng', en: 'Check the lines' },
        },
        markup`${toCheck.map(
          (
            e,
          ) => markup`<fieldset class="card check-entry"><legend>${vi ? `Dòng ${e.line}` : `Line ${e.line}`} · ${e.fields.fullName ?? ''}</legend>
<dl class="summary">${shown.map((f) => markup`<dt>${FIELD_WORDS[f][ctx.lang]}</dt><dd>${shownValue(ctx, e, f)}</dd>`)}</dl>
<div class="radios"><label><input type="radio" name="verdict-${e.entryId}" value="ok" checked> ${vi ? 'Khớp với bản quét' : 'Matches the scan'}</label>
<label><input type="radio" name="verdict-${e.entryId}" value="wrong"> ${vi ? 'Sai ở trường:' : 'Wrong in field:'}</label></div>
${selectField(ctx.lang, { name: `field-${e.entryId}`, label: { vi: 'Trường sai', en: 'Field in error' }, value: '', errors: o.errors, options: shown.map((f) => ({ value: f, label: FIELD_WORDS[f][ctx.lang] })) })}
${textField(ctx.lang, { name: `reading-${e.entryId}`, label: { vi: 'Đọc trên bản quét', en: 'What the scan says' }, value: '', errors: o.errors })}
</fieldset>`,
        )}
<div class="actions">${submit(ctx.lang, { vi: 'Ghi kết quả soát', en: 'Record the check' })}</div>`,
      )
}
</section></div>
<h2>${vi ? 'Tất cả dòng của trang' : 'All lines of the page'}</h2>
${pageEntriesTable(ctx, o.entries, sensitive)}`,
  });
}

export function handOverPage(
  ctx: PageContext,
  o: { values: FormValues; errors: readonly FieldError[]; done?: string; commandId?: string },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  const v = o.values;
  const e = o.errors;
  return page(ctx, {
    title: { vi: 'Nhận bàn giao sổ gốc', en: 'Receive registers handed over' },
    nav: 'legacy',
    hasErrors: e.length > 0,
    body: markup`${o.done ? notice(o.done) : ''}${errorSummary(ctx.lang, e)}${legacyTabs(ctx, 'hand-over')}<h1>${vi ? 'Nhận bàn giao sổ gốc' : 'Receive registers handed over'}</h1>
<p>${vi ? 'Theo Thông tư 10/2026, UBND xã bàn giao sổ gốc THCS cho Sở; khi sáp nhập, đơn vị cũ bàn giao cho đơn vị kế thừa. Từ ngày bàn giao, đơn vị nhận cấp bản sao, chỉnh sửa, thu hồi cho các văn bằng trong sổ; đơn vị giao không còn làm được.' : 'Under Circular 10/2026 communes hand their THCS registers to the Sở; on a merger the old body hands them to its successor. From that date the receiver issues copies, corrections and revocations for them; the old holder no longer can.'}</p>
${form(
  ctx,
  { action: `${base}/legacy-books/hand-over`, ...(o.commandId ? { commandId: o.commandId } : {}) },
  markup`
${textField(ctx.lang, { name: 'fromCode', label: { vi: 'Đơn vị giao (mã)', en: 'Handing over (code)' }, value: v['fromCode'] ?? '', errors: e, short: true })}
${selectField(ctx.lang, { name: 'kind', label: { vi: 'Loại văn bằng', en: 'Kind of diploma' }, value: v['kind'] ?? 'THCS', errors: e, options: KIND_OPTIONS() })}
${textField(ctx.lang, { name: 'effectiveOn', label: { vi: 'Ngày bàn giao', en: 'Hand-over date' }, hint: { vi: 'ngày/tháng/năm', en: 'day/month/year' }, value: v['effectiveOn'] ?? '', errors: e, short: true })}
${textField(ctx.lang, { name: 'minutesRef', label: { vi: 'Số biên bản bàn giao', en: 'Minutes reference' }, value: v['minutesRef'] ?? '', errors: e, short: true })}
${textArea(ctx.lang, { name: 'books', label: { vi: 'Danh sách sổ', en: 'List of books' }, hint: { vi: 'Mỗi dòng một quyển, như ghi trong biên bản.', en: 'One book a line, as in the minutes.' }, value: v['books'] ?? '', errors: e })}
<div class="actions">${submit(ctx.lang, { vi: 'Ghi nhận bàn giao', en: 'Record the hand-over' })}${linkButton(ctx.lang, `${base}/legacy-books`, { vi: 'Huỷ bỏ', en: 'Cancel' })}</div>`,
)}`,
  });
}
