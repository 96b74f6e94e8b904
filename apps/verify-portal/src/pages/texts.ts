import type { LookupStatus, QueryKind } from '../lookup/lookup-answer';

export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export interface StatusText {
  readonly title: string;
  readonly message: string;
}

/**
 * Answer wording, shared by the pages and the JSON API. The NOT_PUBLIC text must stay free of any hint of
 * why a diploma is not shown (docs/domain.md §5.1): a test reads it for such words.
 */
export function statusText(lang: Lang, status: LookupStatus, kind: QueryKind): StatusText {
  return STATUS_TEXTS[lang][status === 'NOT_FOUND' && kind === 'qr' ? 'NOT_FOUND_QR' : status];
}

const STATUS_TEXTS: Record<Lang, Record<LookupStatus | 'NOT_FOUND_QR', StatusText>> = {
  vi: {
    VALID: { title: 'Văn bằng hợp lệ', message: 'Văn bằng có trong sổ gốc của cơ quan cấp và đang có giá trị.' },
    VALID_WITH_CORRECTIONS: {
      title: 'Văn bằng hợp lệ, đã được chỉnh sửa',
      message:
        'Văn bằng có trong sổ gốc và đang có giá trị. Nội dung văn bằng đã được chỉnh sửa theo quyết định nêu dưới đây; văn bằng được sử dụng cùng quyết định chỉnh sửa.',
    },
    REPLACED: {
      title: 'Văn bằng đã được thay thế',
      message: 'Văn bằng này đã được cấp lại bằng một văn bằng khác và không còn giá trị sử dụng.',
    },
    REVOKED: { title: 'Văn bằng đã bị thu hồi', message: 'Văn bằng này đã bị thu hồi, hủy bỏ và không còn giá trị sử dụng.' },
    NO_LONGER_VALID: {
      title: 'Văn bằng không còn giá trị',
      message: 'Văn bằng mang số hiệu này không còn giá trị. Vui lòng liên hệ cơ quan cấp.',
    },
    NOT_FOUND: {
      title: 'Không tìm thấy văn bằng',
      message:
        'Không có văn bằng nào khớp đúng với thông tin đã nhập. Hãy kiểm tra lại từng ký tự. Nếu thông tin đúng mà vẫn không tìm thấy, văn bằng có thể không do cơ quan này cấp; vui lòng liên hệ cơ quan cấp để xác minh.',
    },
    NOT_FOUND_QR: {
      title: 'Không tìm thấy văn bằng',
      message: 'Chưa có thông tin về văn bằng này trong dữ liệu tra cứu. Vui lòng liên hệ cơ quan cấp để xác minh.',
    },
    NOT_PUBLIC: {
      title: 'Không tra cứu trực tuyến được',
      message: 'Thông tin văn bằng này không tra cứu trực tuyến được; vui lòng liên hệ cơ quan cấp.',
    },
    FORGED: {
      title: 'Mã QR không hợp lệ hoặc đã bị sửa đổi',
      message:
        'Mã QR này không do cơ quan quản lý văn bằng phát hành hoặc đã bị thay đổi, nên văn bằng mang mã này có thể là giả. Hãy tra cứu bằng số hiệu văn bằng hoặc liên hệ cơ quan cấp.',
    },
  },
  en: {
    VALID: { title: 'Valid diploma', message: 'The diploma is in the issuing authority’s original register and is valid.' },
    VALID_WITH_CORRECTIONS: {
      title: 'Valid diploma, corrected',
      message:
        'The diploma is in the original register and is valid. Its content was corrected by the decision below; it is used together with that decision.',
    },
    REPLACED: { title: 'Diploma replaced', message: 'This diploma was replaced by another diploma and is no longer valid.' },
    REVOKED: { title: 'Diploma revoked', message: 'This diploma has been revoked and is no longer valid.' },
    NO_LONGER_VALID: {
      title: 'No longer valid',
      message: 'The diploma with this serial number is no longer valid. Please contact the issuing authority.',
    },
    NOT_FOUND: {
      title: 'No diploma found',
      message:
        'No diploma matches exactly what you entered. Check every character. If the details are right and nothing is found, the diploma may not have been issued by this authority; please contact the issuer to verify it.',
    },
    NOT_FOUND_QR: {
      title: 'No diploma found',
      message: 'There is no information on this diploma in the lookup data yet. Please contact the issuing authority to verify it.',
    },
    NOT_PUBLIC: {
      title: 'Not available online',
      message: 'Information on this diploma is not available online; please contact the issuing authority.',
    },
    FORGED: {
      title: 'Invalid or altered QR code',
      message:
        'This QR code was not issued by the diploma registry or has been altered, so a diploma carrying it may be counterfeit. Look the diploma up by its serial number or contact the issuing authority.',
    },
  },
};

