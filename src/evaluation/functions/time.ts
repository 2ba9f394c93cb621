/**
 * Time and date: Now, Time, Date, Epoch, TimeAdd, TimeSubtract, TimeDiff, the
 * calendar fields (Year … Second, DayOfWeek, DayOfYear), ToMicros, ToMillis,
 * ToSeconds, ToTime, ToDate — with java.time's rules, as Fauna had them.
 */
import { Errors } from "../../error/catalog";
import { queryError, type ErrorSite } from "../../error/FaunaError";
import type { CallExpr } from "../../language/ast";
import { civilFromDays, daysFromCivil, formatTime, parseDate, parseTime } from "../../language/time";
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

/** A time unit: one of the names above, singular or plural, spaces around it allowed. */
function unitArg(ctx: QueryContext, call: CallExpr, index: number, scope: Scope | undefined): { name: string; nanos: bigint } {
  const unit = evalArg(ctx, call, index, scope);
  const trimmed = typeof unit === "string" ? unit.trim() : "";
  const singular = trimmed.endsWith("s") ? trimmed.slice(0, -1) : trimmed;
  if (typeof unit !== "string" || !Object.hasOwn(unitNanos, singular)) throw queryError(Errors.invalidArgument, argSite(call, index), ["Time Unit"], typeName(unit));
  return { name: unit, nanos: unitNanos[singular]! };
}

/** A Time or a Date (Fauna's "Temporal"). */
function temporalArg(ctx: QueryContext, call: CallExpr, index: number, scope: Scope | undefined): Timestamp | DateValue {
  const value = evalArg(ctx, call, index, scope);
  if (value instanceof Timestamp || value instanceof DateValue) return value;
  throw queryError(Errors.invalidArgument, argSite(call, index), ["Temporal"], typeName(value));
}

function inRange(nanos: bigint, site: ErrorSite): Timestamp {
  if (nanos < MIN_NANOS || nanos > MAX_NANOS) {
    throw queryError(Errors.bounds, site, "dates and times", `between ${formatTime(MIN_NANOS)} and ${formatTime(MAX_NANOS)}`);
  }
  return new Timestamp(nanos);
}

function timeShift(direction: 1n | -1n): Implementation {
  return (ctx, call, scope) => {
    const base = temporalArg(ctx, call, 0, scope);
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

/**
 * TimeDiff(start, other, unit): other − start in whole units, toward zero
 * (days of Times are 24-hour blocks). Milliseconds count from each end's
 * millisecond, as Java 17 counted them. Dates only take days.
 */
const evalTimeDiff: Implementation = (ctx, call, scope) => {
  const start = temporalArg(ctx, call, 0, scope);
  const other = temporalArg(ctx, call, 1, scope);
  const unit = unitArg(ctx, call, 2, scope);
  if (start instanceof DateValue !== other instanceof DateValue) throw queryError(Errors.incompatibleTimes, argSite(call, 0));
  if (start instanceof DateValue) {
    if (unit.nanos !== NANOS_PER_DAY) throw queryError(Errors.invalidTimeUnit, argSite(call, 2), unit.name);
    return BigInt((other as DateValue).epochDays - start.epochDays);
  }
  const end = (other as Timestamp).epochNanos;
  if (unit.nanos === unitNanos.millisecond) return floorDiv(end, unit.nanos) - floorDiv(start.epochNanos, unit.nanos);
  return (end - start.epochNanos) / unit.nanos;
};

/** The calendar and clock of a time, in UTC. */
function calendarOf(nanos: bigint): { year: number; month: number; day: number; days: number; secondOfDay: number } {
  const days = Number(floorDiv(nanos, NANOS_PER_DAY));
  return { ...civilFromDays(days), days, secondOfDay: Number(floorDiv(nanos - BigInt(days) * NANOS_PER_DAY, 1_000_000_000n)) };
}

function calendarField(field: (calendar: ReturnType<typeof calendarOf>) => number): Implementation {
  return (ctx, call, scope) => BigInt(field(calendarOf(timeArg(ctx, call, scope))));
}

/** ToTime: a Time as it is, a Date at midnight UTC, a string as Time() reads it, an integer as milliseconds. */
const evalToTime: Implementation = (ctx, call, scope) => {
  const value = evalArg(ctx, call, 0, scope);
  if (value instanceof Timestamp) return value;
  if (value instanceof DateValue) return new Timestamp(BigInt(value.epochDays) * NANOS_PER_DAY);
  if (typeof value === "bigint") return inRange(value * 1_000_000n, call);
  if (typeof value === "string") {
    if (value === "now") return ctx.now;
    const nanos = parseTime(value);
    if (nanos === undefined) throw queryError(Errors.invalidTime, call, value);
    return inRange(nanos, call);
  }
  throw queryError(Errors.invalidCast, call, typeName(value), "Time");
};

/** ToDate: a Date as it is, a Time's day (UTC), a string as Date() reads it. */
const evalToDate: Implementation = (ctx, call, scope) => {
  const value = evalArg(ctx, call, 0, scope);
  if (value instanceof DateValue) return value;
  if (value instanceof Timestamp) return new DateValue(Number(floorDiv(value.epochNanos, NANOS_PER_DAY)));
  if (typeof value === "string") {
    const days = parseDate(value);
    if (days === undefined) throw queryError(Errors.invalidDate, call, value);
    return new DateValue(days);
  }
  throw queryError(Errors.invalidCast, call, typeName(value), "Date");
};

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
  TimeDiff: evalTimeDiff,
  ToTime: evalToTime,
  ToDate: evalToDate,
  Year: calendarField(({ year }) => year),
  Month: calendarField(({ month }) => month),
  DayOfMonth: calendarField(({ day }) => day),
  // ISO: Monday is 1, Sunday 7 (1970-01-01 was a Thursday).
  DayOfWeek: calendarField(({ days }) => ((((days + 3) % 7) + 7) % 7) + 1),
  DayOfYear: calendarField(({ year, days }) => days - daysFromCivil(year, 1, 1) + 1),
  Hour: calendarField(({ secondOfDay }) => Math.floor(secondOfDay / 3600)),
  Minute: calendarField(({ secondOfDay }) => Math.floor(secondOfDay / 60) % 60),
  Second: calendarField(({ secondOfDay }) => secondOfDay % 60),
};
