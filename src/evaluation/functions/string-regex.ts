/**
 * String functions with Java regular expressions: ContainsStrRegex, FindStrRegex,
 * ReplaceStrRegex, RegexEscape. Patterns are Java's (see ../regex.ts); offsets
 * are counted in code points, as Fauna counted them.
 */
import { Errors } from "../../error/catalog";
import { queryError } from "../../error/FaunaError";
import type { CallExpr } from "../../language/ast";
import type { ObjectValue, Scope, Value } from "../../language/values";
import { argSite, expectArg, hasArg, isBoolean, isLong, isString } from "../args";
import type { QueryContext } from "../context";
import type { Implementation } from "../execute";
import { compileJavaRegex, RegexSyntaxError, RegexUnsupportedError, type JavaRegex } from "../regex";

/** The most matches FindStrRegex returns, whatever num_results asks for. */
const MAX_RESULTS = 1024n;

/** The `pattern` argument, compiled; a pattern Java refused is an invalid argument, as in Fauna. */
function expectPattern(ctx: QueryContext, call: CallExpr, scope: Scope | undefined): JavaRegex {
  const pattern = expectArg(ctx, call, 1, scope, isString, ["String"]);
  try {
    return compileJavaRegex(pattern);
  } catch (error) {
    if (error instanceof RegexSyntaxError) throw queryError(Errors.invalidRegex, argSite(call, 1), pattern);
    if (error instanceof RegexUnsupportedError) throw queryError(Errors.unsupportedRegex, argSite(call, 1), pattern, error.feature);
    throw error;
  }
}

/**
 * A replacement string Java's Matcher refused. Fauna let Java's exception escape
 * as an internal server error; FQLite reports it as the bad argument it is.
 */
class ReplacementError extends Error {}

const badReplacement = (message: string): never => {
  throw new ReplacementError(message);
};

/** Java's String.codePointCount: a lone surrogate counts as one. */
function codePointCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

// https://docs.fauna.com/fauna/v4/api/fql/functions/containsstrregex
const evalContainsStrRegex: Implementation = (ctx, call, scope) => {
  const value = expectArg(ctx, call, 0, scope, isString, ["String"]);
  return value.search(expectPattern(ctx, call, scope).regex) >= 0;
};

/**
 * The text searched and the code point offset it starts at. Like Fauna, a start
 * outside (0, UTF-16 length) searches everything. A start past the code points
 * (possible only with surrogate pairs) made Java fail; like FindStr, FQLite
 * takes it as the end of the string.
 */
function searchFrom(value: string, start: bigint | undefined): { text: string; offset: number } {
  if (start === undefined || start <= 0n || start >= BigInt(value.length)) return { text: value, offset: 0 };
  const codePoints = [...value];
  const offset = Math.min(Number(start), codePoints.length);
  return { text: codePoints.slice(offset).join(""), offset };
}

/**
 * One match as Fauna reported it: `end` is the code point count up to the match's
 * last UTF-16 unit (so one past an astral last character), or up to its start when empty.
 */
function matchObject(text: string, match: RegExpMatchArray, offset: number): ObjectValue {
  const start = match.index!;
  const length = match[0].length;
  const last = length > 0 ? start + length - 1 : start;
  return new Map<string, Value>([
    ["start", BigInt(offset + codePointCount(text.slice(0, start)))],
    ["end", BigInt(offset + codePointCount(text.slice(0, last)))],
    ["data", match[0]],
  ]);
}

// https://docs.fauna.com/fauna/v4/api/fql/functions/findstrregex
const evalFindStrRegex: Implementation = (ctx, call, scope) => {
  const value = expectArg(ctx, call, 0, scope, isString, ["String"]);
  const pattern = expectPattern(ctx, call, scope);
  const start = hasArg(call, 2) ? expectArg(ctx, call, 2, scope, isLong, ["Integer"]) : undefined;
  const wanted = hasArg(call, 3) ? expectArg(ctx, call, 3, scope, isLong, ["Integer"]) : MAX_RESULTS;
  const limit = Number(wanted < MAX_RESULTS ? wanted : MAX_RESULTS);
  const { text, offset } = searchFrom(value, start);
  const results: ObjectValue[] = [];
  for (const match of text.matchAll(pattern.regex)) {
    if (results.length >= limit) break;
    results.push(matchObject(text, match, offset));
  }
  return results;
};

