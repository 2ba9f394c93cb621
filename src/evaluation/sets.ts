/**
 * Sets and their pages.
 *
 * A set is a sorted stream of elements. An element has covered values (none
 * for sets of refs) and a document ref; sets order elements by their values
 * (each ascending, or descending where the index says `reverse`), then by ref,
 * through the order-preserving keys of `value-keys.ts`. The set algebra
 * (Union, Intersection, Difference, Distinct, Join) compares elements by their
 * values alone, or by the ref when there are none, as Fauna did.
 *
 * A set is read from a cursor in either direction; a page holds `size`
 * elements and the cursors to go on. Cursors are `[values…, ref]`; a shorter
 * cursor is a prefix of values.
 *
 * Each element also carries its sources, the sets it was read from, which
 * Paginate shows with `sources: true`. As in Fauna, the sources are the
 * leaves a composite set reads (Match, the documents of a collection, a
 * document) — but Reverse names itself — and the set algebra and Join give
 * an element the sources of every equal element they merged into it.
 */
import { allows, collectionReadAction, historyReadAction, indexAction, listingAction, readAction, type Action } from "../auth/permissions";
import { Errors } from "../error/catalog";
import { queryError, type ErrorSite } from "../error/FaunaError";
import type { CallExpr } from "../language/ast";
import { Page, Ref, SetRef, type LambdaValue, type ObjectValue, type Value } from "../language/values";
import { afterExtensions, idKey, indexTermRange } from "../store/keys";
import { afterPrefix, termsKey as exactTermsKey, tupleKey } from "../store/value-keys";
import type { QueryContext } from "./context";
import { readVersion } from "./docs";
import { valuesEqual } from "./equality";
import { applyLambda, asLambda } from "./execute";
import { documentsAt, indexEntriesAt } from "./history";
import { decodeEntry, liveDocuments, resolvedIndex, type ResolvedIndex } from "./indexing";
import { resolveCollection, resolveDocument, schemaDocument, type CollectionInfo, type ResolvedDocument } from "./refs";
import { typeName } from "./types";

/** An element of a set: its covered values (none for sets of refs), its document's ref, and the sets it came from. */
export class SetElement {
  #key: string | undefined;
  #terms: string | undefined;

  constructor(
    readonly values: Value[],
    readonly ref: Ref,
    private readonly reverse: readonly boolean[],
    key?: string,
    readonly sources: readonly Value[] = [],
  ) {
    this.#key = key;
  }

