import { errorSummary, form, table, textField } from './components';
import { markup, SafeHtml } from './html';
import type { PageContext } from './page-context';

const ctx: PageContext = { lang: 'vi', csrf: 'tok"en', path: '/console/SGD-HP' };

describe('Console templates (escaping by default) and components', () => {
  it('escapes every interpolated value unless it is SafeHtml', () => {
    const name = '<script>alert("x")</script> Nguyễn & Co';
    expect(String(markup`<td>${name}</td>`)).toBe('<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Nguyễn &amp; Co</td>');
    expect(String(markup`<td>${new SafeHtml('<b>ok</b>')}</td>`)).toBe('<td><b>ok</b></td>');
    expect(String(markup`<p>${['a<', markup`<i>b</i>`]}</p>`)).toBe('<p>a&lt;<i>b</i></p>');
  });

  it('links each problem in the error summary to its field, which names the problem and is marked invalid', () => {
    const errors = [{ field: 'receivedOn', message: 'Ngày nhận 31/02/2024 không có thật trên lịch.' }];
    expect(String(errorSummary('vi', errors))).toContain('<a href="#f-receivedOn">Ngày nhận 31/02/2024 không có thật trên lịch.</a>');
    const field = String(
      textField('vi', { name: 'receivedOn', label: { vi: 'Ngày nhận', en: 'Received on' }, value: '31/02/2024', errors }),
    );
    expect(field).toContain('id="f-receivedOn"');
    expect(field).toContain('aria-invalid="true"');
    expect(field).toContain('aria-describedby="f-receivedOn-error"');
    expect(field).toContain('value="31/02/2024"');
  });

  it('puts the CSRF token (escaped) and a fresh command id in every form; a multipart form carries the token in its action too', () => {
    const plain = String(form(ctx, { action: '/console/SGD-HP/blanks/receive' }, markup``));
    expect(plain).toContain('name="_csrf" value="tok&quot;en"');
    expect(plain).toMatch(/name="_commandId" value="[0-9a-f-]{36}"/);
    expect(String(form(ctx, { action: '/x', multipart: true }, markup``))).toContain('action="/x?_csrf=tok%22en"');
  });

  it('never renders a password back into its field', () => {
    expect(
      String(textField('vi', { name: 'password', type: 'password', label: { vi: 'Mật khẩu', en: 'Password' }, value: 'bí mật' })),
    ).not.toContain('bí mật');
  });

  it('gives each table a caption and column headers with scope', () => {
    const out = String(
      table('en', { caption: { vi: 'Sổ', en: 'Book' }, columns: [{ label: { vi: 'Số', en: 'No.' }, num: true }], rows: [[1]] }),
    );
    expect(out).toContain('<caption>Book</caption>');
    expect(out).toContain('<th scope="col" class="num">No.</th>');
  });
});
