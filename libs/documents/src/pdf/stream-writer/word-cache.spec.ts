import { WordCache } from './word-cache';

describe('WordCache', () => {
  it('keeps a word in use across generations and forgets one-off words', () => {
    const cache = new WordCache<number>(2);
    cache.set('Nguyễn', 1);
    for (let i = 0; i < 10; i++) {
      cache.set(`HP ${i}`, i);
      expect(cache.get('Nguyễn')).toBe(1);
    }
    expect(cache.get('HP 0')).toBeUndefined();
    expect(cache.get('HP 9')).toBe(9);
  });
});
