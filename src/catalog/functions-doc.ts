/**
 * docs/functions.md, made from the function catalog (`npm run docs`): every
 * FQL v4 function, its family, its wire key, its arguments and whether
 * FQLite runs it, linked to Fauna's reference page. A test keeps the committed file the same as this makes it.
 */
import { implementationOf } from "../evaluation/execute";
import { faunaDocPage, functionCatalog, type ArgSpec, type FunctionSpec } from "./functions";

function argument(arg: ArgSpec): string {
  if (arg.encoding === "varargs") return `...${arg.key}`;
  if (arg.encoding === "array") return `[${arg.key}, …]`;
  if (arg.encoding === "bindings") return `{ ${arg.key} }`;
  if (arg.encoding === "options") return `{ ${arg.optionKeys!.join(", ")} }`;
  return arg.optional ? `${arg.key}?` : arg.key;
}

function status(spec: FunctionSpec): string {
  if (spec.literal) return "yes (literal)";
  if (spec.aliasOf) return implementationOf(spec) ? `yes (deprecated: ${spec.aliasOf})` : `not yet (deprecated: ${spec.aliasOf})`;
  return implementationOf(spec) ? "yes" : "not yet";
}

export function functionsMarkdown(): string {
  const families = [...new Set(functionCatalog.map((spec) => spec.family))].sort();
  const implemented = functionCatalog.filter((spec) => status(spec).startsWith("yes")).length;
  const lines = [
    "# FQL v4 functions in FQLite",
    "",
    "Made from `src/catalog/functions.ts` by `npm run docs`; do not edit by hand.",
    "",
    `${functionCatalog.length} functions; FQLite runs ${implemented} of them. A function it does not run yet fails with \`invalid expression\`, "*Name* is not supported by FQLite yet.", before anything runs.`,
    "",
  ];
  for (const family of families) {
    lines.push(`## ${family}`, "", "| function | wire key | arguments | runs |", "| --- | --- | --- | --- |");
    for (const spec of functionCatalog.filter((candidate) => candidate.family === family).sort((a, b) => a.name.localeCompare(b.name))) {
      const name = spec.literal ? `\`${spec.name}\`` : `[\`${spec.name}\`](${faunaDocPage(spec)})`;
      lines.push(`| ${name} | \`${spec.key}\` | ${spec.args.map(argument).join(", ") || "—"} | ${status(spec)} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
