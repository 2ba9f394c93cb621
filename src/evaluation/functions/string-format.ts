/**
 * Format: Java's printf-style specifiers (java.util.Formatter) as Fauna applied
 * them, one specifier at a time, after checking the value's type itself; and
 * Fauna's own %@ and %^, which print any value as its JSON.
 */
import { Errors } from "../../error/catalog";
import { queryError, type ErrorSite } from "../../error/FaunaError";
import type { Arg } from "../../language/ast";
import { scalarText } from "../../language/printer";
import { civilFromDays, daysFromCivil } from "../../language/time";
import { DateValue, floorDiv, Page, Ref, SetRef, Timestamp, type ObjectValue, type Value } from "../../language/values";
import { encodeValue } from "../../language/wire";
import { argSite, expectArg, hasArg, restValues, isString } from "../args";
import type { Implementation } from "../execute";
import { typeName } from "../types";

/** A specifier as Fauna split it out: `%[index$][flags][width][.precision][t|T][conversion]`. */
interface Specifier {
  /** The whole match, for errors about an unknown conversion. */
  readonly source: string;
  /** What Fauna handed Java: the specifier without its argument index. */
  readonly text: string;
  /** 1-based, or 0 for "the next argument". */
  readonly index: number;
  readonly flags: string;
  readonly width?: number;
  readonly precision?: number;
  readonly dateTime: boolean;
  readonly conversion?: string;
}

type Segment = string | Specifier;

