import { markup, type Html, type SafeHtml, type Words } from './html';
import { form } from './components';
import type { PageContext } from './page-context';

export type NavKey = 'home' | 'blanks' | 'decisions' | 'print-runs' | 'register' | 'legacy' | 'audits' | 'admin' | 'none';
export type ActsNavKey = 'after-issuance' | 'copies' | 'verification' | 'certificates' | 'recognitions';

const NAV: readonly { key: NavKey | ActsNavKey; path: string; label: Words }[] = [
  { key: 'home', path: '', label: { vi: 'Việc hôm nay', en: 'Today' } },
  { key: 'blanks', path: '/blanks', label: { vi: 'Phôi', en: 'Blanks' } },
  { key: 'decisions', path: '/decisions', label: { vi: 'Quyết định tốt nghiệp', en: 'Graduation decisions' } },
  { key: 'print-runs', path: '/print-runs', label: { vi: 'Đợt in', en: 'Print runs' } },
  { key: 'register', path: '/register', label: { vi: 'Sổ gốc', en: 'Original register' } },
  { key: 'after-issuance', path: '/after-issuance', label: { vi: 'Chỉnh sửa, thu hồi', en: 'Corrections, revocations' } },
  { key: 'copies', path: '/copies', label: { vi: 'Bản sao', en: 'Copies' } },
  { key: 'verification', path: '/verification', label: { vi: 'Xác minh', en: 'Verification' } },
  { key: 'certificates', path: '/certificates', label: { vi: 'Chứng chỉ', en: 'Certificates' } },
  { key: 'recognitions', path: '/recognitions', label: { vi: 'Công nhận văn bằng', en: 'Recognitions' } },
  { key: 'legacy', path: '/legacy-books', label: { vi: 'Số hoá sổ cũ', en: 'Old registers' } },
  { key: 'audits', path: '/audits', label: { vi: 'Kiểm tra', en: 'Audits' } },
  { key: 'admin', path: '/admin', label: { vi: 'Quản trị', en: 'Administration' } },
];

const ROLE_NAMES: Record<string, Words> = {
  registrar: { vi: 'Chuyên viên văn bằng', en: 'Registrar' },
  signer: { vi: 'Người ký', en: 'Signer' },
  auditor: { vi: 'Thanh tra', en: 'Auditor' },
  administrator: { vi: 'Quản trị', en: 'Administrator' },
};

export function roleName(ctx: PageContext, role: string): string {
  return ROLE_NAMES[role]?.[ctx.lang] ?? role;
}

export function consoleBase(code: string): string {
  return `/console/${encodeURIComponent(code)}`;
}

/** One page: header with who is signed in, the sections of the authority, the body, a footer. */
export function page(ctx: PageContext, o: { title: Words; nav: NavKey | ActsNavKey; body: Html; hasErrors?: boolean }): string {
  const lang = ctx.lang;
  const other = lang === 'vi' ? 'en' : 'vi';
  const title = `${o.hasErrors ? (lang === 'vi' ? 'Lỗi: ' : 'Error: ') : ''}${o.title[lang]}`;
  const base = ctx.authorityCode ? consoleBase(ctx.authorityCode) : undefined;
  return `<!doctype html>${markup`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title} · Sổ Gốc</title>
<link rel="stylesheet" href="/console/assets/console.css">
<script src="/console/assets/console.js" defer></script>
</head>
<body>
<a class="skip" href="#main">${lang === 'vi' ? 'Bỏ qua, đến nội dung chính' : 'Skip to main content'}</a>
<header class="site"><div class="wrap">
<p class="brand"><a href="${base ?? '/console'}">Sổ Gốc · ${lang === 'vi' ? 'Cán bộ' : 'Officers'}</a></p>
<div class="who">
<a href="${ctx.path}?lang=${other}" hreflang="${other}" lang="${other}">${other === 'en' ? 'English' : 'Tiếng Việt'}</a>
${
  ctx.officer
    ? markup`<span>${ctx.officer.fullName} · ${ctx.actingRole ? roleName(ctx, ctx.actingRole) : ''} · ${ctx.authorityCode ?? ctx.officer.authorityCode}</span>
${form(ctx, { action: '/console/logout', label: { vi: 'Đăng xuất', en: 'Sign out' } }, markup`<button type="submit" class="linkish">${lang === 'vi' ? 'Đăng xuất' : 'Sign out'}</button>`)}`
    : ''
}
</div>
</div></header>
${
  base && o.nav !== 'none'
    ? markup`<nav class="main" aria-label="${lang === 'vi' ? 'Các mục' : 'Sections'}"><div class="wrap"><ul>${NAV.map(
        (item) =>
          markup`<li><a href="${base}${item.path}"${item.key === o.nav ? markup` aria-current="page"` : ''}>${item.label[lang]}</a></li>`,
      )}</ul></div></nav>`
    : ''
}
<main id="main" class="wrap" tabindex="-1">
${o.body}
</main>
<footer class="site"><div class="wrap"><p>${lang === 'vi' ? 'Sổ gốc văn bằng, phôi và bản sao. Mọi thao tác được ghi lại kèm tên cán bộ, vai trò và đơn vị.' : 'Register of diplomas, blanks and copies. Every act is recorded with the officer, role and authority.'}</p></div></footer>
</body>
</html>`}`;
}

export function heading(ctx: PageContext, words: Words, caption?: string): SafeHtml {
  return markup`${caption ? markup`<p class="hint">${caption}</p>` : ''}<h1>${words[ctx.lang]}</h1>`;
}