  /** The same element, read from other sets. */
  withSources(sources: readonly Value[]): SetElement {
    if (sources === this.sources) return this;
    const copy = new SetElement(this.values, this.ref, this.reverse, this.#key, sources);
    copy.#terms = this.#terms;
    return copy;
  }

  /** Sort key: values (with the set's reverse flags), then the ref. Index entries bring theirs from storage. */
  get key(): string {
    return (this.#key ??= this.values.length > 0 ? this.terms + tupleKey([{ value: this.ref }]) : this.terms);
  }

  /** What the set algebra compares: the values, or the ref when there are none. Only the algebra asks, so it is made on demand. */
  get terms(): string {
    return (this.#terms ??= tupleKey(this.values.length > 0 ? this.values.map((value, position) => ({ value, reverse: this.reverse[position] })) : [{ value: this.ref }]));
  }
}

export type Direction = "ascending" | "descending";

/** Where a read starts: ascending from `key`, descending from below it; `inclusive` says whether an element at `key` is in. */
export interface Bound {
  readonly key: string;
  readonly inclusive: boolean;
  /** The cursor the key was made from, for sets that can seek by it. */
  readonly cursor?: Value[];
}

export interface FaunaSet {
  /** The set's elements in `direction` from `bound` (from the start or end without one). */
  scan(ctx: QueryContext, direction: Direction, bound?: Bound): Iterable<SetElement>;
  /** Index partitions a read of the set spans (for read ops). */
  readonly partitions: number;
  /** Per value position, whether it sorts descending: how cursors encode. */
  readonly reverse: readonly boolean[];
}

function beyond(direction: Direction, key: string, bound: Bound | undefined): boolean {
  if (!bound) return false;
  if (direction === "ascending") return bound.inclusive ? key < bound.key : key <= bound.key;
  return bound.inclusive ? key > bound.key : key >= bound.key;
}

/** Elements (in ascending order) read in `direction` from `bound`. */
function* inOrder(elements: SetElement[], direction: Direction, bound?: Bound): Generator<SetElement> {
  const ordered = direction === "ascending" ? elements : [...elements].reverse();
  for (const next of ordered) if (!beyond(direction, next.key, bound)) yield next;
}

/** Match(index, terms) as a set value: one term travels bare, several as an array (as Fauna wrote them). */
export function matchSetRef(index: Ref, terms: readonly Value[]): SetRef {
  const parts: [string, Value][] = [["match", index]];
  if (terms.length > 0) parts.push(["terms", terms.length === 1 ? terms[0]! : [...terms]]);
  return new SetRef(new Map(parts) as ObjectValue);
}

/** Fauna's internal index of documents by collection (native index 24), through which it read every collection's documents. */
const DOCUMENTS_BY_COLLECTION = "24";

/**
 * The source of a collection's documents. Fauna read them through its
 * internal documents-by-collection index and named that Match, under the
 * collection's ref, as their source.
 */
export function documentsSource(collection: Ref): SetRef {
  return matchSetRef(Ref.schema("indexes", DOCUMENTS_BY_COLLECTION, collection.database), [collection]);
}

/** The sources of all the members of a group, each once, in the order the members come. */
export function mergedSources(lists: Iterable<readonly Value[]>): readonly Value[] {
  let merged: Value[] | undefined;
  let only: readonly Value[] | undefined;
  for (const list of lists) {
    // Most groups come from one set: its list is kept as it is.
    if (!merged && (only === undefined || list === only)) {
      only = list;
      continue;
    }
    merged ??= [...only!];
    for (const source of list) if (!merged.some((seen) => seen === source || valuesEqual(seen, source))) merged.push(source);
  }
  return merged ?? only ?? [];
}

/** The documents of a collection: Documents(Collection("c")), Tokens(), Collections(), … */
class DocumentsSet implements FaunaSet {
  readonly partitions = 8;
  readonly reverse = [];
  private readonly sources: readonly Value[];

  constructor(
    private readonly collection: CollectionInfo,
    collectionRef: Ref,
  ) {
    this.sources = [documentsSource(collectionRef)];
  }

  *scan(ctx: QueryContext, direction: Direction, bound?: Bound): Iterable<SetElement> {
    if (ctx.readTime !== undefined) {
      const past = [...documentsAt(ctx, this.collection, ctx.readTime)].map(([document]) => new SetElement([], document.ref, this.reverse, undefined, this.sources));
      yield* inOrder(past, direction, bound);
      return;
    }
    // A cursor ref of this collection is where the scan can start; others are filtered by key.
    const cursor = bound?.cursor?.[0];
    const seek = cursor instanceof Ref && cursor.collection && this.isOwn(cursor) ? this.docKey(cursor) : undefined;
    const options = direction === "ascending" ? { fromKey: seek } : { toKey: seek === undefined ? undefined : afterExtensions(seek), reverse: true };
    for (const [document] of liveDocuments(ctx, this.collection, options)) {
      const next = new SetElement([], document.ref, this.reverse, undefined, this.sources);
      if (!beyond(direction, next.key, bound)) yield next;
    }
  }

  private isOwn(ref: Ref): boolean {
    return this.collection.native?.named ? ref.collection!.isNative && ref.collection!.id === this.collection.native.id : ref.collection!.id === this.collection.ref.id;
  }

  private docKey(ref: Ref): string | undefined {
    if (this.collection.native?.named) return ref.id;
    return /^-?\d+$/.test(ref.id) ? idKey(BigInt(ref.id)) : undefined;
  }
}

/** Match(Index("i"), terms): the index entries under those terms. */
class MatchSet implements FaunaSet {
  readonly reverse: boolean[];
  readonly partitions: number;
  private readonly sources: readonly Value[];

  constructor(
    private readonly index: ResolvedIndex,
    private readonly terms: Value[],
    source: SetRef,
  ) {
    this.reverse = index.definition.values.map((field) => field.reverse);
    this.partitions = index.definition.partitions;
    this.sources = [source];
  }

  *scan(ctx: QueryContext, direction: Direction, bound?: Bound): Iterable<SetElement> {
    const values = (stored: Value[]) => (this.index.definition.values.length > 0 ? stored : []);
    if (ctx.readTime !== undefined) {
      const past = indexEntriesAt(ctx, this.index, this.terms, ctx.readTime).map((entry) => new SetElement(values(entry.values), entry.ref, this.reverse, entry.sortKey, this.sources));
      yield* inOrder(past, direction, bound);
      return;
    }
    const key = exactTermsKey(this.terms);
    const range =
      direction === "ascending"
        ? { ...indexTermRange(this.index.db, this.index.id, key, bound?.key), reverse: false }
        : { ...indexTermRange(this.index.db, this.index.id, key, undefined, bound ? afterPrefix(bound.key) : undefined), reverse: true };
    // The range starts at the bound: once one entry is within it, all that follow are.
    let atBound = bound !== undefined;
    for (const entry of ctx.txn.range(range)) {
      ctx.metrics.storageRead(entry.value.length);
      const sortKey = entry.key[4] as string;
      if (atBound && beyond(direction, sortKey, bound)) continue;
      atBound = false;
      const stored = decodeEntry(entry.value);
      if (stored.ttl && stored.ttl.epochNanos <= ctx.txnTime * 1000n) continue;
      yield new SetElement(values(stored.values), stored.ref, this.reverse, sortKey, this.sources);
    }
  }
}

/** Singleton(ref), or a ref as a set: the document, while it exists. */
class SingletonSet implements FaunaSet {
  readonly partitions = 1;
  readonly reverse = [];

  constructor(
    private readonly ref: Ref,
    private readonly source: Value,
  ) {}

  *scan(ctx: QueryContext, direction: Direction, bound?: Bound): Iterable<SetElement> {
    const only = new SetElement([], this.ref, this.reverse, undefined, [this.source]);
    if (beyond(direction, only.key, bound)) return;
    try {
      if (readVersion(ctx, resolveDocument(ctx, this.ref, undefined))) yield only;
    } catch {
      // A ref into a collection that does not exist is a set of nothing.
    }
  }
}

/** Elements of several sorted streams merged, grouped by equal terms (for the set algebra). */
function* groups(ctx: QueryContext, sets: readonly FaunaSet[], direction: Direction, bound?: Bound): Generator<SetElement[][]> {
  const streams = sets.map((set) => set.scan(ctx, direction, bound)[Symbol.iterator]());
  const heads = streams.map((stream) => stream.next());
  const before = (a: string, b: string) => (direction === "ascending" ? a < b : a > b);
  for (;;) {
    let lead: SetElement | undefined;
    for (const head of heads) if (!head.done && (!lead || before(head.value.key, lead.key))) lead = head.value;
    if (!lead) return;
    const group = heads.map((head, index) => {
      const members: SetElement[] = [];
      while (!head.done && head.value.terms === lead!.terms) {
        members.push(head.value);
        heads[index] = streams[index]!.next();
        head = heads[index]!;
      }
      return members;
    });
    yield group;
  }
}

type Algebra = "union" | "intersection" | "difference";

/** Union keeps the most copies any set has of equal values, Intersection the fewest, Difference those no other set has. */
class AlgebraSet implements FaunaSet {
  readonly partitions: number;
  readonly reverse: readonly boolean[];

  constructor(
    private readonly operation: Algebra,
    private readonly sets: readonly FaunaSet[],
  ) {
    this.partitions = sets.reduce((sum, set) => sum + set.partitions, 0);
    this.reverse = sets[0]?.reverse ?? [];
  }

  *scan(ctx: QueryContext, direction: Direction, bound?: Bound): Iterable<SetElement> {
    for (const group of groups(ctx, this.sets, direction, bound)) {
      const kept = this.kept(group);
      if (kept.length === 0) continue;
      const sources = mergedSources(group.flat().map((member) => member.sources));
      for (const element of kept) yield element.withSources(sources);
    }
  }

  private kept(group: SetElement[][]): SetElement[] {
    if (this.operation === "union") return group.reduce((most, members) => (members.length > most.length ? members : most), []);
    if (this.operation === "intersection") {
      const fewest = Math.min(...group.map((members) => members.length));
      return fewest > 0 ? group[0]!.slice(0, fewest) : [];
    }
    return group.slice(1).every((members) => members.length === 0) ? group[0]! : [];
  }
}

/** A set made from another: it spans the same partitions and sorts the same way. */
abstract class DerivedSet implements FaunaSet {
  constructor(protected readonly set: FaunaSet) {}

  get partitions() {
    return this.set.partitions;
  }

  get reverse() {
    return this.set.reverse;
  }

  abstract scan(ctx: QueryContext, direction: Direction, bound?: Bound): Iterable<SetElement>;
}

/** Distinct: one element for each distinct values. */
class DistinctSet extends DerivedSet {
  *scan(ctx: QueryContext, direction: Direction, bound?: Bound): Iterable<SetElement> {
    for (const [members] of groups(ctx, [this.set], direction, bound)) yield members![0]!;
  }
}

/** Range(set, from, to): the elements between two cursors, both included. */
class RangeSet extends DerivedSet {
  constructor(
    set: FaunaSet,
    private readonly from: Bound | undefined,
    private readonly to: Bound | undefined,
  ) {
    super(set);
  }

  *scan(ctx: QueryContext, direction: Direction, bound?: Bound): Iterable<SetElement> {
    const [near, far] = direction === "ascending" ? [this.from, this.to] : [this.to, this.from];
    // Start at whichever of the page's cursor and the range's near end comes later.
    const start = !near ? bound : !bound ? near : beyond(direction, near.key, bound) ? bound : near;
    for (const next of this.set.scan(ctx, direction, start)) {
      if (near && beyond(direction, next.key, near)) continue;
      if (far && beyond(direction === "ascending" ? "descending" : "ascending", next.key, far)) return;
      yield next;
    }
  }
}

/** Reverse(set): the same elements, last first; as in Fauna, they come from the Reverse set itself. */
class ReverseSet extends DerivedSet {
  private readonly sources: readonly Value[];

  constructor(set: FaunaSet, self: SetRef) {
    super(set);
    this.sources = [self];
  }

  *scan(ctx: QueryContext, direction: Direction, bound?: Bound): Iterable<SetElement> {
    const inner = this.set.scan(ctx, direction === "ascending" ? "descending" : "ascending", bound && { ...bound, inclusive: !bound.inclusive });
    for (const next of inner) yield next.withSources(this.sources);
  }
}

/** Join(source, index or lambda): the union of the sets each source element leads to, equal values once. */
class JoinSet implements FaunaSet {
  readonly reverse: readonly boolean[] = [];

  constructor(
    private readonly source: FaunaSet,
    private readonly target: (element: SetElement) => FaunaSet,
  ) {}

  get partitions() {
    return this.source.partitions;
  }

  *scan(ctx: QueryContext, direction: Direction, bound?: Bound): Iterable<SetElement> {
    const targets = [...this.source.scan(ctx, "ascending")].map(this.target);
    for (const group of groups(ctx, targets, direction, bound)) {
      const members = group.flat();
      yield members[0]!.withSources(mergedSources(members.map((member) => member.sources)));
    }
  }
}

/** Filter(set, lambda): the elements for which the lambda is true. */
class FilterSet extends DerivedSet {
  constructor(
    set: FaunaSet,
    private readonly keep: (element: SetElement) => boolean,
  ) {
    super(set);
  }

  *scan(ctx: QueryContext, direction: Direction, bound?: Bound): Iterable<SetElement> {
    for (const next of this.set.scan(ctx, direction, bound)) if (this.keep(next)) yield next;
  }
}

/** What a page shows for an element: its value, its values, or its ref. */
export function shown(element: SetElement): Value {
  return element.values.length === 0 ? element.ref : element.values.length === 1 ? element.values[0]! : element.values;
}

/** The cursor for an element: `[values…, ref]`. */
export function cursorOf(element: SetElement): Value[] {
  return [...element.values, element.ref];
}

/** A cursor's key, with the set's reverse flags on the values it gives. */
export function cursorBound(set: FaunaSet, cursor: Value[], inclusive: boolean): Bound {
  return { key: tupleKey(cursor.map((value, position) => ({ value, reverse: set.reverse[position] }))), inclusive, cursor };
}

/** A page element with the sets it came from, as `sources: true` shows it. */
export function sourced(value: Value, sources: readonly Value[]): ObjectValue {
  return new Map<string, Value>([
    ["value", value],
    ["sources", [...sources]],
  ]);
}

export interface PageRequest {
  readonly size: number;
  /** Show each element with its sources. */
  readonly sources?: boolean;
  /** Start here, included. */
  readonly after?: Value[];
  /** End just before here, reading backwards. */
  readonly before?: Value[];
}

/** Up to `count` elements of a set from a bound, billed as one read of the set. */
export function paginateElements(ctx: QueryContext, set: FaunaSet, count: number, direction: Direction = "ascending", bound?: Bound): SetElement[] {
  const bytesBefore = ctx.metrics.readBytesSoFar;
  const found: SetElement[] = [];
  if (count > 0) {
    for (const next of set.scan(ctx, direction, bound)) {
      found.push(next);
      if (found.length >= count) break;
    }
  }
  ctx.metrics.setRead(ctx.metrics.readBytesSoFar - bytesBefore, set.partitions);
  return found;
}

/** The first element of a set, read as a page of one. */
export function firstElement(ctx: QueryContext, target: Value, site: ErrorSite): SetElement | undefined {
  const [first] = paginateElements(ctx, setOf(ctx, target, site), 1);
  return first;
}

/**
 * The cursor of each element of a page, in the order of its data (with its
 * sources when the page shows them). Fauna's pages carried them, and Take and
 * Drop moved a page's cursors to them. A page read from a set makes them only
 * when asked: most pages are never taken from.
 */
type ElementCursors = readonly Value[] | (() => readonly Value[]);

const elementCursors = new WeakMap<Page, ElementCursors>();

/** The cursors of a page's elements, when it was read from a set. */
export function pageCursors(page: Page): readonly Value[] | undefined {
  const cursors = elementCursors.get(page);
  if (typeof cursors !== "function") return cursors;
  const made = cursors();
  elementCursors.set(page, made);
  return made;
}

/** `page`, with the element cursors given (none when unknown). */
export function withCursors(page: Page, cursors: ElementCursors | undefined): Page {
  if (cursors) elementCursors.set(page, cursors);
  return page;
}

/** `page`, made from `from`'s elements one for one: it has their cursors, made only if ever asked for. */
export function carryCursors(page: Page, from: Page): Page {
  return withCursors(page, elementCursors.get(from));
}

/** The Filter or Join call that made a set with a lambda: Fauna placed the lambda's errors there, wherever the set was read. */
const lambdaCalls = new WeakMap<SetRef, { call: CallExpr; key: string }>();

export function placeLambdaSet(set: SetRef, call: CallExpr, key: "filter" | "with"): SetRef {
  lambdaCalls.set(set, { call, key });
  return set;
}

/** Where the lambda of a Filter or Join set reports its result's errors and its arity errors. */
function lambdaSites(set: SetRef, site: ErrorSite): { result: ErrorSite; arity: ErrorSite } {
  const made = lambdaCalls.get(set);
  if (!made) return { result: site, arity: site };
  return { result: { node: made.call, path: [made.key] }, arity: { node: made.call, path: [made.key, "lambda"] } };
}

/** Whether a set is one of events (Events, or a set made from one), which Fauna could not take the events of, nor mix with other sets. */
export function isHistoricalSet(value: Value): boolean {
  if (!(value instanceof SetRef)) return false;
  const [kind] = value.parts.keys();
  switch (kind) {
    case "events":
      return true;
    case "distinct":
    case "reverse":
    case "range":
      return isHistoricalSet(setParts(value, kind!));
    case "filter":
      return isHistoricalSet(setParts(value, "collection"));
    case "union":
    case "intersection":
    case "difference":
      return listOf(setParts(value, kind)).some(isHistoricalSet);
    default:
      return false;
  }
}

/** A page of a set; `data` is in the set's order either way, and the cursor passed in comes back on the other side. */
export function paginate(ctx: QueryContext, set: FaunaSet, request: PageRequest): Page {
  const backwards = request.before !== undefined;
  const cursor = backwards ? request.before : request.after;
  const bound = cursor && cursorBound(set, cursor, !backwards);
  const found = paginateElements(ctx, set, request.size + 1, backwards ? "descending" : "ascending", bound);
  const more = found.length > request.size;
  const page = found.slice(0, request.size);
  if (backwards) page.reverse();
  const next = request.size === 0 ? cursor : more ? cursorOf(backwards ? page[0]! : found[request.size]!) : undefined;
  const data = page.map((element) => (request.sources ? sourced(shown(element), element.sources) : shown(element)));
  const cursors = () => page.map((element) => (request.sources ? sourced(cursorOf(element), element.sources) : cursorOf(element)));
  return withCursors(backwards ? new Page(data, next, cursor) : new Page(data, cursor, next), cursors);
}

/** Every element of a set, first to last. */
export function allElements(ctx: QueryContext, set: FaunaSet): SetElement[] {
  return paginateElements(ctx, set, Infinity);
}

export function isSetValue(value: Value): boolean {
  return (value instanceof Ref && value.isNative) || value instanceof SetRef;
}

/** The lambda of a Join or a Filter. */
function lambdaOf(value: Value, site: ErrorSite): LambdaValue {
  const lambda = asLambda(value);
  if (!lambda) throw queryError(Errors.invalidArgument, site, ["Lambda", "Index Ref"], typeName(value));
  return lambda;
}

/** The index a Match or Join names, which must exist. */
export function indexNamed(ctx: QueryContext, ref: Value, site: ErrorSite): ResolvedIndex {
  if (!(ref instanceof Ref) || !ref.collection?.isNative || ref.collection.id !== "indexes") throw queryError(Errors.invalidArgument, site, ["Index Ref"], typeName(ref));
  const db = ref.database ? resolveDocument(ctx, ref, site).address.db : ctx.database;
  const version = schemaDocument(ctx, db, "indexes", ref.id);
  if (!version) throw queryError(Errors.invalidRef, site, "index", ref.id);
  return resolvedIndex(db, version);
}

function setParts(value: SetRef, key: string): Value {
  return value.parts.get(key) ?? null;
}

function listOf(value: Value): Value[] {
  return Array.isArray(value) ? value : [value];
}

/** The set a value stands for, or an error if it stands for none. */
export function setOf(ctx: QueryContext, value: Value, site: ErrorSite): FaunaSet {
  const set = readableSet(ctx, value, site);
  if (!set) throw queryError(Errors.permissionDenied, site);
  return set;
}

/** Whether the query may read the document a ref names (sets it may read but not in full are filtered by this). */
export function refReadable(ctx: QueryContext, ref: Ref): boolean {
  let document: ResolvedDocument;
  try {
    document = resolveDocument(ctx, ref, undefined);
  } catch {
    return false;
  }
  // Only an identity's own tokens and credentials are judged by what is in them.
  const version = ctx.access.grants.kind === "identity" && document.collection.native ? ctx.documents.current(document.address) : undefined;
  return allows(ctx, readAction(document, version));
}

/** A set read in full when `unrestricted` allows it, else element by element; undefined when the query may not read it at all. */
function gated(ctx: QueryContext, set: FaunaSet, unrestricted: Action | undefined, read: Action | undefined): FaunaSet | undefined {
  const { grants } = ctx.access;
  if (grants.kind === "builtin" && grants.role === "admin" && (!read || allows(ctx, read))) return set;
  if (unrestricted && allows(ctx, unrestricted)) return set;
  if (read && !allows(ctx, read)) return undefined;
  return new FilterSet(set, (element) => refReadable(ctx, element.ref));
}

/**
 * The set a value stands for, as far as the query may read it: undefined
 * when it may not read it at all. As in Fauna, Union and Intersection leave
 * out the sets the query may not read, and so does Difference but for its
 * first set.
 */
function readableSet(ctx: QueryContext, value: Value, site: ErrorSite): FaunaSet | undefined {
  if (value instanceof Ref && value.isNative) {
    const collection = resolveCollection(ctx, value, site);
    return gated(ctx, new DocumentsSet(collection, value), undefined, listingAction(collection));
  }
  if (value instanceof Ref) return singletonSet(ctx, value, value);
  if (!(value instanceof SetRef)) throw queryError(Errors.invalidArgument, site, ["Set"], typeName(value));
  const parts: ObjectValue = value.parts;
  const [kind] = parts.keys();
  const inner = (part: Value) => readableSet(ctx, part, site);
  const derived = (part: Value, make: (set: FaunaSet) => FaunaSet) => {
    const set = inner(part);
    return set && make(set);
  };
  switch (kind) {
    case "documents": {
      const collectionRef = setParts(value, "documents") as Ref;
      const collection = resolveCollection(ctx, collectionRef, site);
      return gated(ctx, new DocumentsSet(collection, collectionRef), collectionReadAction(collection), undefined);
    }
    case "match":
      return matchSet(ctx, indexNamed(ctx, setParts(value, "match"), site), parts.has("terms") ? listOf(setParts(value, "terms")) : [], value);
    case "singleton":
      return singletonSet(ctx, setParts(value, "singleton") as Ref, value);
    case "union":
    case "intersection":
    case "difference": {
      const members = listOf(setParts(value, kind)).map(inner);
      if (kind === "difference" ? !members[0] : members.every((member) => !member)) return undefined;
      return new AlgebraSet(kind, members.filter((member): member is FaunaSet => member !== undefined));
    }
    case "distinct":
      return derived(setParts(value, "distinct"), (set) => new DistinctSet(set));
    case "reverse":
      return derived(setParts(value, "reverse"), (set) => new ReverseSet(set, value));
    case "range":
      return derived(setParts(value, "range"), (set) => {
        const bound = (part: string, upper: boolean): Bound | undefined => {
          const cursor = listOf(setParts(value, part));
          if (cursor.length === 0) return undefined;
          const key = cursorBound(set, cursor, true).key;
          return { key: upper ? afterPrefix(key) : key, inclusive: !upper, cursor };
        };
        return new RangeSet(set, bound("from", false), bound("to", true));
      });
    case "join": {
      const target = setParts(value, "with");
      // A target the query may not read adds nothing.
      const orNothing = (set: FaunaSet | undefined) => set ?? new AlgebraSet("union", []);
      if (target instanceof Ref) {
        const index = indexNamed(ctx, target, site);
        const matched = (from: SetElement) => {
          const terms = from.values.length > 0 ? from.values : [from.ref];
          return orNothing(matchSet(ctx, index, terms, matchSetRef(target, terms)));
        };
        return derived(setParts(value, "join"), (source) => new JoinSet(source, matched));
      }
      const lambda = lambdaOf(target, site);
      const at = lambdaSites(value, site);
      const joined = (from: SetElement) => {
        const result = applyLambda(ctx, lambda, shown(from), at.arity);
        if (!isSetValue(result)) throw queryError(Errors.invalidArgument, at.result, ["Set"], typeName(result));
        return orNothing(readableSet(ctx, result, at.result));
      };
      return derived(setParts(value, "join"), (source) => new JoinSet(source, joined));
    }
    case "filter": {
      const lambda = lambdaOf(setParts(value, "filter"), site);
      const at = lambdaSites(value, site);
      return derived(setParts(value, "collection"), (set) =>
        new FilterSet(set, (next) => {
          const keep = applyLambda(ctx, lambda, shown(next), at.arity);
          if (typeof keep !== "boolean") throw queryError(Errors.invalidArgument, at.result, ["Boolean"], typeName(keep));
          return keep;
        }),
      );
    }
    default:
      throw queryError(Errors.invalidArgument, site, ["Set"], typeName(value));
  }
}

/** Match(index, terms); `source` is the set value it shows as. */
function matchSet(ctx: QueryContext, index: ResolvedIndex, terms: Value[], source: SetRef): FaunaSet | undefined {
  const fields = schemaDocument(ctx, index.db, "indexes", index.ref.id)?.fields;
  return gated(ctx, new MatchSet(index, terms, source), indexAction("unrestricted_read", index, terms, fields), indexAction("read", index, terms, fields));
}

/** A document's set of one; reading it (its history) takes `history_read`. `source` is the set value it shows as. */
function singletonSet(ctx: QueryContext, ref: Ref, source: Value): FaunaSet | undefined {
  let document: ResolvedDocument;
  try {
    document = resolveDocument(ctx, ref, undefined);
  } catch {
    // A ref into a collection that does not exist is a set of nothing.
    return new SingletonSet(ref, source);
  }
  return allows(ctx, historyReadAction(document)) ? new SingletonSet(ref, source) : undefined;
}

/** Sets Fauna read directly rather than through other sets: their events come from themselves. */
export function isLeafSet(value: Value): boolean {
  if (value instanceof Ref) return true;
  const kind = value instanceof SetRef ? value.parts.keys().next().value : undefined;
  return kind === "documents" || kind === "match" || kind === "singleton";
}
