/** Time and date: Now, Time, Date, TimeAdd, TimeSubtract, Epoch, ToMicros, ToMillis, ToSeconds. */
import { Errors } from "../../error/catalog";
import { queryError, type ErrorSite } from "../../error/FaunaError";
import type { CallExpr } from "../../language/ast";
import { daysFromCivil, formatTime, parseDate, parseTime } from "../../language/time";
import { DateValue, floorDiv, Timestamp, type Scope, type Value } from "../../language/values";
import { argSite, evalArg, expectArg, expectValue, isLong, isString } from "../args";
import type { QueryContext } from "../context";
import type { Implementation } from "../execute";
import { typeName } from "../types";

const NANOS_PER_DAY = 86_400_000_000_000n;

/** Fauna's time units, in nanoseconds. */
const unitNanos: Record<string, bigint> = {
  nanosecond: 1n,
  microsecond: 1_000n,
  millisecond: 1_000_000n,
  second: 1_000_000_000n,
  minute: 60_000_000_000n,
  hour: 3_600_000_000_000n,
  "half day": NANOS_PER_DAY / 2n,
  day: NANOS_PER_DAY,
};

/** Java's Instant range, the range of every Fauna time. */
const MIN_NANOS = BigInt(daysFromCivil(-1_000_000_000, 1, 1)) * NANOS_PER_DAY;
const MAX_NANOS = (BigInt(daysFromCivil(1_000_000_000, 12, 31)) + 1n) * NANOS_PER_DAY - 1n;

function unitArg(ctx: QueryContext, call: CallExpr, index: number, scope: Scope | undefined): { name: string; nanos: bigint } {
  const unit = expectArg(ctx, call, index, scope, isString, ["String"]);
  const trimmed = unit.trim();
  const singular = trimmed.endsWith("s") ? trimmed.slice(0, -1) : trimmed;
  if (!Object.hasOwn(unitNanos, singular)) throw queryError(Errors.invalidArgument, argSite(call, index), ["Time Unit"], "String");
  return { name: unit, nanos: unitNanos[singular]! };
}

function inRange(nanos: bigint, site: ErrorSite): Timestamp {
  if (nanos < MIN_NANOS || nanos > MAX_NANOS) {
    throw queryError(Errors.bounds, site, "dates and times", `between ${formatTime(MIN_NANOS)} and ${formatTime(MAX_NANOS)}`);
  }
  return new Timestamp(nanos);
}

function timeShift(direction: 1n | -1n): Implementation {
  return (ctx, call, scope) => {
    const base = evalArg(ctx, call, 0, scope);
    if (!(base instanceof Timestamp || base instanceof DateValue)) throw queryError(Errors.invalidArgument, argSite(call, 0), ["Date", "Time"], typeName(base));
    const offset = expectArg(ctx, call, 1, scope, isLong, ["Integer"]);
    const unit = unitArg(ctx, call, 2, scope);
    if (base instanceof DateValue) {
      if (unit.nanos !== NANOS_PER_DAY) throw queryError(Errors.invalidTimeUnit, argSite(call, 2), unit.name);
      const days = BigInt(base.epochDays) + direction * offset;
      inRange(days * NANOS_PER_DAY, argSite(call, 1));
      return new DateValue(Number(days));
    }
    return inRange(base.epochNanos + direction * offset * unit.nanos, argSite(call, 1));
  };
}

const evalTime: Implementation = (ctx, call, scope) => {
  const text = expectArg(ctx, call, 0, scope, isString, ["String"]);
  if (text === "now") return ctx.now;
  const nanos = parseTime(text);
  if (nanos === undefined) throw queryError(Errors.invalidTime, call, text);
  return inRange(nanos, call);
};

const evalDate: Implementation = (ctx, call, scope) => {
  const text = expectArg(ctx, call, 0, scope, isString, ["String"]);
  const days = parseDate(text);
  if (days === undefined) throw queryError(Errors.invalidDate, call, text);
  return new DateValue(days);
};

const evalEpoch: Implementation = (ctx, call, scope) => {
  const count = expectArg(ctx, call, 0, scope, isLong, ["Integer"]);
  const unit = unitArg(ctx, call, 1, scope);
  return inRange(count * unit.nanos, call);
};

/** A time, or an integer taken as microseconds since the epoch. */
function timeArg(ctx: QueryContext, call: CallExpr, scope: Scope | undefined): bigint {
  const value: Value = evalArg(ctx, call, 0, scope);
  if (typeof value === "bigint") return value * 1000n;
  return expectValue(value, (v): v is Timestamp => v instanceof Timestamp, ["Time"], argSite(call, 0)).epochNanos;
}

function toUnit(nanosPerUnit: bigint): Implementation {
  return (ctx, call, scope) => floorDiv(timeArg(ctx, call, scope), nanosPerUnit);
}

export const timeFunctions: Record<string, Implementation> = {
  Now: (ctx) => ctx.now,
  Time: evalTime,
  Date: evalDate,
  TimeAdd: timeShift(1n),
  TimeSubtract: timeShift(-1n),
  Epoch: evalEpoch,
  ToMicros: toUnit(1_000n),
  ToMillis: toUnit(1_000_000n),
  ToSeconds: toUnit(1_000_000_000n),
};
