import { canonicalEthnicity, ETHNIC_GROUPS, ethnicityKeys } from './ethnicities';

describe('ethnic groups', () => {
  it('lists the 54 official groups once each, in NFC', () => {
    expect(ETHNIC_GROUPS).toHaveLength(54);
    expect(new Set(ETHNIC_GROUPS).size).toBe(54);
    for (const group of ETHNIC_GROUPS) expect(group).toBe(group.normalize('NFC'));
  });

  it('never lets two groups share a spelling once diacritics, spaces and hyphens are stripped', () => {
    const groupsByKey = new Map<string, Set<string>>();
    for (const [key, group] of ethnicityKeys()) groupsByKey.set(key, (groupsByKey.get(key) ?? new Set()).add(group));
    const shared = [...groupsByKey].filter(([, groups]) => groups.size > 1);
    expect(shared).toEqual([]);
    for (const group of ETHNIC_GROUPS) expect(canonicalEthnicity(group)).toBe(group);
  });

  it.each([
    ['Mông', "H'Mông"],
    ['Hmông', "H'Mông"],
    ["H'mông", "H'Mông"],
    ['HMÔNG', "H'Mông"],
    ['Ê-đê', 'Ê Đê'],
    ['Êđê', 'Ê Đê'],
    ['Gia-rai', 'Gia Rai'],
    ['Khơ-me', 'Khmer'],
    ['Xtiêng', 'Stiêng'],
    ['Khơ Mú', 'Khơ mú'],
    ['Bru Vân Kiều', 'Bru-Vân Kiều'],
    ['Cơ Lao', 'Cờ Lao'],
    ['Gié Triêng', 'Giẻ Triêng'],
    ["M'Nông", 'Mnông'],
    ['kinh', 'Kinh'],
    ['Việt', 'Kinh'],
    ['  Tày ', 'Tày'],
    ['Thái'.normalize('NFD'), 'Thái'],
  ])('reads %j as %j', (written, canonical) => {
    expect(canonicalEthnicity(written)).toBe(canonical);
  });

  it.each(['Không rõ', 'Khác', 'Kinh Tày', '', 'Mèo'])('refuses %j', (written) => {
    expect(canonicalEthnicity(written)).toBeUndefined();
  });
});
