import { compareVietnameseNames, searchKey } from './vietnamese-names';

describe('searchKey', () => {
  it.each([
    ['Nguyễn Thị Thủy', 'Nguyen thi THUỶ'],
    ['Lê Văn Hòa', 'le van hoà'],
    ['Đặng Quốc Bình', 'dang quoc binh'],
    ['Trần  Thị   Huệ ', 'tran thi hue'],
    ['Phạm Khỏe', 'pham khoẻ'],
    ['Nguyễn Phương Hạnh'.normalize('NFD'), 'Nguyễn Phương Hạnh'],
  ])('treats %j and %j as the same name', (a, b) => {
    expect(searchKey(a)).toBe(searchKey(b));
  });

  it('maps Đ, and the Ð that legacy-encoding converters emit for it, to d', () => {
    expect(searchKey('Đoàn Ðức')).toBe('doan duc');
  });

  it('still tells different names apart', () => {
    expect(searchKey('Nguyễn Văn An')).not.toBe(searchKey('Nguyễn Văn Anh'));
  });
});

describe('compareVietnameseNames (architecture §8)', () => {
  const sorted = (names: string[]) => [...names].sort(compareVietnameseNames);

  it('sorts by given name first: "Nguyễn Văn An" before "Lê Thị Bình" because An < Bình', () => {
    expect(compareVietnameseNames('Nguyễn Văn An', 'Lê Thị Bình')).toBeLessThan(0);
    expect(compareVietnameseNames('Lê Thị Bình', 'Nguyễn Văn An')).toBeGreaterThan(0);
  });

  it('breaks a tie on the given name with the family and middle names', () => {
    expect(sorted(['Trần Văn An', 'Lê Văn An', 'Lê Thị An'])).toEqual(['Lê Thị An', 'Lê Văn An', 'Trần Văn An']);
  });

  it('follows the Vietnamese alphabet: ă and â after a, đ after d, ơ after ô, ư after u', () => {
    expect(sorted(['Lê Ân', 'Lê Ăn', 'Lê Anh'])).toEqual(['Lê Anh', 'Lê Ăn', 'Lê Ân']);
    expect(sorted(['Phạm Đức', 'Phạm Dung', 'Phạm Duy'])).toEqual(['Phạm Dung', 'Phạm Duy', 'Phạm Đức']);
    expect(sorted(['Vũ Ơn', 'Vũ Ông', 'Vũ Oanh'])).toEqual(['Vũ Oanh', 'Vũ Ông', 'Vũ Ơn']);
    expect(sorted(['Hà Ưng', 'Hà Uyên'])).toEqual(['Hà Uyên', 'Hà Ưng']);
  });

  it('orders tones only after the letters: ngang, huyền, hỏi, ngã, sắc, nặng', () => {
    expect(sorted(['Lê Ánh', 'Lê Ạnh', 'Lê Anh', 'Lê Ảnh', 'Lê Ành', 'Lê Ãnh', 'Lê Anhs'])).toEqual([
      'Lê Anh',
      'Lê Ành',
      'Lê Ảnh',
      'Lê Ãnh',
      'Lê Ánh',
      'Lê Ạnh',
      'Lê Anhs',
    ]);
  });

  it('sees one name whatever the tone placement, composition or case', () => {
    expect(compareVietnameseNames('Nguyễn Thị Thủy', 'Nguyễn Thị Thuỷ')).toBe(0);
    expect(compareVietnameseNames('Lê Văn Hòa', 'lê văn hoà')).toBe(0);
    expect(compareVietnameseNames('Nguyễn Phương Hạnh'.normalize('NFD'), 'Nguyễn Phương Hạnh')).toBe(0);
  });

  it('sorts a class list the way an officer expects', () => {
    expect(sorted(['Lê Thị Bình', 'Nguyễn Văn An', 'Trần Đức Anh', 'Phạm Thị Thuỷ', 'Hoàng Minh Đức', 'Vũ Thị Dung'])).toEqual([
      'Nguyễn Văn An',
      'Trần Đức Anh',
      'Lê Thị Bình',
      'Vũ Thị Dung',
      'Hoàng Minh Đức',
      'Phạm Thị Thuỷ',
    ]);
  });
});
