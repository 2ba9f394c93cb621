/** Reads: Get, Exists, Paginate. */
import { Errors } from "../../error/catalog";
import { FaunaError, queryError, type ErrorSite } from "../../error/FaunaError";
import type { CallExpr, Expr, OptionsArg } from "../../language/ast";
import { allows, readAction, requirePermission } from "../../auth/permissions";
import { Ref, SetRef, type ObjectValue, type Scope, type Value } from "../../language/values";
import { argSite, evalArg, expectValue, hasArg, isLong, isRef, microsOf } from "../args";
import type { QueryContext } from "../context";
import { notFoundNoun, readVersion, renderDocument } from "../docs";
import { evaluate, type Implementation } from "../execute";
import { seenFromQuery } from "../databases";
import { checkRefResolves, resolveDocument } from "../refs";
import { eventsPage, setEvents, type HistoryEvent } from "../history";
import { firstElement, isLeafSet, isSetValue, paginate, refReadable, setOf } from "../sets";
import { typeName } from "../types";

const DEFAULT_PAGE_SIZE = 64;
export const MAX_PAGE_SIZE = 100_000;

/**
 * A point in time (`At`, the `ts` of Get, Exists and Paginate): a Time, or an
 * integer of microseconds since the epoch. Fauna's message named only Time.
 */
export function timestampArg(ctx: QueryContext, call: CallExpr, index: number, scope: Scope | undefined): bigint | undefined {
  return hasArg(call, index) ? microsOf(evalArg(ctx, call, index, scope), argSite(call, index)) : undefined;
}

function documentLabel(ref: Ref): string {
  return `${ref.collection?.id}/${ref.id}`;
}

/**
 * Gets the document at `ref` as the query shows it, billing the read. A
 * document the query may not read is refused before it is known whether it
 * exists, as Fauna did.
 */
export function getDocument(ctx: QueryContext, ref: Ref, site: ErrorSite, notFoundSite: ErrorSite, ts?: bigint, document = resolveDocument(ctx, ref, site)): Map<string, Value> {
  const version = readVersion(ctx, document, ts);
  requirePermission(ctx, readAction(document, version), notFoundSite);
  if (!version) throw queryError(Errors.instanceNotFound, notFoundSite, notFoundNoun(document));
  ctx.metrics.documentRead(documentLabel(ref), version.size ?? 0);
  return renderDocument(ref, { ...version, fields: seenFromQuery(ctx, document.address.db, version.fields) as ObjectValue });
}

const evalGet: Implementation = (ctx, call, scope) => {
  const target = evalArg(ctx, call, 0, scope);
  const ts = timestampArg(ctx, call, 1, scope);
  if (isSetValue(target)) {
    // A set's document: the first element's, even when the set shows values.
    const first = firstElement(ctx, target, argSite(call, 0));
    if (!first) throw queryError(Errors.instanceNotFound, call, "Set");
    return getDocument(ctx, first.ref, argSite(call, 0), call, ts);
  }
  if (!(target instanceof Ref)) throw queryError(Errors.invalidArgument, argSite(call, 0), ["Ref", "Set"], typeName(target));
  // A ref naming no database, collection, index, … is an invalid ref, as Fauna had it, not a missing document.
  const document = checkRefResolves(ctx, target, argSite(call, 0));
  return getDocument(ctx, target, argSite(call, 0), call, ts, document);
};

const evalExists: Implementation = (ctx, call, scope) => {
  const target = evalArg(ctx, call, 0, scope);
  const ts = timestampArg(ctx, call, 1, scope);
  if (isSetValue(target)) return firstElement(ctx, target, argSite(call, 0)) !== undefined;
  const ref = expectValue(target, isRef, ["Ref", "Set"], argSite(call, 0));
  try {
    const document = resolveDocument(ctx, ref, argSite(call, 0));
    const version = readVersion(ctx, document, ts);
    if (version) ctx.metrics.documentRead(documentLabel(ref), version.size ?? 0);
    // What the query may not read does not exist for it.
    return version !== undefined && allows(ctx, readAction(document, version));
  } catch (error) {
    // A ref into a collection or database that does not exist names nothing that exists.
    if (error instanceof FaunaError && error.code === "invalid ref") return false;
    throw error;
  }
};

