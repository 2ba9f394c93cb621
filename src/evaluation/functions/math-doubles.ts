/**
 * Fauna's functions from Numbers to Doubles: Sqrt, the trigonometric,
 * hyperbolic, exponential and logarithmic ones, Pow and Hypot. Fauna computed
 * them with Java 17's Math; an argument outside a function's domain is a
 * bounds error at the call, naming the argument as Java printed it.
 */
import { Errors } from "../../error/catalog";
import { queryError } from "../../error/FaunaError";
import type { CallExpr } from "../../language/ast";
import { formatDouble } from "../../language/numbers";
import type { Scope } from "../../language/values";
import { expectArg, hasArg, isNumeric } from "../args";
import type { QueryContext } from "../context";
import type { Implementation } from "../execute";

export type Numeric = bigint | number;

export function numberArg(ctx: QueryContext, call: CallExpr, index: number, scope: Scope | undefined): Numeric {
  return expectArg(ctx, call, index, scope, isNumeric, ["Number"]);
}

/** The values a function accepts, and how Fauna's bounds error says so. */
interface Domain {
  accepts: (x: number) => boolean;
  predicate: string;
}

const positive: Domain = { accepts: (x) => x >= 0, predicate: "positive" };
const aboveZero: Domain = { accepts: (x) => x > 0, predicate: "greater than 0" };
const unitInterval: Domain = { accepts: (x) => x >= -1 && x <= 1, predicate: "between -1 and 1 inclusive" };

/** A one-Number function returning a Double; a Long argument is widened first, as Java did. */
function unaryDouble(op: (x: number) => number, domain?: Domain): Implementation {
  return (ctx, call, scope) => {
    const value = numberArg(ctx, call, 0, scope);
    const x = Number(value);
    if (domain && !domain.accepts(x)) {
      throw queryError(Errors.bounds, call, typeof value === "bigint" ? value.toString() : formatDouble(value), domain.predicate);
    }
    return op(x);
  };
}

/** The optional second Number of Pow and Hypot, or `fallback` when it is left out. */
function optionalNumber(ctx: QueryContext, call: CallExpr, scope: Scope | undefined, fallback: number): number {
  return hasArg(call, 1) ? Number(numberArg(ctx, call, 1, scope)) : fallback;
}

const scratch = new DataView(new ArrayBuffer(8));

function highWord(x: number): number {
  scratch.setFloat64(0, x);
  return scratch.getInt32(0);
}

/** The Double whose high 32 bits are `high` and low 32 bits zero. */
function fromHighWord(high: number): number {
  scratch.setInt32(0, high);
  scratch.setInt32(4, 0);
  return scratch.getFloat64(0);
}

/**
 * Java's Math.hypot, which is fdlibm's: V8's Math.hypot rounds differently
 * (hypot(3, 3) is 4.242640687119286 there, 4.242640687119285 in Java).
 * Splitting the operands into high and low parts keeps the sum of squares
 * exact enough without overflow.
 */
function javaHypot(x: number, y: number): number {
  let a = Math.abs(x);
  let b = Math.abs(y);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === Infinity || b === Infinity ? Infinity : NaN;
  if (b > a) [a, b] = [b, a];
  let ha = highWord(a);
  let hb = highWord(b);
  if (ha - hb > 0x3c00000) return a + b; // a / b > 2^60: b is lost in rounding
  let k = 0;
  if (ha > 0x5f300000) {
    // a > ~2^500: scale both down by 2^600
    ha -= 0x25800000;
    hb -= 0x25800000;
    a *= 2 ** -600;
    b *= 2 ** -600;
    k = 600;
  }
  if (hb < 0x20b00000) {
    // b < 2^-500
    if (b === 0) return a;
    if (hb < 0x00100000) {
      // subnormal b: fdlibm scales by 2^1022 and keeps the unscaled high words
      a *= 2 ** 1022;
      b *= 2 ** 1022;
      k -= 1022;
    } else {
      ha += 0x25800000;
      hb += 0x25800000;
      a *= 2 ** 600;
      b *= 2 ** 600;
      k -= 600;
    }
  }
  let w = a - b;
  if (w > b) {
    const t1 = fromHighWord(ha);
    const t2 = a - t1;
    w = Math.sqrt(t1 * t1 - (b * -b - t2 * (a + t1)));
  } else {
    const doubled = a + a;
    const y1 = fromHighWord(hb);
    const y2 = b - y1;
    const t1 = fromHighWord(ha + 0x00100000);
    const t2 = doubled - t1;
    w = Math.sqrt(t1 * y1 - (w * -w - (t1 * y2 + t2 * b)));
  }
  return k === 0 ? w : 2 ** k * w;
}

