/**
 * String functions, with Java's String semantics as Fauna had them: lengths and
 * offsets count code points (a lone surrogate counts as one), while searching
 * and replacing work on the UTF-16 text.
 */
import { Errors } from "../../error/catalog";
import { FaunaError, queryError, type QueryErrorEntry } from "../../error/FaunaError";
import type { CallExpr } from "../../language/ast";
import { narrowToInt, wrapLong } from "../../language/numbers";
import { valueKind, type Scope, type Value, type ValueKind } from "../../language/values";
import { argSite, evalArg, expectArg, expectRest, hasArg, isLong, isString, type Guard } from "../args";
import type { QueryContext } from "../context";
import type { Implementation } from "../execute";
import { typeName } from "../types";
import { javaStrip, nfkcCasefold, titleCase } from "../unicode-text";

// ---------------------------------------------------------------------------
// Arguments

function stringArg(ctx: QueryContext, call: CallExpr, index: number, scope: Scope | undefined): string {
  return expectArg(ctx, call, index, scope, isString, ["String"]);
}

/** An optional Integer argument; left out (or a literal null) it is undefined. */
function optionalInteger(ctx: QueryContext, call: CallExpr, index: number, scope: Scope | undefined): bigint | undefined {
  return hasArg(call, index) ? expectArg(ctx, call, index, scope, isLong, ["Integer"]) : undefined;
}

/** Fauna's Scalars: every kind of value but arrays, objects, sets, pages and lambdas. */
const scalarKinds: ReadonlySet<ValueKind> = new Set<ValueKind>(["Null", "Boolean", "Long", "Double", "String", "Ref", "Time", "Date", "Bytes"]);
const isScalar: Guard<Value> = (value): value is Value => scalarKinds.has(valueKind(value));

/** A value or an array of them, each a scalar; an empty array is allowed. */
function scalarTerms(ctx: QueryContext, call: CallExpr, scope: Scope | undefined): Value[] {
  return expectRest(ctx, call, 0, scope, isScalar, ["Scalar"], true);
}

/** A function of one string argument. */
function stringFunction(transform: (text: string) => Value): Implementation {
  return (ctx, call, scope) => transform(stringArg(ctx, call, 0, scope));
}

/** A function of a string and a string to look for in it. */
function searchFunction(test: (text: string, search: string) => boolean): Implementation {
  return (ctx, call, scope) => test(stringArg(ctx, call, 0, scope), stringArg(ctx, call, 1, scope));
}

// ---------------------------------------------------------------------------
// Code points

/** The code points of `text`, a lone surrogate being one (as Java's String.codePoints). */
function codePoints(text: string): string[] {
  return Array.from(text);
}

function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

// ---------------------------------------------------------------------------
// Joining and searching

// https://docs.fauna.com/fauna/v4/api/fql/functions/concat
const evalConcat: Implementation = (ctx, call, scope) => {
  const separator = hasArg(call, 1) ? stringArg(ctx, call, 1, scope) : "";
  const value = call.args[0];
  // An empty array concatenates to the empty string rather than failing as an empty argument list.
  if (value?.kind === "array" && value.elements.length === 0) return "";
  return expectRest(ctx, call, 0, scope, isString, ["String"]).join(separator);
};

// https://docs.fauna.com/fauna/v4/api/fql/functions/containsstr
const evalContainsStr = searchFunction((text, search) => text.includes(search));

// https://docs.fauna.com/fauna/v4/api/fql/functions/startswith
const evalStartsWith = searchFunction((text, search) => text.startsWith(search));

// https://docs.fauna.com/fauna/v4/api/fql/functions/endswith
const evalEndsWith = searchFunction((text, search) => text.endsWith(search));

/**
 * The UTF-16 offset FindStr starts searching at. Fauna took a start only when it
 * was positive and below the string's UTF-16 length, else it searched from 0.
 * A start past the last code point (possible only with surrogate pairs) made Java
 * fail; it is taken here as the end of the string.
 */
function findStart(text: string, start: bigint | undefined): number {
  if (start === undefined || start <= 0n || start >= BigInt(text.length)) return 0;
  return codePoints(text).slice(0, Number(start)).join("").length;
}

// https://docs.fauna.com/fauna/v4/api/fql/functions/findstr
const evalFindStr: Implementation = (ctx, call, scope) => {
  const text = stringArg(ctx, call, 0, scope);
  const find = stringArg(ctx, call, 1, scope);
  const index = text.indexOf(find, findStart(text, optionalInteger(ctx, call, 2, scope)));
  return BigInt(index <= 0 ? index : codePoints(text.slice(0, index)).length);
};

