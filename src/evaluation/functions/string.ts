/** String functions: Concat. */
import { expectArg, expectRest, hasArg, isString } from "../args";
import type { Implementation } from "../execute";

const evalConcat: Implementation = (ctx, call, scope) => {
  const separator = hasArg(call, 1) ? expectArg(ctx, call, 1, scope, isString, ["String"]) : "";
  const value = call.args[0];
  // An empty array concatenates to the empty string rather than failing as an empty argument list.
  if (value?.kind === "array" && value.elements.length === 0) return "";
  return expectRest(ctx, call, 0, scope, isString, ["String"]).join(separator);
};

export const stringFunctions: Record<string, Implementation> = {
  Concat: evalConcat,
};
