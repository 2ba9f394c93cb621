/**
 * String order. Fauna compared strings with an ICU collator (English, tertiary
 * strength), falling back to byte order between strings the collator deems
 * equal. Index entries must be stored in that order, which needs sort keys,
 * and JavaScript's Intl.Collator only compares. So FQLite computes Unicode
 * Collation Algorithm-style keys itself:
 *
 *   primary    the letters, case and accents aside: for the characters of the
 *              common alphabets and punctuation (Latin, Greek, Cyrillic, general
 *              punctuation, currency) their rank in ICU's own order, taken from
 *              Intl.Collator; other characters after them, by code point
 *   secondary  accents (combining marks) in ICU's order, character by character
 *   tertiary   case: lower before upper
 *   last       the UTF-8 bytes, so that distinct strings never compare equal
 *
 * This is ICU's order for text in those alphabets; characters beyond them keep
 * their code point order among themselves.
 */

const rankedRanges: [number, number][] = [
  [0x20, 0x7e], // ASCII
  [0xa0, 0xff], // Latin-1
  [0x100, 0x24f], // Latin Extended-A and -B
  [0x370, 0x3ff], // Greek
  [0x400, 0x4ff], // Cyrillic
  [0x2010, 0x205e], // General Punctuation
  [0x20a0, 0x20c0], // currency
];

/** Letters that are one letter to the eye but two to the collator. */
const expansions: Record<string, string> = { "ß": "ss", "æ": "ae", "œ": "oe" };

/** The secondary weight that marks an expansion: above every accent's. */
const EXPANSION_MARK = 0xffff;

let primaryRanks: Map<string, number> | undefined;
let accentRanks: Map<number, number> | undefined;

/** Ranks of the combining accents in ICU's secondary order (made once, when first needed). */
function accents(): Map<number, number> {
  if (accentRanks) return accentRanks;
  const collator = new Intl.Collator("en", { sensitivity: "accent" });
  const marks: number[] = [];
  for (let code = 0x300; code <= 0x36f; code++) marks.push(code);
  marks.sort((a, b) => collator.compare(`a${String.fromCodePoint(a)}`, `a${String.fromCodePoint(b)}`) || a - b);
  accentRanks = new Map(marks.map((code, index) => [code, index + 1]));
  return accentRanks;
}

/** Ranks of the ranked characters in ICU's primary order (made once, when first needed). */
function ranks(): Map<string, number> {
  if (primaryRanks) return primaryRanks;
  const collator = new Intl.Collator("en", { sensitivity: "base" });
  const chars: string[] = [];
  for (const [first, last] of rankedRanges) {
    for (let code = first; code <= last; code++) {
      const char = String.fromCodePoint(code);
      if (!/\p{M}|\p{Cn}/u.test(char) && char.toLowerCase() === char && char.normalize("NFD") === char) chars.push(char);
    }
  }
  chars.sort(collator.compare);
  primaryRanks = new Map();
  let rank = 0;
  chars.forEach((char, index) => {
    if (index > 0 && collator.compare(chars[index - 1]!, char) !== 0) rank++;
    primaryRanks!.set(char, rank + 1);
  });
  return primaryRanks;
}

/**
 * Three bytes, the first never 0 (0 ends the primary level): ranked characters
 * first, then every other character by code point.
 */
function primaryWeight(char: string): number[] {
  const value = ranks().get(char) ?? 0x100000 + char.codePointAt(0)!;
  return [(value >> 16) + 1, (value >> 8) & 0xff, value & 0xff];
}

/** The sort key of a string: byte order of keys is collation order of strings. */
export function collationKey(text: string): Buffer {
  const primary: number[] = [];
  const secondary: number[] = [];
  const tertiary: number[] = [];
  for (const cluster of text.normalize("NFD").split(/(?=\P{M})/u)) {
    if (cluster === "") continue;
    const [base, ...marks] = [...cluster];
    const lower = base!.toLowerCase();
    const markCode = marks[0]?.codePointAt(0);
    const mark = markCode === undefined ? 0 : (accents().get(markCode) ?? markCode);
    const expansion = expansions[lower];
    [...(expansion ?? lower.normalize("NFD").replace(/\p{M}/gu, ""))].forEach((letter, index) => {
      // An expanded letter (æ as "ae") differs from its spelling at the secondary level, after every accent: "aè" < "æ".
      const weight = expansion !== undefined && index === 0 ? EXPANSION_MARK : mark;
      primary.push(...primaryWeight(letter));
      secondary.push((weight >> 8) & 0xff, weight & 0xff);
      tertiary.push(base !== lower ? 2 : 1);
    });
  }
  return Buffer.concat([Buffer.from(primary), Buffer.from([0]), Buffer.from(secondary), Buffer.from([0]), Buffer.from(tertiary), Buffer.from([0]), Buffer.from(text, "utf8")]);
}