// https://docs.fauna.com/fauna/v4/api/fql/functions/replacestr
const evalReplaceStr: Implementation = (ctx, call, scope) => {
  const text = stringArg(ctx, call, 0, scope);
  const find = stringArg(ctx, call, 1, scope);
  const replace = stringArg(ctx, call, 2, scope);
  // A replacer function keeps `$&` and the like literal, as Java's String.replace did.
  return text.replaceAll(find, () => replace);
};

// ---------------------------------------------------------------------------
// Measuring and slicing

// https://docs.fauna.com/fauna/v4/api/fql/functions/length
const evalLength = stringFunction((text) => BigInt(codePoints(text).length));

/** SubString's start in code points: from the end when negative, Java-narrowed to an int. */
function substringStart(start: bigint | undefined, length: number): number {
  if (start === undefined) return 0;
  return narrowToInt(start >= 0n ? start : BigInt(length) + start);
}

/** SubString's end in code points, or -1 for a negative length. */
function substringEnd(start: number, count: bigint | undefined, length: number): number {
  if (count === undefined) return length;
  if (count < 0n) return -1;
  return Number(minBig(BigInt(start) + count, BigInt(length)));
}

// https://docs.fauna.com/fauna/v4/api/fql/functions/substring
const evalSubString: Implementation = (ctx, call, scope) => {
  const chars = codePoints(stringArg(ctx, call, 0, scope));
  const start = substringStart(optionalInteger(ctx, call, 1, scope), chars.length);
  const end = substringEnd(start, optionalInteger(ctx, call, 2, scope), chars.length);
  // Fauna reported both bounds at the call itself.
  if (start < 0 || start > chars.length) throw queryError(Errors.bounds, call, "start", "less than or equal to the string length");
  if (end < 0) throw queryError(Errors.bounds, call, "length", "positive");
  return chars.slice(start, end).join("");
};

// ---------------------------------------------------------------------------
// Building

/** Repeat and Space make at most this many copies. */
const MAX_COPIES = 1024n;

// https://docs.fauna.com/fauna/v4/api/fql/functions/repeat
const evalRepeat: Implementation = (ctx, call, scope) => {
  const text = stringArg(ctx, call, 0, scope);
  // The cap comes before the narrowing to an int, so a huge negative count can wrap to a positive one.
  const copies = narrowToInt(minBig(optionalInteger(ctx, call, 1, scope) ?? 2n, MAX_COPIES));
  return copies > 0 ? text.repeat(copies) : "";
};

// https://docs.fauna.com/fauna/v4/api/fql/functions/space
const evalSpace: Implementation = (ctx, call, scope) => {
  const count = expectArg(ctx, call, 0, scope, isLong, ["Integer"]);
  return count > 0n ? " ".repeat(Number(minBig(count, MAX_COPIES))) : "";
};

// ---------------------------------------------------------------------------
// NGram: Lucene's NGramTokenizer, which Fauna used

/** Lucene's default gram sizes. */
const DEFAULT_MIN_GRAM = 1n;
const DEFAULT_MAX_GRAM = 2n;
/** The widest range of gram sizes Fauna allowed. */
const MAX_GRAM_SPREAD = 1n;

/** The bound errors of NGram's sizes; Fauna checked differently depending on which sizes were given. */
function gramSizeErrors(call: CallExpr, min: bigint | undefined, max: bigint | undefined): QueryErrorEntry[] {
  const problems: [string, string][] = [];
  if (min !== undefined && max !== undefined) {
    if (min > max || min <= 0n) problems.push(["min ngram size", "> 0 and <= max"]);
    if (max <= 0n) problems.push(["max ngram size", "> 0"]);
    if (wrapLong(max - min) > MAX_GRAM_SPREAD) problems.push(["max ngram size", `<= min + ${MAX_GRAM_SPREAD}`]);
  } else if (min !== undefined) {
    if (min > DEFAULT_MAX_GRAM || min <= 0n) problems.push(["min ngram size", "> 0 and <= max"]);
    if (wrapLong(DEFAULT_MAX_GRAM - min) > MAX_GRAM_SPREAD) problems.push(["min ngram size", `>= max - ${MAX_GRAM_SPREAD}`]);
  } else if (max !== undefined) {
    // A max equal to the default min was refused too.
    if (max <= DEFAULT_MIN_GRAM) problems.push(["max ngram size", "> 0 and >= min"]);
    if (wrapLong(max - DEFAULT_MIN_GRAM) > MAX_GRAM_SPREAD) problems.push(["max ngram size", `<= min + ${MAX_GRAM_SPREAD}`]);
  }
  return problems.flatMap(([argument, predicate]) => queryError(Errors.bounds, call, argument, predicate).errors);
}