const SPECIFIER = /%(\d+\$)?(([-#+ 0,(<]*)?(\d+)?(\.\d+)?([tT])?([a-zA-Z%@^])?)/g;
const KNOWN_CONVERSIONS = new Set([..."feEgGdxXosSbB%n@^"]);

/** A format error Java raised (bad flags, a missing width): Fauna reported the specifier as an invalid conversion format. */
class IllegalFormat extends Error {}

function parseFormat(format: string, site: ErrorSite): Segment[] {
  const segments: Segment[] = [];
  let copied = 0;
  for (const match of format.matchAll(SPECIFIER)) {
    if (match.index > copied) segments.push(format.slice(copied, match.index));
    copied = match.index + match[0].length;
    const [source, index, text, flags, width, precision, dateTime, conversion] = match;
    if (!dateTime && (conversion === undefined || !KNOWN_CONVERSIONS.has(conversion))) throw queryError(Errors.invalidConversionFormat, site, source);
    if (conversion === "%" && !dateTime) segments.push("%");
    else if (conversion === "n" && !dateTime) segments.push("\n");
    else
      segments.push({
        source,
        text: `%${text}`,
        index: index ? parseInt(index, 10) : 0,
        flags: flags ?? "",
        width: width === undefined ? undefined : parseInt(width, 10),
        precision: precision === undefined ? undefined : parseInt(precision.slice(1), 10),
        dateTime: dateTime !== undefined,
        conversion,
      });
  }
  if (copied < format.length) segments.push(format.slice(copied));
  return segments;
}

// ---------------------------------------------------------------------------
// Java's checks of a specifier's flags, width and precision

function has(spec: Specifier, flag: string): boolean {
  return spec.flags.includes(flag);
}

function refuseFlags(spec: Specifier, flags: string): void {
  if ([...flags].some((flag) => has(spec, flag))) throw new IllegalFormat();
}

/** What every specifier Java formatted had to satisfy. `<` (the previous argument) never had one: each went to Java alone. */
function checkCommon(spec: Specifier): void {
  if (new Set(spec.flags).size !== spec.flags.length || has(spec, "<")) throw new IllegalFormat();
  if (spec.width === undefined && has(spec, "-")) throw new IllegalFormat();
}

function checkGeneral(spec: Specifier): void {
  checkCommon(spec);
  refuseFlags(spec, "#+ 0,(");
}

function checkNumeric(spec: Specifier): void {
  checkCommon(spec);
  if (spec.width === undefined && has(spec, "0")) throw new IllegalFormat();
  if ((has(spec, "+") && has(spec, " ")) || (has(spec, "-") && has(spec, "0"))) throw new IllegalFormat();
}

function checkInteger(spec: Specifier): void {
  checkNumeric(spec);
  if (spec.precision !== undefined) throw new IllegalFormat();
  refuseFlags(spec, spec.conversion === "d" ? "#" : ",+ (");
}

function checkFloat(spec: Specifier): void {
  checkNumeric(spec);
  if (spec.conversion === "e" || spec.conversion === "E") refuseFlags(spec, ",");
  if (spec.conversion === "g" || spec.conversion === "G") refuseFlags(spec, "#");
}

function checkDateTime(spec: Specifier): void {
  checkCommon(spec);
  if (spec.precision !== undefined) throw new IllegalFormat();
  refuseFlags(spec, "#+ 0,(");
}

// ---------------------------------------------------------------------------
// Java's printing

const isUpper = (spec: Specifier): boolean => spec.dateTime ? spec.text.includes("T") : spec.conversion === spec.conversion?.toUpperCase();

/** Spaces to the width (counted in UTF-16 units, as Java did), on the left unless `-`. */
function justify(text: string, spec: Specifier): string {
  if (spec.width === undefined || text.length >= spec.width) return text;
  const padding = " ".repeat(spec.width - text.length);
  return has(spec, "-") ? text + padding : padding + text;
}

/** %s and %b: cut to the precision, upper-cased for %S and %B, justified. */
function printGeneral(text: string, spec: Specifier): string {
  checkGeneral(spec);
  const cut = spec.precision !== undefined && spec.precision < text.length ? text.slice(0, spec.precision) : text;
  return justify(isUpper(spec) ? cut.toUpperCase() : cut, spec);
}

/** Groups of three with `,` when asked for. */
function group(integerDigits: string, spec: Specifier): string {
  return has(spec, ",") ? integerDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : integerDigits;
}

/**
 * A number from its parts: the sign (or `(`), zeros up to the width when `0`,
 * the digits, what follows them (an exponent), and the `)` of a negative in parentheses.
 */
function assemble(negative: boolean, digits: string, suffix: string, spec: Specifier, zeroPad = true): string {
  const sign = negative ? (has(spec, "(") ? "(" : "-") : has(spec, "+") ? "+" : has(spec, " ") ? " " : "";
  const closing = negative && has(spec, "(") ? ")" : "";
  const used = sign.length + digits.length + suffix.length + closing.length;
  const zeros = zeroPad && has(spec, "0") && spec.width !== undefined && spec.width > used ? "0".repeat(spec.width - used) : "";
  return justify(sign + zeros + digits + suffix + closing, spec);
}

function printInteger(value: bigint, spec: Specifier): string {
  checkInteger(spec);
  if (spec.conversion === "d") return assemble(value < 0n, group((value < 0n ? -value : value).toString(), spec), "", spec);
  // Octal and hexadecimal print the 64-bit two's complement, as Long.toOctalString / toHexString did.
  const hex = spec.conversion !== "o";
  const digits = BigInt.asUintN(64, value).toString(hex ? 16 : 8);
  const prefix = has(spec, "#") ? (hex ? "0x" : "0") : "";
  const zeros = has(spec, "0") && spec.width! > prefix.length + digits.length ? "0".repeat(spec.width! - prefix.length - digits.length) : "";
  const text = prefix + zeros + digits;
  return justify(isUpper(spec) ? text.toUpperCase() : text, spec);
}

/** A positive double's shortest decimal digits (Java's Double.toString digits) and the exponent of the first. */
interface Decimal {
  readonly digits: string;
  readonly exponent: number;
}

function decimalOf(value: number): Decimal {
  if (value === 0) return { digits: "0", exponent: 0 };
  const [mantissa, exponent] = value.toExponential().split("e") as [string, string];
  return { digits: mantissa.replace(".", ""), exponent: Number(exponent) };
}

/** Rounded half-up to `keep` digits, as Java rounded those digits (not the binary value): 0.125 to two places is 0.13. */
function roundDigits(decimal: Decimal, keep: number): Decimal {
  if (keep >= decimal.digits.length) return decimal;
  if (keep < 0) return { digits: "0", exponent: decimal.exponent };
  const roundUp = decimal.digits.charCodeAt(keep) >= 0x35;
  if (keep === 0) return roundUp ? { digits: "1", exponent: decimal.exponent + 1 } : { digits: "0", exponent: decimal.exponent };
  const kept = BigInt(decimal.digits.slice(0, keep)) + (roundUp ? 1n : 0n);
  const text = kept.toString();
  return text.length > keep ? { digits: text.slice(0, keep), exponent: decimal.exponent + 1 } : { digits: text, exponent: decimal.exponent };
}

/** Fixed notation with `decimals` places: the digits as the integer part and fraction Java wrote. */
function fixed(value: number, decimals: number, spec: Specifier): string {
  const exact = decimalOf(value);
  const decimal = value === 0 ? exact : roundDigits(exact, exact.exponent + 1 + decimals);
  const all = decimal.digits === "0" ? "0" : decimal.digits;
  const point = decimal.digits === "0" ? 1 : decimal.exponent + 1;
  const padded = point <= 0 ? "0".repeat(1 - point) + all : all.padEnd(point, "0");
  const integerLength = Math.max(point, 1);
  const fraction = padded.slice(integerLength).padEnd(decimals, "0").slice(0, decimals);
  const integer = group(padded.slice(0, integerLength), spec);
  return decimals > 0 || has(spec, "#") ? `${integer}.${fraction}` : integer;
}

/** Scientific notation with `decimals` places: d.ddde+XX. */
function scientific(value: number, decimals: number, spec: Specifier): [mantissa: string, exponent: string] {
  const decimal = value === 0 ? decimalOf(0) : roundDigits(decimalOf(value), decimals + 1);
  const digits = decimal.digits.padEnd(decimals + 1, "0");
  const mantissa = decimals > 0 || has(spec, "#") ? `${digits[0]}.${digits.slice(1)}` : digits[0]!;
  const exponent = Math.abs(decimal.exponent).toString().padStart(2, "0");
  return [mantissa, `${isUpper(spec) ? "E" : "e"}${decimal.exponent < 0 ? "-" : "+"}${exponent}`];
}

/** %g: scientific unless the value, rounded to the precision, is from 10^-4 up to 10^precision. */
function general(value: number, precision: number, spec: Specifier): [mantissa: string, exponent: string] {
  const significant = precision === 0 ? 1 : precision;
  const exponent = value === 0 ? 0 : roundDigits(decimalOf(value), significant).exponent;
  if (exponent >= -4 && exponent < significant) return [fixed(value, significant - exponent - 1, spec), ""];
  return scientific(value, significant - 1, spec);
}

function printDouble(value: number, spec: Specifier): string {
  checkFloat(spec);
  const upper = isUpper(spec);
  if (Number.isNaN(value)) return justify(upper ? "NAN" : "NaN", spec);
  // Java took -0.0 as negative.
  const negative = value < 0 || Object.is(value, -0);
  const magnitude = Math.abs(value);
  if (magnitude === Infinity) return assemble(negative, upper ? "INFINITY" : "Infinity", "", spec, false);
  const precision = spec.precision ?? 6;
  const conversion = spec.conversion!.toLowerCase();
  const [digits, exponent] =
    conversion === "f" ? [fixed(magnitude, precision, spec), ""] : conversion === "e" ? scientific(magnitude, precision, spec) : general(magnitude, precision, spec);
  return assemble(negative, digits, exponent, spec);
}

// ---------------------------------------------------------------------------
// Dates and times (%t, %T)

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const NANOS_PER_DAY = 86_400_000_000_000n;

/** The calendar fields of a date, or of a time in UTC. */
interface Moment {
  readonly epochDays: number;
  readonly time?: { readonly nanosOfDay: bigint; readonly epochNanos: bigint };
}

const pad = (value: number | bigint, length: number): string => value.toString().padStart(length, "0");

function dateField(moment: Moment, suffix: string): string | undefined {
  const { year, month, day } = civilFromDays(moment.epochDays);
  // Java printed YEAR_OF_ERA: 1 BC is year 1.
  const yearOfEra = year > 0 ? year : 1 - year;
  const weekday = WEEKDAYS[(((moment.epochDays + 4) % 7) + 7) % 7]!;
  switch (suffix) {
    case "B":
      return MONTHS[month - 1];
    case "b":
    case "h":
      return MONTHS[month - 1]!.slice(0, 3);
    case "A":
      return weekday;
    case "a":
      return weekday.slice(0, 3);
    case "C":
      return pad(Math.floor(yearOfEra / 100), 2);
    case "y":
      return pad(yearOfEra % 100, 2);
    case "Y":
      return pad(yearOfEra, 4);
    case "d":
      return pad(day, 2);
    case "e":
      return String(day);
    case "m":
      return pad(month, 2);
    case "j":
      return pad(moment.epochDays - daysFromCivil(year, 1, 1) + 1, 3);
    case "D":
      return `${pad(month, 2)}/${pad(day, 2)}/${pad(yearOfEra % 100, 2)}`;
    case "F":
      return `${pad(yearOfEra, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  }
  return undefined;
}

function timeField(moment: Moment, suffix: string): string | undefined {
  if (!moment.time) return undefined;
  const { nanosOfDay, epochNanos } = moment.time;
  const hour = Number(nanosOfDay / 3_600_000_000_000n);
  const minute = Number((nanosOfDay / 60_000_000_000n) % 60n);
  const second = Number((nanosOfDay / 1_000_000_000n) % 60n);
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  switch (suffix) {
    case "H":
      return pad(hour, 2);
    case "I":
      return pad(hour12, 2);
    case "k":
      return String(hour);
    case "l":
      return String(hour12);
    case "M":
      return pad(minute, 2);
    case "S":
      return pad(second, 2);
    case "L":
      return pad((nanosOfDay / 1_000_000n) % 1000n, 3);
    case "p":
      return hour < 12 ? "am" : "pm";
    case "z":
      return "+0000";
    case "Z":
      return "Z";
    case "s":
      return floorDiv(epochNanos, 1_000_000_000n).toString();
    case "Q":
      return floorDiv(epochNanos, 1_000_000n).toString();
    case "R":
      return `${pad(hour, 2)}:${pad(minute, 2)}`;
    case "T":
      return `${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}`;
    case "r":
      return `${pad(hour12, 2)}:${pad(minute, 2)}:${pad(second, 2)} ${hour < 12 ? "AM" : "PM"}`;
    case "c":
      return `${dateField(moment, "a")} ${dateField(moment, "b")} ${dateField(moment, "d")} ${timeField(moment, "T")} Z ${dateField(moment, "Y")}`;
  }
  return undefined;
}

function momentOf(value: DateValue | Timestamp): Moment {
  if (value instanceof DateValue) return { epochDays: value.epochDays };
  const epochDays = Number(floorDiv(value.epochNanos, NANOS_PER_DAY));
  return { epochDays, time: { nanosOfDay: value.epochNanos - BigInt(epochDays) * NANOS_PER_DAY, epochNanos: value.epochNanos } };
}

/**
 * %t and %T of a Date or Time. Fauna's own additions: no conversion prints the value
 * as ToString does, and %tN is the nanoseconds (nine digits) without Java's checks.
 */
function printDateTime(value: Value, spec: Specifier, site: ErrorSite): string {
  if (!(value instanceof DateValue || value instanceof Timestamp)) throw queryError(Errors.invalidArgument, site, ["Date", "Time"], typeName(value));
  const suffix = spec.conversion;
  if (suffix === undefined) return scalarText(value)!;
  const moment = momentOf(value);
  if (suffix === "N" && moment.time) return pad(moment.time.nanosOfDay % 1_000_000_000n, 9);
  const text = timeField(moment, suffix) ?? dateField(moment, suffix);
  if (text === undefined) throw queryError(Errors.invalidDateTimeSuffix, site, spec.text);
  checkDateTime(spec);
  return justify(isUpper(spec) ? text.toUpperCase() : text, spec);
}

// ---------------------------------------------------------------------------
// %@ and %^: a value's JSON

/**
 * %@ rendered values as API version 2.1 did: a ref's collection under "class",
 * and the collections collection named "classes".
 */
function legacyJson(value: Value): string {
  if (value instanceof Ref) return legacyRef(value);
  if (Array.isArray(value)) return `[${value.map(legacyJson).join(",")}]`;
  if (value instanceof Map) return legacyObject(value);
  if (value instanceof SetRef) return `{"@set":${legacyFields(value.parts)}}`;
  if (value instanceof Page) return legacyFields(pageFields(value));
  return encodeValue(value);
}

function legacyRef(ref: Ref): string {
  const id = ref.isNative && ref.id === "collections" ? "classes" : ref.id;
  let body = `"id":${encodeValue(id)}`;
  if (ref.collection) body += `,"class":${legacyRef(ref.collection)}`;
  if (ref.database) body += `,"database":${legacyRef(ref.database)}`;
  return `{"@ref":{${body}}}`;
}

function legacyFields(fields: ObjectValue): string {
  return `{${[...fields].map(([key, entry]) => `${encodeValue(key)}:${legacyJson(entry)}`).join(",")}}`;
}

/** An object whose keys could be read as a special form goes in @obj, as on the wire. */
function legacyObject(value: ObjectValue): string {
  const body = legacyFields(value);
  return [...value.keys()].some((key) => key.startsWith("@")) ? `{"@obj":${body}}` : body;
}

function pageFields(page: Page): ObjectValue {
  const fields: ObjectValue = new Map();
  if (page.before !== undefined) fields.set("before", page.before);
  if (page.after !== undefined) fields.set("after", page.after);
  fields.set("data", page.data);
  return fields;
}

// ---------------------------------------------------------------------------

/** One specifier with its value; `site` is where Fauna put a wrong value's error (["values", i]). */
function printValue(spec: Specifier, value: Value, site: ErrorSite): string {
  if (spec.dateTime) return printDateTime(value, spec, site);
  switch (spec.conversion) {
    case "@":
      return legacyJson(value);
    case "^":
      return encodeValue(value);
    case "s":
    case "S": {
      const text = scalarText(value);
      if (text === undefined) throw queryError(Errors.invalidCast, site, typeName(value), "String");
      return printGeneral(text, spec);
    }
    case "b":
    case "B":
      return printGeneral(String(value === null ? false : typeof value === "boolean" ? value : true), spec);
    case "d":
    case "o":
    case "x":
    case "X":
      if (typeof value !== "bigint") throw queryError(Errors.invalidArgument, site, ["Integer"], typeName(value));
      return printInteger(value, spec);
    default:
      // Fauna asked for a Number but took only a Double.
      if (typeof value !== "number") throw queryError(Errors.invalidArgument, site, ["Number"], typeName(value));
      return printDouble(value, spec);
  }
}

/** The value a specifier takes: the one at its index, or the next one in order. */
function valueIndex(spec: Specifier, count: number, next: () => number, formatSite: ErrorSite): number {
  if (spec.index !== 0) {
    if (spec.index > count) throw queryError(Errors.bounds, formatSite, "index", ">= 1 and <= arguments size");
    return spec.index - 1;
  }
  const index = next();
  if (index >= count) throw queryError(Errors.bounds, formatSite, "format specifiers count", "<= arguments size");
  return index;
}

// https://docs.fauna.com/fauna/v4/api/fql/functions/format
const evalFormat: Implementation = (ctx, call, scope) => {
  const format = expectArg(ctx, call, 0, scope, isString, ["String"]);
  const formatSite = argSite(call, 0);
  const values = hasArg(call, 1) ? restValues(ctx, call, 1, scope).values : [];
  let ordinary = 0;
  const next = (): number => ordinary++;
  return parseFormat(format, formatSite)
    .map((segment) => {
      if (typeof segment === "string") return segment;
      const index = valueIndex(segment, values.length, next, formatSite);
      try {
        return printValue(segment, values[index]!, { node: call.args[1] as Arg, path: [index] });
      } catch (error) {
        if (error instanceof IllegalFormat) throw queryError(Errors.invalidConversionFormat, formatSite, segment.text);
        throw error;
      }
    })
    .join("");
};

export const formatFunctions: Record<string, Implementation> = {
  Format: evalFormat,
};
