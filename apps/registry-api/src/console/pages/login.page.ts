import { errorSummary, form, submit, textField, type FieldError } from '../ui/components';
import { markup } from '../ui/html';
import { page } from '../ui/layout';
import type { PageContext } from '../ui/page-context';

export function loginPage(
  ctx: PageContext,
  o: { username?: string; next?: string; errors?: readonly FieldError[]; notice?: string },
): string {
  const errors = o.errors ?? [];
  const vi = ctx.lang === 'vi';
  return page(ctx, {
    title: { vi: 'Đăng nhập', en: 'Sign in' },
    nav: 'none',
    hasErrors: errors.length > 0,
    body: markup`<div class="narrow">
${errorSummary(ctx.lang, errors)}
${o.notice ? markup`<div class="notice" role="status">${o.notice}</div>` : ''}
<h1>${vi ? 'Đăng nhập hệ thống sổ gốc' : 'Sign in to the register'}</h1>
<p>${vi ? 'Dành cho cán bộ phụ trách văn bằng của Sở, Phòng, xã và trường.' : 'For the diploma officers of the Sở, districts, communes and schools.'}</p>
${form(
  ctx,
  { action: '/console/login' },
  markup`
${o.next ? markup`<input type="hidden" name="next" value="${o.next}">` : ''}
${textField(ctx.lang, { name: 'username', label: { vi: 'Tên đăng nhập', en: 'Username' }, value: o.username ?? '', autocomplete: 'username', errors })}
${textField(ctx.lang, { name: 'password', type: 'password', label: { vi: 'Mật khẩu', en: 'Password' }, autocomplete: 'current-password', errors })}
<div class="actions">${submit(ctx.lang, { vi: 'Đăng nhập', en: 'Sign in' })}</div>`,
)}
<p class="hint">${vi ? 'Nhập sai nhiều lần liên tiếp, tài khoản sẽ phải chờ rồi bị tạm khoá 15 phút.' : 'After repeated failures the account must wait, then is locked for 15 minutes.'}</p>
</div>`,
  });
}

export function codePage(ctx: PageContext, o: { next?: string; errors?: readonly FieldError[] }): string {
  const errors = o.errors ?? [];
  const vi = ctx.lang === 'vi';
  return page(ctx, {
    title: { vi: 'Mã xác thực', en: 'Security code' },
    nav: 'none',
    hasErrors: errors.length > 0,
    body: markup`<div class="narrow">
${errorSummary(ctx.lang, errors)}
<h1>${vi ? 'Nhập mã xác thực' : 'Enter your security code'}</h1>
${form(
  ctx,
  { action: '/console/login/code' },
  markup`
${o.next ? markup`<input type="hidden" name="next" value="${o.next}">` : ''}
${textField(ctx.lang, {
  name: 'code',
  label: { vi: 'Mã 6 chữ số', en: '6-digit code' },
  hint: {
    vi: 'Mở ứng dụng xác thực trên điện thoại (Google Authenticator, Microsoft Authenticator…) và nhập mã đang hiện.',
    en: 'Open the authenticator app on your phone and type the code it shows.',
  },
  autocomplete: 'one-time-code',
  inputmode: 'numeric',
  short: true,
  errors,
})}
<div class="actions">${submit(ctx.lang, { vi: 'Tiếp tục', en: 'Continue' })}</div>`,
)}
<p><a href="/console/login">${vi ? 'Đăng nhập bằng tài khoản khác' : 'Sign in with another account'}</a></p>
</div>`,
  });
}
