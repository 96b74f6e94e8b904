import { ageOn, birthDateBounds, formatBirthDateVi, parseBirthDate } from './birth-date';

describe('parseBirthDate', () => {
  it.each([
    ['18/09/2006', '2006-09-18'],
    ['8/9/2006', '2006-09-08'],
    ['18.09.2006', '2006-09-18'],
    ['18-09-2006', '2006-09-18'],
    [' 18 / 09 / 2006 ', '2006-09-18'],
    ['2006-09-18', '2006-09-18'],
    ['29/02/2008', '2008-02-29'],
    ['09/2006', '2006-09'],
    ['9/2006', '2006-09'],
    ['2006-09', '2006-09'],
    ['2006', '2006'],
  ])('reads %j as %j', (text, value) => {
    expect(parseBirthDate(text)).toEqual({ ok: true, value });
  });

  it.each(['31/02/2006', '15/13/2006', '29/02/2007', '00/01/2006', '13/2006', '2006-02-30'])('calls %j impossible', (text) => {
    expect(parseBirthDate(text)).toEqual({ ok: false, reason: 'impossible' });
  });

  it.each(['ngày 5 tháng 9', '18/09/06', '18/09-2006', 'không rõ', '2006/09/18', '18092006', ''])('calls %j badly formed', (text) => {
    expect(parseBirthDate(text)).toEqual({ ok: false, reason: 'format' });
  });
});

describe('partial birth dates', () => {
  it('stand for a range of days', () => {
    expect(birthDateBounds('2006-09-18')).toEqual({ earliest: '2006-09-18', latest: '2006-09-18' });
    expect(birthDateBounds('2008-02')).toEqual({ earliest: '2008-02-01', latest: '2008-02-29' });
    expect(birthDateBounds('2006')).toEqual({ earliest: '2006-01-01', latest: '2006-12-31' });
  });

  it('read back in the Vietnamese order', () => {
    expect(['2006-09-18', '2006-09', '2006'].map(formatBirthDateVi)).toEqual(['18/09/2006', '09/2006', '2006']);
  });
});

describe('ageOn', () => {
  it('counts completed years, the birthday itself included', () => {
    expect(ageOn('2006-09-18', '2024-09-17')).toBe(17);
    expect(ageOn('2006-09-18', '2024-09-18')).toBe(18);
    expect(ageOn('2008-02-29', '2018-02-28')).toBe(9);
  });
});
