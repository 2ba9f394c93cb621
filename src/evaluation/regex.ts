/**
 * Java regular expressions (java.util.regex.Pattern, the dialect of Fauna's
 * regex functions) compiled to JavaScript RegExps with the `u` flag.
 *
 * The pattern is read with Java's grammar and written out in JavaScript with
 * Java's meaning: Java's flags become rewrites of the affected atoms (so
 * `(?i)`, `(?s)`, `(?m)`, `(?x)`, `(?d)` work anywhere, scoped as in Java),
 * Java's `.`, `^`, `$`, `\s`, `\b`, `\h`, `\v`, `\R`, POSIX and `java…` classes
 * become the sets Java used, atomic groups and possessive quantifiers become the
 * exact lookahead-and-backreference emulation `(?=(X))\1`, and nested class
 * unions and `&&` intersections become lookaheads. docs/regex-dialect.md lists
 * what is and is not reproduced.
 */

/** The pattern is not valid Java: Fauna refused it too. */
export class RegexSyntaxError extends Error {}

/** The pattern is valid Java but uses something FQLite cannot reproduce. */
export class RegexUnsupportedError extends Error {
  constructor(readonly feature: string) {
    super(feature);
  }
}

export interface JavaRegex {
  /** Global, with the `u` flag. */
  readonly regex: RegExp;
  /** The number of Java's capturing groups. */
  readonly groupCount: number;
  /** The index in a JavaScript match of Java's group n (index 0: the whole match). */
  readonly jsGroup: readonly number[];
  /** Java's group numbers by name. */
  readonly groupNames: ReadonlyMap<string, number>;
}

interface Flags {
  i: boolean; // CASE_INSENSITIVE (ASCII unless u)
  m: boolean; // MULTILINE
  s: boolean; // DOTALL
  x: boolean; // COMMENTS
  d: boolean; // UNIX_LINES
  u: boolean; // UNICODE_CASE
  U: boolean; // UNICODE_CHARACTER_CLASS
}

/**
 * A set of code points, as a JavaScript class body when it can be one (so that
 * unions stay one class), and always as an expression matching one code point.
 */
interface CharSet {
  readonly body?: string;
  readonly expr: string;
}

function setOfBody(body: string): CharSet {
  return { body, expr: `[${body}]` };
}

function setOfExpr(expr: string): CharSet {
  return { expr };
}

function union(sets: readonly CharSet[]): CharSet {
  if (sets.every((set) => set.body !== undefined)) return setOfBody(sets.map((set) => set.body).join(""));
  return setOfExpr(`(?:${sets.map((set) => set.expr).join("|")})`);
}

function intersect(left: CharSet, right: CharSet): CharSet {
  return setOfExpr(`(?:(?=${left.expr})${right.expr})`);
}

function negate(set: CharSet): CharSet {
  return set.body !== undefined ? setOfExpr(`[^${set.body}]`) : setOfExpr(`(?:(?!${set.expr})[\\s\\S])`);
}

/** A code point written so that it means itself anywhere in a `u` pattern, inside a class or out. */
function literal(code: number): string {
  const char = String.fromCodePoint(code);
  return /[A-Za-z0-9]/.test(char) ? char : `\\u{${code.toString(16)}}`;
}

const ASCII_LETTERS = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"].map((char) => char.codePointAt(0)!);
const isAsciiLetter = (code: number): boolean => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);

/** The code points Java's case-insensitive matching takes for `code`: ASCII only, or with UNICODE_CASE the simple case mappings. */
function caseVariants(code: number, unicode: boolean): number[] {
  if (!unicode) return isAsciiLetter(code) ? [code, code ^ 0x20] : [code];
  const char = String.fromCodePoint(code);
  const candidates = [char, char.toLowerCase(), char.toUpperCase(), char.toUpperCase().toLowerCase()];
  const single = candidates.filter((text) => [...text].length === 1).map((text) => text.codePointAt(0)!);
  return [...new Set(single)];
}

function rangeBody(from: number, to: number): string {
  return from === to ? literal(from) : `${literal(from)}-${literal(to)}`;
}

