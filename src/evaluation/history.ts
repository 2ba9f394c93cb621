/**
 * The past: sets as they were at a given time (for `At` and Paginate's `ts`),
 * and event pages (Events, Paginate's `events: true`).
 *
 * A document's events are its versions: `create` (with its data), `update`
 * (with what changed in its data) and `delete`. A set's events are documents
 * entering (`add`) and leaving (`remove`) it, with the index values they had.
 */
import { Errors } from "../error/catalog";
import { queryError, type ErrorSite } from "../error/FaunaError";
import { DateValue, Page, Ref, SetRef, Timestamp, type ObjectValue, type Value } from "../language/values";
import { decodeValue, decodeVersion, type StoredVersion } from "../store/codec";
import type { DocumentAddress } from "../store/documents";
import { historyRange, indexEventRange, type DatabaseId } from "../store/keys";
import { termsKey as exactTermsKey } from "../store/value-keys";
import type { QueryContext } from "./context";
import { isExpired } from "./docs";
import { valuesEqual } from "./equality";
import { refInCollection, type ResolvedIndex } from "./indexing";
import { resolveCollection, resolveDocument, type CollectionInfo, type ResolvedDocument } from "./refs";
import { documentsSource, indexNamed, mergedSources, sourced } from "./sets";
import { typeName } from "./types";

/** Every stored version of a document, oldest first (deletions included). */
export function versionsOf(ctx: QueryContext, address: DocumentAddress): StoredVersion[] {
  const range = historyRange(address.db, address.collection, address.key, ctx.readNow);
  return [...ctx.txn.range(range)].map((entry) => {
    ctx.metrics.storageRead(entry.value.length);
    return decodeVersion(entry.value);
  });
}

/** The documents of a collection as they were at `at` (µs), in key order. */
export function* documentsAt(ctx: QueryContext, collection: CollectionInfo, at: bigint): Generator<[ResolvedDocument, StoredVersion]> {
  const low = ["hist", collection.db, collection.internalId];
  let current: { key: string; version: StoredVersion } | undefined;
  const settle = function* (): Generator<[ResolvedDocument, StoredVersion]> {
    if (current && !current.version.deleted && !isExpired(current.version, at)) {
      yield [{ ref: refInCollection(collection, current.key), address: { db: collection.db, collection: collection.internalId, key: current.key }, collection }, current.version];
    }
  };
  for (const entry of ctx.txn.range({ low, high: ["hist", collection.db, collection.internalId + 1] })) {
    const [, , , key, ts] = entry.key as [string, DatabaseId, number, string, number];
    if (current && current.key !== key) {
      yield* settle();
      current = undefined;
    }
    if (BigInt(ts) > at) continue;
    ctx.metrics.storageRead(entry.value.length);
    current = { key, version: decodeVersion(entry.value) };
  }
  yield* settle();
}

/** An index event: [action, values, ref, ttl]. */
function decodeIndexEvent(bytes: Uint8Array): { action: "add" | "remove"; values: Value[]; ref: Ref; ttl: Timestamp | null } {
  const [action, values, ref, ttl] = decodeValue(bytes) as ["add" | "remove", Value[], Ref, Timestamp | null];
  return { action, values, ref, ttl };
}

/** An index's entries under some terms as they were at `at` (µs), in sort key order. */
export function indexEntriesAt(ctx: QueryContext, index: ResolvedIndex, terms: Value[], at: bigint): { sortKey: string; values: Value[]; ref: Ref }[] {
  const latest = new Map<string, { present: boolean; values: Value[]; ref: Ref; ttl: Timestamp | null }>();
  for (const entry of ctx.txn.range(indexEventRange(index.db, index.id, exactTermsKey(terms)))) {
    const [, , , , ts, sortKey] = entry.key as [string, DatabaseId, number, string, number, string];
    if (BigInt(ts) > at) continue;
    ctx.metrics.storageRead(entry.value.length);
    const event = decodeIndexEvent(entry.value);
    latest.set(sortKey, { present: event.action === "add", values: event.values, ref: event.ref, ttl: event.ttl });
  }
  return [...latest]
    .filter(([, entry]) => entry.present && (entry.ttl === null || entry.ttl.epochNanos > at * 1000n))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([sortKey, entry]) => ({ sortKey, values: entry.values, ref: entry.ref }));
}

export interface HistoryEvent {
  readonly ts: bigint;
  readonly action: string;
  readonly document: Ref;
  /** A document event's data (null for a deletion); a set event's values, when its index has values. */
  readonly data: Value | undefined;
  /** The sets read for it (see sets.ts). */
  readonly sources?: readonly Value[];
}

/** Fauna ordered events by time, then: removals before additions; create, update, delete. */
const actionRank: Record<string, number> = { remove: 0, add: 1, create: 2, update: 3, delete: 4 };

