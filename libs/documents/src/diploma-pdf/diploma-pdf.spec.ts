import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeQrCodes, qpdfCheck } from '../testing/pdf-checks';
import { diplomaFace, QR_PAYLOAD } from '../testing/diploma-fixtures';
import { inkShare, pdfPageTexts, renderGray, wordBoxes, type WordBox } from '../testing/poppler';
import type { DiplomaFace } from './diploma-face';
import { renderDiplomaPdf, renderPrintRunPdf, writePrintRunPdf } from './diploma-pdf';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const NAMES = ['Nguyễn Thị Thuỷ', 'Đặng Hoàng Yến', 'Lê Quốc Hưng'];
const MM = 72 / 25.4;

/** Every value printed in overlay mode, as the diploma spells it out. */
const OVERLAY_VALUES = [
  'GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG',
  'Nguyễn Thị Thuỷ',
  'Nữ',
  '14/03/2006',
  'Kinh',
  'Thuỷ Nguyên, Hải Phòng',
  'Trường THPT Lê Quý Đôn',
  '2024',
  'Chính quy',
  'Hải Phòng, ngày 25 tháng 06 năm 2024',
  'KT. GIÁM ĐỐC',
  'PHÓ GIÁM ĐỐC',
  'Phạm Quốc Hưng',
  '000417/THPT-2024',
];

function boxOf(boxes: WordBox[], text: string): WordBox {
  const box = boxes.find((b) => b.text === text);
  if (!box) throw new Error(`"${text}" not found among ${boxes.map((b) => b.text).join(' ')}`);
  return box;
}

describe('renderDiplomaPdf, preview mode', () => {
  let pdf: Uint8Array;
  let text: string;

  beforeAll(async () => {
    pdf = (await renderDiplomaPdf(diplomaFace(), { mode: 'preview' })).bytes;
    text = pdfPageTexts(pdf).join('\n');
  });

  it('prints the whole face: national header, title, labels, fields, serial and register number', () => {
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG',
      'công nhận tốt nghiệp trung học phổ thông cho:',
      'Họ và tên: Nguyễn Thị Thuỷ',
      'Số hiệu: HP 0203418',
      'Số vào sổ cấp bằng: 000417/THPT-2024',
      'Năm tốt nghiệp: 2024',
      'Hình thức đào tạo: Chính quy',
      ...OVERLAY_VALUES,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('BẢN SAO');
  });

  it('carries a QR code that a scanner reads back as exactly the payload', () => {
    expect(decodeQrCodes(pdf, 1, 200)).toEqual([QR_PAYLOAD]);
  });

  it('passes qpdf --check and is a 19 × 13 cm page', () => {
    expect(qpdfCheck(pdf)).toContain('No syntax or stream encoding errors');
    const boxes = wordBoxes(pdf, 1);
    expect(boxes.length).toBeGreaterThan(40);
    const mediaBox = /\/MediaBox\[0 0 ([\d.]+) ([\d.]+)\]/.exec(Buffer.from(pdf).toString('latin1'));
    expect([Number(mediaBox?.[1]) / MM, Number(mediaBox?.[2]) / MM].map(Math.round)).toEqual([190, 130]);
  });

  it('draws the glyphs of words with Vietnamese diacritics (the font subset must not blank them)', () => {
    const boxes = wordBoxes(pdf, 1);
    for (const word of ['CỘNG', 'NGHIỆP', 'Nguyễn', 'Thuỷ', 'Đôn', 'Hưng', 'tháng']) {
      const box = boxOf(boxes, word);
      const crop = { x: box.xMin, y: box.yMin, width: box.xMax - box.xMin, height: box.yMax - box.yMin };
      expect({ word, inked: inkShare(renderGray(pdf, { dpi: 200, crop })) > 0.1 }).toEqual({ word, inked: true });
    }
  });

  it('prints "BẢN SAO" and the copy number on a copy from the register', async () => {
    const copy = (await renderDiplomaPdf(diplomaFace({ copyNumber: '12/BS-2025' }), { mode: 'preview' })).bytes;
    expect(pdfPageTexts(copy)[0]).toMatch(/BẢN SAO[\s\S]*Số: 12\/BS-2025/);
  });

  it('uses the THCS face for a THCS diploma and prints its classification', async () => {
    const thcs = (
      await renderDiplomaPdf(diplomaFace({ kind: 'THCS', classification: 'Khá', registerNumber: '000088/THCS-2024' }), { mode: 'preview' })
    ).bytes;
    const page = pdfPageTexts(thcs)[0] ?? '';
    expect(page).toContain('BẰNG TỐT NGHIỆP TRUNG HỌC CƠ SỞ');
    expect(page).toContain('Xếp loại tốt nghiệp: Khá');
    expect(page).not.toContain('PHỔ THÔNG');
  });
});