/**
 * A range as Java matched it under CASE_INSENSITIVE: also the code points whose
 * other case is in the range (ASCII letters only, or every code point with UNICODE_CASE).
 */
function caseInsensitiveRange(from: number, to: number, unicode: boolean): string {
  let body = rangeBody(from, to);
  const extra = new Set<number>();
  if (unicode && to - from <= 0x3000) {
    for (let code = from; code <= to; code++) for (const variant of caseVariants(code, true)) if (variant < from || variant > to) extra.add(variant);
  } else {
    for (const code of ASCII_LETTERS) if ((code ^ 0x20) >= from && (code ^ 0x20) <= to) extra.add(code);
  }
  for (const code of extra) if (code < from || code > to) body += literal(code);
  return body;
}

// ---------------------------------------------------------------------------
// Java's predefined sets

const LINE_TERMINATORS = "\\n\\r\\u{85}\\u{2028}\\u{2029}";
const ASCII_SPACE = "\\t-\\r ";
const HORIZONTAL_SPACE = " \\t\\u{a0}\\u{1680}\\u{180e}\\u{2000}-\\u{200a}\\u{202f}\\u{205f}\\u{3000}";
const VERTICAL_SPACE = "\\n-\\r\\u{85}\\u{2028}\\u{2029}";
const UNICODE_WORD = "\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}";
const IDENTIFIER_IGNORABLE = "\\u{0}-\\u{8}\\u{e}-\\u{1b}\\u{7f}-\\u{9f}\\p{Cf}";

/** The ASCII POSIX classes, and what (?U) made of them. */
const posixClasses: Record<string, [ascii: string, unicode?: string]> = {
  Lower: ["a-z", "\\p{Lowercase}"],
  Upper: ["A-Z", "\\p{Uppercase}"],
  ASCII: ["\\u{0}-\\u{7f}", "\\u{0}-\\u{7f}"],
  Alpha: ["A-Za-z", "\\p{Alphabetic}"],
  Digit: ["0-9", "\\p{Nd}"],
  Alnum: ["A-Za-z0-9", "\\p{Alphabetic}\\p{Nd}"],
  Punct: ["!-\\u{2f}:-@\\u{5b}-`\\u{7b}-~", "\\p{P}"],
  Graph: ["!-~"],
  Print: [" -~"],
  Blank: [" \\t", "\\p{Zs}\\t"],
  Cntrl: ["\\u{0}-\\u{1f}\\u{7f}", "\\p{Cc}"],
  XDigit: ["0-9A-Fa-f", "\\p{Nd}\\p{Hex_Digit}"],
  Space: [ASCII_SPACE, "\\p{White_Space}"],
};

/** Character's is… methods, by their `\p{java…}` names. */
const javaClasses: Record<string, CharSet> = {
  javaLowerCase: setOfBody("\\p{Lowercase}"),
  javaUpperCase: setOfBody("\\p{Uppercase}"),
  javaTitleCase: setOfBody("\\p{Lt}"),
  javaDigit: setOfBody("\\p{Nd}"),
  javaLetter: setOfBody("\\p{L}"),
  javaLetterOrDigit: setOfBody("\\p{L}\\p{Nd}"),
  javaAlphabetic: setOfBody("\\p{Alphabetic}"),
  javaIdeographic: setOfBody("\\p{Ideographic}"),
  javaDefined: setOfBody("\\P{Cn}"),
  javaSpaceChar: setOfBody("\\p{Z}"),
  // Character.isWhitespace: the separators but the no-break spaces, and the ASCII controls it adds.
  javaWhitespace: setOfExpr("(?:(?![\\u{a0}\\u{2007}\\u{202f}])[\\t-\\r\\u{1c}-\\u{1f}\\p{Z}])"),
  javaISOControl: setOfBody("\\u{0}-\\u{1f}\\u{7f}-\\u{9f}"),
  javaMirrored: setOfBody("\\p{Bidi_Mirrored}"),
  javaIdentifierIgnorable: setOfBody(IDENTIFIER_IGNORABLE),
  javaJavaIdentifierStart: setOfBody("\\p{L}\\p{Nl}\\p{Sc}\\p{Pc}"),
  javaJavaIdentifierPart: setOfBody(`\\p{L}\\p{Nl}\\p{Sc}\\p{Pc}\\p{Nd}\\p{Mn}\\p{Mc}${IDENTIFIER_IGNORABLE}`),
  javaUnicodeIdentifierStart: setOfBody("\\p{ID_Start}"),
  javaUnicodeIdentifierPart: setOfBody(`\\p{ID_Continue}${IDENTIFIER_IGNORABLE}`),
};

