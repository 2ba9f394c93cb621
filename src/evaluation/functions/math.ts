/**
 * Arithmetic with Fauna's number rules: Long with Long stays Long, with Java's
 * 64-bit wrap-around and truncating division; from the first Double on, the
 * result is a Double. Dividing by zero (Long or Double) is an error.
 */
import { Errors } from "../../error/catalog";
import { queryError } from "../../error/FaunaError";
import type { CallExpr } from "../../language/ast";
import { expectRest, isNumeric } from "../args";
import type { Implementation } from "../execute";

type Numeric = bigint | number;

function wrap64(value: bigint): bigint {
  return BigInt.asIntN(64, value);
}

function fold(longOp: (a: bigint, b: bigint) => bigint, doubleOp: (a: number, b: number) => number, checksZero = false): Implementation {
  return (ctx, call: CallExpr, scope) => {
    const operands = expectRest(ctx, call, 0, scope, isNumeric, ["Number"]);
    return operands.slice(1).reduce<Numeric>((accumulator, operand) => {
      if (checksZero && (operand === 0n || operand === 0)) throw queryError(Errors.divideByZero, call);
      if (typeof accumulator === "bigint" && typeof operand === "bigint") return wrap64(longOp(accumulator, operand));
      return doubleOp(Number(accumulator), Number(operand));
    }, operands[0]!);
  };
}

export const mathFunctions: Record<string, Implementation> = {
  Add: fold((a, b) => a + b, (a, b) => a + b),
  Subtract: fold((a, b) => a - b, (a, b) => a - b),
  Multiply: fold((a, b) => a * b, (a, b) => a * b),
  // bigint division truncates toward zero and % keeps the dividend's sign, as Java's long does.
  Divide: fold((a, b) => a / b, (a, b) => a / b, true),
  Modulo: fold((a, b) => a % b, (a, b) => a % b, true),
};