describe('renderDiplomaPdf, overlay mode', () => {
  let pdf: Uint8Array;

  beforeAll(async () => {
    pdf = (await renderDiplomaPdf(diplomaFace(), { mode: 'overlay' })).bytes;
  });

  it('prints every variable field and nothing that is pre-printed on the blank', () => {
    const [page] = pdfPageTexts(pdf);
    for (const value of OVERLAY_VALUES) expect(page).toContain(value);
    for (const preprinted of ['CỘNG HÒA', 'Độc lập', 'BẰNG TỐT NGHIỆP', 'Họ và tên', 'Số hiệu', 'Số vào sổ', 'HP 0203418']) {
      expect(page).not.toContain(preprinted);
    }
  });

  it('carries a readable QR code and passes qpdf --check', () => {
    expect(decodeQrCodes(pdf, 1, 200)).toEqual([QR_PAYLOAD]);
    expect(qpdfCheck(pdf)).toContain('No syntax or stream encoding errors');
  });

  it('draws the diacritics of the name', () => {
    for (const word of ['Nguyễn', 'Thị', 'Thuỷ']) {
      const box = boxOf(wordBoxes(pdf, 1), word);
      const crop = { x: box.xMin, y: box.yMin, width: box.xMax - box.xMin, height: box.yMax - box.yMin };
      expect({ word, inked: inkShare(renderGray(pdf, { dpi: 200, crop })) > 0.1 }).toEqual({ word, inked: true });
    }
  });

  it('moves everything by the printer calibration: +dx right, +dy down, in millimetres', async () => {
    const moved = (await renderDiplomaPdf(diplomaFace(), { mode: 'overlay', calibration: { dx: 2, dy: 1.5 } })).bytes;
    const before = wordBoxes(pdf, 1);
    const after = wordBoxes(moved, 1);
    expect(after.map((b) => b.text)).toEqual(before.map((b) => b.text));
    before.forEach((box, i) => {
      const shifted = after[i] as WordBox;
      expect(shifted.xMin - box.xMin).toBeCloseTo(2 * MM, 1);
      expect(shifted.yMin - box.yMin).toBeCloseTo(1.5 * MM, 1);
    });
    expect(decodeQrCodes(moved, 1, 200)).toEqual([QR_PAYLOAD]);
  });

  it('prints a copy number but no "BẢN SAO" art (that is pre-printed on the copy blank)', async () => {
    const [page] = pdfPageTexts((await renderDiplomaPdf(diplomaFace({ copyNumber: '12/BS-2025' }), { mode: 'overlay' })).bytes);
    expect(page).toContain('12/BS-2025');
    expect(page).not.toContain('BẢN SAO');
  });

  it('sets a field too long for its box smaller rather than letting it run on', async () => {
    const school = 'Trường Trung học phổ thông Chuyên Trần Phú, quận Ngô Quyền, thành phố Hải Phòng';
    const long = (await renderDiplomaPdf(diplomaFace({ school }), { mode: 'overlay' })).bytes;
    const boxes = wordBoxes(long, 1);
    expect(pdfPageTexts(long)[0]).toContain(school);
    const first = boxOf(boxes, 'Chuyên');
    const last = boxes.filter((b) => Math.abs(b.yMax - first.yMax) < 1).reduce((a, b) => (b.xMax > a.xMax ? b : a));
    expect(last.xMax - 140).toBeLessThanOrEqual(378 + 1);
  });
});

