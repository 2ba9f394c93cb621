/**
 * The kinds of documents FQLite stores and the fields each accepts: user
 * documents, tokens, and the schema documents of collections, databases and
 * indexes. Defaults come first in a new document, then the fields as given.
 */
import { type ObjectValue } from "../language/values";
import { Checks, nameRule, type DocumentSchema } from "./validation";
import { normalizeTerms, partitionsCheck, sourceCheck, termsCheck } from "./indexes";
import { DEFAULT_HISTORY_DAYS } from "./native";

export interface DocumentKind {
  readonly schema: DocumentSchema;
  /** Fields a new document starts with, before the given ones. */
  readonly defaults?: () => ObjectValue;
  /** Fields kept in storage that the result of a write does not show. */
  readonly hiddenInWriteResults?: readonly string[];
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

export const collectionKind: DocumentKind = {
  schema: {
    name: nameRule,
    data: { check: Checks.object },
    history_days: { check: Checks.nonNegativeLong },
    ttl_days: { check: Checks.nonNegativeLong },
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
  defaults: () =>
    new Map([
      ["active", true],
      ["serialized", true],
    ]),
};