/** Every gram of `min` to `max` code points, by start position, then by size. */
function ngrams(text: string, min: bigint, max: bigint): string[] {
  const chars = codePoints(text);
  const grams: string[] = [];
  for (let start = 0; start + Number(min) <= chars.length; start++) {
    for (let size = Number(min); size <= max && start + size <= chars.length; size++) grams.push(chars.slice(start, start + size).join(""));
  }
  return grams;
}

// https://docs.fauna.com/fauna/v4/api/fql/functions/ngram
const evalNGram: Implementation = (ctx, call, scope) => {
  const terms = scalarTerms(ctx, call, scope);
  const min = optionalInteger(ctx, call, 1, scope);
  const max = optionalInteger(ctx, call, 2, scope);
  const errors = gramSizeErrors(call, min, max);
  if (errors.length > 0) throw new FaunaError(errors);
  // Strings are split into grams; other scalars pass through as they are.
  return terms.flatMap<Value>((term) => (typeof term === "string" ? ngrams(term, min ?? DEFAULT_MIN_GRAM, max ?? DEFAULT_MAX_GRAM) : [term]));
};

// ---------------------------------------------------------------------------
// Trimming

// https://docs.fauna.com/fauna/v4/api/fql/functions/ltrim
const evalLTrim = stringFunction((text) => javaStrip(text, true, false));

// https://docs.fauna.com/fauna/v4/api/fql/functions/rtrim
const evalRTrim = stringFunction((text) => javaStrip(text, false, true));

// https://docs.fauna.com/fauna/v4/api/fql/functions/trim
const evalTrim = stringFunction((text) => javaStrip(text, true, true));

// ---------------------------------------------------------------------------
// Case

// https://docs.fauna.com/fauna/v4/api/fql/functions/lowercase
const evalLowerCase = stringFunction((text) => text.toLowerCase());

// https://docs.fauna.com/fauna/v4/api/fql/functions/uppercase
const evalUpperCase = stringFunction((text) => text.toUpperCase());

// https://docs.fauna.com/fauna/v4/api/fql/functions/titlecase
const evalTitleCase = stringFunction(titleCase);

/** Casefold's normalizers, by the names Fauna accepted. */
const normalizers: Record<string, (text: string) => string> = {
  NFKCCaseFold: nfkcCasefold,
  NFC: (text) => text.normalize("NFC"),
  NFD: (text) => text.normalize("NFD"),
  NFKC: (text) => text.normalize("NFKC"),
  NFKD: (text) => text.normalize("NFKD"),
};

function normalizerArg(ctx: QueryContext, call: CallExpr, scope: Scope | undefined): (text: string) => string {
  if (!hasArg(call, 1)) return nfkcCasefold;
  const name = evalArg(ctx, call, 1, scope);
  if (typeof name === "string" && Object.hasOwn(normalizers, name)) return normalizers[name]!;
  throw queryError(Errors.invalidNormalizer, argSite(call, 1), typeName(name));
}

// https://docs.fauna.com/fauna/v4/api/fql/functions/casefold
const evalCasefold: Implementation = (ctx, call, scope) => {
  const terms = scalarTerms(ctx, call, scope);
  const normalize = normalizerArg(ctx, call, scope);
  const normalized = terms.map((term) => (typeof term === "string" ? normalize(term) : term));
  // One term comes back bare, even when given in an array.
  return normalized.length === 1 ? normalized[0]! : normalized;
};

export const stringFunctions: Record<string, Implementation> = {
  Concat: evalConcat,
  Casefold: evalCasefold,
  ContainsStr: evalContainsStr,
  EndsWith: evalEndsWith,
  FindStr: evalFindStr,
  Length: evalLength,
  LowerCase: evalLowerCase,
  LTrim: evalLTrim,
  NGram: evalNGram,
  Repeat: evalRepeat,
  ReplaceStr: evalReplaceStr,
  RTrim: evalRTrim,
  Space: evalSpace,
  StartsWith: evalStartsWith,
  SubString: evalSubString,
  TitleCase: evalTitleCase,
  Trim: evalTrim,
  UpperCase: evalUpperCase,
};