export const KIND_LABELS: Record<Lang, Readonly<Record<string, string>>> = {
  vi: { THPT: 'Bằng tốt nghiệp trung học phổ thông', THCS: 'Bằng tốt nghiệp trung học cơ sở' },
  en: { THPT: 'Upper secondary school graduation diploma (THPT)', THCS: 'Lower secondary school graduation diploma (THCS)' },
};

const VI_UI = {
  siteName: 'Tra cứu văn bằng',
  skip: 'Bỏ qua, đến nội dung chính',
  languageNav: 'Ngôn ngữ',
  otherLanguage: 'English',
  otherLanguageCode: 'en',
  homeTitle: 'Tra cứu văn bằng tốt nghiệp',
  intro:
    'Kiểm tra một bằng tốt nghiệp trung học cơ sở hoặc trung học phổ thông có đúng do cơ quan có thẩm quyền cấp và còn giá trị hay không. Nhập chính xác thông tin in trên văn bằng; hệ thống chỉ trả lời khi thông tin khớp hoàn toàn.',
  wayHolder: 'Cách 1: số hiệu, họ tên và ngày sinh',
  wayRegister: 'Cách 2: số hiệu và số vào sổ gốc',
  serial: 'Số hiệu văn bằng',
  serialHint: 'In trên văn bằng, ví dụ: HP 0203418',
  fullName: 'Họ và tên người được cấp',
  fullNameHint: 'Có dấu hoặc không dấu đều được, ví dụ: Nguyễn Thị Thu Hằng',
  birthDate: 'Ngày sinh',
  birthDateHint: 'Ngày/tháng/năm, ví dụ: 18/09/2006',
  registerNumber: 'Số vào sổ gốc cấp văn bằng',
  registerNumberHint: 'In trên văn bằng, ví dụ: 000417/THPT-2024',
  issuerCode: 'Mã cơ quan cấp (không bắt buộc)',
  issuerCodeHint: 'Nếu không tìm thấy, hệ thống cho biết đã số hóa sổ gốc của cơ quan này năm đó chưa. Ví dụ: SGD-HP',
  year: 'Năm cấp (không bắt buộc)',
  yearHint: 'Ví dụ: 1998',
  submit: 'Tra cứu',
  qrNote:
    'Văn bằng có mã QR? Quét mã bằng điện thoại để mở trang kiểm tra. Chỉ tin trang có địa chỉ chính thức của cơ quan quản lý văn bằng.',
  resultTitle: 'Kết quả tra cứu',
  qrTitle: 'Kiểm tra mã QR trên văn bằng',
  copyOf: (copyNumber: string, serial: string, issuedOn: string) =>
    `Đây là bản sao số ${copyNumber} (cấp ngày ${issuedOn}) của văn bằng số hiệu ${serial}.`,
  details: 'Thông tin văn bằng theo sổ gốc',
  kind: 'Loại văn bằng',
  registerNumberShort: 'Số vào sổ gốc',
  serialShort: 'Số hiệu',
  issuer: 'Cơ quan cấp',
  issueDate: 'Ngày cấp',
  birthPlace: 'Nơi sinh',
  corrections: 'Quyết định chỉnh sửa',
  replacedBy: 'Văn bằng thay thế',
  revocation: 'Quyết định thu hồi',
  decision: (number: string, date: string) => `Quyết định số ${number} ngày ${date}`,
  replacement: (serial: string, decision: string) => `Số hiệu ${serial} (${decision})`,
  compareNote: 'Đối chiếu từng thông tin trên với văn bằng giấy. Nếu có chỗ khác nhau, văn bằng có thể đã bị sửa chữa.',
  checkedAt: (time: string) => `Thông tin tại thời điểm tra cứu: ${time} (giờ Việt Nam).`,
  another: 'Tra cứu văn bằng khác',
  problemsTitle: 'Thông tin chưa đúng',
  tooManyTitle: 'Quá nhiều lượt tra cứu',
  tooMany: (seconds: number) => `Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau ${seconds} giây.`,
  footer:
    'Trang tra cứu văn bằng chính thức. Hệ thống chỉ trả lời truy vấn khớp chính xác và không liệt kê danh sách; mọi lượt tra cứu được ghi nhật ký, không lưu thông tin cá nhân đã nhập.',
  apiLink: 'API cho tổ chức tích hợp',
  keysLink: 'Khóa công khai xác thực mã QR',
  notFoundPage: 'Không có trang này',
  notReadyTitle: 'Dữ liệu tra cứu đang được cập nhật',
  notReady: 'Vui lòng thử lại sau ít phút.',
  tooLargeTitle: 'Không đọc được thông tin tra cứu',
  tooLarge: 'Thông tin gửi lên không đúng dạng biểu mẫu tra cứu. Vui lòng nhập lại trên trang tra cứu.',
};

