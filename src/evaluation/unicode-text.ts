/**
 * The Unicode text operations Fauna's string functions took from Java and ICU,
 * rebuilt on what JavaScript has: Java's whitespace (for the trims), full case
 * folding, ICU's NFKC_Casefold normalizer and ICU's word-by-word title casing.
 *
 * JavaScript's case mappings (toUpperCase / toLowerCase) are ICU's root-locale
 * full mappings; folding and title casing differ from them only for the few
 * characters tabled below (checked code point by code point against ICU).
 */

/** Java's Character.isWhitespace: Unicode spaces except the no-break ones, and the ASCII controls it adds. */
const javaWhitespace = "\\t-\\r\\x1c-\\x20\\u1680\\u2000-\\u2006\\u2008-\\u200a\\u2028\\u2029\\u205f\\u3000";
const leadingWhitespace = new RegExp(`^[${javaWhitespace}]+`);
const trailingWhitespace = new RegExp(`[${javaWhitespace}]+$`);

/** Java's String.strip / stripLeading / stripTrailing. */
export function javaStrip(text: string, leading: boolean, trailing: boolean): string {
  const start = leading ? text.replace(leadingWhitespace, "") : text;
  return trailing ? start.replace(trailingWhitespace, "") : start;
}

// ---------------------------------------------------------------------------
// Case folding

const CHEROKEE_SMALL = 0xab70;
const CHEROKEE_CAPITAL = 0x13a0;

/**
 * Full case folding (Unicode CaseFolding.txt, statuses C and F) of one code point.
 * It is lower(upper(c)) but for the letters whose folding is not their lowercase:
 * dotless ı folds to itself, capital ẞ to "ss", and Cherokee folds to its capitals.
 */
function foldCodePoint(char: string): string {
  const code = char.codePointAt(0)!;
  if (code === 0x131) return char;
  if (code === 0x1e9e) return "ss";
  if (code >= 0x13a0 && code <= 0x13f5) return char;
  if (code >= 0x13f8 && code <= 0x13fd) return String.fromCodePoint(code - 8);
  if (code >= CHEROKEE_SMALL && code <= 0xabbf) return String.fromCodePoint(code - CHEROKEE_SMALL + CHEROKEE_CAPITAL);
  return char.toUpperCase().toLowerCase();
}

export function foldCase(text: string): string {
  let folded = "";
  for (const char of text) folded += foldCodePoint(char);
  return folded;
}

const defaultIgnorable = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * ICU's NFKC_Casefold mapping of one code point: NFKC, full case folding and the removal
 * of default-ignorable code points, repeated until stable (a fold can undo a composition).
 */
function casefoldCodePoint(char: string): string {
  let previous: string;
  let current = char;
  do {
    previous = current;
    current = foldCase(current.normalize("NFKC")).replace(defaultIgnorable, "").normalize("NFKC");
  } while (current !== previous);
  return current;
}

/**
 * The normalizer maps code point by code point, then composes (NFC). Mapping the text
 * as written matters: "ᾳ\u0301" gives "αί" where its NFC form ᾴ gives "άι".
 */
export function nfkcCasefold(text: string): string {
  let mapped = "";
  for (const char of text) mapped += casefoldCodePoint(char);
  return mapped.normalize("NFC");
}

// ---------------------------------------------------------------------------
// Title casing

/** The titlecase digraphs (Lt): every form of a digraph titlecases to its Lt letter. */
const digraphTitles = new Map<number, string>();
for (const title of [0x1c5, 0x1c8, 0x1cb, 0x1f2]) for (const code of [title - 1, title, title + 1]) digraphTitles.set(code, String.fromCodePoint(title));

const YPOGEGRAMMENI = "\u0345";
const CAPITAL_IOTA = "\u0399";

/** Georgian Mkhedruli letters have capitals (Mtavruli) but titlecase to themselves. */
function isMkhedruli(code: number): boolean {
  return (code >= 0x10d0 && code <= 0x10fa) || (code >= 0x10fd && code <= 0x10ff);
}

