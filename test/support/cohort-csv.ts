/**
 * A large graduate list as the office's CSV, generated: distinct people (national IDs 095206xxxxxx, a
 * province none of the fixtures use), names from a Vietnamese pool, 61 schools. For specs of large acts.
 */
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Thị', 'Văn', 'Hữu', 'Đức', 'Ngọc', 'Minh', 'Thu', 'Quốc', 'Hoàng', 'Thanh'];
const GIVEN = [
  'Thuỷ',
  'Hoà',
  'Yến',
  'Hưng',
  'Ánh',
  'Dũng',
  'Khoa',
  'Lan',
  'Mai',
  'Tuấn',
  'Phương',
  'Quỳnh',
  'Sơn',
  'Trang',
  'Việt',
  'Nhung',
  'Đạt',
  'Hằng',
];

export function cohortCsv(count: number): Uint8Array {
  const lines = ['STT,Họ và tên,Ngày sinh,Nơi sinh,Giới tính,Dân tộc,Số định danh cá nhân,Trường,Lớp,Xếp loại,Hình thức đào tạo'];
  for (let i = 0; i < count; i += 1) {
    const name = `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i >> 4) % MIDDLE.length]} ${GIVEN[(i * 7) % GIVEN.length]}`;
    const born = `${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + ((i * 5) % 12)).padStart(2, '0')}/2006`;
    const id = `095206${String(i).padStart(6, '0')}`;
    lines.push(
      `${i + 1},${name},${born},Hải Phòng,${i % 2 ? 'Nữ' : 'Nam'},Kinh,${id},Trường THPT số ${1 + (i % 61)} Hải Phòng,12A${1 + (i % 9)},,Chính quy`,
    );
  }
  return new Uint8Array(Buffer.from(`${lines.join('\n')}\n`));
}