export type UiText = typeof VI_UI;

const EN_UI: UiText = {
  siteName: 'Diploma lookup',
  skip: 'Skip to main content',
  languageNav: 'Language',
  otherLanguage: 'Tiếng Việt',
  otherLanguageCode: 'vi',
  homeTitle: 'Look up a graduation diploma',
  intro:
    'Check whether a lower or upper secondary school graduation diploma was issued by the competent authority and is still valid. Enter the details exactly as printed on the diploma; the registry answers only when they match exactly.',
  wayHolder: 'Option 1: serial number, full name and date of birth',
  wayRegister: 'Option 2: serial number and register number',
  serial: 'Diploma serial number',
  serialHint: 'Printed on the diploma, e.g. HP 0203418',
  fullName: 'Holder’s full name',
  fullNameHint: 'With or without Vietnamese diacritics, e.g. Nguyễn Thị Thu Hằng',
  birthDate: 'Date of birth',
  birthDateHint: 'Day/month/year, e.g. 18/09/2006',
  registerNumber: 'Original register number',
  registerNumberHint: 'Printed on the diploma, e.g. 000417/THPT-2024',
  issuerCode: 'Issuer code (optional)',
  issuerCodeHint: 'If nothing is found, the registry says whether it has digitised this issuer’s registers of that year. E.g. SGD-HP',
  year: 'Year of issue (optional)',
  yearHint: 'E.g. 1998',
  submit: 'Look up',
  qrNote:
    'Does the diploma carry a QR code? Scan it with a phone to open its check page. Trust only pages at the official address of the diploma registry.',
  resultTitle: 'Lookup result',
  qrTitle: 'Diploma QR code check',
  copyOf: (copyNumber: string, serial: string, issuedOn: string) =>
    `This is copy no. ${copyNumber} (issued ${issuedOn}) of diploma serial ${serial}.`,
  details: 'Diploma details from the original register',
  kind: 'Type of diploma',
  registerNumberShort: 'Register number',
  serialShort: 'Serial number',
  issuer: 'Issued by',
  issueDate: 'Issue date',
  birthPlace: 'Place of birth',
  corrections: 'Correction decisions',
  replacedBy: 'Replacement diploma',
  revocation: 'Revocation decision',
  decision: (number: string, date: string) => `Decision No. ${number} of ${date}`,
  replacement: (serial: string, decision: string) => `Serial number ${serial} (${decision})`,
  compareNote: 'Compare every detail above with the paper diploma. If anything differs, the diploma may have been altered.',
  checkedAt: (time: string) => `Information as of ${time} (Vietnam time).`,
  another: 'Look up another diploma',
  problemsTitle: 'Please correct the following',
  tooManyTitle: 'Too many lookups',
  tooMany: (seconds: number) => `You have made too many lookups in a short time. Please try again in ${seconds} seconds.`,
  footer:
    'Official diploma lookup. The registry answers exact queries only and never lists records; every lookup is logged, without the personal details entered.',
  apiLink: 'API for integrators',
  keysLink: 'Public keys that sign the QR codes',
  notFoundPage: 'No such page',
  notReadyTitle: 'The lookup data is being updated',
  notReady: 'Please try again in a few minutes.',
  tooLargeTitle: 'The lookup could not be read',
  tooLarge: 'What was sent is not the lookup form. Please enter the details again on the lookup page.',
};

export const UI: Record<Lang, UiText> = { vi: VI_UI, en: EN_UI };
