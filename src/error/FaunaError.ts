/**
 * The one error type FQLite reports to its users: a list of Fauna query errors
 * (`{position, code, description, failures?, cause?}`), the HTTP status Fauna
 * gave such a list, and, for query text, where in the text each error is.
 *
 * An error is raised at an expression of the tree being evaluated; its wire
 * position (the path of JSON keys and indexes from the query's root) is worked
 * out once the error reaches the top of the query, by `locate`.
 */
import type { Arg, SourceLocation } from "../language/ast";
import { pathTo } from "../language/paths";
import type { QueryMetrics } from "../metrics/metrics";
import type { ErrorKind } from "./catalog";

export type Position = readonly (string | number)[];

export interface ValidationFailure {
  readonly field: readonly string[];
  readonly code: string;
  readonly description: string;
}

export interface QueryErrorEntry {
  readonly code: string;
  readonly description: string;
  /** Path from the query's root once located; until then, relative to `node`. */
  position: Position;
  readonly failures?: readonly ValidationFailure[];
  readonly cause?: readonly QueryErrorEntry[];
  /** The expression the error is about, until located. */
  node?: Arg;
  /** Where the expression is in the query text, when the query was text. */
  location?: SourceLocation;
  /** What decides the HTTP status of a response carrying this error. */
  readonly kind: Pick<ErrorKind, "status" | "priority" | "request">;
}

/**
 * Where an error is: an expression, or a path below an expression (`["create"]`,
 * an element index), or, with no expression, a path from the query's root.
 */
export type ErrorSite = Arg | { readonly node?: Arg; readonly path: Position } | undefined;

export class FaunaError extends Error {
  /** What the failed query cost, once it has run as far as it did. */
  metrics?: QueryMetrics;
  /** The failed query's transaction time (µs). */
  txnTime?: bigint;

  constructor(readonly errors: QueryErrorEntry[]) {
    super(errors.map((entry) => `${entry.code}: ${entry.description}`).join("\n"));
    this.name = "FaunaError";
  }

  get code(): string {
    return this.errors[0]!.code;
  }

  get description(): string {
    return this.errors[0]!.description;
  }

  get position(): Position {
    return this.errors[0]!.position;
  }

  get failures(): readonly ValidationFailure[] | undefined {
    return this.errors[0]!.failures;
  }

  /** The HTTP status Fauna answered with: decided by the first error of the highest priority. */
  get status(): number {
    let chosen = this.errors[0]!;
    for (const entry of this.errors) if (entry.kind.priority > chosen.kind.priority) chosen = entry;
    return chosen.kind.status;
  }

  /** Resolves each error's position against the root of the query it was raised in. */
  locate(root: Arg): this {
    for (const entry of this.errors) {
      if (!entry.node) continue;
      const path = pathTo(root, entry.node);
      if (!path) continue;
      entry.position = [...path, ...entry.position];
      entry.location ??= entry.node.loc;
      entry.node = undefined;
    }
    return this;
  }

  /** The wire form: `{"errors": [{position, code, description, failures?, cause?}]}`. */
  toJSON(): { errors: object[] } {
    return { errors: this.errors.map(entryToJson) };
  }
}

function entryToJson(entry: QueryErrorEntry): object {
  return {
    ...(entry.kind.request ? {} : { position: entry.position }),
    code: entry.code,
    description: entry.description,
    ...(entry.failures?.length ? { failures: entry.failures } : {}),
    ...(entry.cause?.length ? { cause: entry.cause.map(entryToJson) } : {}),
  };
}

export function errorEntry<Params extends unknown[]>(
  kind: ErrorKind<Params>,
  site: ErrorSite,
  params: Params,
  extra: { failures?: readonly ValidationFailure[]; cause?: readonly QueryErrorEntry[]; location?: SourceLocation } = {},
): QueryErrorEntry {
  const node = site === undefined ? undefined : "path" in site ? site.node : site;
  const position = site !== undefined && "path" in site ? site.path : [];
  return {
    code: kind.code,
    description: kind.describe(...params),
    position,
    node,
    kind: { status: kind.status, priority: kind.priority, request: kind.request },
    ...extra,
  };
}

/** One error, ready to throw: `throw queryError(Errors.divideByZero, call)`. */
export function queryError<Params extends unknown[]>(kind: ErrorKind<Params>, site: ErrorSite, ...params: Params): FaunaError {
  return new FaunaError([errorEntry(kind, site, params)]);
}
