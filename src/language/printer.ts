/**
 * Printing, two ways.
 *
 * `printExpr` writes an expression as FQL text that parses back to the same
 * tree: `Create(Collection("users"), { data: { name: "Alice" } })`.
 *
 * `printValue` writes a query result the way fauna-shell showed it — Node's
 * `util.inspect` layout (objects on one line while they fit in 80 columns and
 * nest at most three deep, long arrays in columns) with Fauna's values in
 * their FQL form: `{ ref: Ref(Tokens(), "1"), ts: 1624310550300000 }`. Doubles
 * keep their point (`1.0`), so the output reads back as the same value.
 */
import { functionsByKey, type FunctionSpec } from "../catalog/functions";
import type { Arg, CallExpr, Expr } from "./ast";
import { encodeBase64 } from "./base64";
import { formatDouble } from "./numbers";
import { formatDate, formatTime } from "./time";
import { Bytes, DateValue, LambdaValue, Page, QueryValue, Ref, SetRef, Timestamp, type ObjectValue, type Value } from "./values";

const identifierPattern = /^[A-Za-z_][A-Za-z_0-9]*$/;

// ---------------------------------------------------------------------------
// Expressions

export function printExpr(expr: Arg): string {
  switch (expr.kind) {
    case "literal":
      return printLiteral(expr.value);
    case "array":
      return `[${expr.elements.map(printExpr).join(", ")}]`;
    case "object":
      return printEntries(expr.entries);
    case "bindings":
      return expr.groups.every((group) => group.length === 1)
        ? printEntries(expr.groups.flat())
        : `[${expr.groups.map(printEntries).join(", ")}]`;
    case "options":
      return printEntries(expr.entries);
    case "call":
      return printCall(expr);
  }
}

function printEntries(entries: readonly (readonly [string, Arg])[]): string {
  if (entries.length === 0) return "{}";
  const body = entries.map(([key, value]) => `${identifierPattern.test(key) ? key : JSON.stringify(key)}: ${printExpr(value)}`).join(", ");
  return `{ ${body} }`;
}

function printCall(call: CallExpr): string {
  const parts: string[] = [];
  call.fn.args.forEach((spec, index) => {
    const arg = call.args[index];
    if (arg === undefined) {
      parts.push("null");
      return;
    }
    // Rest arguments gathered from several print spread again (one element was sent bare, and none
    // reads back as [] only after a first argument).
    const spread =
      arg.kind === "array" &&
      (spec.encoding === "array" || (spec.encoding === "varargs" && (arg.elements.length >= 2 || (arg.elements.length === 0 && index > 0))));
    if (spread) {
      parts.push(...arg.elements.map(printExpr));
    } else {
      parts.push(printExpr(arg));
    }
  });
  // A trailing argument left out prints as nothing (missing optionals read back as null or absent).
  while (parts.length > call.fn.minArgs && parts[parts.length - 1] === "null" && isOmittable(call, parts.length - 1)) parts.pop();
  return `${call.fn.name}(${parts.join(", ")})`;
}

function isOmittable(call: CallExpr, index: number): boolean {
  const spec = call.fn.args[index];
  if (!spec?.optional) return false;
  const arg = call.args[index];
  return arg === undefined || spec.omission !== "omit-missing";
}

function printLiteral(value: Value): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value instanceof Map) return printEntries([...value].map(([key, entry]) => [key, { kind: "literal", value: entry }] as const));
  if (Array.isArray(value)) return `[${value.map(printLiteral).join(", ")}]`;
  return printScalarOrSpecial(value) ?? printValue(value);
}

/** The text of a scalar, as Fauna's ToString wrote it; undefined for values that have none. */
export function scalarText(value: Value): string | undefined {
  switch (typeof value) {
    case "string":
      return value;
    case "bigint":
      return value.toString();
    case "number":
      return formatDouble(value);
    case "boolean":
      return String(value);
  }
  if (value === null) return "null";
  if (value instanceof Timestamp) return formatTime(value.epochNanos);
  if (value instanceof DateValue) return formatDate(value.epochDays);
  return undefined;
}

