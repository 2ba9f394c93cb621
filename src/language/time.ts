/**
 * Times and dates in Fauna's text forms. A time is nanoseconds since the epoch
 * (a bigint, so that nanoseconds survive); it reads as ISO 8601 with a required
 * UTC offset and up to nine fractional digits, and prints as Java's
 * `Instant.toString`: always UTC, fraction in groups of three digits as needed.
 */

const NANOS_PER_SECOND = 1_000_000_000n;
const NANOS_PER_DAY = 86_400n * NANOS_PER_SECOND;

/**
 * Java's ISO parsers, as Fauna used them: a year of four digits, or more with
 * a sign; `T` and `Z` in either case; seconds and fraction optional (a lone
 * point allowed); an offset with hours and minutes.
 */
const YEAR = "([+-]\\d{5,9}|-?\\d{4})";
const timePattern = new RegExp(`^${YEAR}-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{0,9}))?)?([Zz]|[+-]\\d{2}:?\\d{2}(?::?\\d{2})?)$`);
const datePattern = new RegExp(`^${YEAR}-(\\d{2})-(\\d{2})$`);

/** Days from 1970-01-01 to a proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The calendar date of a day number (Hinnant's civil_from_days). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const { month: backMonth } = civilFromDays(daysFromCivil(year, month, day));
  return backMonth === month;
}

/** The last day of a month. */
function monthLength(year: number, month: number): number {
  return daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
}

/** Nanoseconds since the epoch, or undefined when `text` is not a time Fauna accepted. */
export function parseTime(text: string): bigint | undefined {
  const match = timePattern.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s = "0", fraction = "", offset] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || minute > 59 || second > 59) return undefined;
  // Java's lenient ("smart") reading, as Fauna's: a day past the month's end is its last day, and 24:00 is the next midnight.
  if (hour > 24 || (hour === 24 && (minute > 0 || second > 0 || Number(fraction || "0") > 0))) return undefined;
  const offsetSeconds = parseOffset(offset!.toUpperCase());
  if (offsetSeconds === undefined) return undefined;
  const clampedDay = Math.min(day, monthLength(year, month));
  const seconds = BigInt(daysFromCivil(year, month, clampedDay)) * 86_400n + BigInt(hour * 3600 + minute * 60 + second - offsetSeconds);
  return seconds * NANOS_PER_SECOND + BigInt(fraction.padEnd(9, "0") || "0");
}

function parseOffset(offset: string): number | undefined {
  if (offset === "Z") return 0;
  const sign = offset[0] === "-" ? -1 : 1;
  const digits = offset.slice(1).replace(/:/g, "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4) || "0");
  const seconds = Number(digits.slice(4, 6) || "0");
  if (hours > 18 || minutes > 59 || seconds > 59) return undefined;
  return sign * (hours * 3600 + minutes * 60 + seconds);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

function formatYear(year: number): string {
  if (year > 9999) return `+${year}`;
  if (year < 0) return `-${pad(-year, 4)}`;
  return pad(year, 4);
}

/** Java's `Instant.toString`: `2021-06-23T21:22:18.607Z`. */
export function formatTime(epochNanos: bigint): string {
  let days = epochNanos / NANOS_PER_DAY;
  let rest = epochNanos % NANOS_PER_DAY;
  if (rest < 0n) {
    rest += NANOS_PER_DAY;
    days -= 1n;
  }
  const { year, month, day } = civilFromDays(Number(days));
  const secondsOfDay = Number(rest / NANOS_PER_SECOND);
  const nanos = Number(rest % NANOS_PER_SECOND);
  const clock = `${pad(Math.floor(secondsOfDay / 3600), 2)}:${pad(Math.floor(secondsOfDay / 60) % 60, 2)}:${pad(secondsOfDay % 60, 2)}`;
  let fraction = "";
  if (nanos !== 0) {
    const digits = pad(nanos, 9);
    fraction = "." + (nanos % 1_000_000 === 0 ? digits.slice(0, 3) : nanos % 1000 === 0 ? digits.slice(0, 6) : digits);
  }
  return `${formatYear(year)}-${pad(month, 2)}-${pad(day, 2)}T${clock}${fraction}Z`;
}

/** Days since the epoch, or undefined when `text` is not a `YYYY-MM-DD` date. */
export function parseDate(text: string): number | undefined {
  const match = datePattern.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
  return isValidDate(year, month, day) ? daysFromCivil(year, month, day) : undefined;
}

export function formatDate(epochDays: number): string {
  const { year, month, day } = civilFromDays(epochDays);
  return `${formatYear(year)}-${pad(month, 2)}-${pad(day, 2)}`;
}