function compareEvents(a: HistoryEvent, b: HistoryEvent): number {
  if (a.ts !== b.ts) return a.ts < b.ts ? -1 : 1;
  return actionRank[a.action]! - actionRank[b.action]!;
}

/** What changed in `data` from one version to the next: changed and added fields, removed ones as null. */
function dataDiff(before: Value | undefined, after: Value | undefined): Value {
  if (!(before instanceof Map) || !(after instanceof Map)) return valuesEqual(before ?? null, after ?? null) ? null : (after ?? null);
  const diff: ObjectValue = new Map();
  for (const [key, value] of after) {
    const old = before.get(key);
    if (old === undefined) diff.set(key, value);
    else if (value instanceof Map && old instanceof Map) {
      const inner = dataDiff(old, value);
      if (inner instanceof Map && inner.size > 0) diff.set(key, inner);
    } else if (!valuesEqual(old, value)) diff.set(key, value);
  }
  for (const key of before.keys()) if (!after.has(key)) diff.set(key, null);
  return diff.size > 0 ? diff : null;
}

/** A document's events: its versions, each a create (no live version before it), an update or a delete. */
export function documentEvents(ctx: QueryContext, ref: Ref, site: ErrorSite): HistoryEvent[] {
  let document: ResolvedDocument;
  try {
    document = resolveDocument(ctx, ref, site);
  } catch {
    return [];
  }
  const events: HistoryEvent[] = [];
  let previous: StoredVersion | undefined;
  for (const version of versionsOf(ctx, document.address)) {
    if (version.deleted) {
      if (previous) events.push({ ts: version.ts, action: "delete", document: ref, data: null });
      previous = undefined;
    } else if (!previous) {
      events.push({ ts: version.ts, action: "create", document: ref, data: version.fields.get("data") ?? null });
      previous = version;
    } else {
      events.push({ ts: version.ts, action: "update", document: ref, data: dataDiff(previous.fields.get("data"), version.fields.get("data")) });
      previous = version;
    }
  }
  return events;
}

function readFrom(events: HistoryEvent[], source: Value): HistoryEvent[] {
  const sources = [source];
  return events.map((event) => ({ ...event, sources }));
}

/** A set's events: documents added to it and removed from it, each with the sets it was read from. */
export function setEvents(ctx: QueryContext, value: Value, site: ErrorSite): HistoryEvent[] {
  if (value instanceof Ref && !value.isNative) {
    // A document ref's events are its versions; in a set, a singleton's are its comings and goings.
    return readFrom(documentEvents(ctx, value, site), value);
  }
  if (value instanceof Ref) return readFrom(collectionEvents(ctx, resolveCollection(ctx, value, site)), documentsSource(value));
  if (!(value instanceof SetRef)) throw queryError(Errors.invalidArgument, site, ["Set"], typeName(value));
  const [kind] = value.parts.keys();
  const part = (key: string) => value.parts.get(key) ?? null;
  switch (kind) {
    case "documents":
      return readFrom(collectionEvents(ctx, resolveCollection(ctx, part("documents") as Ref, site)), documentsSource(part("documents") as Ref));
    case "singleton": {
      const events = documentEvents(ctx, part("singleton") as Ref, site)
        .filter((event) => event.action !== "update")
        .map((event) => ({ ...event, action: event.action === "create" ? "add" : "remove", data: undefined }));
      return readFrom(events, value);
    }
    case "match": {
      const index = indexNamed(ctx, part("match"), site);
      const terms = value.parts.has("terms") ? (Array.isArray(part("terms")) ? (part("terms") as Value[]) : [part("terms")]) : [];
      return readFrom(matchEvents(ctx, index, terms), value);
    }
    case "union": {
      const members = part("union");
      return unionEvents((Array.isArray(members) ? members : [members]).map((member) => setEvents(ctx, member, site)));
    }
    case "distinct":
      return setEvents(ctx, part("distinct"), site);
    default:
      throw queryError(Errors.noEventsHistory, site);
  }
}

function sameEvent(a: HistoryEvent, b: HistoryEvent): boolean {
  return a.ts === b.ts && a.action === b.action && valuesEqual(a.document, b.document) && valuesEqual(a.data ?? null, b.data ?? null);
}

/** A union's events in order; as in Fauna, an event several members have shows once, with all their sources. */
function unionEvents(members: HistoryEvent[][]): HistoryEvent[] {
  const merged: HistoryEvent[] = [];
  for (const event of members.flat().sort(compareEvents)) {
    // Equal events sort together, among those at the same time with the same action.
    let at = merged.length - 1;
    while (at >= 0 && compareEvents(merged[at]!, event) === 0 && !sameEvent(merged[at]!, event)) at--;
    const same = at >= 0 && compareEvents(merged[at]!, event) === 0 ? merged[at]! : undefined;
    if (same) merged[at] = { ...same, sources: mergedSources([same.sources ?? [], event.sources ?? []]) };
    else merged.push(event);
  }
  return merged;
}