/** FQL for non-string scalars and for values that print as the expression that builds them. */
function printScalarOrSpecial(value: Value): string | undefined {
  if (value instanceof Ref) return printRef(value);
  if (value instanceof Timestamp) return `Time(${JSON.stringify(formatTime(value.epochNanos))})`;
  if (value instanceof DateValue) return `Date(${JSON.stringify(formatDate(value.epochDays))})`;
  if (value instanceof Bytes) return `Bytes(${JSON.stringify(encodeBase64(value.bytes))})`;
  if (value instanceof SetRef) return printSet(value.parts);
  if (value instanceof QueryValue) return `Query(${printExpr(value.lambda)})`;
  if (value instanceof LambdaValue) return printExpr(value.source);
  return typeof value === "string" ? undefined : scalarText(value);
}

const nativeNames: Record<string, string> = {
  collections: "Collections",
  indexes: "Indexes",
  databases: "Databases",
  keys: "Keys",
  tokens: "Tokens",
  credentials: "Credentials",
  functions: "Functions",
  roles: "Roles",
  access_providers: "AccessProviders",
};

const schemaNames: Record<string, string> = {
  collections: "Collection",
  indexes: "Index",
  databases: "Database",
  functions: "Function",
  roles: "Role",
  access_providers: "AccessProvider",
};

export function printRef(ref: Ref): string {
  const scope = ref.database ? printRef(ref.database) : "";
  if (ref.isNative) return `${nativeNames[ref.id] ?? ref.id}(${scope})`;
  const schemaName = ref.collection!.isNative ? schemaNames[ref.collection!.id] : undefined;
  if (schemaName) return `${schemaName}(${JSON.stringify(ref.id)}${scope ? `, ${scope}` : ""})`;
  return `Ref(${printRef(ref.collection!)}, ${JSON.stringify(ref.id)})`;
}

/** A set prints as the call that made it: `{match: Index("i"), terms: "t"}` is `Match(Index("i"), "t")`. */
function printSet(parts: ObjectValue): string {
  const fn: FunctionSpec | undefined = [...parts.keys()].map((key) => functionsByKey.get(key)).find((spec) => spec !== undefined);
  if (!fn) return printEntries([...parts].map(([key, value]) => [key, { kind: "literal", value }] as const));
  const argOf = (spec: FunctionSpec["args"][number]): Expr | undefined => {
    if (!parts.has(spec.key)) return undefined;
    const value = parts.get(spec.key)!;
    // Rest arguments print spread, as they were written.
    if (spec.encoding === "varargs" && Array.isArray(value)) return { kind: "array", elements: value.map((element) => ({ kind: "literal", value: element })) };
    return { kind: "literal", value };
  };
  const call: CallExpr = { kind: "call", fn, args: fn.args.map(argOf) };
  return printCall(call);
}

// ---------------------------------------------------------------------------
// Values, in util.inspect's layout

const BREAK_LENGTH = 80;
/** util.inspect's `compact: 3`: the three innermost levels may share a line. */
const COMPACT = 3;

class ValuePrinter {
  private indentation = 0;
  private currentDepth = 0;

  format(value: Value, depth: number): string {
    const special = typeof value === "string" ? quote(value) : printScalarOrSpecial(value);
    if (special !== undefined) return special;
    if (Array.isArray(value)) return this.formatList(value, depth, ["[", "]"], value.map((element) => ["", element]), true);
    if (value instanceof Page) {
      const fields: [string, Value][] = [];
      if (value.before !== undefined) fields.push(["before", value.before]);
      if (value.after !== undefined) fields.push(["after", value.after]);
      fields.push(["data", value.data]);
      return this.formatList(value, depth, ["{", "}"], fields, false);
    }
    return this.formatList(value, depth, ["{", "}"], [...(value as ObjectValue)], false);
  }

