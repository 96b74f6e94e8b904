/**
 * How Vietnamese names compare (docs/architecture.md §8). Officers type the same name with and without
 * diacritics, with old or new tone-mark placement (Thủy/Thuỷ, Hòa/Hoà), decomposed or composed; a lookup
 * or a duplicate check must not be fooled by any of that.
 */

/**
 * Diacritic-, case- and spacing-insensitive form of a name. Stripping every mark also erases the
 * difference between old and new tone placement. Đ has no Unicode decomposition, so it is mapped by
 * hand; Ð (U+00D0, Icelandic eth) is included because legacy-encoding converters emit it for Đ.
 */
export function searchKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[đð]/g, 'd').replace(/\s+/g, ' ').trim();
}

// Vietnamese dictionary order: ă, â, đ, ê, ô, ơ, ư are letters of their own, not accented variants.
const ALPHABET = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';
const VOWEL_QUALITY_MARKS = /[\u0302\u0306\u031b]/;
// Tones break ties only, in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
const TONE_RANK: Readonly<Record<string, number>> = { '\u0300': 1, '\u0309': 2, '\u0303': 3, '\u0301': 4, '\u0323': 5 };

interface WordKey {
  readonly letters: string;
  readonly tone: number;
}

/**
 * A syllable carries one tone whichever vowel the mark sits on, so the tone is kept per word rather than
 * per letter: that is what makes "Thủy" and "Thuỷ" sort as the same name.
 */
function wordKey(word: string): WordKey {
  const chars = Array.from(word.normalize('NFD').toLowerCase());
  let letters = '';
  let tone = 0;
  for (let i = 0; i < chars.length; i++) {
    let letter = chars[i] as string;
    while (i + 1 < chars.length && /\p{M}/u.test(chars[i + 1] as string)) {
      const mark = chars[++i] as string;
      if (VOWEL_QUALITY_MARKS.test(mark)) letter = (letter + mark).normalize('NFC');
      else tone = TONE_RANK[mark] ?? tone;
    }
    const rank = ALPHABET.indexOf(letter);
    if (rank >= 0) letters += String.fromCharCode(0x100 + rank);
    else if (/\p{N}/u.test(letter)) letters += letter;
    // Hyphens, apostrophes and other punctuation do not decide the order.
  }
  return { letters, tone };
}

/** Letters of every word first, tones only to break ties: a string whose plain order is dictionary order. */
function wordsSortKey(words: readonly WordKey[]): string {
  return `${words.map((w) => w.letters).join('\u0001')}\u0000${words.map((w) => w.tone).join('')}`;
}

/** Sort key of any Vietnamese text (a school's name, a place) in dictionary order. */
export function vietnameseSortKey(text: string): string {
  return wordsSortKey(text.split(/\s+/).filter(Boolean).map(wordKey));
}

/**
 * Lists of people sort by given name (the last word), then by the rest from the family name on
 * (docs/architecture.md §8). Written by hand rather than with Intl.Collator so the order printed in a
 * register does not depend on the ICU data Node was built with. As a key, so a cohort of 20,000 is
 * keyed once and sorted by plain string comparison.
 */
export function vietnameseNameSortKey(name: string): string {
  const words = name.split(/\s+/).filter(Boolean).map(wordKey);
  return `${wordsSortKey(words.slice(-1))}\u0000${wordsSortKey(words.slice(0, -1))}`;
}

export function compareVietnameseNames(a: string, b: string): number {
  const keyA = vietnameseNameSortKey(a);
  const keyB = vietnameseNameSortKey(b);
  return keyA === keyB ? 0 : keyA < keyB ? -1 : 1;
}
