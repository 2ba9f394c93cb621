/**
 * Walking the expression tree with the wire positions of its parts: the path of
 * JSON keys and array indexes by which Fauna named a sub-expression in errors.
 * `{"create": X, "params": {"object": {"ttl": Y}}}` has X at ["create"] and Y at
 * ["params", "object", "ttl"].
 */
import type { Arg } from "./ast";
import { QueryValue } from "./values";

export type PathSegment = string | number;

/** The direct sub-expressions of `arg`, each with its path relative to `arg`. */
export function childrenOf(arg: Arg): [readonly PathSegment[], Arg][] {
  switch (arg.kind) {
    case "literal":
      // A query value sent as a literal holds a lambda, written out under its "@query" key.
      return arg.value instanceof QueryValue ? [[["@query"], arg.value.lambda]] : [];
    case "array":
      return arg.elements.map((element, index) => [[index], element]);
    case "object":
      return arg.entries.map(([key, value]) => [["object", key], value]);
    case "bindings":
      return arg.form === "object"
        ? arg.groups.flatMap((group) => group.map(([name, value]): [PathSegment[], Arg] => [[name], value]))
        : arg.groups.flatMap((group, index) => group.map(([name, value]): [PathSegment[], Arg] => [[index, name], value]));
    case "options":
      return arg.entries.map(([key, value]) => [[key], value]);
    case "call": {
      const children: [readonly PathSegment[], Arg][] = [];
      arg.args.forEach((child, index) => {
        if (!child) return;
        const key = arg.fn.args[index]!.key;
        // Options and bindings sit directly under the call's own keys.
        if (child.kind === "options") children.push(...childrenOf(child));
        else children.push([[key], child]);
      });
      return children;
    }
  }
}

/** The wire path from `root` to `target` (compared by identity), if `target` is inside `root`. */
export function pathTo(root: Arg, target: Arg): PathSegment[] | undefined {
  if (root === target) return [];
  for (const [segments, child] of childrenOf(root)) {
    const rest = pathTo(child, target);
    if (rest) return [...segments, ...rest];
  }
  return undefined;
}
