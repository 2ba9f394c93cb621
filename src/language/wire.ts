/**
 * Fauna's v4 JSON wire format, both ways.
 *
 * Requests are expressions: `{"create": …, "params": {"object": {…}}}`; a plain
 * JSON object is a function call, `{"object": …}` an object literal, and
 * `{"@ref": …}`, `{"@ts": …}`, `{"@date": …}`, `{"@bytes": …}`, `{"@set": …}`,
 * `{"@query": …}`, `{"@obj": …}` are values. Responses are values only: a plain
 * JSON object is an object, wrapped in `@obj` when a key starts with '@'.
 *
 * Numbers: a Long is written as an integer, a Double always with a point or an
 * exponent (`formatDouble`), so the two stay apart across the wire. Reading,
 * a bigint or an integral JS number is a Long, any other number or a
 * `JsonDouble` is a Double. `parseWireJson` reads text that way exactly.
 */
import { parse as parseLosslessJson } from "lossless-json";
import { functionsByKey, type ArgSpec, type FunctionSpec } from "../catalog/functions";
import { Errors, type ErrorKind } from "../error/catalog";
import { queryError, type FaunaError } from "../error/FaunaError";
import { literal, type Arg, type BindingsArg, type Expr } from "./ast";
import { decodeBase64, encodeBase64 } from "./base64";
import { formatDouble } from "./numbers";
import { formatDate, formatTime, parseDate, parseTime } from "./time";
import {
  Bytes,
  DateValue,
  LambdaValue,
  NativeCollectionIds,
  Page,
  QueryValue,
  Ref,
  SetRef,
  Timestamp,
  type NativeCollectionId,
  type ObjectValue,
  type Value,
} from "./values";

/** A Double whose value is integral, read from JSON text such as `1.0`. */
export class JsonDouble {
  constructor(readonly value: number) {}
}

export type WireJson = null | boolean | string | number | bigint | JsonDouble | WireJson[] | { [key: string]: WireJson };

/**
 * How deeply a request's JSON may nest arrays and objects: Fauna's endpoint
 * refused deeper bodies (`nestingLimit`) before reading them as a query.
 */
export const MAX_REQUEST_NESTING = 1000;

