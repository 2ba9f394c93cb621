/**
 * Scoped secrets, as Fauna read them: `secret[:database/path]:scope`, where
 * the scope is a built-in role, `@role/name` or `@doc/collection/id` (also
 * the older `classes/…` and `collections/…`). The database path names
 * nested child databases, relative to the secret's own database.
 *
 * Fauna parsed them with a PEG grammar, and FQLite keeps its outcomes: a
 * suffix that looks like no scope at all leaves the secret unscoped
 * (`secret:whatever`), while one that starts like a scope must be exactly one
 * (`secret:adminx` is refused).
 */
import { BUILTIN_ROLES, type BuiltinRole } from "../schema/kinds";

export type ScopeTarget =
  | { readonly builtin: BuiltinRole }
  | { readonly role: string }
  | { readonly document: { readonly collection: string; readonly id: string } };

export interface SecretScope {
  /** Child database names, outermost first; empty for the secret's own database. */
  readonly database: readonly string[];
  readonly target: ScopeTarget;
}

export type ParsedSecret = { readonly secret: string; readonly scope?: SecretScope } | "refused";

/** Characters a secret may not contain, and those a database path or scope segment may not. */
const SECRET = /^[^/,()&=:]+/;
const SEGMENT = /^[^,()&=:]+/;
const documentPrefixes = ["@doc/", "collections/", "classes/"];

/** The scope a text starts with, and how much of the text it took; undefined when the text starts with no scope. */
function scopeTarget(text: string): { target?: ScopeTarget; length: number } | undefined {
  const builtin = BUILTIN_ROLES.find((role) => text.startsWith(role));
  if (builtin) return { target: { builtin }, length: builtin.length };
  if (text.startsWith("@role/")) {
    const name = SEGMENT.exec(text.slice("@role/".length))?.[0];
    return name ? { target: { role: name }, length: "@role/".length + name.length } : undefined;
  }
  const prefix = documentPrefixes.find((candidate) => text.startsWith(candidate));
  if (!prefix) return undefined;
  const path = SEGMENT.exec(text.slice(prefix.length))?.[0];
  if (!path) return undefined;
  const slash = path.indexOf("/");
  // A document path is collection/id; anything else names no document, and is refused when it is used.
  const document = slash > 0 ? { collection: path.slice(0, slash), id: path.slice(slash + 1) } : { collection: path, id: "" };
  return { target: { document }, length: prefix.length + path.length };
}

/** The scope after `secret:` (database path optional), or undefined when there is none. */
function parseScope(text: string): { scope: SecretScope; length: number } | undefined {
  const database = SEGMENT.exec(text)?.[0];
  // With a path, the scope must follow it; a path followed by no scope gives up the whole suffix.
  if (database !== undefined && text[database.length] === ":") {
    const rest = text.slice(database.length + 1);
    const found = scopeTarget(rest);
    return found?.target ? { scope: { database: database.split("/"), target: found.target }, length: database.length + 1 + found.length } : undefined;
  }
  const found = scopeTarget(text);
  return found?.target ? { scope: { database: [], target: found.target }, length: found.length } : undefined;
}

export function parseScopedSecret(text: string): ParsedSecret {
  const secret = SECRET.exec(text)?.[0];
  if (secret === undefined) return "refused";
  if (secret.length === text.length) return { secret };
  if (text[secret.length] !== ":") return "refused";
  const suffix = text.slice(secret.length + 1);
  const parsed = parseScope(suffix);
  if (!parsed) return { secret };
  return parsed.length === suffix.length ? { secret, scope: parsed.scope } : "refused";
}
