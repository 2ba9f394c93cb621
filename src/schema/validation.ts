/**
 * Which top-level fields each kind of document accepts, and their types.
 * Fields a document kind does not know are dropped, as Fauna dropped them;
 * fields of the wrong type fail the write with `validation failed`.
 */
import { ValidationFailures } from "../error/catalog";
import type { ValidationFailure } from "../error/FaunaError";
import { Ref, Timestamp, valueKind, type ObjectValue, type Value } from "../language/values";

/** Type names as Fauna's validation messages spelled them (its storage types). */
export function storageTypeName(value: Value): string {
  const kind = valueKind(value);
  return kind === "Object" ? "Map" : kind === "Page" || kind === "Lambda" ? "Scalar" : kind;
}

/** A failed check; `field` when the failure is about a part of the field (Fauna's paths there are relative to it). */
export interface FieldFailure {
  readonly field?: readonly string[];
  readonly code: string;
  readonly description: string;
}

export type FieldCheck = (value: Value) => FieldFailure | undefined;

export interface FieldRule {
  readonly check: FieldCheck;
  readonly required?: boolean;
  /** How a field that passed its check is stored. */
  readonly normalize?: (value: Value) => Value;
}

export type DocumentSchema = Readonly<Record<string, FieldRule>>;

function ofType(expected: string, test: (value: Value) => boolean): FieldCheck {
  return (value) => (test(value) ? undefined : ValidationFailures.invalidType(storageTypeName(value), expected));
}

export const Checks = {
  object: ofType("Map", (value) => value instanceof Map),
  time: ofType("Time", (value) => value instanceof Timestamp),
  ref: ofType("Ref", (value) => value instanceof Ref),
  string: ofType("String", (value) => typeof value === "string"),
  boolean: ofType("Boolean", (value) => typeof value === "boolean"),
  long: ofType("Long", (value) => typeof value === "bigint"),
  nonNegativeLong: ((value) =>
    typeof value !== "bigint" ? ValidationFailures.invalidType(storageTypeName(value), "Long") : value < 0n ? ValidationFailures.nonNegative : undefined) as FieldCheck,
  any: (() => undefined) as FieldCheck,
} as const;

/** Fauna's core reserved only "_" (its documentation listed more, which the service accepted). */
const reservedNames = ["_"];
/** Letters, digits, marks, connector punctuation (Java's Unicode \w), and ;@+$-_.!~% */
const namePattern = /^[;@+$\-_.!~%\p{L}\p{M}\p{Nd}\p{Pc}]+$/u;

/** Names of schema documents. */
export const nameRule: FieldRule = {
  required: true,
  check: (value) => {
    if (typeof value !== "string") return ValidationFailures.invalidType(storageTypeName(value), "Name");
    if (reservedNames.includes(value)) return ValidationFailures.reservedName(value, reservedNames);
    if (!namePattern.test(value)) return ValidationFailures.invalidCharacters(value);
    return undefined;
  },
};

export interface ValidatedFields {
  readonly fields: ObjectValue;
  readonly failures: ValidationFailure[];
}

/**
 * Keeps the fields `schema` knows, in the order given, and checks them. A null
 * field counts as absent. A partial document (an Update's patch) may lack
 * required fields.
 */
export function validateFields(params: ObjectValue, schema: DocumentSchema, partial = false): ValidatedFields {
  const fields: ObjectValue = new Map();
  const failures: ValidationFailure[] = [];
  for (const [name, value] of params) {
    const rule = Object.hasOwn(schema, name) ? schema[name] : undefined;
    if (!rule || value === null) continue;
    const failure = rule.check(value);
    if (failure) failures.push({ field: failure.field ?? [name], code: failure.code, description: failure.description });
    else fields.set(name, rule.normalize ? rule.normalize(value) : value);
  }
  for (const [name, rule] of Object.entries(schema)) {
    if (!partial && rule.required && !fields.has(name) && !failures.some((failure) => failure.field[0] === name)) {
      failures.push({ field: [name], ...ValidationFailures.valueRequired });
    }
  }
  return { fields, failures };
}
