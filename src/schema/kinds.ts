/**
 * The kinds of documents FQLite stores and the fields each accepts: user
 * documents, tokens, and the schema documents of collections, databases,
 * indexes, functions, roles and access providers. Defaults come first in a new
 * document, then the fields as given.
 */
import { ValidationFailures } from "../error/catalog";
import { QueryValue, Ref, type ObjectValue, type Value } from "../language/values";
import { Checks, nameRule, storageTypeName, type DocumentSchema, type FieldCheck, type FieldFailure } from "./validation";
import { normalizeTerms, partitionsCheck, sourceCheck, termsCheck } from "./indexes";
import { DEFAULT_HISTORY_DAYS } from "./native";

export interface DocumentKind {
  readonly schema: DocumentSchema;
  /** Fields a new document starts with, before the given ones. */
  readonly defaults?: () => ObjectValue;
  /** Fields kept in storage that the result of a write does not show. */
  readonly hiddenInWriteResults?: readonly string[];
  /** Where a write's one-time secret shows in its result: before this field, or else last. */
  readonly secretBefore?: string;
}

export const userDocumentKind: DocumentKind = {
  schema: { data: { check: Checks.object }, ttl: { check: Checks.time } },
};

export const tokenKind: DocumentKind = {
  schema: {
    instance: { check: Checks.ref, required: true },
    ttl: { check: Checks.time },
    data: { check: Checks.object },
    hashed_secret: { check: Checks.string },
  },
  hiddenInWriteResults: ["hashed_secret"],
};

/** A database ref, of a database right below the one the document is in. */
const childDatabaseCheck: FieldCheck = (value) => {
  if (!(value instanceof Ref) || value.collection?.isNative !== true || value.collection.id !== "databases") return ValidationFailures.invalidType(storageTypeName(value), "Database Ref");
  return value.database ? ValidationFailures.scopedReference : undefined;
};

/** Fauna's request priorities: 1 to 500. */
const priorityCheck: FieldCheck = (value) => (typeof value === "bigint" && value >= 1n && value <= 500n ? undefined : ValidationFailures.invalidType(storageTypeName(value), "Priority"));

export const keyKind: DocumentKind = {
  schema: {
    role: { check: (value) => roleCheck(value), required: true },
    database: { check: childDatabaseCheck },
    priority: { check: priorityCheck },
    ttl: { check: Checks.time },
    data: { check: Checks.object },
    hashed_secret: { check: Checks.string },
  },
  secretBefore: "hashed_secret",
};

export const credentialsKind: DocumentKind = {
  schema: {
    instance: { check: Checks.ref, required: true },
    hashed_password: { check: Checks.string },
  },
};

export const collectionKind: DocumentKind = {
  schema: {
    name: nameRule,
    data: { check: Checks.object },
    history_days: { check: Checks.nonNegativeLong },
    // Fauna checked no sign here: a negative ttl_days makes documents expire as they are written.
    ttl_days: { check: Checks.long },
    permissions: { check: Checks.object },
  },
  defaults: () => new Map([["history_days", DEFAULT_HISTORY_DAYS]]),
};

export const databaseKind: DocumentKind = {
  schema: { name: nameRule, data: { check: Checks.object }, priority: { check: Checks.nonNegativeLong } },
};

export const indexKind: DocumentKind = {
  schema: {
    name: nameRule,
    source: { check: sourceCheck, required: true },
    terms: { check: termsCheck, normalize: normalizeTerms },
    values: { check: termsCheck, normalize: normalizeTerms },
    unique: { check: Checks.boolean },
    serialized: { check: Checks.boolean },
    active: { check: Checks.boolean },
    partitions: { check: partitionsCheck },
    // Fauna's later core dropped `permissions`; the documentation (and the Tokens page) show it kept.
    permissions: { check: Checks.object },
    data: { check: Checks.object },
  },
  // Fauna's defaults: not active until built (CreateIndex builds small indexes at once), serialized.
  defaults: () =>
    new Map([
      ["active", false],
      ["serialized", true],
    ]),
};

/** A function body: a Query(Lambda(…)). (A string body fails later, as Fauna's did, with a schema error.) */
const bodyCheck: FieldCheck = (value) => (value instanceof QueryValue || typeof value === "string" ? undefined : ValidationFailures.invalidType(storageTypeName(value), "Query"));

/** The roles a key can have without user-defined roles, in the order Fauna tried them when reading a scoped secret ("server" would otherwise take the start of "server-readonly"). */
export const BUILTIN_ROLES = ["admin", "server-readonly", "server", "client"] as const;