/** Whether JSON text nests arrays and objects deeper than `limit` (text in strings aside). Not recursive. */
export function jsonTextNestsDeeper(text: string, limit = MAX_REQUEST_NESTING): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b || char === 0x7b) {
      if (++depth > limit) return true;
    } else if (char === 0x5d || char === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** Whether parsed JSON nests arrays and objects deeper than `limit`. Not recursive, so any depth is safe to ask about. */
export function wireJsonNestsDeeper(json: WireJson, limit = MAX_REQUEST_NESTING): boolean {
  const pending: [WireJson, number][] = [[json, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, depth] = next;
    if (typeof value !== "object" || value === null || value instanceof JsonDouble) continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(value) ? value : Object.values(value)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * Parses JSON text keeping every integer exact and every `1.0` a Double.
 * Text nested deeper than a request may be is refused before it is read
 * (reading it would exhaust the stack).
 */
export function parseWireJson(text: string): WireJson {
  if (jsonTextNestsDeeper(text)) throw queryError(Errors.nestingLimit, undefined);
  return parseLosslessJson(text, null, (lexeme: string) => {
    if (/^-?\d+$/.test(lexeme)) return BigInt(lexeme);
    const value = Number(lexeme);
    return Number.isInteger(value) ? new JsonDouble(value) : value;
  }) as WireJson;
}

// ---------------------------------------------------------------------------
// Writing

/** Printable ASCII without quote or backslash: JSON needs no escapes for it. */
const plainText = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function writeString(text: string): string {
  return plainText.test(text) ? `"${text}"` : JSON.stringify(text);
}

/** The request form of an expression, as the faunadb driver sent it. */
export function encodeExpr(expr: Arg): string {
  switch (expr.kind) {
    case "literal":
      return encodeLiteral(expr.value);
    case "array":
      return `[${expr.elements.map(encodeExpr).join(",")}]`;
    case "object":
      return `{"object":{${expr.entries.map(([key, value]) => `${writeString(key)}:${encodeExpr(value)}`).join(",")}}}`;
    case "bindings":
      return expr.form === "object" ? encodeEntries(expr.groups[0] ?? []) : `[${expr.groups.map(encodeEntries).join(",")}]`;
    case "options":
      return encodeEntries(expr.entries);
    case "call":
      return encodeCall(expr.fn, expr.args);
  }
}

function encodeEntries(entries: readonly (readonly [string, Expr])[]): string {
  return `{${entries.map(([key, value]) => `${writeString(key)}:${encodeExpr(value)}`).join(",")}}`;
}

function encodeCall(fn: FunctionSpec, args: readonly (Arg | undefined)[]): string {
  if (fn.args.length === 0) return `{${writeString(fn.key)}:null}`;
  const parts: string[] = [];
  for (const index of fn.wireOrder) {
    const arg = args[index];
    if (arg === undefined) continue;
    if (arg.kind === "options") {
      for (const [key, value] of arg.entries) parts.push(`${writeString(key)}:${encodeExpr(value)}`);
    } else {
      parts.push(`${writeString(fn.args[index]!.key)}:${encodeExpr(arg)}`);
    }
  }
  return `{${parts.join(",")}}`;
}

/** A value standing in a request: objects travel as `@obj`, so that their keys are never read as a call. */
function encodeLiteral(value: Value): string {
  return value instanceof Map ? `{"@obj":${encodeObjectBody(value)}}` : encodeValue(value);
}

/** The response form of a value. */
export function encodeValue(value: Value): string {
  switch (typeof value) {
    case "string":
      return writeString(value);
    case "bigint":
      return value.toString();
    case "number":
      return Number.isFinite(value) ? formatDouble(value) : writeString(formatDouble(value));
    case "boolean":
      return value ? "true" : "false";
  }
  if (value === null) return "null";
  if (Array.isArray(value)) return `[${value.map(encodeValue).join(",")}]`;
  if (value instanceof Map) {
    const body = encodeObjectBody(value);
    for (const key of value.keys()) if (key.startsWith("@")) return `{"@obj":${body}}`;
    return body;
  }
  if (value instanceof Ref) return encodeRef(value);
  if (value instanceof Timestamp) return `{"@ts":${writeString(formatTime(value.epochNanos))}}`;
  if (value instanceof DateValue) return `{"@date":${writeString(formatDate(value.epochDays))}}`;
  if (value instanceof Bytes) return `{"@bytes":${writeString(encodeBase64(value.bytes))}}`;
  if (value instanceof SetRef) return `{"@set":${encodeObjectBody(value.parts)}}`;
  if (value instanceof Page) return encodePage(value);
  if (value instanceof QueryValue) return encodeQuery(value.lambda);
  if (value instanceof LambdaValue) return encodeQuery(value.source);
  throw new Error(`Cannot encode ${String(value)}`);
}

/** A lambda as a value: Fauna wrote the API version it was made under first. */
function encodeQuery(lambda: Expr): string {
  return `{"@query":{"api_version":"4",${encodeExpr(lambda).slice(1)}}`;
}

function encodeObjectBody(value: ObjectValue): string {
  let body = "";
  for (const [key, entry] of value) body += `${body === "" ? "" : ","}${writeString(key)}:${encodeValue(entry)}`;
  return `{${body}}`;
}

function encodeRef(ref: Ref): string {
  let body = `"id":${writeString(ref.id)}`;
  if (ref.collection) body += `,"collection":${encodeRef(ref.collection)}`;
  if (ref.database) body += `,"database":${encodeRef(ref.database)}`;
  return `{"@ref":{${body}}}`;
}

function encodePage(page: Page): string {
  let body = "";
  if (page.before !== undefined) body += `"before":${encodeValue(page.before)},`;
  if (page.after !== undefined) body += `"after":${encodeValue(page.after)},`;
  return `{${body}"data":${encodeValue(page.data)}}`;
}

/** The response body of a successful query, whose byte length is the query's bytesOut. */
export function encodeResponse(value: Value): string {
  return `{"resource":${encodeValue(value)}}`;
}

// ---------------------------------------------------------------------------
// Reading

type Path = readonly (string | number)[];

function wireError<Params extends unknown[]>(kind: ErrorKind<Params>, path: Path, ...params: Params): FaunaError {
  return queryError(kind, { path }, ...params);
}

export function isPlainObject(json: WireJson): json is { [key: string]: WireJson } {
  return typeof json === "object" && json !== null && !Array.isArray(json) && !(json instanceof JsonDouble);
}

function numberValue(json: number | bigint | JsonDouble): Value {
  if (typeof json === "bigint") return BigInt.asIntN(64, json) === json ? json : Number(json);
  if (json instanceof JsonDouble) return json.value;
  return Number.isInteger(json) && Number.isSafeInteger(json) ? BigInt(json) : json;
}

function typeNameOfJson(json: WireJson): string {
  if (json === null) return "Null";
  if (Array.isArray(json)) return "Array";
  if (isPlainObject(json)) return "Object";
  if (typeof json === "string") return "String";
  if (typeof json === "boolean") return "Boolean";
  return typeof json === "number" && !Number.isInteger(json) ? "Double" : "Integer";
}

/** The expression of a whole request, refused before anything is read when it nests deeper than Fauna took. */
export function decodeRequest(json: WireJson): Expr {
  if (wireJsonNestsDeeper(json)) throw queryError(Errors.nestingLimit, undefined);
  // A lone surrogate (sent as an escape such as `"\ud800"`) becomes U+FFFD, as in query text: storage keeps
  // text as UTF-8, which cannot hold one. Requests almost never have one, so they are looked for first.
  return decodeExpr(isWellFormedJson(json) ? json : wellFormedJson(json));
}

function isWellFormedJson(json: WireJson): boolean {
  if (typeof json === "string") return json.isWellFormed();
  if (typeof json !== "object" || json === null || json instanceof JsonDouble) return true;
  if (Array.isArray(json)) return json.every(isWellFormedJson);
  for (const key in json) if (!key.isWellFormed() || !isWellFormedJson(json[key]!)) return false;
  return true;
}

/** The JSON with every string and key well-formed. */
function wellFormedJson(json: WireJson): WireJson {
  if (typeof json === "string") return json.toWellFormed();
  if (typeof json !== "object" || json === null || json instanceof JsonDouble) return json;
  if (Array.isArray(json)) return json.map(wellFormedJson);
  return Object.fromEntries(Object.entries(json).map(([key, value]) => [key.toWellFormed(), wellFormedJson(value)]));
}

/** The expression a wire request stands for. */
export function decodeExpr(json: WireJson, path: Path = []): Expr {
  if (json === null || typeof json === "boolean" || typeof json === "string") return literal(json);
  if (typeof json === "number" || typeof json === "bigint" || json instanceof JsonDouble) return literal(numberValue(json));
  if (Array.isArray(json)) return { kind: "array", elements: json.map((element, index) => decodeExpr(element, [...path, index])) };
  const keys = Object.keys(json);
  if (keys.length === 1 && keys[0]!.startsWith("@")) return literal(decodeSpecial(json, keys[0]!, path));
  if (keys.length === 1 && keys[0] === "object") {
    const body = json.object!;
    if (!isPlainObject(body)) throw wireError(Errors.invalidExpressionType, [...path, "object"], ["Object"], typeNameOfJson(body));
    return { kind: "object", entries: Object.entries(body).map(([key, value]) => [key, decodeExpr(value, [...path, "object", key])]) };
  }
  for (const key of keys) {
    const fn = functionsByKey.get(key);
    if (fn && acceptsKeys(fn, keys)) return decodeCall(fn, json, path);
  }
  throw wireError(Errors.invalidForm, path, keys);
}

/** The keys a function's wire form may have, and those it must have: worked out once a function, as every request asks. */
interface WireKeys {
  readonly allowed: ReadonlySet<string>;
  readonly required: readonly string[];
}

const wireKeysOf = new Map<FunctionSpec, WireKeys>();

function wireKeys(fn: FunctionSpec): WireKeys {
  let keys = wireKeysOf.get(fn);
  if (!keys) {
    const allowed = fn.args.length === 0 ? [fn.key] : fn.args.flatMap((arg) => (arg.encoding === "options" ? arg.optionKeys! : [arg.key]));
    keys = { allowed: new Set(allowed), required: fn.args.filter(isRequiredOnWire).map((arg) => arg.key) };
    wireKeysOf.set(fn, keys);
  }
  return keys;
}

function isRequiredOnWire(arg: ArgSpec, index: number): boolean {
  if (arg.optional) return arg.omission === "null-when-missing" && index === 0;
  return arg.encoding !== "varargs" || index === 0;
}

function acceptsKeys(fn: FunctionSpec, keys: readonly string[]): boolean {
  const { allowed, required } = wireKeys(fn);
  return keys.every((key) => allowed.has(key)) && required.every((key) => keys.includes(key));
}

function decodeCall(fn: FunctionSpec, json: { [key: string]: WireJson }, path: Path): Expr {
  const args = fn.args.map((spec): Arg | undefined => {
    if (spec.encoding === "options") {
      const entries = spec.optionKeys!.filter((key) => key in json).map((key): [string, Expr] => [key, decodeExpr(json[key]!, [...path, key])]);
      return entries.length > 0 ? { kind: "options", entries } : undefined;
    }
    if (!(spec.key in json)) return spec.omission === "null-when-missing" ? literal(null) : undefined;
    const value = json[spec.key]!;
    const at = [...path, spec.key];
    if (spec.encoding === "bindings") return decodeBindings(value, at);
    if (value === null && spec.optional && spec.omission === "omit-null") return undefined;
    return decodeExpr(value, at);
  });
  return { kind: "call", fn, args };
}

function decodeBindings(json: WireJson, path: Path): BindingsArg {
  const entriesOf = (group: { [key: string]: WireJson }, at: Path) =>
    Object.entries(group).map(([name, value]): [string, Expr] => [name, decodeExpr(value, [...at, name])]);
  if (isPlainObject(json)) return { kind: "bindings", form: "object", groups: [entriesOf(json, path)] };
  if (Array.isArray(json)) {
    const groups = json.map((group, index) => {
      if (!isPlainObject(group)) throw wireError(Errors.invalidExpressionType, [...path, index], ["Object"], typeNameOfJson(group));
      return entriesOf(group, [...path, index]);
    });
    return { kind: "bindings", form: "array", groups };
  }
  throw wireError(Errors.invalidExpressionType, path, ["Object", "Array"], typeNameOfJson(json));
}

/** A response value (or the content of a request's `@obj`/`@set`). */
export function decodeValue(json: WireJson, path: Path = []): Value {
  if (json === null || typeof json === "boolean" || typeof json === "string") return json;
  if (typeof json === "number" || typeof json === "bigint" || json instanceof JsonDouble) return numberValue(json);
  if (Array.isArray(json)) return json.map((element, index) => decodeValue(element, [...path, index]));
  const keys = Object.keys(json);
  if (keys.length === 1 && keys[0]!.startsWith("@")) return decodeSpecial(json, keys[0]!, path);
  return decodeObject(json, path);
}

function decodeObject(json: { [key: string]: WireJson }, path: Path): ObjectValue {
  const object: ObjectValue = new Map();
  for (const [key, value] of Object.entries(json)) object.set(key, decodeValue(value, [...path, key]));
  return object;
}

function decodeSpecial(json: { [key: string]: WireJson }, key: string, path: Path): Value {
  const body = json[key]!;
  switch (key) {
    case "@ref":
      return decodeRef(body, path);
    case "@ts": {
      const nanos = typeof body === "string" ? parseTime(body) : undefined;
      if (nanos === undefined) throw wireError(Errors.invalidLiteral, path, "time");
      return new Timestamp(nanos);
    }
    case "@date": {
      const days = typeof body === "string" ? parseDate(body) : undefined;
      if (days === undefined) throw wireError(Errors.invalidLiteral, path, "date");
      return new DateValue(days);
    }
    case "@bytes": {
      const bytes = typeof body === "string" ? decodeBase64(body) : undefined;
      if (!bytes) throw wireError(Errors.invalidLiteral, path, "bytes");
      return new Bytes(bytes);
    }
    case "@set":
      if (!isPlainObject(body)) throw wireError(Errors.invalidLiteral, path, "set");
      return new SetRef(decodeObject(body, [...path, "@set"]));
    case "@query": {
      if (!isPlainObject(body)) throw wireError(Errors.invalidLiteral, path, "lambda");
      const { api_version: _version, ...lambda } = body;
      const expr = decodeExpr(lambda, path);
      if (expr.kind !== "call" || expr.fn.name !== "Lambda") throw wireError(Errors.invalidLiteral, path, "lambda");
      return new QueryValue(expr);
    }
    case "@obj":
      if (!isPlainObject(body)) throw wireError(Errors.invalidLiteral, path, "object");
      return decodeObject(body, [...path, "@obj"]);
    default:
      throw wireError(Errors.invalidForm, path, [key]);
  }
}

function isNativeId(id: string): id is NativeCollectionId {
  return (NativeCollectionIds as readonly string[]).includes(id);
}

function decodeRef(body: WireJson, path: Path): Ref {
  if (typeof body === "string") {
    const ref = refFromLegacyPath(body);
    if (!ref) throw wireError(Errors.invalidLiteral, path, "ref");
    return ref;
  }
  if (!isPlainObject(body) || typeof body.id !== "string") throw wireError(Errors.invalidLiteral, path, "ref");
  const part = (name: "collection" | "database"): Ref | undefined => {
    const value = body[name];
    if (value === undefined || value === null) return undefined;
    const decoded = isPlainObject(value) && "@ref" in value ? decodeRef(value["@ref"]!, [...path, name]) : undefined;
    if (!decoded) throw wireError(Errors.invalidLiteral, [...path, name], "ref");
    return decoded;
  };
  const collection = part("collection");
  const database = part("database");
  if (!collection && !isNativeId(body.id)) throw wireError(Errors.invalidLiteral, [...path, "id"], "ref");
  return new Ref(body.id, collection, database);
}

const legacySchemaKinds: Record<string, NativeCollectionId> = {
  classes: "collections",
  collections: "collections",
  indexes: "indexes",
  databases: "databases",
  functions: "functions",
  roles: "roles",
  access_providers: "access_providers",
};

/** The string refs of older API versions: "collections/users/1", "indexes/by_name", "tokens/123". */
export function refFromLegacyPath(text: string): Ref | undefined {
  const [first, second, third, ...rest] = text.split("/");
  if (rest.length > 0 || first === undefined) return undefined;
  // An own-key lookup: "constructor/…" or "__proto__/…" must not find Object's properties.
  const kind = (Object.hasOwn(legacySchemaKinds, first) ? legacySchemaKinds[first] : undefined) ?? (isNativeId(first) ? first : undefined);
  if (!kind) return undefined;
  if (second === undefined) return Ref.native(kind);
  if (third === undefined) {
    return kind === "keys" || kind === "tokens" || kind === "credentials" ? new Ref(second, Ref.native(kind)) : Ref.schema(kind, second);
  }
  return kind === "collections" ? new Ref(third, Ref.schema("collections", second)) : undefined;
}