  private formatList(value: Value, depth: number, braces: [string, string], entries: [string, Value][], isArray: boolean): string {
    if (entries.length === 0) return `${braces[0]}${braces[1]}`;
    this.currentDepth = depth;
    let output = entries.map(([key, entry]) => {
      this.indentation += 2;
      const text = this.format(entry, depth + 1);
      this.indentation -= 2;
      return isArray ? text : `${identifierPattern.test(key) ? key : quote(key)}: ${text}`;
    });
    if (isArray && output.length > 6) output = this.groupElements(output, value as Value[]);
    return this.reduceToSingleString(output, braces, depth, entries.length);
  }

  private reduceToSingleString(output: string[], braces: [string, string], depth: number, entries: number): string {
    if (this.currentDepth - depth < COMPACT && entries === output.length) {
      const start = output.length + this.indentation + braces[0].length + 10;
      if (isBelowBreakLength(output, start)) {
        const joined = output.join(", ");
        if (!joined.includes("\n")) return `${braces[0]} ${joined} ${braces[1]}`;
      }
    }
    const newline = `\n${" ".repeat(this.indentation)}`;
    return `${braces[0]}${newline}  ${output.join(`,${newline}  `)}${newline}${braces[1]}`;
  }

  /** Long arrays of short elements go in columns, numbers right-aligned. */
  private groupElements(output: string[], values: Value[]): string[] {
    const separatorSpace = 2;
    const lengths = output.map((entry) => entry.length);
    const totalLength = lengths.reduce((sum, length) => sum + length + separatorSpace, 0);
    const maxLength = Math.max(...lengths);
    const actualMax = maxLength + separatorSpace;
    if (!(actualMax * 3 + this.indentation < BREAK_LENGTH && (totalLength / actualMax > 5 || maxLength <= 6))) return output;
    const averageBias = Math.sqrt(actualMax - totalLength / output.length);
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    const columns = Math.min(
      Math.round(Math.sqrt(2.5 * biasedMax * output.length) / biasedMax),
      Math.floor((BREAK_LENGTH - this.indentation) / actualMax),
      COMPACT * 4,
      15,
    );
    if (columns <= 1) return output;
    const columnWidths: number[] = [];
    for (let column = 0; column < columns; column++) {
      let width = 0;
      for (let index = column; index < output.length; index += columns) width = Math.max(width, lengths[index]!);
      columnWidths.push(width + separatorSpace);
    }
    const numeric = values.every((value) => typeof value === "number" || typeof value === "bigint");
    const rows: string[] = [];
    for (let start = 0; start < output.length; start += columns) {
      const end = Math.min(start + columns, output.length);
      let row = "";
      for (let index = start; index < end - 1; index++) {
        const cell = `${output[index]}, `;
        row += numeric ? cell.padStart(columnWidths[index - start]!) : cell.padEnd(columnWidths[index - start]!);
      }
      const last = output[end - 1]!;
      row += numeric ? last.padStart(columnWidths[end - 1 - start]! - separatorSpace) : last;
      rows.push(row);
    }
    return rows;
  }
}

function isBelowBreakLength(output: string[], start: number): boolean {
  let total = output.length + start;
  if (total + output.length > BREAK_LENGTH) return false;
  for (const entry of output) {
    total += entry.length;
    if (total > BREAK_LENGTH) return false;
  }
  return true;
}

const escapes: Record<string, string> = { "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", "\\": "\\\\" };

/** A string as util.inspect quotes it: single quotes, or double quotes if it holds a single quote. */
function quote(text: string): string {
  const quoteChar = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text.replace(/[\x00-\x1f\x7f\\'"]/g, (char) => {
    if (char === "'" || char === '"') return char === quoteChar ? `\\${char}` : char;
    return escapes[char] ?? `\\x${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;
  });
  return `${quoteChar}${escaped}${quoteChar}`;
}

export function printValue(value: Value): string {
  return new ValuePrinter().format(value, 0);
}
