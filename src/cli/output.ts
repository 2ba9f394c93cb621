/**
 * How the CLI shows a query's outcome. `shell`: the value as fauna-shell
 * printed it, then the metrics block. `json`: one line per query, exactly the
 * body the HTTP server sends, with the metrics added:
 * `{"resource": …, "metrics": {…}}` or `{"errors": […], "metrics": {…}}`.
 */
import type { QueryResult } from "../engine";
import type { FaunaError, QueryErrorEntry } from "../error/FaunaError";
import { printValue } from "../language/printer";
import { formatMetrics } from "../metrics/format";

export type OutputFormat = "shell" | "json";

export interface OutputOptions {
  readonly format: OutputFormat;
  readonly metrics: boolean;
}

export function formatResult(result: QueryResult, options: OutputOptions): string {
  if (options.format === "json") {
    return options.metrics ? `${result.response.slice(0, -1)},"metrics":${JSON.stringify(result.metrics)}}` : result.response;
  }
  const value = printValue(result.value);
  return options.metrics ? `${value}\n${formatMetrics(result.metrics)}` : value;
}

/** An error as text: code and description, then where it happened in the file and in the wire request. */
export function formatError(error: FaunaError, options: OutputOptions, source?: string): string {
  if (options.format === "json") {
    // Fauna's error body, plus where each error is in the query text.
    const errors = error.toJSON().errors.map((entry, index) => {
      const location = error.errors[index]!.location;
      return location ? { ...entry, location: { line: location.line, column: location.column } } : entry;
    });
    return JSON.stringify(options.metrics && error.metrics ? { errors, metrics: error.metrics } : { errors });
  }
  const describe = (entry: QueryErrorEntry, indent: string): string => {
    const where = entry.location ? ` at ${source ? `${source}:` : ""}${entry.location.line}:${entry.location.column}` : "";
    const position = entry.position.length > 0 ? ` (position ${JSON.stringify(entry.position)})` : "";
    const failures = (entry.failures ?? []).map((failure) => `\n${indent}  ${failure.field.join(".")}: ${failure.code}: ${failure.description}`).join("");
    // A function's error says what went wrong inside it.
    const causes = (entry.cause ?? []).map((cause) => `\n${indent}  caused by ${describe(cause, `${indent}  `)}`).join("");
    return `${entry.code}: ${entry.description}${where}${position}${failures}${causes}`;
  };
  const lines = error.errors.map((entry) => `Error: ${describe(entry, "")}`);
  if (options.metrics && error.metrics) lines.push(formatMetrics(error.metrics));
  return lines.join("\n");
}