/** The full titlecase mapping of one code point (UnicodeData and SpecialCasing). */
function titleCodePoint(char: string): string {
  const code = char.codePointAt(0)!;
  const digraph = digraphTitles.get(code);
  if (digraph !== undefined) return digraph;
  if (isMkhedruli(code)) return char;
  const upper = char.toUpperCase();
  // Greek with a subscript iota keeps it as the combining ypogegrammeni, where uppercase spells it Ι;
  // one capital letter takes it precomposed (ᾳ → ᾼ), a longer expansion as the combining mark.
  if (char !== YPOGEGRAMMENI && char.normalize("NFD").includes(YPOGEGRAMMENI) && upper.endsWith(CAPITAL_IOTA)) {
    const base = upper.slice(0, -1);
    return [...base].length === 1 ? (base + YPOGEGRAMMENI).normalize("NFC") : base + YPOGEGRAMMENI;
  }
  // Expansions (ß → Ss, ﬁ → Fi, ŉ → ʼN) stay capital up to the first cased letter only.
  const firstCased = upper.search(/\p{Cased}/u);
  return firstCased < 0 ? upper : upper.slice(0, firstCased + 1) + upper.slice(firstCased + 1).toLowerCase();
}

/** Where ICU starts titlecasing a word: its first letter, number, symbol or private-use character. */
const titleStart = /[\p{L}\p{N}\p{S}\p{Co}]/u;

const CAPITAL_SIGMA = "\u03a3";
const finalSigmaBefore = /\p{Cased}\p{Case_Ignorable}*$/u;
const finalSigmaAfter = /^\p{Case_Ignorable}*\p{Cased}/u;

function isFinalSigma(text: string, index: number): boolean {
  return finalSigmaBefore.test(text.slice(0, index)) && !finalSigmaAfter.test(text.slice(index + 1));
}

/** Lowercases text[start, end) as ICU did: whether a Σ is final is judged by the whole text around it. */
function lowerInContext(text: string, start: number, end: number): string {
  let lowered = "";
  let from = start;
  for (let sigma = text.indexOf(CAPITAL_SIGMA, start); sigma >= 0 && sigma < end; sigma = text.indexOf(CAPITAL_SIGMA, sigma + 1)) {
    lowered += text.slice(from, sigma).toLowerCase() + (isFinalSigma(text, sigma) ? "\u03c2" : "\u03c3");
    from = sigma + 1;
  }
  return lowered + text.slice(from, end).toLowerCase();
}

let wordSegmenter: Intl.Segmenter | undefined;

/**
 * The text as Intl.Segmenter must see it to split words as Fauna's ICU (73) did: there,
 * '@' was a letter (so "@handle" and "a@b.c" are single words) and the colons did not join
 * letters. Each stand-in is one UTF-16 unit, so the segments' offsets are the text's.
 */
function icu73WordText(text: string): string {
  return text.replace(/@/g, "a").replace(/[:\ufe55\uff1a]/g, "!");
}

/** The UAX #29 words of `text`, as ICU 73 split them. */
function words(text: string): { segment: string; index: number }[] {
  wordSegmenter ??= new Intl.Segmenter("en", { granularity: "word" });
  return [...wordSegmenter.segment(icu73WordText(text))].map(({ segment, index }) => ({ segment: text.slice(index, index + segment.length), index }));
}

/**
 * ICU's UCharacter.toTitleCase with a word BreakIterator: in each UAX #29 word, the
 * first letter/number/symbol is titlecased and the rest of the word lowercased.
 */
export function titleCase(text: string): string {
  let result = "";
  for (const { segment, index } of words(text)) {
    const offset = segment.search(titleStart);
    if (offset < 0) {
      result += segment;
      continue;
    }
    const first = String.fromCodePoint(segment.codePointAt(offset)!);
    const restStart = index + offset + first.length;
    result += segment.slice(0, offset) + titleCodePoint(first) + lowerInContext(text, restStart, index + segment.length);
  }
  return result;
}
