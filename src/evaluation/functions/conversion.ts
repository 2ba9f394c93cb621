/** Conversions: ToString. */
import { Errors } from "../../error/catalog";
import { queryError } from "../../error/FaunaError";
import { scalarText } from "../../language/printer";
import { evalArg } from "../args";
import type { Implementation } from "../execute";
import { typeName } from "../types";

const evalToString: Implementation = (ctx, call, scope) => {
  const value = evalArg(ctx, call, 0, scope);
  const text = scalarText(value);
  if (text === undefined) throw queryError(Errors.invalidCast, call, typeName(value), "String");
  return text;
};

export const conversionFunctions: Record<string, Implementation> = {
  ToString: evalToString,
};
