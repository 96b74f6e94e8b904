import { readGraduateList } from '../graduate-lists/read-graduate-list';
import { fixture, THPT_2024 } from '../graduate-lists/testing/fixture-files';
import { pdfPageTexts } from '../testing/poppler';
import type { RegisterBookExportInput, RegisterBookRow } from './register-book-export';
import { registerBookToPdf } from './register-book-pdf';

// Issue 17: a book of a province's year must stay a book an officer can leaf through. With the exam
// session's text in "Năm tốt nghiệp" each line wrapped to six and 3,000 lines took 376 pages.
const ROWS = 3000;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

async function provinceBook(): Promise<RegisterBookExportInput> {
  const list = await readGraduateList(fixture('graduates-thpt-2024.csv'), 'graduates-thpt-2024.csv', THPT_2024);
  const rows: RegisterBookRow[] = Array.from({ length: ROWS }, (_, n) => {
    const g = list.records[n % list.records.length]!;
    const received = n % 5 !== 4;
    return {
      registerNumber: `${pad(n + 1, 6)}/THPT-2025`,
      fullName: g.fullName,
      birthDate: g.birthDate,
      birthPlace: g.birthPlace,
      sex: g.sex,
      ethnicity: g.ethnicity,
      school: g.school,
      className: g.className,
      graduationYear: '2025',
      classification: null,
      trainingMode: g.trainingMode,
      serial: `HP ${pad(300000 + n, 7)}`,
      recipientName: received ? g.fullName : null,
      receivedOn: received ? '2025-08-20' : null,
      // About one line in a hundred carries a note, as a misprint or a proxy does.
      notes: n % 97 === 5 ? [{ type: 'received_by_proxy', proxyName: 'Nguyễn Văn Hùng', authorisationRef: '15/UQ-2025' }] : [],
    };
  });
  return {
    authorityName: 'Sở Giáo dục và Đào tạo Hải Phòng',
    superiorName: 'Ủy ban nhân dân thành phố Hải Phòng',
    authorityCode: 'SGD-HP',
    kind: 'THPT',
    year: 2025,
    generatedAt: '2025-12-30T03:00:00.000Z',
    sections: [
      {
        decisionNumber: '812/QĐ-SGDĐT',
        decisionDate: '2025-07-25',
        examSession: 'Kỳ thi tốt nghiệp THPT năm 2025',
        signerName: 'Nguyễn Văn An',
        signerTitle: 'Giám đốc',
        issueDate: '2025-08-10',
        issuePlace: 'Hải Phòng',
        rows,
      },
    ],
  };
}

describe('registerBookToPdf on a province-sized book (issue 17)', () => {
  let pages: string[];
  beforeAll(async () => {
    pages = pdfPageTexts(await registerBookToPdf(await provinceBook()));
  }, 120_000);

  it('prints the year in "Năm tốt nghiệp", the exam session once in the section heading', () => {
    const text = pages.join('\n');
    expect(text.match(/Kỳ thi tốt nghiệp THPT năm 2025/g)).toHaveLength(1);
    expect(pages[0]).toMatch(/Lê Đình Quân .*2025/u);
  });

  it('fits at least 20 lines on every page the register runs through', () => {
    // The serial never wraps; the register number may, at its slash.
    const linesPerPage = pages.map((page) => (page.match(/HP \d{7}/g) ?? []).length);
    expect(linesPerPage.reduce((a, b) => a + b, 0)).toBe(ROWS);
    // The first page also holds the book's heading, the last the closing signatures.
    expect(Math.min(...linesPerPage.slice(1, -1))).toBeGreaterThanOrEqual(20);
    expect(pages.length).toBeLessThanOrEqual(Math.ceil(ROWS / 20) + 1);
  });
});
