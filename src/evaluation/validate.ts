/**
 * Checks made before a query runs, as Fauna made them while parsing a request:
 * malformed forms first (Lambda parameters, empty Do/And/Or, functions FQLite
 * does not have), then, only if there were none, variables used but never bound.
 * Nothing is written when a query fails here.
 */
import { Errors } from "../error/catalog";
import { errorEntry, FaunaError, type QueryErrorEntry } from "../error/FaunaError";
import { bindingsOf, type Arg, type CallExpr, type Expr } from "../language/ast";
import { childrenOf } from "../language/paths";
import { QueryValue } from "../language/values";
import { encodeExpr } from "../language/wire";
import { argSite } from "./args";
import { implementationOf } from "./execute";
import { typeName } from "./types";

export interface QueryAnalysis {
  /** Whether the query may write, and so needs a write transaction. */
  readonly writes: boolean;
}

/** Validates `root`, throwing every problem found, and says what running it needs. */
export function validateQuery(root: Expr): QueryAnalysis {
  const problems: QueryErrorEntry[] = [];
  const unbound: QueryErrorEntry[] = [];
  let writes = false;

  const visit = (arg: Arg, bound: ReadonlySet<string>): void => {
    // A query value written as a literal ({"@query": …}) is a lambda to check like any other, closed over nothing.
    if (arg.kind === "literal" && arg.value instanceof QueryValue) return visit(arg.value.lambda, new Set());
    if (arg.kind !== "call") {
      for (const [, child] of childrenOf(arg)) visit(child, bound);
      return;
    }
    writes ||= arg.fn.mayWrite;
    checkForm(arg, problems);
    switch (arg.fn.name) {
      case "Let": {
        const inner = new Set(bound);
        for (const [name, value] of bindingsOf(arg.args[0] as Extract<Arg, { kind: "bindings" }>)) {
          visit(value, inner);
          inner.add(name);
        }
        visit(arg.args[1]!, inner);
        return;
      }
      case "Lambda": {
        const inner = new Set(bound);
        for (const name of paramNames(arg.args[0] as Expr)) inner.add(name);
        visit(arg.args[1]!, inner);
        return;
      }
      case "Var": {
        const name = arg.args[0];
        if (name?.kind === "literal" && typeof name.value === "string" && !bound.has(name.value)) {
          unbound.push(errorEntry(Errors.unboundVariable, arg, [name.value]));
        }
        break;
      }
    }
    for (const [, child] of childrenOf(arg)) visit(child, bound);
  };
  visit(root, new Set());

  if (problems.length > 0) throw new FaunaError(problems).locate(root);
  if (unbound.length > 0) throw new FaunaError(unbound).locate(root);
  return { writes };
}

function isName(expr: Expr): expr is Extract<Expr, { kind: "literal" }> & { value: string } {
  return expr.kind === "literal" && typeof expr.value === "string";
}

function paramNames(params: Expr): string[] {
  if (isName(params)) return [params.value];
  return params.kind === "array" ? params.elements.filter(isName).map((name) => name.value) : [];
}

/** How Fauna named the type of an expression in a malformed request: what its JSON was (a null left out is Null). */
function jsonTypeName(arg: Arg | undefined): string {
  if (arg === undefined) return "Null";
  if (arg.kind === "literal") return typeName(arg.value);
  return arg.kind === "array" ? "Array" : "Object";
}

function checkForm(call: CallExpr, problems: QueryErrorEntry[]): void {
  if (!implementationOf(call.fn)) {
    problems.push(errorEntry(Errors.unsupportedFunction, call, [call.fn.name]));
    return;
  }
  call.fn.args.forEach((spec, index) => {
    const options = call.args[index];
    if (spec.encoding !== "options" || options?.kind !== "options") return;
    const keys = options.entries.map(([key]) => key);
    // Fauna knew no form with other keys, nor one with both cursors.
    if (keys.some((key) => !spec.optionKeys!.includes(key)) || (keys.includes("after") && keys.includes("before"))) {
      problems.push(errorEntry(Errors.invalidForm, call, [[call.fn.key, ...keys]]));
    }
  });
  const first = call.args[0];
  switch (call.fn.name) {
    case "Lambda":
      // A name, or an array of names (not nested), each bad name reported.
      if (first?.kind === "array") {
        for (const element of first.elements) if (!isName(element)) problems.push(errorEntry(Errors.invalidExpressionType, element, [["String"], jsonTypeName(element)]));
      } else if (first && first.kind !== "options" && first.kind !== "bindings" && !isName(first)) {
        problems.push(errorEntry(Errors.invalidExpressionType, first, [["String", "Array"], jsonTypeName(first)]));
      }
      break;
    case "Do":
    case "And":
    case "Or":
      if (first?.kind === "array" && first.elements.length === 0) problems.push(errorEntry(Errors.emptyExpressionList, first, []));
      if (call.fn.name === "Do" && first && first.kind !== "array") problems.push(errorEntry(Errors.invalidExpressionType, first, [["Array"], jsonTypeName(first)]));
      break;
    case "Var":
      // The name was read while parsing: it must be written as a string, not computed.
      if (first?.kind !== "literal" || typeof first.value !== "string") problems.push(errorEntry(Errors.invalidExpressionType, argSite(call, 0), [["String"], jsonTypeName(first)]));
      break;
    case "Query":
      checkWrittenLambda(call, 0, problems);
      break;
    case "Merge":
      if (call.args[2]) checkWrittenLambda(call, 2, problems);
      break;
  }
}

/**
 * Query's lambda and Merge's resolver were read while parsing, so they had to
 * be a Lambda as written, not an expression that evaluates to one. Another
 * form (`Var("f")`, an object) matched no form; anything else had the wrong type.
 */
function checkWrittenLambda(call: CallExpr, index: number, problems: QueryErrorEntry[]): void {
  const arg = call.args[index];
  if (arg?.kind === "call" && arg.fn.name === "Lambda") return;
  if (arg?.kind === "call" || arg?.kind === "object") problems.push(errorEntry(Errors.invalidForm, arg, [Object.keys(JSON.parse(encodeExpr(arg)))]));
  else problems.push(errorEntry(Errors.invalidExpressionType, argSite(call, index), [["Lambda"], jsonTypeName(arg)]));
}
