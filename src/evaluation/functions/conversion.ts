/** Conversions: ToString. */
import { Errors } from "../../error/catalog";
import { queryError } from "../../error/FaunaError";
import { formatDouble } from "../../language/numbers";
import { formatDate, formatTime } from "../../language/time";
import { DateValue, Timestamp, type Value } from "../../language/values";
import { evalArg } from "../args";
import type { Implementation } from "../execute";
import { typeName } from "../types";

/** The text of a scalar, as Fauna's ToString wrote it; undefined for values that have none. */
export function scalarToString(value: Value): string | undefined {
  switch (typeof value) {
    case "string":
      return value;
    case "bigint":
      return value.toString();
    case "number":
      return formatDouble(value);
    case "boolean":
      return String(value);
  }
  if (value === null) return "null";
  if (value instanceof Timestamp) return formatTime(value.epochNanos);
  if (value instanceof DateValue) return formatDate(value.epochDays);
  return undefined;
}

const evalToString: Implementation = (ctx, call, scope) => {
  const value = evalArg(ctx, call, 0, scope);
  const text = scalarToString(value);
  if (text === undefined) throw queryError(Errors.invalidCast, call, typeName(value), "String");
  return text;
};

export const conversionFunctions: Record<string, Implementation> = {
  ToString: evalToString,
};
