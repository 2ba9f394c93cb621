/**
 * Paths into values, as Select, SelectAll and the Contains functions walk them:
 * object fields, array and page positions, a page's cursors, a ref's parts.
 */
import { Errors } from "../error/catalog";
import { queryError } from "../error/FaunaError";
import type { CallExpr } from "../language/ast";
import { Page, Ref, type Value } from "../language/values";
import { argSite } from "./args";
import { typeName } from "./types";

export type ValuePathSegment = string | bigint;

function isSegment(segment: Value): segment is ValuePathSegment {
  return typeof segment === "string" || typeof segment === "bigint";
}

/** A path argument: one segment or an array of them, each a string or an integer; every bad segment is reported. */
export function pathArg(value: Value, call: CallExpr, index: number): ValuePathSegment[] {
  const segments = Array.isArray(value) ? value : [value];
  const bad = segments.findIndex((segment) => !isSegment(segment));
  if (bad >= 0) {
    const site = Array.isArray(value) ? { node: call.args[index]!, path: [bad] } : argSite(call, index);
    throw queryError(Errors.invalidArgument, site, ["String", "Integer"], typeName(segments[bad]!));
  }
  return segments as ValuePathSegment[];
}

/** One step into objects, arrays, pages and refs; undefined when there is nothing there. */
export function selectStep(from: Value, segment: ValuePathSegment): Value | undefined {
  if (typeof segment === "bigint") {
    const list = Array.isArray(from) ? from : from instanceof Page ? from.data : undefined;
    return list && segment >= 0n && segment < BigInt(list.length) ? list[Number(segment)] : undefined;
  }
  if (from instanceof Map) return from.get(segment);
  if (from instanceof Page) return segment === "data" ? from.data : segment === "before" ? from.before : segment === "after" ? from.after : undefined;
  if (from instanceof Ref) {
    if (segment === "id") return from.id;
    if (segment === "collection") return from.collection;
    if (segment === "database") return from.database;
  }
  return undefined;
}

/** The value at `path`, or undefined. */
export function valueAtPath(from: Value, path: readonly ValuePathSegment[]): Value | undefined {
  let value: Value | undefined = from;
  for (const segment of path) {
    value = selectStep(value, segment);
    if (value === undefined) return undefined;
  }
  return value;
}

function flattenDeep(value: Value): Value[] {
  return Array.isArray(value) ? value.flatMap(flattenDeep) : [value];
}

/**
 * SelectAll's walk: a field name applied to an array is applied to each of its
 * elements, and whatever is found is gathered into one flat array.
 */
export function valuesAtPath(from: Value, path: readonly ValuePathSegment[]): Value[] {
  if (path.length === 0) return flattenDeep(from);
  const [segment, ...rest] = path as [ValuePathSegment, ...ValuePathSegment[]];
  if (Array.isArray(from) && typeof segment === "string") return from.flatMap((element) => valuesAtPath(element, path));
  const next = selectStep(from, segment);
  return next === undefined ? [] : valuesAtPath(next, rest);
}
