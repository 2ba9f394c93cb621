/**
 * The lines of an export (docs/export-format.md): a header, then one line per
 * stored version of a document, `{"ref": …, "ts": …, "action": …, …fields}`
 * in Fauna's wire format — the document as `Get` shows it from the top
 * database, with its action. A line without `action` is a document as the
 * faunadb driver printed it: a create at its `ts`.
 */
import { FaunaError } from "../error/FaunaError";
import { Ref, Timestamp, type ObjectValue, type Value } from "../language/values";
import { decodeValue, encodeValue, isPlainObject, parseWireJson, type WireJson } from "../language/wire";
import { ImportError } from "./import-error";

export const FORMAT_NAME = "fqlite-export";
export const FORMAT_VERSION = 1n;

export interface Header {
  /** The FQLite version that wrote the export. */
  readonly fqlite: string;
  readonly exportedAt: Timestamp;
  /** The top database's global id (token secrets carry it), as Fauna wrote global ids. */
  readonly globalId: string;
}

export type Action = "create" | "update" | "delete";

const ACTIONS: readonly string[] = ["create", "update", "delete"] satisfies Action[];

export interface VersionLine {
  readonly ref: Ref;
  /** Microseconds, as documents show `ts`. */
  readonly ts: bigint;
  /** Absent on a line as the driver printed a document: a create. */
  readonly action?: Action;
  /** The document's fields, refs as seen from the top database; none for a deletion. */
  readonly fields: ObjectValue;
}

export function headerLine(header: Header): string {
  const fields = new Map<string, Value>([
    ["format", FORMAT_NAME],
    ["version", FORMAT_VERSION],
    ["fqlite", header.fqlite],
    ["exported_at", header.exportedAt],
    ["global_id", header.globalId],
  ]);
  return `${encodeValue(fields)}\n`;
}

export function versionLine(line: VersionLine): string {
  const fields = new Map<string, Value>([
    ["ref", line.ref],
    ["ts", line.ts],
  ]);
  if (line.action) fields.set("action", line.action);
  for (const [name, value] of line.fields) fields.set(name, value);
  return `${encodeValue(fields)}\n`;
}

/** Stored keys are numbers, exact up to 2^53: a `ts` past that could not be stored. */
const MAX_TS = BigInt(Number.MAX_SAFE_INTEGER);

/** A wire value, or the reason it is not one (with where in the line it is). */
function decoded(json: WireJson, path: string[]): Value {
  try {
    return decodeValue(json, path);
  } catch (error) {
    if (!(error instanceof FaunaError)) throw error;
    const at = error.errors[0]!.position;
    throw new ImportError(`${at.length > 0 ? `${at.join(".")}: ` : ""}${error.description}`);
  }
}

function parseJson(text: string): WireJson {
  try {
    return parseWireJson(text);
  } catch (error) {
    if (error instanceof FaunaError) throw new ImportError(error.description);
    throw new ImportError(`not JSON: ${(error as Error).message}`);
  }
}

function parseHeader(json: { [key: string]: WireJson }): Header {
  if (json.format !== FORMAT_NAME) throw new ImportError(`"format" is not "${FORMAT_NAME}".`);
  if (json.version !== FORMAT_VERSION) throw new ImportError(`an export of format version ${String(json.version)}; this FQLite reads version ${FORMAT_VERSION}.`);
  const exportedAt = decoded(json.exported_at ?? null, ["exported_at"]);
  if (!(exportedAt instanceof Timestamp)) throw new ImportError(`"exported_at" is not a Time.`);
  if (typeof json.fqlite !== "string" || typeof json.global_id !== "string") throw new ImportError(`"fqlite" and "global_id" must be strings.`);
  return { fqlite: json.fqlite, exportedAt, globalId: json.global_id };
}

function parseVersion(json: { [key: string]: WireJson }): VersionLine {
  const { ref: refJson, ts: tsJson, action, ...rest } = json;
  const ref = decoded(refJson ?? null, ["ref"]);
  if (!(ref instanceof Ref)) throw new ImportError(`"ref" is not a Ref.`);
  if (typeof tsJson !== "bigint" || tsJson > MAX_TS || tsJson < -MAX_TS) throw new ImportError(`"ts" is not an integer number of microseconds.`);
  if (action !== undefined && (typeof action !== "string" || !ACTIONS.includes(action))) {
    throw new ImportError(`"action" is ${typeof action === "string" ? `"${action}"` : "not a string"}, not create, update or delete.`);
  }
  const fields: ObjectValue = new Map();
  for (const [name, value] of Object.entries(rest)) fields.set(name, decoded(value, [name]));
  if (action === "delete" && fields.size > 0) throw new ImportError(`a deletion has no fields; this one has ${[...fields.keys()].join(", ")}.`);
  return { ref, ts: tsJson, action: action as Action | undefined, fields };
}

/** A line's header or document version; a header may only be the first line. */
export function parseLine(text: string, first: boolean): { header: Header } | { version: VersionLine } {
  const json = parseJson(text);
  if (!isPlainObject(json)) throw new ImportError("not a JSON object.");
  if ("format" in json) {
    if (!first) throw new ImportError(`a header (a line with "format") may only be the first line.`);
    return { header: parseHeader(json) };
  }
  return { version: parseVersion(json) };
}
