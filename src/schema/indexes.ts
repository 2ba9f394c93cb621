/**
 * Indexes: the checks CreateIndex makes on an index's fields, the definition
 * they stand for, and the entries a document makes in an index.
 *
 * As in Fauna: a term or value is a field path or a binding; a path through an
 * array reaches every element, and arrays flatten, so a document has one entry
 * per combination (the cartesian product) of its term and value elements; an
 * object, a missing field or an empty array counts as null; a document whose
 * terms are all null, or whose values are all null, has no entry.
 */
import { ValidationFailures } from "../error/catalog";
import { QueryValue, Ref, type ObjectValue, type Value } from "../language/values";
import { storageTypeName, type FieldCheck, type FieldFailure } from "./validation";

export interface IndexField {
  readonly path?: readonly (string | bigint)[];
  readonly binding?: string;
  readonly reverse: boolean;
  readonly mva: boolean;
  readonly casefold: boolean;
}

export interface IndexSource {
  /** A collection ref (a user collection, or a native one such as Tokens()), or "_" for every user collection. */
  readonly collection: Ref | "_";
  readonly bindings: ReadonlyMap<string, QueryValue>;
}

export interface IndexDefinition {
  readonly name: string;
  readonly sources: readonly IndexSource[];
  readonly terms: readonly IndexField[];
  readonly values: readonly IndexField[];
  readonly unique: boolean;
  /** Partitions reads of the index span: 1 with terms (or unique), 8 without. */
  readonly partitions: number;
}

export interface IndexEntry {
  readonly terms: Value[];
  readonly values: Value[];
}

const termKeys = ["field", "binding", "reverse", "mva", "transform"];

/** `terms`/`values`: a term object or an array of them; unknown keys are dropped. */
export const termsCheck: FieldCheck = (value) => {
  const list = Array.isArray(value) ? value : [value];
  for (const term of list) {
    if (!(term instanceof Map)) return ValidationFailures.invalidType(storageTypeName(term), "Term");
    const failure = termFailure(term);
    if (failure) return failure;
  }
  return undefined;
};

function termFailure(term: ObjectValue): FieldFailure | undefined {
  const field = term.get("field");
  const binding = term.get("binding");
  if (field === undefined && binding === undefined) return { field: ["field"], code: "value required", description: "Must provide one of the following: field, binding" };
  if (binding === undefined) {
    const segments = Array.isArray(field) ? field : [field!];
    const bad = segments.find((segment) => typeof segment !== "string" && typeof segment !== "bigint");
    if (bad !== undefined || segments.length === 0) return { field: ["field"], ...ValidationFailures.invalidType(storageTypeName(bad ?? field!), "Long or String") };
  } else if (typeof binding !== "string") {
    return { field: ["binding"], ...ValidationFailures.invalidType(storageTypeName(binding), "String") };
  }
  for (const flag of ["reverse", "mva"]) {
    const flagValue = term.get(flag);
    if (flagValue !== undefined && flagValue !== null && typeof flagValue !== "boolean") {
      return { field: [flag], ...ValidationFailures.invalidType(storageTypeName(flagValue), "Boolean") };
    }
  }
  const transform = term.get("transform");
  if (transform !== undefined && transform !== null && transform !== "casefold") {
    return { field: ["transform"], code: "invalid value", description: `Invalid value \`${typeof transform === "string" ? transform : storageTypeName(transform)}\` at \`transform\`` };
  }
  return undefined;
}

/** Term objects as stored: only the keys Fauna kept. */
export function normalizeTerms(value: Value): Value {
  const keep = (term: Value): Value => (term instanceof Map ? new Map([...term].filter(([key]) => termKeys.includes(key))) : term);
  return Array.isArray(value) ? value.map(keep) : keep(value);
}

export const sourceCheck: FieldCheck = (value) => {
  const configs = Array.isArray(value) ? value : [value];
  let wildcards = 0;
  for (const config of configs) {
    const collection = config instanceof Map ? config.get("collection") ?? config.get("class") : config;
    if (config instanceof Map && collection === undefined) return { field: ["class"], ...ValidationFailures.valueRequired };
    const collections = Array.isArray(collection) ? collection : [collection];
    for (const entry of collections) {
      if (entry === "_") wildcards++;
      else if (!isCollectionRef(entry!)) return ValidationFailures.invalidType(storageTypeName(entry ?? null), "SourceClass");
    }
    const fields = config instanceof Map ? config.get("fields") : undefined;
    if (fields !== undefined && fields !== null) {
      if (!(fields instanceof Map)) return ValidationFailures.invalidType(storageTypeName(fields), "Map");
      for (const [, binding] of fields) {
        if (!(binding instanceof QueryValue)) return { code: "invalid binding", description: "Field binding must be a pure unary function." };
      }
    }
  }
  if (wildcards > 1) return { code: "multiple wildcards", description: "Too many wildcards." };
  return undefined;
};

function isCollectionRef(value: Value): value is Ref {
  if (!(value instanceof Ref)) return false;
  if (value.isNative) return value.id !== "databases";
  return value.collection!.isNative && value.collection!.id === "collections";
}

export const partitionsCheck: FieldCheck = (value) => {
  if (typeof value !== "bigint") return ValidationFailures.invalidType(storageTypeName(value), "Long");
  return value < 1n || value > 8n ? { code: "bounds error", description: `Value ${value} is not in expected range 1 to 8.` } : undefined;
};

