/** Fauna's total order of values (numbers < bytes < strings < arrays < objects < refs < times < dates < false < true < null). */
import type { Value } from "../language/values";
import { tupleKey } from "../store/value-keys";

export function compareValues(a: Value, b: Value): number {
  const left = tupleKey([{ value: a }]);
  const right = tupleKey([{ value: b }]);
  return left < right ? -1 : left > right ? 1 : 0;
}