/** A group's text for `$n` / `${name}`: empty when it took no part; no such group is refused. */
function groupText(match: RegExpMatchArray, pattern: JavaRegex, group: number): string {
  if (group > pattern.groupCount) badReplacement(`No group ${group}`);
  return match[pattern.jsGroup[group]!] ?? "";
}

/** `${name}` of a replacement, from after the `{`; returns the group and where reading goes on. */
function namedGroupReference(replacement: string, index: number, pattern: JavaRegex): [group: number, next: number] {
  const name = /^[A-Za-z0-9]*/.exec(replacement.slice(index))![0];
  const close = index + name.length;
  if (name === "") badReplacement("named capturing group has 0 length name");
  if (replacement[close] !== "}") badReplacement("named capturing group is missing trailing '}'");
  if (/^[0-9]/.test(name)) badReplacement(`capturing group name {${name}} starts with digit character`);
  const group = pattern.groupNames.get(name);
  if (group === undefined) badReplacement(`No group with name {${name}}`);
  return [group!, close + 1];
}

/** `$n` of a replacement, from its first digit: further digits count while the group exists, as in Java. */
function numberedGroupReference(replacement: string, index: number, pattern: JavaRegex): [group: number, next: number] {
  if (!/[0-9]/.test(replacement[index]!)) badReplacement("Illegal group reference");
  let group = Number(replacement[index]);
  let next = index + 1;
  while (next < replacement.length && /[0-9]/.test(replacement[next]!) && group * 10 + Number(replacement[next]) <= pattern.groupCount) {
    group = group * 10 + Number(replacement[next]);
    next++;
  }
  return [group, next];
}

/** Java's Matcher.appendReplacement: `$n`, `${name}`, and `\x` for a literal x; nothing else is special. */
function javaReplacement(replacement: string, match: RegExpMatchArray, pattern: JavaRegex): string {
  let out = "";
  let index = 0;
  while (index < replacement.length) {
    const char = replacement[index]!;
    if (char === "\\") {
      if (index + 1 >= replacement.length) badReplacement("character to be escaped is missing");
      out += replacement[index + 1];
      index += 2;
    } else if (char === "$") {
      if (index + 1 >= replacement.length) badReplacement("Illegal group reference: group index is missing");
      const [group, next] =
        replacement[index + 1] === "{" ? namedGroupReference(replacement, index + 2, pattern) : numberedGroupReference(replacement, index + 1, pattern);
      out += groupText(match, pattern, group);
      index = next;
    } else {
      out += char;
      index++;
    }
  }
  return out;
}

// https://docs.fauna.com/fauna/v4/api/fql/functions/replacestrregex
const evalReplaceStrRegex: Implementation = (ctx, call, scope) => {
  const value = expectArg(ctx, call, 0, scope, isString, ["String"]);
  const pattern = expectPattern(ctx, call, scope);
  const replacement = expectArg(ctx, call, 2, scope, isString, ["String"]);
  const firstOnly = hasArg(call, 3) && expectArg(ctx, call, 3, scope, isBoolean, ["Boolean"]);
  let result = "";
  let copied = 0;
  try {
    for (const match of value.matchAll(pattern.regex)) {
      result += value.slice(copied, match.index) + javaReplacement(replacement, match, pattern);
      copied = match.index! + match[0].length;
      if (firstOnly) break;
    }
  } catch (error) {
    if (error instanceof ReplacementError) throw queryError(Errors.invalidReplacement, argSite(call, 2), error.message);
    throw error;
  }
  return result + value.slice(copied);
};

/** Java's Pattern.quote: the text between \Q and \E, each \E inside it closed, escaped and reopened. */
function quotePattern(text: string): string {
  return `\\Q${text.split("\\E").join("\\E\\\\E\\Q")}\\E`;
}

// https://docs.fauna.com/fauna/v4/api/fql/functions/regexescape
const evalRegexEscape: Implementation = (ctx, call, scope) => quotePattern(expectArg(ctx, call, 0, scope, isString, ["String"]));

export const regexFunctions: Record<string, Implementation> = {
  ContainsStrRegex: evalContainsStrRegex,
  FindStrRegex: evalFindStrRegex,
  ReplaceStrRegex: evalReplaceStrRegex,
  RegexEscape: evalRegexEscape,
};