describe('deterministic output', () => {
  it('gives the same bytes for the same input, also when the input is decomposed (NFD), and hashes them', async () => {
    const face = diplomaFace();
    const first = await renderDiplomaPdf(face, { mode: 'preview' });
    const again = await renderDiplomaPdf(diplomaFace(), { mode: 'preview' });
    const nfd = Object.fromEntries(
      Object.entries(face).map(([k, v]) => [k, typeof v === 'string' ? v.normalize('NFD') : v]),
    ) as unknown as DiplomaFace;
    expect(nfd.fullName).not.toBe(face.fullName);
    expect(again.sha256).toBe(first.sha256);
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect((await renderDiplomaPdf(nfd, { mode: 'preview' })).sha256).toBe(first.sha256);
    expect(first.sha256).toBe(sha256(first.bytes));
  });

  it('writes no clock time unless asked to', async () => {
    const plain = Buffer.from((await renderDiplomaPdf(diplomaFace(), { mode: 'overlay' })).bytes).toString('latin1');
    expect(plain).not.toContain('/CreationDate');
    const dated = Buffer.from(
      (await renderDiplomaPdf(diplomaFace(), { mode: 'overlay', generatedAt: '2025-01-05T03:30:00.000Z' })).bytes,
    ).toString('latin1');
    expect(dated).toContain('/CreationDate(D:20250105033000Z)');
  });
});

describe('print runs', () => {
  const faces = NAMES.map((fullName, i) =>
    diplomaFace({
      fullName,
      serial: `HP 020341${8 + i}`,
      registerNumber: `00041${7 + i}/THPT-2024`,
      qrPayload: `${QR_PAYLOAD.slice(0, -1)}${i}`,
    }),
  );

  it('has one page per diploma, in the order given, each with its own QR code', async () => {
    const run = await renderPrintRunPdf(faces, { mode: 'preview' });
    const pages = pdfPageTexts(run.bytes);
    expect(run.pageCount).toBe(3);
    expect(pages).toHaveLength(3);
    pages.forEach((page, i) => {
      expect(page).toContain(`Họ và tên: ${NAMES[i]}`);
      for (const other of NAMES.filter((_, j) => j !== i)) expect(page).not.toContain(`Họ và tên: ${other}`);
    });
    expect([1, 2, 3].map((page) => decodeQrCodes(run.bytes, page, 200))).toEqual(faces.map((f) => [f.qrPayload]));
    expect(qpdfCheck(run.bytes)).toContain('No syntax or stream encoding errors');
  });

  it('embeds each font and the pre-printed art once for the whole run', async () => {
    const raw = Buffer.from((await renderPrintRunPdf(faces, { mode: 'preview' })).bytes).toString('latin1');
    expect(raw.match(/\/FontFile2/g)).toHaveLength(2);
    expect(raw.match(/\/Subtype\/Form/g)).toHaveLength(1);
    expect(raw.match(/\/Type\/Page\//g)).toHaveLength(3);
  });

  it('writes the same bytes to a file, with worker threads, as in memory on the main thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'so-goc-run-'));
    try {
      const inMemory = await renderPrintRunPdf(faces, { mode: 'overlay', calibration: { dx: 0.4, dy: -0.2 } });
      const path = join(dir, 'run.pdf');
      async function* lazily(): AsyncGenerator<DiplomaFace> {
        for (const face of faces) yield face;
      }
      const file = await writePrintRunPdf(lazily(), path, { mode: 'overlay', calibration: { dx: 0.4, dy: -0.2 }, workers: 2 });
      const written = readFileSync(path);
      expect(file).toEqual({ path, sha256: inMemory.sha256, byteLength: written.length, pageCount: 3 });
      expect(sha256(written)).toBe(inMemory.sha256);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('leaves no partial file behind when a diploma cannot be printed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'so-goc-run-'));
    try {
      const path = join(dir, 'run.pdf');
      const broken = [...faces, diplomaFace({ fullName: 'Nguyễn 😀' })];
      await expect(writePrintRunPdf(broken, path, { mode: 'overlay', workers: 1 })).rejects.toThrow(/no glyph for "😀"/);
      expect(existsSync(path)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints a character outside the Vietnamese base set with a subset of its own, still extractable and inked', async () => {
    const face = diplomaFace({ fullName: 'Şahin Ωmega Nguyễn' });
    const { bytes } = await renderDiplomaPdf(face, { mode: 'overlay' });
    expect(pdfPageTexts(bytes)[0]).toContain('Şahin Ωmega Nguyễn');
    expect(qpdfCheck(bytes)).toContain('No syntax or stream encoding errors');
    const box = boxOf(wordBoxes(bytes, 1), 'Şahin');
    expect(
      inkShare(
        renderGray(bytes, { dpi: 200, crop: { x: box.xMin, y: box.yMin, width: box.xMax - box.xMin, height: box.yMax - box.yMin } }),
      ),
    ).toBeGreaterThan(0.1);
  });
});
