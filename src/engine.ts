/**
 * The embedded engine: one FQLite database directory, queries in, values and
 * metrics out. Every query is its own transaction: a query that may write runs
 * in one LMDB write transaction and leaves everything as it was if it fails
 * anywhere; a query that only reads runs on a snapshot and takes no lock.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { randomGlobalId } from "./auth/secrets";
import { Authenticator } from "./auth/authenticate";
import { FaunaError } from "./error/FaunaError";
import type { Expr } from "./language/ast";
import { parseQueries, parseQuery } from "./language/parse";
import type { Value } from "./language/values";
import { decodeExpr, encodeExpr, encodeResponse, type WireJson } from "./language/wire";
import { MetricsRecorder, type QueryMetrics } from "./metrics/metrics";
import { QueryContext, type Clock } from "./evaluation/context";
import { evaluate } from "./evaluation/execute";
import { SchemaCache } from "./evaluation/schema-cache";
import { validateQuery } from "./evaluation/validate";
import { decodeValue, encodeValue } from "./store/codec";
import { metaKey, ROOT_DATABASE } from "./store/keys";
import { openLmdbStore } from "./store/lmdb-store";
import type { Store } from "./store/store";

export interface EngineOptions {
  /** The database directory; without one, a temporary database removed on close. */
  readonly path?: string;
  /** The secret that acts as the top database's admin (default "secret", as Fauna's dev image). */
  readonly rootSecret?: string;
  /** Milliseconds since the epoch; tests inject their own to control time. */
  readonly clock?: Clock;
}

export interface QueryOptions {
  /** Who runs the query (default: the root secret). */
  readonly secret?: string;
}

export interface QueryResult {
  readonly value: Value;
  readonly metrics: QueryMetrics;
  /** The response body in Fauna's wire format: `{"resource": …}`. */
  readonly response: string;
}

/** A query ready to run: checked, with what it needs to run and its request size. */
export interface PreparedQuery {
  readonly expr: Expr;
  readonly writes: boolean;
  readonly bytesIn: number;
}

const FORMAT_VERSION = 1n;
const PREPARED_CACHE_SIZE = 1000;

export class Engine {
  private readonly prepared = new Map<string, PreparedQuery>();
  private readonly schemaCache = new SchemaCache();
  private readonly authenticator: Authenticator;
  private closed = false;

  constructor(
    private readonly store: Store,
    rootSecret: string,
    private readonly clock: Clock,
    private readonly temporaryPath: string | undefined,
  ) {
    this.authenticator = new Authenticator(rootSecret);
  }

  /** Runs one query: FQL text, or a wire-format expression (as parsed JSON). */
  async query(query: string | WireJson, options: QueryOptions = {}): Promise<QueryResult> {
    return this.run(typeof query === "string" ? this.prepareText(query) : prepare(decodeExpr(query)), options);
  }

  /** Parses and checks every query in a text (a file holds several). */
  prepareAll(text: string): PreparedQuery[] {
    return parseQueries(text).map((parsed) => prepare(parsed.expr));
  }

  /** Runs a prepared query. Synchronous: a query never waits on anything but storage. */
  run(prepared: PreparedQuery, options: QueryOptions = {}): QueryResult {
    if (this.closed) throw new Error("The FQLite engine is closed.");
    const started = performance.now();
    if (options.secret !== undefined) this.authenticator.authenticate(options.secret);
    const metrics = new MetricsRecorder();
    const evaluateIn = (txn: Parameters<Parameters<Store["read"]>[0]>[0]) => {
      const ctx = new QueryContext(txn, metrics, prepared.writes, ROOT_DATABASE, this.clock, this.schemaCache);
      try {
        return evaluate(ctx, prepared.expr, undefined);
      } catch (error) {
        throw error instanceof FaunaError ? error.locate(prepared.expr) : error;
      }
    };
    const elapsed = () => Math.round(performance.now() - started);
    let value: Value;
    try {
      value = prepared.writes ? this.store.write(evaluateIn) : this.store.read(evaluateIn);
    } catch (error) {
      // A failed query still reports what it cost, with its error body as the response.
      if (error instanceof FaunaError) error.metrics = metrics.finish(prepared.bytesIn, Buffer.byteLength(JSON.stringify(error)), elapsed());
      throw error;
    }
    const response = encodeResponse(value);
    return { value, response, metrics: metrics.finish(prepared.bytesIn, Buffer.byteLength(response), elapsed()) };
  }

  private prepareText(text: string): PreparedQuery {
    const cached = this.prepared.get(text);
    if (cached) return cached;
    const prepared = prepare(parseQuery(text));
    if (this.prepared.size >= PREPARED_CACHE_SIZE) this.prepared.delete(this.prepared.keys().next().value!);
    this.prepared.set(text, prepared);
    return prepared;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.store.close();
    if (this.temporaryPath) rmSync(this.temporaryPath, { recursive: true, force: true });
  }
}

function prepare(expr: Expr): PreparedQuery {
  const { writes } = validateQuery(expr);
  return { expr, writes, bytesIn: Buffer.byteLength(encodeExpr(expr)) };
}

/** Opens (creating if needed) the database at `options.path`, or a temporary one. */
export async function openEngine(options: EngineOptions = {}): Promise<Engine> {
  const temporaryPath = options.path === undefined ? mkdtempSync(join(tmpdir(), "fqlite-")) : undefined;
  const path = options.path ?? temporaryPath!;
  mkdirSync(path, { recursive: true });
  const store = openLmdbStore(path);
  try {
    initialize(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  return new Engine(store, options.rootSecret ?? "secret", options.clock ?? Date.now, temporaryPath);
}

/** Marks a new database directory with FQLite's format, and refuses one of another format. */
function initialize(store: Store): void {
  store.write((txn) => {
    const format = txn.get(metaKey("format"));
    if (format) {
      const version = decodeValue(format);
      if (version !== FORMAT_VERSION) throw new Error(`This database directory has FQLite format ${String(version)}; this FQLite reads format ${FORMAT_VERSION}.`);
      return;
    }
    txn.put(metaKey("format"), encodeValue(FORMAT_VERSION));
    txn.put(metaKey(`globalId/${ROOT_DATABASE}`), encodeValue(randomGlobalId()));
  });
}
