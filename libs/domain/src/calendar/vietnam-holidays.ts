import type { IsoDate } from '../shared/dates';

/** One dated entry of a year's calendar: a day off on a weekday, or a weekend day worked in exchange. */
export interface CalendarDay {
  readonly date: IsoDate;
  readonly name: string;
}

/**
 * The public sector's (cán bộ, công chức, viên chức) working calendar for one year. Offices that take
 * copy requests keep these hours, so deadlines count on this calendar, not on the private sector's.
 * `holidays` lists only weekdays the offices are closed (a holiday on a Sunday shows up as its nghỉ bù);
 * `makeUpWorkingDays` lists the Saturdays worked back after a hoán đổi.
 */
export interface HolidayYear {
  readonly year: number;
  readonly holidays: readonly CalendarDay[];
  readonly makeUpWorkingDays: readonly CalendarDay[];
  readonly source: string;
}

const TET_DUONG = 'Tết Dương lịch';
const TET = 'Tết Nguyên đán';
const GIO_TO = 'Giỗ Tổ Hùng Vương';
const CHIEN_THANG = 'Ngày Chiến thắng 30/4';
const LAO_DONG = 'Quốc tế Lao động 1/5';
const QUOC_KHANH = 'Quốc khánh 2/9';

const off = (date: IsoDate, name: string): CalendarDay => ({ date, name });
const swapped = (date: IsoDate, occasion: string): CalendarDay => ({ date, name: `Nghỉ hoán đổi (${occasion})` });
const compensatory = (date: IsoDate, occasion: string): CalendarDay => ({ date, name: `Nghỉ bù ${occasion}` });
const worked = (date: IsoDate, forDate: string): CalendarDay => ({ date, name: `Làm bù cho ngày ${forDate}` });

/**
 * Baseline the system starts from, so copy deadlines are right without any officer having published
 * anything. Officers publish an amendment (PublishHolidayYear with amends) when a notice differs.
 *
 * Legal frame: Bộ luật Lao động 2012 Điều 115 for 2020 (Quốc khánh one day), Bộ luật Lao động 2019
 * Điều 112 from 2021 (Quốc khánh 2/9 plus 1/9 or 3/9). Tết lasts 5 days; which days, and any hoán
 * đổi, is set each year by the Thủ tướng and announced by Bộ LĐTBXH (to 2024) or Bộ Nội vụ (from 2025).
 * Giỗ Tổ is 10/3 âm lịch. Where an entry rests on memory rather than a checked notice, it says so.
 */
