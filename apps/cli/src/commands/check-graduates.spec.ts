import { join } from 'node:path';
import { checkGraduateList, describeCheck } from './check-graduates';

const fixtures = join(__dirname, '../../../../test/fixtures/graduates');

describe('cli check-graduates', () => {
  it('lists every bad row of a school’s file in Vietnamese, by the row number Excel shows', async () => {
    const file = join(fixtures, 'graduates-thpt-2024-bad.xlsx');
    const report = describeCheck(file, await checkGraduateList(file, { kind: 'THPT', decisionDate: '2024-07-20' }));
    expect(report.split('\n')[0]).toBe('graduates-thpt-2024-bad.xlsx: 189 dòng hợp lệ, 11 lỗi');
    expect(report).toMatch(/Dòng 7, cột "Ngày sinh": .*\[BAD_DATE\]/);
    expect(report).toMatch(/Dòng 28, cột "Giới tính": .*\[UNKNOWN_SEX\]/);
  });

  it('passes a clean list', async () => {
    const file = join(fixtures, 'graduates-thpt-2024.csv');
    expect((await checkGraduateList(file, { kind: 'THPT', decisionDate: '2024-07-20' })).problems).toEqual([]);
  });
});