function fieldOf(term: Value): IndexField {
  const map = term as ObjectValue;
  const field = map.get("field");
  const binding = map.get("binding");
  return {
    path: typeof binding === "string" ? undefined : ((Array.isArray(field) ? field : [field]) as (string | bigint)[]),
    binding: typeof binding === "string" ? binding : undefined,
    reverse: map.get("reverse") === true,
    mva: map.get("mva") !== false,
    casefold: map.get("transform") === "casefold",
  };
}

function fieldsOf(value: Value | undefined): IndexField[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter((term) => term !== null).map(fieldOf);
}

/** The definition an index document stands for. */
export function indexDefinition(fields: ObjectValue): IndexDefinition {
  const source = fields.get("source")!;
  const sources = (Array.isArray(source) ? source : [source]).flatMap((config): IndexSource[] => {
    const collection = config instanceof Map ? config.get("collection") ?? config.get("class")! : config;
    const boundFields = config instanceof Map ? config.get("fields") : undefined;
    const bindings = new Map(boundFields instanceof Map ? ([...boundFields] as [string, QueryValue][]) : []);
    return (Array.isArray(collection) ? collection : [collection]).map((entry) => ({ collection: entry === "_" ? "_" : (entry as Ref), bindings }));
  });
  const terms = fieldsOf(fields.get("terms"));
  const unique = fields.get("unique") === true;
  const partitions = fields.get("partitions");
  return {
    name: fields.get("name") as string,
    sources,
    terms,
    values: fieldsOf(fields.get("values")),
    unique,
    partitions: unique ? 1 : typeof partitions === "bigint" ? Number(partitions) : defaultPartitions(fields.get("terms")),
  };
}

/** Fauna spread an index without terms (or with the collection as its only term) over 8 partitions. */
export function defaultPartitions(terms: Value | undefined): 1 | 8 {
  const list = terms === undefined || terms === null ? [] : Array.isArray(terms) ? terms.filter((term) => term !== null) : [terms];
  if (list.length === 0) return 8;
  if (list.length === 1 && list[0] instanceof Map) {
    const field = list[0].get("field");
    const path = Array.isArray(field) ? field : [field];
    if (path.length === 1 && path[0] === "class") return 8;
  }
  return 1;
}

/** Evaluates a binding on a document; errors count as no value. */
export type BindingEvaluator = (binding: QueryValue, document: ObjectValue) => Value;

/** Every value a path reaches: through arrays, element by element. */
function selectAll(from: Value, path: readonly (string | bigint)[]): Value[] {
  let reached: Value[] = [from];
  for (const segment of path) {
    const next: Value[] = [];
    const step = (value: Value): void => {
      if (typeof segment === "bigint") {
        if (Array.isArray(value) && segment >= 0n && segment < BigInt(value.length)) next.push(value[Number(segment)]!);
      } else if (Array.isArray(value)) {
        value.forEach(step);
      } else if (value instanceof Map) {
        const field = value.get(segment);
        if (field !== undefined) next.push(field);
      } else if (value instanceof Ref) {
        if (segment === "id") next.push(value.id);
        else if (segment === "collection" && value.collection) next.push(value.collection);
      }
    };
    reached.forEach(step);
    reached = next;
  }
  return reached;
}

/** Arrays flatten, objects count as null. */
function flatten(values: Value[]): Value[] {
  return values.flatMap((value) => (Array.isArray(value) ? flatten(value) : value instanceof Map ? [null] : [value]));
}

function casefold(value: Value): Value {
  return typeof value === "string" ? value.normalize("NFKC").toLowerCase() : value;
}

function distinct(values: Value[], same: (a: Value, b: Value) => boolean): Value[] {
  return values.filter((value, index) => values.findIndex((other) => same(other, value)) === index);
}

/** The values one term or value position takes for a document: at least [null]. */
function positionValues(field: IndexField, document: ObjectValue, isTerm: boolean, bindings: ReadonlyMap<string, QueryValue>, evaluate: BindingEvaluator, same: (a: Value, b: Value) => boolean): Value[] {
  let values: Value[];
  if (field.binding !== undefined) {
    const binding = bindings.get(field.binding);
    const result = binding ? evaluate(binding, document) : null;
    values = Array.isArray(result) ? result.map((element) => (element instanceof Map || Array.isArray(element) ? null : element)) : result instanceof Map ? [] : [result];
  } else {
    const [first, ...rest] = field.path!;
    // A document's ts is no term (Fauna indexed it as null); as a value it is the document's ts.
    if (isTerm && first === "ts" && rest.length === 0) return [null];
    const reached = first === "class" ? selectAll(document.get("ref") instanceof Ref ? (document.get("ref") as Ref).collection ?? null : null, rest) : selectAll(document, field.path!);
    values = field.mva ? flatten(reached) : reached;
  }
  if (field.casefold) values = values.map(casefold);
  values = distinct(values, same);
  return values.length === 0 ? [null] : values;
}

function product(positions: Value[][]): Value[][] {
  return positions.reduce<Value[][]>((combos, choices) => combos.flatMap((combo) => choices.map((choice) => [...combo, choice])), [[]]);
}

/** The entries a document (as Get shows it) makes in an index from `source`. */
export function indexEntries(definition: IndexDefinition, source: IndexSource, document: ObjectValue, evaluate: BindingEvaluator, same: (a: Value, b: Value) => boolean): IndexEntry[] {
  const combos = (fields: readonly IndexField[], isTerm: boolean) =>
    product(fields.map((field) => positionValues(field, document, isTerm, source.bindings, evaluate, same))).filter(
      (combo) => combo.length === 0 || combo.some((value) => value !== null),
    );
  const termCombos = combos(definition.terms, true);
  const valueCombos = combos(definition.values, false);
  return termCombos.flatMap((terms) => valueCombos.map((values) => ({ terms, values })));
}