/** A cursor: an array of values, or one value (null included: the end of the set). */
function cursorValue(value: Value): Value[] {
  return Array.isArray(value) ? value : [value];
}

/** A set of events (`Events(x)`) stands for the history of x. */
export function eventsOf(value: Value): Value | undefined {
  return value instanceof SetRef && value.parts.keys().next().value === "events" ? value.parts.get("events")! : undefined;
}

/** A boolean option (`events`, `sources`): absent is false, and anything but a boolean is refused, null included. */
function booleanOption(option: { value: Value; expr: Expr } | undefined): boolean {
  if (!option) return false;
  if (typeof option.value !== "boolean") throw queryError(Errors.invalidArgument, option.expr, ["Boolean"], typeName(option.value));
  return option.value;
}

/**
 * What each event of `target`'s history was read from. Over a set read
 * directly, Fauna named the events set itself (`Events(set)`); over a Union
 * or Distinct, the sets they read.
 */
function eventSources(target: Value, history: Value): (event: HistoryEvent) => readonly Value[] {
  if (isLeafSet(history)) {
    const sources = [eventsOf(target) !== undefined ? target : new SetRef(new Map([["events", history]]) as ObjectValue)];
    return () => sources;
  }
  return (event) => event.sources ?? [];
}

/**
 * The events of `history` the query may see, for `call`. It must be able to
 * read the set (a document's history, for a ref); a set's events are then
 * those of documents it may read.
 */
export function readableEvents(ctx: QueryContext, call: CallExpr, history: Value, site: ErrorSite): HistoryEvent[] {
  if (eventsOf(history) !== undefined) throw queryError(Errors.noEventsHistory, call);
  setOf(ctx, history, site);
  const events = setEvents(ctx, history, site);
  return history instanceof Ref && !history.isNative ? events : events.filter((event) => !(event.document instanceof Ref) || refReadable(ctx, event.document));
}

const evalPaginate: Implementation = (ctx, call, scope) => {
  const target = evalArg(ctx, call, 0, scope);
  const options = new Map<string, { value: Value; expr: Expr }>();
  for (const [key, expr] of (call.args[1] as OptionsArg | undefined)?.entries ?? []) options.set(key, { value: evaluate(ctx, expr, scope), expr });
  const withSources = booleanOption(options.get("sources"));
  const withEvents = booleanOption(options.get("events"));
  const tsOption = options.get("ts");
  const ts = tsOption && tsOption.value !== null ? microsOf(tsOption.value, tsOption.expr) : undefined;
  let size = DEFAULT_PAGE_SIZE;
  const sizeOption = options.get("size");
  if (sizeOption) {
    const requested = sizeOption.value;
    if (!isLong(requested)) throw queryError(Errors.invalidArgument, sizeOption.expr, ["Integer"], typeName(requested));
    // As Fauna: no error for a size out of range; it is clamped.
    size = Number(requested > BigInt(MAX_PAGE_SIZE) ? BigInt(MAX_PAGE_SIZE) : requested < 0n ? 0n : requested);
  }
  let after = options.get("after")?.value;
  let before = options.get("before")?.value;
  const cursor = options.get("cursor");
  if (cursor && cursor.value !== null) {
    const object = cursor.value;
    if (!(object instanceof Map) || (!object.has("after") && !object.has("before"))) throw queryError(Errors.invalidCursor, cursor.expr);
    after = object.get("after");
    before = object.get("before");
  }
  const site = argSite(call, 0);
  const history = eventsOf(target) ?? (withEvents ? target : undefined);
  return ctx.readingAt(ts, () => {
    if (history !== undefined) {
      const bytesBefore = ctx.metrics.readBytesSoFar;
      const page = eventsPage(readableEvents(ctx, call, history, site), size, { after, before }, site, withSources ? eventSources(target, history) : undefined);
      ctx.metrics.setRead(ctx.metrics.readBytesSoFar - bytesBefore, 1);
      return page;
    }
    const set = setOf(ctx, target, site);
    return paginate(ctx, set, { size, sources: withSources, after: after === undefined ? undefined : cursorValue(after), before: before === undefined ? undefined : cursorValue(before) });
  });
};



export const readFunctions: Record<string, Implementation> = {
  Get: evalGet,
  Exists: evalExists,
  Paginate: evalPaginate,
};
