import type { RegisterEntryView } from '@so-goc/projections';
import { errorSummary, notice, pager, table, textField, type Column, type FieldError } from '../ui/components';
import { markup, type Html } from '../ui/html';
import { consoleBase, page } from '../ui/layout';
import type { PageContext } from '../ui/page-context';
import { stateTag } from './decisions.page';
import { dmy, type FormValues } from './form-input';

/**
 * National ID and ethnicity are personal data the register holds but few need to see (domain §5, NĐ
 * 13/2023): only registrars, who check identity at hand-over and at the counter, are shown them.
 */
export function maySeeIdentifiers(role: string | undefined): boolean {
  return role === 'registrar';
}

export const REGISTER_PAGE_SIZE = 50;

function entryTable(
  ctx: PageContext,
  caption: { vi: string; en: string },
  entries: readonly RegisterEntryView[],
  withActs = false,
): ReturnType<typeof table> {
  const base = consoleBase(ctx.authorityCode ?? '');
  const mayRevoke =
    withActs &&
    (ctx.actingRole === 'registrar' || ctx.actingRole === 'signer' || ctx.officer?.roles.some((r) => r === 'registrar' || r === 'signer'));
  const sensitive = maySeeIdentifiers(ctx.actingRole);
  const columns: Column[] = [
    { label: { vi: 'Số vào sổ', en: 'Register no.' } },
    { label: { vi: 'Số hiệu', en: 'Serial' } },
    { label: { vi: 'Họ và tên', en: 'Full name' } },
    { label: { vi: 'Ngày sinh', en: 'Born' } },
    { label: { vi: 'Nơi sinh', en: 'Birthplace' } },
    { label: { vi: 'Giới tính', en: 'Sex' } },
    ...(sensitive ? [{ label: { vi: 'Dân tộc', en: 'Ethnicity' } }, { label: { vi: 'Số định danh', en: 'National ID' } }] : []),
    { label: { vi: 'Trường', en: 'School' } },
    { label: { vi: 'Trạng thái', en: 'State' } },
    { label: { vi: 'Người nhận', en: 'Received by' } },
    ...(mayRevoke ? [{ label: { vi: 'Thao tác', en: 'Acts' } }] : []),
  ];
  const sex = (s: string) => (s === 'female' ? (ctx.lang === 'vi' ? 'Nữ' : 'F') : ctx.lang === 'vi' ? 'Nam' : 'M');
  return table(ctx.lang, {
    caption,
    columns,
    rows: entries.map((e): Html[] => [
      e.registerLabel,
      e.serial,
      e.fullName,
      dmy(e.birthDate),
      e.birthPlace,
      sex(e.sex),
      ...(sensitive ? [e.ethnicity, e.nationalId] : []),
      e.school,
      stateTag(ctx, e.state),
      e.recipientName ? `${e.recipientName}${e.receivedOn ? `, ${dmy(e.receivedOn)}` : ''}` : '',
      ...(mayRevoke
        ? [
            markup`<a href="${base}/diplomas/${e.diplomaId}">${ctx.lang === 'vi' ? 'Mở' : 'Open'}<span class="visually-hidden"> ${e.fullName}</span></a> · <a href="${base}/diplomas/${e.diplomaId}/revocation">${ctx.lang === 'vi' ? 'Thu hồi' : 'Revoke'}<span class="visually-hidden"> ${e.fullName}</span></a>`,
          ]
        : []),
    ]),
    empty: { vi: 'Không có dòng nào.', en: 'No entries.' },
  });
}

