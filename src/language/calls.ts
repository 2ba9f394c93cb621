/**
 * Putting a call's positional arguments, as written in query text, into the
 * normal form the wire codec and the evaluator share (see `ast.ts`): rest
 * arguments gathered the way the faunadb driver gathered them, omitted
 * optionals made explicit, Let bindings and Paginate options recognised.
 */
import type { FunctionSpec } from "../catalog/functions";
import { Errors } from "../error/catalog";
import { queryError } from "../error/FaunaError";
import { literal, type Arg, type ArrayExpr, type BindingsArg, type Expr, type OptionsArg, type SourceLocation } from "./ast";

export function callFromPositional(fn: FunctionSpec, positional: readonly Expr[], loc: SourceLocation | undefined): Arg {
  checkArity(fn, positional.length, loc);
  const args: (Arg | undefined)[] = [];
  let next = 0;
  for (const spec of fn.args) {
    switch (spec.encoding) {
      case "varargs": {
        const rest = positional.slice(next);
        next = positional.length;
        args.push(rest.length === 1 ? rest[0] : arrayOf(rest, loc));
        break;
      }
      case "array":
        args.push(arrayOf(positional.slice(next), loc));
        next = positional.length;
        break;
      case "bindings":
        args.push(bindingsFromText(positional[next++]!));
        break;
      case "options":
        args.push(optionsFromText(positional[next++]));
        break;
      case "value": {
        const given = positional[next++];
        if (given === undefined) args.push(spec.omission === "null-when-missing" ? literal(null) : undefined);
        // The driver leaves an optional null out of the request: so does FQLite, so that both forms agree.
        // A required argument keeps its null, as on the wire (`Lambda(null, …)` is a malformed Lambda, not a missing one).
        else if (spec.optional && spec.omission === "omit-null" && given.kind === "literal" && given.value === null) args.push(undefined);
        else args.push(given);
        break;
      }
    }
  }
  return loc ? { kind: "call", fn, args, loc } : { kind: "call", fn, args };
}

function arrayOf(elements: readonly Expr[], loc: SourceLocation | undefined): ArrayExpr {
  return loc ? { kind: "array", elements, loc } : { kind: "array", elements };
}

function checkArity(fn: FunctionSpec, count: number, loc: SourceLocation | undefined): void {
  if (count >= fn.minArgs && count <= fn.maxArgs) return;
  const expected =
    fn.minArgs === fn.maxArgs
      ? `${fn.minArgs}`
      : fn.maxArgs === Infinity
        ? `at least ${fn.minArgs}`
        : `${fn.minArgs} to ${fn.maxArgs}`;
  const noun = (fn.maxArgs === Infinity ? fn.minArgs : fn.maxArgs) === 1 ? "argument" : "arguments";
  throw syntaxError(`${fn.name} takes ${expected} ${noun}, ${count} given.`, loc);
}

/** `Let({a: 1, b: 2}, …)` and `Let([{a: 1}, {b: 2}], …)` both go out as an array of one-key objects (as the driver sent them). */
function bindingsFromText(expr: Expr): BindingsArg {
  if (expr.kind === "object") {
    return { kind: "bindings", form: "array", groups: expr.entries.map((entry) => [entry]), loc: expr.loc };
  }
  if (expr.kind === "array" && expr.elements.every((element) => element.kind === "object")) {
    return { kind: "bindings", form: "array", groups: expr.elements.map((element) => (element.kind === "object" ? element.entries : [])), loc: expr.loc };
  }
  throw syntaxError("Let takes its bindings as an object literal, or an array of object literals.", expr.loc);
}

function optionsFromText(expr: Expr | undefined): OptionsArg | undefined {
  if (expr === undefined || (expr.kind === "literal" && expr.value === null)) return undefined;
  if (expr.kind !== "object") throw syntaxError("Paginate takes its options as an object literal.", expr.loc);
  return { kind: "options", entries: expr.entries, loc: expr.loc };
}

/** An error in query text, placed at its line and column. */
export function syntaxError(message: string, loc: SourceLocation | undefined) {
  const error = queryError(Errors.syntax, undefined, message);
  error.errors[0]!.location = loc ?? { line: 1, column: 1, offset: 0, endOffset: 0 };
  return error;
}