/** Java's own category names beyond Unicode's. */
const javaCategories: Record<string, string> = { LD: "\\p{L}\\p{Nd}", L1: "\\u{0}-\\u{ff}", all: "\\u{0}-\\u{10ffff}" };

/** The binary properties Java's `\p{IsX}` knew, by upper-cased name without underscores. */
const binaryProperties: Record<string, string> = {
  ALPHABETIC: "\\p{Alphabetic}",
  IDEOGRAPHIC: "\\p{Ideographic}",
  LETTER: "\\p{L}",
  LOWERCASE: "\\p{Lowercase}",
  UPPERCASE: "\\p{Uppercase}",
  TITLECASE: "\\p{Lt}",
  PUNCTUATION: "\\p{P}",
  CONTROL: "\\p{Cc}",
  WHITESPACE: "\\p{White_Space}",
  DIGIT: "\\p{Nd}",
  HEXDIGIT: "\\p{Hex_Digit}",
  JOINCONTROL: "\\p{Join_Control}",
  NONCHARACTERCODEPOINT: "\\p{Noncharacter_Code_Point}",
  ASSIGNED: "\\P{Cn}",
  EMOJI: "\\p{Emoji}",
  EMOJIPRESENTATION: "\\p{Emoji_Presentation}",
  EMOJIMODIFIER: "\\p{Emoji_Modifier}",
  EMOJIMODIFIERBASE: "\\p{Emoji_Modifier_Base}",
  EMOJICOMPONENT: "\\p{Emoji_Component}",
  EXTENDEDPICTOGRAPHIC: "\\p{Extended_Pictographic}",
};

const generalCategories = new Set(
  "L Lu Ll Lt Lm Lo LC M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So Z Zs Zl Zp C Cc Cf Cs Co Cn".split(" "),
);

function acceptedByJavaScript(body: string): boolean {
  try {
    new RegExp(`[${body}]`, "u");
    return true;
  } catch {
    return false;
  }
}