export function registerIndexPage(
  ctx: PageContext,
  o: {
    books: readonly { kind: string; year: number; entries: number }[];
    values: FormValues;
    errors: readonly FieldError[];
    found?: readonly RegisterEntryView[];
    done?: string;
  },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  const v = o.values;
  return page(ctx, {
    title: { vi: 'Sổ gốc', en: 'Original register' },
    nav: 'register',
    hasErrors: o.errors.length > 0,
    body: markup`${errorSummary(ctx.lang, o.errors)}${o.done ? notice(o.done) : ''}<h1>${vi ? 'Sổ gốc cấp văn bằng' : 'Original register'}</h1>
${o.found ? entryTable(ctx, { vi: `Kết quả: ${o.found.length} văn bằng`, en: `Results: ${o.found.length} diplomas` }, o.found, true) : ''}
${table(ctx.lang, {
  caption: { vi: 'Các quyển sổ theo loại và năm', en: 'Books by kind and year' },
  columns: [
    { label: { vi: 'Sổ', en: 'Book' } },
    { label: { vi: 'Số dòng', en: 'Entries' }, num: true },
    { label: { vi: 'Tải về', en: 'Download' } },
  ],
  rows: o.books.map((b) => [
    markup`<a href="${base}/register/${b.kind}/${b.year}">${vi ? `Sổ gốc ${b.kind} năm ${b.year}` : `${b.kind} register ${b.year}`}</a>`,
    b.entries,
    markup`<a href="${base}/register/${b.kind}/${b.year}/export.xlsx" download>Excel<span class="visually-hidden"> ${b.kind} ${b.year}</span></a> · <a href="${base}/register/${b.kind}/${b.year}/export.pdf" download>PDF<span class="visually-hidden"> ${b.kind} ${b.year}</span></a>`,
  ]),
  empty: { vi: 'Chưa có văn bằng nào vào sổ.', en: 'No diplomas in the register yet.' },
})}
<h2>${vi ? 'Tìm trong sổ' : 'Search the register'}</h2>
<form method="get" action="${base}/register/search" class="card" role="search">
<p class="hint">${vi ? 'Tìm theo số hiệu, theo số vào sổ, hoặc theo họ tên cùng ngày sinh (không cần dấu).' : 'By serial, by register number, or by full name with date of birth (accents optional).'}</p>
${textField(ctx.lang, { name: 'serial', label: { vi: 'Số hiệu', en: 'Serial' }, value: v['serial'] ?? '', errors: o.errors, short: true })}
${textField(ctx.lang, { name: 'registerNumber', label: { vi: 'Số vào sổ', en: 'Register number' }, value: v['registerNumber'] ?? '', errors: o.errors, short: true })}
${textField(ctx.lang, { name: 'fullName', label: { vi: 'Họ và tên', en: 'Full name' }, value: v['fullName'] ?? '', errors: o.errors })}
${textField(ctx.lang, { name: 'birthDate', label: { vi: 'Ngày sinh', en: 'Date of birth' }, hint: { vi: 'ngày/tháng/năm', en: 'day/month/year' }, value: v['birthDate'] ?? '', errors: o.errors, short: true })}
<div class="actions"><button type="submit" class="button">${vi ? 'Tìm' : 'Search'}</button></div>
</form>`,
  });
}

export function registerBookPage(
  ctx: PageContext,
  o: { kind: string; year: number; entries: readonly RegisterEntryView[]; page: number; total: number },
): string {
  const base = `${consoleBase(ctx.authorityCode ?? '')}/register/${o.kind}/${o.year}`;
  const vi = ctx.lang === 'vi';
  return page(ctx, {
    title: { vi: `Sổ gốc ${o.kind} ${o.year}`, en: `${o.kind} register ${o.year}` },
    nav: 'register',
    body: markup`<h1>${vi ? `Sổ gốc cấp bằng tốt nghiệp ${o.kind} năm ${o.year}` : `${o.kind} original register, ${o.year}`}</h1>
<div class="actions"><a class="button secondary" href="${base}/export.xlsx" download>${vi ? 'Tải sổ (Excel)' : 'Download (Excel)'}</a><a class="button secondary" href="${base}/export.pdf" download>${vi ? 'Tải sổ (PDF)' : 'Download (PDF)'}</a></div>
${entryTable(ctx, { vi: `Dòng ${(o.page - 1) * REGISTER_PAGE_SIZE + 1}–${Math.min(o.page * REGISTER_PAGE_SIZE, o.total)} trên ${o.total}`, en: `Entries ${(o.page - 1) * REGISTER_PAGE_SIZE + 1}–${Math.min(o.page * REGISTER_PAGE_SIZE, o.total)} of ${o.total}` }, o.entries)}
${pager(ctx.lang, { page: o.page, hasNext: o.page * REGISTER_PAGE_SIZE < o.total, total: o.total, pageSize: REGISTER_PAGE_SIZE, href: (p) => `${base}?page=${p}` })}`,
  });
}
