import { GRADUATE_FIELD_LABELS, type GraduateField, type RowProblem } from '@so-goc/domain';

/** Problems with the file as a whole: row 0, no column. Each one stops the import before any row is read. */
function fileProblem(code: string, messageVi: string, messageEn: string): RowProblem {
  return { row: 0, column: '', field: 'file', code, messageVi, messageEn };
}

export const unsupportedFormat = (fileName: string): RowProblem =>
  fileProblem(
    'UNSUPPORTED_FORMAT',
    `Tệp "${fileName}" không phải Excel .xlsx hay CSV (có thể là .xls cũ, .ods hoặc trang web đổi đuôi). Hãy mở tệp và lưu lại dưới dạng Excel Workbook (.xlsx) hoặc CSV UTF-8.`,
    `"${fileName}" is neither an .xlsx workbook nor CSV (perhaps a legacy .xls, an .ods or a renamed web page). Open it and save it as an Excel Workbook (.xlsx) or CSV UTF-8.`,
  );

export const unreadableWorkbook = (fileName: string): RowProblem =>
  fileProblem(
    'UNREADABLE_FILE',
    `Không đọc được tệp Excel "${fileName}": tệp bị hỏng hoặc không phải .xlsx. Hãy mở tệp và lưu lại dưới dạng Excel Workbook (.xlsx).`,
    `"${fileName}" could not be read as an .xlsx workbook: it is damaged or of another kind. Open it and save it as an Excel Workbook (.xlsx).`,
  );

export const badEncoding = (fileName: string): RowProblem =>
  fileProblem(
    'BAD_ENCODING',
    `Tệp "${fileName}" không phải văn bản UTF-8 nên tiếng Việt sẽ bị lỗi font. Trong Excel, chọn Lưu thành "CSV UTF-8 (Comma delimited)".`,
    `"${fileName}" is not UTF-8 text, so Vietnamese would be garbled. In Excel, save it as "CSV UTF-8 (Comma delimited)".`,
  );

export const unterminatedQuote = (row: number): RowProblem => ({
  ...fileProblem(
    'CSV_UNTERMINATED_QUOTE',
    `Dòng ${row} mở dấu ngoặc kép (") mà không đóng, nên phần còn lại của tệp không đọc được.`,
    `Row ${row} opens a double quote (") that never closes, so the rest of the file cannot be read.`,
  ),
  row,
});

export const noRows = (): RowProblem =>
  fileProblem('NO_ROWS', 'Danh sách không có dòng dữ liệu nào dưới dòng tiêu đề.', 'The list has no data rows under its header row.');

export const missingColumn = (row: number, field: GraduateField): RowProblem => ({
  row,
  column: GRADUATE_FIELD_LABELS[field],
  field,
  code: 'MISSING_COLUMN',
  messageVi: `Không tìm thấy cột "${GRADUATE_FIELD_LABELS[field]}" trong dòng tiêu đề.`,
  messageEn: `The header row has no "${GRADUATE_FIELD_LABELS[field]}" column.`,
});

export const duplicateColumn = (row: number, field: GraduateField, headers: readonly string[]): RowProblem => ({
  row,
  column: headers.join(', '),
  field,
  code: 'DUPLICATE_COLUMN',
  messageVi: `Các cột ${headers.map((h) => `"${h}"`).join(', ')} đều là "${GRADUATE_FIELD_LABELS[field]}"; chỉ giữ lại một cột.`,
  messageEn: `Columns ${headers.map((h) => `"${h}"`).join(', ')} all mean "${GRADUATE_FIELD_LABELS[field]}"; keep only one.`,
});

const mib = (bytes: number) => `${Math.floor(bytes / (1024 * 1024))} MB`;
const count = (n: number) => n.toLocaleString('vi-VN');

export const fileTooLarge = (fileName: string, maxBytes: number): RowProblem =>
  fileProblem(
    'FILE_TOO_LARGE',
    `Tệp "${fileName}" lớn hơn ${mib(maxBytes)}, quá cỡ một danh sách tốt nghiệp. Hãy tách danh sách theo quyết định hoặc bỏ các trang tính không cần.`,
    `"${fileName}" is larger than ${mib(maxBytes)}, more than any graduate list. Split the list by decision or remove the sheets it does not need.`,
  );

export const tooManyRows = (maxRows: number): RowProblem =>
  fileProblem(
    'TOO_MANY_ROWS',
    `Danh sách có hơn ${count(maxRows)} dòng, nhiều hơn mọi quyết định công nhận tốt nghiệp. Hãy tách danh sách theo quyết định.`,
    `The list has more than ${count(maxRows)} rows, more than any graduation decision. Split the list by decision.`,
  );

/** An archive that inflates far beyond what a spreadsheet of graduates could hold: refused before it is unpacked. */
export const suspiciousArchive = (fileName: string, reasonVi: string, reasonEn: string): RowProblem =>
  fileProblem(
    'SUSPICIOUS_ARCHIVE',
    `Tệp Excel "${fileName}" không được mở: ${reasonVi}. Một danh sách tốt nghiệp không bao giờ như vậy; hãy lưu lại tệp từ Excel.`,
    `"${fileName}" was not opened: ${reasonEn}. No graduate list looks like this; save the file again from Excel.`,
  );
