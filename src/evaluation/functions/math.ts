/**
 * Arithmetic and bitwise folds, Abs, Ceil, Floor, Sign, Round, Trunc and
 * BitNot, with Fauna's number rules: Long with Long stays Long, with Java's
 * 64-bit wrap-around and truncating division; from the first Double on, the
 * result is a Double. Dividing by zero (Long or Double) is an error.
 * Functions from Numbers to Doubles are in math-doubles.ts.
 */
import { Errors } from "../../error/catalog";
import { queryError } from "../../error/FaunaError";
import type { CallExpr } from "../../language/ast";
import { doubleToInt, doubleToLong, wrapLong } from "../../language/numbers";
import { expectArg, expectRest, hasArg, isLong, isNumeric } from "../args";
import type { Implementation } from "../execute";
import { numberArg, doubleFunctions, type Numeric } from "./math-doubles";

function asLong(value: Numeric): bigint {
  return typeof value === "bigint" ? value : doubleToLong(value);
}

/**
 * Folds a rest argument left to right. `mixedOp` gets the operands as they are
 * (a Long or a Double) once either is a Double, and its result is a Double.
 */
function fold(longOp: (a: bigint, b: bigint) => bigint, mixedOp: (a: Numeric, b: Numeric) => number, checksZero = false): Implementation {
  return (ctx, call: CallExpr, scope) => {
    const operands = expectRest(ctx, call, 0, scope, isNumeric, ["Number"]);
    return operands.slice(1).reduce<Numeric>((accumulator, operand) => {
      if (checksZero && (operand === 0n || operand === 0)) throw queryError(Errors.divideByZero, call);
      if (typeof accumulator === "bigint" && typeof operand === "bigint") return wrapLong(longOp(accumulator, operand));
      return mixedOp(accumulator, operand);
    }, operands[0]!);
  };
}

/** Long and Long in Longs, anything else in Doubles (a Long widened first). */
function arithmetic(longOp: (a: bigint, b: bigint) => bigint, doubleOp: (a: number, b: number) => number, checksZero = false): Implementation {
  return fold(longOp, (a, b) => doubleOp(Number(a), Number(b)), checksZero);
}

/** Bits of Longs; a Double operand is cut to a Long first, and then the result is a Double, as Fauna did. */
function bitwise(op: (a: bigint, b: bigint) => bigint): Implementation {
  return fold(op, (a, b) => Number(op(asLong(a), asLong(b))));
}

/** A one-Number function that maps a Long one way and a Double another. */
function byType(onLong: (l: bigint) => Numeric, onDouble: (d: number) => Numeric): Implementation {
  return (ctx, call, scope) => {
    const value = numberArg(ctx, call, 0, scope);
    return typeof value === "bigint" ? onLong(value) : onDouble(value);
  };
}

/** 10^exponent as Java's Math.pow gave it: the nearest Double (0 or Infinity far out). */
function powerOfTen(exponent: bigint): number {
  return Number(`1e${exponent}`);
}

/**
 * Round and Trunc cut a number at `precision` decimal places (negative: to
 * tens, hundreds, ...) the way Fauna did, Double arithmetic included: Round
 * adds a half of the last kept unit before cutting toward zero, so negative
 * numbers round up (-4.5 to -4). A Long is only cut for precision <= 0.
 */
function cutLong(value: bigint, precision: bigint, half: number): bigint {
  if (precision > 0n) return value;
  const scale = powerOfTen(precision);
  return doubleToLong(Number(doubleToLong(Number(value) * scale + half)) / scale);
}

function cutDouble(value: number, precision: bigint, half: number, settle: (x: number) => number): number {
  if (precision > 0n) {
    // The fraction is cut apart from the whole part, scaled by an Int (so by at most 2^31 - 1).
    const scale = doubleToInt(powerOfTen(precision));
    const whole = Number(doubleToLong(value));
    return whole + Number(doubleToLong((value - whole + half / scale) * scale)) / scale;
  }
  const scale = powerOfTen(precision);
  return settle(Number(doubleToLong(value * scale + half)) / scale);
}

/** A Double is cut at 2 places when no precision is given; a Long is then left as it is. */
function decimalCut(half: number, settle: (x: number) => number): Implementation {
  return (ctx, call, scope) => {
    const value = numberArg(ctx, call, 0, scope);
    const precision = hasArg(call, 1) ? expectArg(ctx, call, 1, scope, isLong, ["Integer"]) : undefined;
    if (typeof value === "bigint") return precision === undefined ? value : cutLong(value, precision, half);
    return cutDouble(value, precision ?? 2n, half, settle);
  };
}

export const mathFunctions: Record<string, Implementation> = {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/add
  Add: arithmetic((a, b) => a + b, (a, b) => a + b),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/subtract
  Subtract: arithmetic((a, b) => a - b, (a, b) => a - b),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/multiply
  Multiply: arithmetic((a, b) => a * b, (a, b) => a * b),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/divide
  // bigint division truncates toward zero and % keeps the dividend's sign, as Java's long does.
  Divide: arithmetic((a, b) => a / b, (a, b) => a / b, true),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/modulo
  Modulo: arithmetic((a, b) => a % b, (a, b) => a % b, true),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/abs
  // The smallest Long has no positive counterpart and stays as it is, as in Java.
  Abs: byType((l) => wrapLong(l < 0n ? -l : l), Math.abs),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/ceil
  Ceil: byType((l) => l, Math.ceil),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/floor
  Floor: byType((l) => l, Math.floor),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/sign
  // A Long: -1, 0 or 1. A Double: -1 below zero, else 1 (0.0, -0.0 and NaN included).
  Sign: byType(
    (l) => (l > 0n ? 1n : l < 0n ? -1n : 0n),
    (d) => (d < 0 ? -1n : 1n),
  ),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/round
  // Rounded Doubles are whole after a cut to tens and above.
  Round: decimalCut(0.5, (x) => Number(doubleToLong(x))),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/trunc
  Trunc: decimalCut(0, (x) => x),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/bitand
  BitAnd: bitwise((a, b) => a & b),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/bitor
  BitOr: bitwise((a, b) => a | b),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/bitxor
  BitXor: bitwise((a, b) => a ^ b),
  // https://docs.fauna.com/fauna/v4/api/fql/functions/bitnot
  // Always a Long: a Double is cut to a Long first.
  BitNot: byType((l) => ~l, (d) => ~doubleToLong(d)),
  ...doubleFunctions,
};