export type BuiltinRole = (typeof BUILTIN_ROLES)[number];

export function isBuiltinRole(value: Value): value is BuiltinRole {
  return typeof value === "string" && (BUILTIN_ROLES as readonly string[]).includes(value);
}

function isRoleRef(value: Value): boolean {
  return value instanceof Ref && value.collection?.isNative === true && value.collection.id === "roles";
}

/** A role: a built-in role's name, a role's name or ref, or an array of roles' names and refs. */
const roleCheck: FieldCheck = (value) => {
  if (typeof value === "string" || isRoleRef(value)) return undefined;
  if (Array.isArray(value) && value.every((role) => (typeof role === "string" && !isBuiltinRole(role)) || isRoleRef(role))) return undefined;
  return ValidationFailures.invalidType(storageTypeName(value), "Role");
};

/** Role privileges and membership: an object or an array of them, each naming its resource by ref. */
function resourcesCheck(field: string, actions: (entry: ObjectValue) => FieldFailure | undefined): FieldCheck {
  return (value) => {
    for (const entry of Array.isArray(value) ? value : [value]) {
      if (!(entry instanceof Map)) return ValidationFailures.invalidType(storageTypeName(entry), "Map");
      const resource = entry.get("resource");
      if (resource === undefined) return { field: [field, "resource"], ...ValidationFailures.valueRequired };
      if (!(resource instanceof Ref)) return { field: [field, "resource"], ...ValidationFailures.invalidType(storageTypeName(resource), "Ref") };
      const failure = actions(entry);
      if (failure) return failure;
    }
    return undefined;
  };
}

const actionNames = ["read", "write", "create", "create_with_id", "delete", "history_read", "history_write", "unrestricted_read", "call"];

function predicateFailure(field: string[], value: Value | undefined): FieldFailure | undefined {
  if (value === undefined || typeof value === "boolean" || value instanceof QueryValue) return undefined;
  return { field, ...ValidationFailures.invalidType(storageTypeName(value), "Query") };
}

const privilegesCheck = resourcesCheck("privileges", (entry) => {
  const actions = entry.get("actions");
  if (actions === undefined || actions === null) return undefined;
  if (!(actions instanceof Map)) return { field: ["privileges", "actions"], ...ValidationFailures.invalidType(storageTypeName(actions), "Map") };
  for (const name of actionNames) {
    const failure = predicateFailure(["privileges", "actions", name], actions.get(name));
    if (failure) return failure;
  }
  return undefined;
});

const membershipCheck = resourcesCheck("membership", (entry) => predicateFailure(["membership", "predicate"], entry.get("predicate")));

/** Privileges and membership keep only the keys Fauna kept. */
function keepKeys(keys: Record<string, readonly string[] | undefined>): (value: Value) => Value {
  const keep = (entry: Value): Value => {
    if (!(entry instanceof Map)) return entry;
    return new Map(
      [...entry]
        .filter(([key]) => key in keys)
        .map(([key, inner]) => [key, keys[key] && inner instanceof Map ? new Map([...inner].filter(([name]) => keys[key]!.includes(name))) : inner]),
    );
  };
  return (value) => (Array.isArray(value) ? value.map(keep) : keep(value));
}

export const functionKind: DocumentKind = {
  schema: { name: nameRule, body: { check: bodyCheck, required: true }, data: { check: Checks.object }, role: { check: roleCheck }, permissions: { check: Checks.object } },
};

export const roleKind: DocumentKind = {
  schema: {
    name: nameRule,
    privileges: { check: privilegesCheck, normalize: keepKeys({ resource: undefined, actions: actionNames }) },
    membership: { check: membershipCheck, normalize: keepKeys({ resource: undefined, predicate: undefined }) },
    data: { check: Checks.object },
  },
};

/** An https URL, as Fauna required of an access provider's key set. */
const httpsUrlCheck: FieldCheck = (value) => {
  if (typeof value !== "string") return ValidationFailures.invalidType(storageTypeName(value), "String");
  try {
    if (new URL(value).protocol === "https:") return undefined;
  } catch {
    // not a URL at all
  }
  return { code: "invalid uri", description: `\`${value}\` is a not valid URI` };
};

export const accessProviderKind: DocumentKind = {
  schema: {
    name: nameRule,
    issuer: { check: Checks.string, required: true },
    jwks_uri: { check: httpsUrlCheck, required: true },
    roles: { check: Checks.any },
    data: { check: Checks.object },
  },
};