function matchEvents(ctx: QueryContext, index: ResolvedIndex, terms: Value[]): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (const entry of ctx.txn.range(indexEventRange(index.db, index.id, exactTermsKey(terms)))) {
    const [, , , , ts] = entry.key as [string, DatabaseId, number, string, number];
    if (BigInt(ts) > ctx.readNow) continue;
    ctx.metrics.storageRead(entry.value.length);
    const event = decodeIndexEvent(entry.value);
    events.push({ ts: BigInt(ts), action: event.action, document: event.ref, data: index.definition.values.length > 0 ? event.values : undefined });
  }
  return events.sort(compareEvents);
}

/** A collection's documents coming (their first live version) and going (deletions). */
function collectionEvents(ctx: QueryContext, collection: CollectionInfo): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  let key: string | undefined;
  let live = false;
  for (const entry of ctx.txn.range({ low: ["hist", collection.db, collection.internalId], high: ["hist", collection.db, collection.internalId + 1] })) {
    const [, , , docKey, ts] = entry.key as [string, DatabaseId, number, string, number];
    if (BigInt(ts) > ctx.readNow) continue;
    if (docKey !== key) {
      key = docKey;
      live = false;
    }
    ctx.metrics.storageRead(entry.value.length);
    const deleted = decodeVersion(entry.value).deleted === true;
    if (deleted === !live) continue;
    live = !deleted;
    const ref = refInCollection(collection, docKey);
    events.push({ ts: BigInt(ts), action: deleted ? "remove" : "add", document: ref, data: undefined });
  }
  return events.sort(compareEvents);
}

/** How an event shows in a page, and as a cursor (a document event's cursor leaves its data out). */
export function eventValue(event: HistoryEvent, asCursor = false): ObjectValue {
  const shown: ObjectValue = new Map<string, Value>([
    ["ts", event.ts],
    ["action", event.action],
    ["document", event.document],
  ]);
  const isDocumentEvent = event.action === "create" || event.action === "update" || event.action === "delete";
  if (event.data !== undefined && !(asCursor && isDocumentEvent)) shown.set("data", event.data);
  return shown;
}

/** The time an event cursor names: µs, a Time, a Date, an event object, or null (the end of time). */
function cursorTime(cursor: Value, site: ErrorSite): { ts: bigint; action?: string } {
  if (cursor === null) return { ts: (1n << 63n) - 1n };
  if (typeof cursor === "bigint") return { ts: cursor };
  if (cursor instanceof Timestamp) return { ts: cursor.epochMicros };
  if (cursor instanceof DateValue) return { ts: BigInt(cursor.epochDays) * 86_400_000_000n };
  if (cursor instanceof Map && typeof cursor.get("ts") === "bigint") {
    const action = cursor.get("action");
    return { ts: cursor.get("ts") as bigint, action: typeof action === "string" ? action : undefined };
  }
  throw queryError(Errors.invalidArgument, site, ["Object", "Integer", "Time", "Date"], typeName(cursor));
}

/** A page of events, ascending in time; `after` includes its time, `before` excludes it. */
/** A page of events; with `sourcesOf`, each shows with the sets it came from (see `sourced`). */
export function eventsPage(events: HistoryEvent[], size: number, cursor: { after?: Value; before?: Value }, site: ErrorSite, sourcesOf?: (event: HistoryEvent) => readonly Value[]): Page {
  const show = (event: HistoryEvent) => (sourcesOf ? sourced(eventValue(event), sourcesOf(event)) : eventValue(event));
  const position = (bound: { ts: bigint; action?: string }) => (event: HistoryEvent) =>
    event.ts > bound.ts || (event.ts === bound.ts && (bound.action === undefined || actionRank[event.action]! >= actionRank[bound.action]!));
  if (cursor.before !== undefined) {
    const limit = cursorTime(cursor.before, site);
    const earlier = events.filter((event) => !position(limit)(event));
    const page = earlier.slice(Math.max(0, earlier.length - size));
    const more = earlier.length > page.length;
    return new Page(page.map(show), more && page.length > 0 ? eventValue(page[0]!, true) : undefined, cursor.before);
  }
  const later = cursor.after === undefined ? events : events.filter(position(cursorTime(cursor.after, site)));
  const page = later.slice(0, size);
  const next = later[size];
  return new Page(page.map(show), cursor.after, next ? eventValue(next, true) : undefined);
}
