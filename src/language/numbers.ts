/**
 * Doubles as Fauna wrote them (Java's `Double.toString`): always with a point
 * or an exponent, so that a Double never reads back as a Long — `1.0`, `0.001`,
 * `1.5E10`, `1.0E-4` — and `NaN`, `Infinity`, `-Infinity` by name.
 */
export function formatDouble(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const text = String(value);
    return text.includes(".") ? text : `${text}.0`;
  }
  const [mantissa, exponent] = value.toExponential().split("e") as [string, string];
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}E${exponent.replace("+", "")}`;
}

const LONG_RANGE_DIGITS = 19;

/**
 * A number read from text as Java's DecimalFormat read it (Fauna parsed
 * strings so, in an English locale): the longest prefix that is a number,
 * `,` grouping ignored, an exponent only as `E`, `NaN` and `∞` by symbol.
 * An integral value within 64 bits is a Long (so "1.0" reads as 1), anything
 * else a Double, and text with no digits undefined.
 */
export function parseDecimalFormat(text: string): bigint | number | undefined {
  if (text.startsWith("NaN")) return NaN;
  const negative = text.startsWith("-");
  const body = negative ? text.slice(1) : text;
  if (body.startsWith("∞")) return negative ? -Infinity : Infinity;
  const match = /^([\d,]*)(?:\.(\d*))?(?:E(-?\d+))?/.exec(body)!;
  const [, whole = "", fraction = "", exponent = "0"] = match;
  const digits = whole.replaceAll(",", "") + fraction;
  if (digits === "") return undefined;
  const significant = digits.replace(/^0+/, "");
  if (significant === "") return negative ? -0 : 0n;
  const trimmed = significant.replace(/0+$/, "");
  const scale = Number(exponent) - fraction.length + (significant.length - trimmed.length);
  if (scale >= 0 && trimmed.length + scale <= LONG_RANGE_DIGITS) {
    const value = BigInt(trimmed) * 10n ** BigInt(scale) * (negative ? -1n : 1n);
    if (BigInt.asIntN(64, value) === value) return value;
  }
  return Number(`${negative ? "-" : ""}${trimmed}e${scale}`);
}

const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);
const INT_MAX = 2 ** 31 - 1;
const INT_MIN = -(2 ** 31);

/** Java's long arithmetic: the result wrapped around to 64 bits. */
export function wrapLong(value: bigint): bigint {
  return BigInt.asIntN(64, value);
}

/** Java's (int) narrowing of a long: its low 32 bits, as a signed number. */
export function narrowToInt(value: bigint): number {
  return Number(BigInt.asIntN(32, value));
}

/** Java's (long) cast of a double: toward zero, saturating, NaN to 0. */
export function doubleToLong(value: number): bigint {
  if (Number.isNaN(value)) return 0n;
  if (value >= 2 ** 63) return LONG_MAX;
  if (value <= -(2 ** 63)) return LONG_MIN;
  return BigInt(Math.trunc(value));
}

/** Java's (int) cast of a double: toward zero, saturating, NaN to 0. */
export function doubleToInt(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.trunc(Math.min(Math.max(value, INT_MIN), INT_MAX));
}