/** Java took script names in any case ("LATIN", "latin", "Latn"); JavaScript wants "Latin", "Old_Italic", "Latn". */
function scriptBody(name: string): string {
  const canonical = name
    .split(/[_ ]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join("_");
  const body = `\\p{Script=${canonical}}`;
  if (!acceptedByJavaScript(body)) throw new RegexSyntaxError(`Unknown character script name {${name}}`);
  return body;
}

function categoryBody(name: string): string | undefined {
  if (generalCategories.has(name)) return `\\p{${name}}`;
  return javaCategories[name];
}

/** The set named by `\p{name}`. */
function propertySet(name: string, flags: Flags): CharSet {
  const posix = posixClasses[name];
  if (posix) {
    const body = flags.U ? posix[1] : posix[0];
    if (body === undefined) throw new RegexUnsupportedError(`\\p{${name}} with (?U)`);
    return setOfBody(body);
  }
  const java = javaClasses[name];
  if (java) return java;
  const category = categoryBody(name);
  if (category) return setOfBody(category);
  const [key, value] = name.includes("=") ? (name.split("=", 2) as [string, string]) : ["", ""];
  if (/^(script|sc)$/i.test(key)) return setOfBody(scriptBody(value));
  if (/^(general_category|gc)$/i.test(key) && categoryBody(value)) return setOfBody(categoryBody(value)!);
  if (/^(block|blk)$/i.test(key) || name.startsWith("In")) throw new RegexUnsupportedError(`the Unicode block \\p{${name}}`);
  if (name.startsWith("Is")) {
    const rest = name.slice(2);
    const binary = binaryProperties[rest.toUpperCase().replace(/[_ ]/g, "")];
    return setOfBody(categoryBody(rest) ?? binary ?? scriptBody(rest));
  }
  throw new RegexSyntaxError(`Unknown character property name {${name}}`);
}

// ---------------------------------------------------------------------------
// Reading the pattern

/** A capturing group in the output, numbered once the whole pattern is written. */
const OPEN = "\u0000";
const REF = "\u0001";
const END = "\u0002";

/** The translation as a RegExp; what JavaScript still refuses is a pattern Java refused too (a range it reads differently, say). */
function javaScriptRegExp(source: string): RegExp {
  try {
    return new RegExp(source, "gu");
  } catch (error) {
    throw new RegexSyntaxError((error as Error).message);
  }
}

class Translator {
  private readonly chars: number[];
  private index = 0;
  private flags: Flags;
  /** Java's capturing groups so far, each with the id of its JavaScript group. */
  private readonly javaGroups: number[] = [];
  private readonly names = new Map<string, number>();
  private nextId = 0;
  private lookbehindDepth = 0;

  constructor(pattern: string) {
    this.chars = [...pattern].map((char) => char.codePointAt(0)!);
    this.flags = { i: false, m: false, s: false, x: false, d: false, u: false, U: false };
  }

  compile(): JavaRegex {
    const body = this.alternation();
    if (this.index < this.chars.length) throw new RegexSyntaxError("Unmatched closing ')'");
    return this.finish(body);
  }

  /** Numbers the JavaScript groups in the order they open, and points back-references at them. */
  private finish(body: string): JavaRegex {
    const numbers = new Map<string, number>();
    let count = 0;
    const opened = body.replace(new RegExp(`${OPEN}(\\d+)${END}`, "g"), (_, id: string) => {
      numbers.set(id, ++count);
      return "(";
    });
    const source = opened.replace(new RegExp(`${REF}(\\d+)${END}`, "g"), (_, id: string) => `(?:\\${numbers.get(id)!})`);
    return {
      regex: javaScriptRegExp(source),
      groupCount: this.javaGroups.length,
      jsGroup: [0, ...this.javaGroups.map((id) => numbers.get(String(id))!)],
      groupNames: this.names,
    };
  }

  private peek(offset = 0): number | undefined {
    return this.chars[this.index + offset];
  }

  private next(): number {
    const code = this.chars[this.index++];
    if (code === undefined) throw new RegexSyntaxError("Unexpected end of pattern");
    return code;
  }

  private accept(text: string): boolean {
    const codes = [...text].map((char) => char.codePointAt(0)!);
    if (codes.some((code, offset) => this.peek(offset) !== code)) return false;
    this.index += codes.length;
    return true;
  }

  /** In comments mode, whitespace and `#…` comments mean nothing. */
  private skipComments(): void {
    if (!this.flags.x) return;
    for (;;) {
      const code = this.peek();
      if (code !== undefined && /\s/.test(String.fromCodePoint(code))) this.index++;
      else if (code === 0x23) while (this.peek() !== undefined && this.next() !== 0x0a);
      else return;
    }
  }

  private alternation(): string {
    const branches = [this.sequence()];
    while (this.accept("|")) branches.push(this.sequence());
    return branches.join("|");
  }

  private sequence(): string {
    let out = "";
    for (;;) {
      this.skipComments();
      const code = this.peek();
      if (code === undefined || code === 0x7c || code === 0x29) return out;
      if (code === 0x2a || code === 0x2b || code === 0x3f) throw new RegexSyntaxError(`Dangling meta character '${String.fromCodePoint(code)}'`);
      if (code === 0x7b) throw new RegexSyntaxError("Illegal repetition");
      const atom = this.atom();
      if (atom !== undefined) out += this.quantified(atom);
    }
  }

  /** One atom, or undefined for what matches nothing (flags, an empty \Q\E). */
  private atom(): string | undefined {
    const code = this.next();
    switch (code) {
      case 0x28: // (
        return this.group();
      case 0x5b: // [
        return this.charClass().expr;
      case 0x2e: // .
        return this.flags.s ? "[\\s\\S]" : this.flags.d ? "[^\\n]" : `[^${LINE_TERMINATORS}]`;
      case 0x5e: // ^
        return this.flags.m ? this.lineStart() : "(?<![\\s\\S])";
      case 0x24: // $
        return this.flags.m ? this.lineEnd() : this.inputEnd();
      case 0x5c: // \
        return this.escape();
      default:
        return this.char(code);
    }
  }

  private terminators(): string {
    return this.flags.d ? "\\n" : LINE_TERMINATORS;
  }

  /** Java's multiline ^: after a line terminator (not inside \r\n), but never at the end of input. */
  private lineStart(): string {
    return `(?:(?=[\\s\\S])(?<![^${this.terminators()}])${this.flags.d ? "" : "(?!(?<=\\r)\\n)"})`;
  }

  /** Java's multiline $: before a line terminator (not inside \r\n), or at the end. */
  private lineEnd(): string {
    return this.flags.d ? "(?=\\n|(?![\\s\\S]))" : "(?=(?<!\\r)\\n|[\\r\\u{85}\\u{2028}\\u{2029}]|(?![\\s\\S]))";
  }

  /** Java's $ and \Z: at the end, or before a final line terminator. */
  private inputEnd(): string {
    const final = this.flags.d ? "\\n" : "\\r\\n|(?<!\\r)\\n|[\\r\\u{85}\\u{2028}\\u{2029}]";
    return `(?=(?:${final})?(?![\\s\\S]))`;
  }

  private char(code: number): string {
    if (!this.flags.i) return literal(code);
    const variants = caseVariants(code, this.flags.u);
    return variants.length === 1 ? literal(code) : `[${variants.map(literal).join("")}]`;
  }

  private quantified(atom: string): string {
    this.skipComments();
    const code = this.peek();
    let quantifier: string;
    let bounded = true;
    if (code === 0x2a || code === 0x2b) {
      quantifier = String.fromCodePoint(this.next());
      bounded = false;
    } else if (code === 0x3f) {
      quantifier = String.fromCodePoint(this.next());
    } else if (code === 0x7b) {
      this.index++;
      const { text, unbounded } = this.repetition();
      quantifier = text;
      bounded = !unbounded;
    } else {
      return atom;
    }
    if (!bounded && this.lookbehindDepth > 0) throw new RegexSyntaxError("Look-behind group does not have an obvious maximum length");
    const wrapped = `(?:${atom})${quantifier}`;
    if (this.accept("?")) return `${wrapped}?`;
    if (this.accept("+")) return this.atomic(wrapped);
    return wrapped;
  }

  /** `{n}`, `{n,}`, `{n,m}`, after the `{`. */
  private repetition(): { text: string; unbounded: boolean } {
    const min = this.digits();
    if (min === undefined) throw new RegexSyntaxError("Illegal repetition");
    let max: number | undefined = min;
    let unbounded = false;
    if (this.accept(",")) {
      max = this.digits();
      unbounded = max === undefined;
    }
    if (!this.accept("}")) throw new RegexSyntaxError("Unclosed counted closure");
    if (max !== undefined && max < min) throw new RegexSyntaxError("Illegal repetition range");
    return { text: `{${min}${max === min && !unbounded ? "" : `,${max ?? ""}`}}`, unbounded };
  }

  private digits(): number | undefined {
    let text = "";
    while (this.peek() !== undefined && this.peek()! >= 0x30 && this.peek()! <= 0x39) text += String.fromCodePoint(this.next());
    return text === "" ? undefined : Number(text);
  }

  /** An atomic group: the lookahead matches once, the back-reference consumes what it matched, and no backtracking enters it. */
  private atomic(inner: string): string {
    const id = this.nextId++;
    return `(?:(?=${OPEN}${id}${END}${inner}))${REF}${id}${END})`;
  }

  /** After `(`: undefined for a bare `(?flags)`, which matches nothing and sets flags to the end of the enclosing group. */
  private group(): string | undefined {
    const saved = { ...this.flags };
    let out: string;
    if (!this.accept("?")) out = this.capturing();
    else if (this.accept(":")) out = `(?:${this.alternation()})`;
    else if (this.accept("=")) out = `(?=${this.alternation()})`;
    else if (this.accept("!")) out = `(?!${this.alternation()})`;
    else if (this.accept(">")) out = this.atomic(this.alternation());
    else if (this.accept("<=")) out = `(?<=${this.lookbehind()})`;
    else if (this.accept("<!")) out = `(?<!${this.lookbehind()})`;
    else if (this.accept("<")) out = this.namedGroup();
    else {
      this.readFlags();
      if (this.accept(")")) return undefined;
      if (!this.accept(":")) throw new RegexSyntaxError("Unknown inline modifier");
      out = `(?:${this.alternation()})`;
    }
    if (!this.accept(")")) throw new RegexSyntaxError("Unclosed group");
    this.flags = saved;
    return out;
  }

  private capturing(): string {
    const id = this.nextId++;
    this.javaGroups.push(id);
    return `${OPEN}${id}${END}${this.alternation()})`;
  }

  private lookbehind(): string {
    this.lookbehindDepth++;
    const inner = this.alternation();
    this.lookbehindDepth--;
    return inner;
  }

  private namedGroup(): string {
    const name = this.groupName();
    if (this.names.has(name)) throw new RegexSyntaxError(`Named capturing group <${name}> is already defined`);
    this.names.set(name, this.javaGroups.length + 1);
    return this.capturing();
  }

  /** Java's group names: an ASCII letter, then ASCII letters and digits, then `>`. */
  private groupName(): string {
    let name = "";
    while (this.peek() !== undefined && /[A-Za-z0-9]/.test(String.fromCodePoint(this.peek()!))) name += String.fromCodePoint(this.next());
    if (!/^[A-Za-z]/.test(name)) throw new RegexSyntaxError("capturing group name does not start with a Latin letter");
    if (!this.accept(">")) throw new RegexSyntaxError("named capturing group is missing trailing '>'");
    return name;
  }

  /** The `idmsuxU-idmsuxU` of `(?flags)` and `(?flags:X)`. CANON_EQ (`c`) is read and ignored. */
  private readFlags(): void {
    let on = true;
    for (;;) {
      const char = String.fromCodePoint(this.peek() ?? 0);
      if (char === "-") on = false;
      else if (char in this.flags) this.flags[char as keyof Flags] = on;
      else if (char !== "c") return;
      this.index++;
    }
  }

  // -------------------------------------------------------------------------
  // Escapes

  private escape(): string | undefined {
    const code = this.next();
    const char = String.fromCodePoint(code);
    if (char >= "1" && char <= "9") return this.backReference(code - 0x30);
    switch (char) {
      case "Q":
        return this.quoted();
      case "k":
        return this.namedReference();
      case "A":
        return "(?<![\\s\\S])";
      case "z":
        return "(?![\\s\\S])";
      case "Z":
        return this.inputEnd();
      case "b":
        if (this.peek() === 0x7b) throw new RegexUnsupportedError("\\b{g}");
        return this.wordBoundary(false);
      case "B":
        return this.wordBoundary(true);
      case "R":
        return "(?:\\r\\n|[\\n-\\r\\u{85}\\u{2028}\\u{2029}])";
      case "G":
        throw new RegexUnsupportedError("\\G");
      case "X":
        throw new RegexUnsupportedError("\\X");
    }
    const set = this.classEscape(char);
    if (set) return set.expr;
    return this.char(this.charEscape(code));
  }

  /** \Q…\E: every character up to \E (or the end) as itself. */
  private quoted(): string | undefined {
    let out = "";
    while (this.peek() !== undefined && !this.accept("\\E")) out += this.char(this.next());
    return out === "" ? undefined : `(?:${out})`;
  }

  /** \n: Java took more digits only while they named an existing group, and a group that does not exist matches nothing. */
  private backReference(first: number): string {
    let number = first;
    while (this.peek() !== undefined && this.peek()! >= 0x30 && this.peek()! <= 0x39) {
      const longer = number * 10 + (this.peek()! - 0x30);
      if (longer > this.javaGroups.length) break;
      number = longer;
      this.index++;
    }
    return this.reference(number);
  }

  private reference(number: number): string {
    if (this.lookbehindDepth > 0) throw new RegexSyntaxError("Look-behind group does not have an obvious maximum length");
    if (this.flags.i) throw new RegexUnsupportedError("a back-reference matched case-insensitively");
    const id = this.javaGroups[number - 1];
    return id === undefined ? "(?!)" : `${REF}${id}${END}`;
  }

  private namedReference(): string {
    if (!this.accept("<")) throw new RegexSyntaxError("\\k is not followed by '<' for named capturing group");
    const name = this.groupName();
    const number = this.names.get(name);
    if (number === undefined) throw new RegexSyntaxError(`named capturing group <${name}> does not exist`);
    return this.reference(number);
  }

  private wordBoundary(negated: boolean): string {
    // Java's \b (before JDK 19) took letters and digits of all scripts, and a non-spacing mark after one, as word characters.
    const word = this.flags.U ? `[${UNICODE_WORD}]` : "[\\p{L}\\p{Nd}_]";
    const before = this.flags.U ? word : `${word}|[\\p{L}\\p{Nd}]\\p{Mn}+`;
    const after = this.flags.U ? word : `${word}|(?<=[\\p{L}\\p{Nd}]\\p{Mn}*)\\p{Mn}`;
    return negated ? `(?:(?<=${before})(?=${after})|(?<!${before})(?!${after}))` : `(?:(?<=${before})(?!${after})|(?<!${before})(?=${after}))`;
  }

  /** The escapes that stand for a set: \d \D \w \W \s \S \h \H \v \V \p{…} \P{…}. */
  private classEscape(char: string): CharSet | undefined {
    switch (char) {
      case "d":
        return setOfBody(this.flags.U ? "\\p{Nd}" : "0-9");
      case "D":
        return negate(setOfBody(this.flags.U ? "\\p{Nd}" : "0-9"));
      case "w":
        return setOfBody(this.flags.U ? UNICODE_WORD : "A-Za-z0-9_");
      case "W":
        return negate(setOfBody(this.flags.U ? UNICODE_WORD : "A-Za-z0-9_"));
      case "s":
        return setOfBody(this.flags.U ? "\\p{White_Space}" : ASCII_SPACE);
      case "S":
        return negate(setOfBody(this.flags.U ? "\\p{White_Space}" : ASCII_SPACE));
      case "h":
        return setOfBody(HORIZONTAL_SPACE);
      case "H":
        return negate(setOfBody(HORIZONTAL_SPACE));
      case "v":
        return setOfBody(VERTICAL_SPACE);
      case "V":
        return negate(setOfBody(VERTICAL_SPACE));
      case "p":
        return this.property();
      case "P":
        return negate(this.property());
    }
    return undefined;
  }

  /** `\pL` or `\p{name}`, after the `p`. */
  private property(): CharSet {
    if (!this.accept("{")) return propertySet(String.fromCodePoint(this.next()), this.flags);
    let name = "";
    while (this.peek() !== undefined && this.peek() !== 0x7d) name += String.fromCodePoint(this.next());
    if (!this.accept("}")) throw new RegexSyntaxError("Unclosed character family");
    return propertySet(name, this.flags);
  }

  /** An escape that stands for one character: \t \n \x41 \u0041 \0101 \cA \. … */
  private charEscape(code: number): number {
    const char = String.fromCodePoint(code);
    const simple: Record<string, number> = { t: 0x09, n: 0x0a, r: 0x0d, f: 0x0c, a: 0x07, e: 0x1b };
    if (simple[char] !== undefined) return simple[char];
    if (char === "0") return this.octal();
    if (char === "x") return this.hex();
    if (char === "u") return this.unicode();
    if (char === "c") return this.next() ^ 0x40;
    if (char === "N") throw new RegexUnsupportedError("\\N{name}");
    if (/[A-Za-z]/.test(char)) throw new RegexSyntaxError("Illegal/unsupported escape sequence");
    return code;
  }

  private octal(): number {
    const digit = (offset: number): number | undefined => {
      const code = this.peek(offset);
      return code !== undefined && code >= 0x30 && code <= 0x37 ? code - 0x30 : undefined;
    };
    const first = digit(0);
    if (first === undefined) throw new RegexSyntaxError("Illegal octal escape sequence");
    const second = digit(1);
    if (second === undefined) return (this.index++, first);
    const third = digit(2);
    if (third !== undefined && first <= 3) return ((this.index += 3), first * 64 + second * 8 + third);
    this.index += 2;
    return first * 8 + second;
  }

  private hexDigits(count: number): number {
    let text = "";
    for (let n = 0; n < count; n++) text += String.fromCodePoint(this.next());
    if (!/^[0-9A-Fa-f]+$/.test(text)) throw new RegexSyntaxError("Illegal hexadecimal escape sequence");
    return parseInt(text, 16);
  }

  private hex(): number {
    if (!this.accept("{")) return this.hexDigits(2);
    let text = "";
    while (this.peek() !== undefined && this.peek() !== 0x7d) text += String.fromCodePoint(this.next());
    if (!this.accept("}") || !/^[0-9A-Fa-f]+$/.test(text) || parseInt(text, 16) > 0x10ffff) throw new RegexSyntaxError("Illegal hexadecimal escape sequence");
    return parseInt(text, 16);
  }

  /** \uXXXX; Java joined an escaped surrogate pair into one code point. */
  private unicode(): number {
    const unit = this.hexDigits(4);
    if (unit >= 0xd800 && unit <= 0xdbff && this.peek() === 0x5c && this.peek(1) === 0x75) {
      const saved = this.index;
      this.index += 2;
      const low = this.hexDigits(4);
      if (low >= 0xdc00 && low <= 0xdfff) return (unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
      this.index = saved;
    }
    return unit;
  }

  // -------------------------------------------------------------------------
  // Character classes

  /** A class after its `[`: unions, ranges, nested classes, `&&` intersections, `^` negating the whole (as Java 9 on did). */
  private charClass(): CharSet {
    const negated = this.accept("^");
    let result: CharSet | undefined;
    let operand: CharSet[] = [];
    let first = true;
    for (;;) {
      this.skipComments();
      const code = this.peek();
      if (code === undefined) throw new RegexSyntaxError("Unclosed character class");
      if (code === 0x5d && !first) {
        this.index++;
        break;
      }
      first = false;
      if (this.accept("&&")) {
        result = this.intersection(result, operand);
        operand = [];
        continue;
      }
      const item = this.classItem();
      if (item) operand.push(item);
    }
    const set = this.intersection(result, operand) ?? union([]);
    return negated ? negate(set) : set;
  }

  /** An empty side of `&&` leaves the other as it is. */
  private intersection(left: CharSet | undefined, right: CharSet[]): CharSet | undefined {
    if (right.length === 0) return left;
    return left === undefined ? union(right) : intersect(left, union(right));
  }

  private classItem(): CharSet | undefined {
    if (this.accept("[")) return this.charClass();
    if (this.accept("\\Q")) {
      const codes: number[] = [];
      while (this.peek() !== undefined && !this.accept("\\E")) codes.push(this.next());
      return codes.length === 0 ? undefined : union(codes.map((code) => this.rangeSet(code, code)));
    }
    const from = this.classChar();
    if (typeof from !== "number") return from;
    if (this.peek() === 0x2d && this.peek(1) !== undefined && this.peek(1) !== 0x5d && this.peek(1) !== 0x5b) {
      this.index++;
      const to = this.classChar();
      if (typeof to !== "number") throw new RegexSyntaxError("Illegal character range");
      if (to < from) throw new RegexSyntaxError("Illegal character range");
      return this.rangeSet(from, to);
    }
    return this.rangeSet(from, from);
  }

  /** One character of a class, or the set of a class escape. */
  private classChar(): number | CharSet {
    const code = this.next();
    if (code !== 0x5c) return code;
    const escaped = this.next();
    return this.classEscape(String.fromCodePoint(escaped)) ?? this.charEscape(escaped);
  }

  private rangeSet(from: number, to: number): CharSet {
    return setOfBody(this.flags.i ? caseInsensitiveRange(from, to, this.flags.u) : rangeBody(from, to));
  }
}

/** Compiles a Java pattern; throws RegexSyntaxError for what Java refused, RegexUnsupportedError for what cannot be reproduced. */
export function compileJavaRegex(pattern: string): JavaRegex {
  return new Translator(pattern).compile();
}