export const VIETNAM_HOLIDAY_BASELINE: readonly HolidayYear[] = Object.freeze([
  {
    year: 2020,
    holidays: [
      off('2020-01-01', TET_DUONG),
      // Tết Canh Tý: 29 tháng Chạp to mùng 5 (23/1–29/1).
      off('2020-01-23', TET),
      off('2020-01-24', TET),
      off('2020-01-27', TET),
      off('2020-01-28', TET),
      off('2020-01-29', TET),
      off('2020-04-02', GIO_TO),
      off('2020-04-30', CHIEN_THANG),
      off('2020-05-01', LAO_DONG),
      off('2020-09-02', QUOC_KHANH),
    ],
    makeUpWorkingDays: [],
    source: 'Bộ luật Lao động 2012 Điều 115; thông báo của Bộ LĐTBXH năm 2020 (nhớ lại, chưa đối chiếu văn bản)',
  },
  {
    year: 2021,
    holidays: [
      off('2021-01-01', TET_DUONG),
      // Tết Tân Sửu: 29 tháng Chạp to mùng 5 (10/2–16/2).
      off('2021-02-10', TET),
      off('2021-02-11', TET),
      off('2021-02-12', TET),
      off('2021-02-15', TET),
      off('2021-02-16', TET),
      off('2021-04-21', GIO_TO),
      off('2021-04-30', CHIEN_THANG),
      compensatory('2021-05-03', LAO_DONG),
      off('2021-09-02', QUOC_KHANH),
      off('2021-09-03', QUOC_KHANH),
    ],
    makeUpWorkingDays: [],
    source: 'Bộ luật Lao động 2019 Điều 112; thông báo của Bộ LĐTBXH năm 2021 (nhớ lại, chưa đối chiếu văn bản)',
  },
  {
    year: 2022,
    holidays: [
      compensatory('2022-01-03', TET_DUONG),
      // Tết Nhâm Dần: 29 tháng Chạp to mùng 4 on weekdays (31/1–4/2), nine days with the weekends.
      off('2022-01-31', TET),
      off('2022-02-01', TET),
      off('2022-02-02', TET),
      off('2022-02-03', TET),
      off('2022-02-04', TET),
      compensatory('2022-04-11', GIO_TO),
      compensatory('2022-05-02', CHIEN_THANG),
      compensatory('2022-05-03', LAO_DONG),
      off('2022-09-01', QUOC_KHANH),
      off('2022-09-02', QUOC_KHANH),
    ],
    makeUpWorkingDays: [],
    source: 'Bộ luật Lao động 2019 Điều 112; thông báo của Bộ LĐTBXH năm 2022 (nhớ lại, chưa đối chiếu văn bản)',
  },
  {
    year: 2023,
    holidays: [
      compensatory('2023-01-02', TET_DUONG),
      // Tết Quý Mão: 29 tháng Chạp to mùng 5 (20/1–26/1).
      off('2023-01-20', TET),
      off('2023-01-23', TET),
      off('2023-01-24', TET),
      off('2023-01-25', TET),
      off('2023-01-26', TET),
      // Giỗ Tổ fell on Saturday 29/4 (2023 has a leap 2nd lunar month) and 30/4 on Sunday: 29/4–3/5.
      off('2023-05-01', LAO_DONG),
      compensatory('2023-05-02', GIO_TO),
      compensatory('2023-05-03', CHIEN_THANG),
      off('2023-09-01', QUOC_KHANH),
      compensatory('2023-09-04', QUOC_KHANH),
    ],
    makeUpWorkingDays: [],
    source: 'Bộ luật Lao động 2019 Điều 112; thông báo của Bộ LĐTBXH năm 2023 (nhớ lại, chưa đối chiếu văn bản)',
  },
  {
    year: 2024,
    holidays: [
      off('2024-01-01', TET_DUONG),
      // Tết Giáp Thìn: 29 tháng Chạp to mùng 5 (8/2–14/2).
      off('2024-02-08', TET),
      off('2024-02-09', TET),
      off('2024-02-12', TET),
      off('2024-02-13', TET),
      off('2024-02-14', TET),
      off('2024-04-18', GIO_TO),
      swapped('2024-04-29', '30/4–1/5'),
      off('2024-04-30', CHIEN_THANG),
      off('2024-05-01', LAO_DONG),
      off('2024-09-02', QUOC_KHANH),
      off('2024-09-03', QUOC_KHANH),
    ],
    makeUpWorkingDays: [worked('2024-05-04', '29/4/2024')],
    source: 'Bộ luật Lao động 2019 Điều 112; thông báo của Bộ LĐTBXH năm 2024 (hoán đổi 29/4 ↔ 4/5)',
  },
  {
    year: 2025,
    holidays: [
      off('2025-01-01', TET_DUONG),
      // Tết Ất Tỵ: 25/1–2/2 with Monday 27/1 swapped for Saturday 8/2.
      swapped('2025-01-27', TET),
      off('2025-01-28', TET),
      off('2025-01-29', TET),
      off('2025-01-30', TET),
      off('2025-01-31', TET),
      off('2025-04-07', GIO_TO),
      off('2025-04-30', CHIEN_THANG),
      off('2025-05-01', LAO_DONG),
      swapped('2025-05-02', '30/4–1/5'),
      off('2025-09-01', QUOC_KHANH),
      off('2025-09-02', QUOC_KHANH),
    ],
    makeUpWorkingDays: [worked('2025-02-08', '27/1/2025'), worked('2025-04-26', '2/5/2025')],
    source: 'Bộ luật Lao động 2019 Điều 112; thông báo của Bộ LĐTBXH/Bộ Nội vụ năm 2024–2025 (hoán đổi 27/1 ↔ 8/2, 2/5 ↔ 26/4)',
  },
  {
    year: 2026,
    holidays: [
      off('2026-01-01', TET_DUONG),
      swapped('2026-01-02', TET_DUONG),
      // Tết Bính Ngọ: 29 tháng Chạp to mùng 4 (16/2–20/2), nine days 14/2–22/2 with the weekends.
      off('2026-02-16', TET),
      off('2026-02-17', TET),
      off('2026-02-18', TET),
      off('2026-02-19', TET),
      off('2026-02-20', TET),
      // 10/3 Bính Ngọ is Sunday 26/4.
      compensatory('2026-04-27', GIO_TO),
      off('2026-04-30', CHIEN_THANG),
      off('2026-05-01', LAO_DONG),
      // UNCERTAIN: TB 9441/TB-BNV announced a five-day Quốc khánh break, but which weekday was swapped and
      // which Saturday is worked back was not confirmed; only the two statutory days are encoded.
      off('2026-09-01', QUOC_KHANH),
      off('2026-09-02', QUOC_KHANH),
      // UNCERTAIN: Nghị quyết 80-NQ/TW (01/2026) makes 24/11 a paid day off as policy; the amendment of
      // Bộ luật Lao động Điều 112 that would put it in force was not confirmed.
      off('2026-11-24', 'Ngày Văn hóa Việt Nam'),
    ],
    makeUpWorkingDays: [worked('2026-01-10', '2/1/2026')],
    source:
      'Bộ luật Lao động 2019 Điều 112; TB 9441/TB-BNV ngày 16/10/2025 (Tết, Quốc khánh); ' +
      'văn bản 12729/VPCP-KGVX ngày 25/12/2025 (Tết Dương lịch, hoán đổi 2/1 ↔ 10/1); NQ 80-NQ/TW (24/11, chưa xác nhận)',
  },
  {
    year: 2027,
    holidays: [
      off('2027-01-01', TET_DUONG),
      // UNCERTAIN: not announced when written. Tết Đinh Mùi is Saturday 6/2; assumed one day before and
      // four after (29 tháng Chạp 5/2 to mùng 4 9/2) plus nghỉ bù for the weekend, as in 2026.
      off('2027-02-05', TET),
      off('2027-02-08', TET),
      off('2027-02-09', TET),
      compensatory('2027-02-10', TET),
      compensatory('2027-02-11', TET),
      // 10/3 Đinh Mùi computed from the lunar calendar: Friday 16/4.
      off('2027-04-16', GIO_TO),
      off('2027-04-30', CHIEN_THANG),
      compensatory('2027-05-03', LAO_DONG),
      // UNCERTAIN: 2/9 is a Thursday; 3/9 assumed as the second day, as in 2021.
      off('2027-09-02', QUOC_KHANH),
      off('2027-09-03', QUOC_KHANH),
      // UNCERTAIN: see 2026.
      off('2027-11-24', 'Ngày Văn hóa Việt Nam'),
    ],
    makeUpWorkingDays: [],
    source: 'Bộ luật Lao động 2019 Điều 112; dự kiến, chưa có thông báo của Bộ Nội vụ (cần công bố bổ sung)',
  },
] satisfies HolidayYear[]);