function bitLength(n: bigint): number {
  return n.toString(2).length;
}

/** The Double nearest to num / den (both positive), ties to even, subnormals included. */
function nearestDouble(num: bigint, den: bigint): number {
  let exponent = bitLength(num) - bitLength(den);
  const below = exponent >= 0 ? num < den << BigInt(exponent) : num << BigInt(-exponent) < den;
  if (below) exponent -= 1;
  if (exponent > 1023) return Infinity;
  const lastBit = Math.max(exponent - 52, -1074);
  const [n, d] = lastBit >= 0 ? [num, den << BigInt(lastBit)] : [num << BigInt(-lastBit), den];
  const quotient = n / d;
  const twiceRest = (n % d) * 2n;
  const roundsUp = twiceRest > d || (twiceRest === d && (quotient & 1n) === 1n);
  return Number(roundsUp ? quotient + 1n : quotient) * 2 ** lastBit;
}

/** |x| as an odd integer times a power of two. */
function binaryParts(x: number): { odd: bigint; twos: number } {
  scratch.setFloat64(0, Math.abs(x));
  const bits = scratch.getBigUint64(0);
  const biased = Number(bits >> 52n);
  let odd = bits & ((1n << 52n) - 1n);
  let twos = -1074;
  if (biased > 0) {
    odd |= 1n << 52n;
    twos = biased - 1075;
  }
  while ((odd & 1n) === 0n) {
    odd >>= 1n;
    twos += 1;
  }
  return { odd, twos };
}

/** Beyond this many bits in the exact power, the rounded estimate stands. */
const EXACT_POWER_BITS = 1 << 14;

/**
 * Java's Math.pow is correctly rounded for whole exponents, where V8's may be
 * an ulp off (10^-4 is 0.00009999999999999999 there, 1.0E-4 in Java); those
 * are computed exactly. Other exponents use the platform's pow.
 */
function javaPow(base: number, exponent: number): number {
  const estimate = Math.pow(base, exponent);
  if (!Number.isInteger(exponent) || base === 0 || !Number.isFinite(estimate) || estimate === 0) return estimate;
  const { odd, twos } = binaryParts(base);
  const steps = Math.abs(exponent);
  if (bitLength(odd) * steps > EXACT_POWER_BITS) return estimate;
  const power = odd ** BigInt(steps);
  const shift = twos * exponent;
  const [num, den] = exponent > 0 ? [power, 1n] : [1n, power];
  const magnitude = shift >= 0 ? nearestDouble(num << BigInt(shift), den) : nearestDouble(num, den << BigInt(-shift));
  return base < 0 && steps % 2 === 1 ? -magnitude : magnitude;
}

// Java's toDegrees and toRadians multiply by these rounded constants.
const DEGREES_PER_RADIAN = 57.29577951308232;
const RADIANS_PER_DEGREE = 0.017453292519943295;

export const doubleFunctions: Record<string, Implementation> = {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/sqrt
  Sqrt: unaryDouble(Math.sqrt, positive),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/acos
  Acos: unaryDouble(Math.acos, unitInterval),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/asin
  Asin: unaryDouble(Math.asin, unitInterval),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/atan
  Atan: unaryDouble(Math.atan),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/cos
  Cos: unaryDouble(Math.cos),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/cosh
  Cosh: unaryDouble(Math.cosh),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/degrees
  Degrees: unaryDouble((x) => x * DEGREES_PER_RADIAN),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/exp
  Exp: unaryDouble(Math.exp),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/ln
  Ln: unaryDouble(Math.log, aboveZero),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/log
  Log: unaryDouble(Math.log10, aboveZero),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/radians
  Radians: unaryDouble((x) => x * RADIANS_PER_DEGREE),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/sin
  Sin: unaryDouble(Math.sin),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/sinh
  Sinh: unaryDouble(Math.sinh),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/tan
  Tan: unaryDouble(Math.tan),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/tanh
  Tanh: unaryDouble(Math.tanh),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/pow
  // The exponent defaults to 2.
  Pow: (ctx, call, scope) => {
    const base = Number(numberArg(ctx, call, 0, scope));
    return javaPow(base, optionalNumber(ctx, call, scope, 2));
  },
  // https://docs.fauna.com/fauna/v4/api/fql/functions/hypot
  // The second side defaults to the first.
  Hypot: (ctx, call, scope) => {
    const a = Number(numberArg(ctx, call, 0, scope));
    return javaHypot(a, optionalNumber(ctx, call, scope, a));
  },
};
