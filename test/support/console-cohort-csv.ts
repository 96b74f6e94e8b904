const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Hữu', 'Ngọc', 'Quang', 'Thanh', 'Gia'];
const GIVEN = [
  'An',
  'Bình',
  'Chi',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hùng',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Phúc',
  'Quân',
  'Sơn',
  'Thảo',
  'Trang',
  'Việt',
];
const SCHOOLS = ['THPT Thực Nghiệm Số 1', 'THPT Thực Nghiệm Số 2', 'THPT Thực Nghiệm Số 3', 'THPT Thực Nghiệm Số 4'];
const NAMES = FAMILY.length * MIDDLE.length * GIVEN.length;

/**
 * A clean THPT 2024 graduate list of `rows` different people, as a school exports it (CSV, UTF-8 with a
 * BOM): every name and birth date pair and every national ID differ, so no row is a duplicate (rule 1).
 */
export function cohortCsv(rows: number): Uint8Array {
  const lines = ['\uFEFFSTT,Họ và tên,Ngày sinh,Nơi sinh,Giới tính,Dân tộc,Số định danh cá nhân,Trường,Lớp,Xếp loại,Hình thức đào tạo'];
  for (let i = 0; i < rows; i += 1) {
    const n = i % NAMES;
    const name = `${FAMILY[n % FAMILY.length]} ${MIDDLE[Math.floor(n / FAMILY.length) % MIDDLE.length]} ${GIVEN[Math.floor(n / (FAMILY.length * MIDDLE.length))]}`;
    const d = Math.floor(i / NAMES);
    const birth = `${String(1 + (d % 28)).padStart(2, '0')}/${String(1 + (Math.floor(d / 28) % 12)).padStart(2, '0')}/2006`;
    const female = i % 2 === 1;
    const id = `031${female ? 3 : 2}069${String(i).padStart(5, '0')}`;
    lines.push(
      [
        i + 1,
        name,
        birth,
        'Hải Phòng',
        female ? 'Nữ' : 'Nam',
        'Kinh',
        id,
        SCHOOLS[i % SCHOOLS.length],
        `12A${1 + (i % 9)}`,
        '',
        'Chính quy',
      ].join(','),
    );
  }
  return new Uint8Array(Buffer.from(lines.join('\n'), 'utf8'));
}
