/**
 * The embedded engine: one FQLite database directory, queries in, values and
 * metrics out. Every query is its own transaction: a query that may write runs
 * in one LMDB write transaction and leaves everything as it was if it fails
 * anywhere; a query that only reads runs on a snapshot and takes no lock.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { randomGlobalId } from "./auth/secrets";
import { ROOT_ACCESS, type Access } from "./auth/access";
import { Authenticator } from "./auth/authenticate";
import { Errors } from "./error/catalog";
import { FaunaError, queryError } from "./error/FaunaError";
import type { Expr } from "./language/ast";
import { parseQueries, parseQuery } from "./language/parse";
import type { Ref, Value } from "./language/values";
import { decodeRequest, encodeExpr, encodeResponse, type WireJson } from "./language/wire";
import { MetricsRecorder, type QueryMetrics } from "./metrics/metrics";
import { QueryContext, type Clock } from "./evaluation/context";
import { evaluate } from "./evaluation/execute";
import { isStackOverflow } from "./error/stack-overflow";
import { SchemaCache } from "./evaluation/schema-cache";
import { validateQuery } from "./evaluation/validate";
import { decodeValue, encodeValue } from "./store/codec";
import { metaKey, ROOT_DATABASE } from "./store/keys";
import { lmdbDataFile, openLmdbStore } from "./store/lmdb-store";
import type { ReadTxn, Store, WriteTxn } from "./store/store";
import { buildStep, pendingBuilds } from "./evaluation/index-builds";
import { expungeBatch, noneExpunged, type ExpungedCounts } from "./evaluation/expunge";
import type { Changes } from "./evaluation/changes";
import { streamTarget, type StreamTarget } from "./evaluation/streams";
import { resolveDocument } from "./evaluation/refs";
import { allows, readAction } from "./auth/permissions";
import { activateIndex } from "./evaluation/functions/write";

/** The root secret when none is given: "secret", as Fauna's dev image had it (and so known to all). */
export const DEFAULT_ROOT_SECRET = "secret";

export interface EngineOptions {
  /** The database directory; without one, a temporary database removed on close. */
  readonly path?: string;
  /** The secret that acts as the top database's admin (default `DEFAULT_ROOT_SECRET`). */
  readonly rootSecret?: string;
  /** Milliseconds since the epoch; tests inject their own to control time. */
  readonly clock?: Clock;
  /** Removes expired documents in the background this often (milliseconds); by default only `expungeExpired()` does. */
  readonly expungeIntervalMs?: number;
  /** Refuse a directory that holds no FQLite database, rather than make one there. */
  readonly existing?: boolean;
}

/**
 * How long a query may run when served (`fqlite serve`, without an
 * `X-Query-Timeout`) or run from the command line (without `--timeout`), in
 * ms: Fauna stopped every query at some point. Embedded, a query runs as long
 * as it takes unless given `timeoutMs`.
 */
export const DEFAULT_QUERY_TIMEOUT_MS = 120_000;

export interface QueryOptions {
  /** Who runs the query (default: the root secret). */
  readonly secret?: string;
  /** Milliseconds the query may take; past them it stops, changes nothing, and fails with `time out`. */
  readonly timeoutMs?: number;
  /** Refuses writes, naming the place in the error: "get requests", "stream requests". */
  readonly readOnlyIn?: string;
}

export interface QueryResult {
  readonly value: Value;
  readonly metrics: QueryMetrics;
  /** The query's transaction time (µs), as Fauna's `x-txn-time` header gave it. */
  readonly txnTime: bigint;
  /** Whether the value is a document the query created (Fauna answered such a query with 201). */
  readonly created: boolean;
  /** The response body in Fauna's wire format: `{"resource": …}`. */
  readonly response: string;
}

/** A query ready to run: checked, with what it needs to run and its request size. */
export interface PreparedQuery {
  readonly expr: Expr;
  readonly writes: boolean;
  readonly bytesIn: number;
}

export type IndexBuildListener = (index: string, documentsDone: number, finished: boolean) => void;

const FORMAT_VERSION = 2n;

/** Expired documents one expunger transaction removes at most. */
const EXPUNGE_BATCH = 1000;
const PREPARED_CACHE_SIZE = 1000;

export class Engine {
  private readonly prepared = new Map<string, PreparedQuery>();
  private indexBuilds: Promise<void> | undefined;
  private readonly buildListeners = new Set<IndexBuildListener>();
  private readonly commitListeners = new Set<(changes: Changes) => void>();
  private readonly schemaCache = new SchemaCache();
  private readonly authenticator: Authenticator;
  private closed = false;
  private expungeTimer: NodeJS.Timeout | undefined;

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
    return this.run(typeof query === "string" ? this.prepareText(query) : prepare(decodeRequest(query)), options);
  }

  /** Hears what every committed query changed, until the returned function is called. */
  onCommit(listener: (changes: Changes) => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  /** Checks a secret as a query would (refused: `unauthorized`), running nothing. */
  checkSecret(secret: string): void {
    this.store.read((txn) => this.authenticator.authenticate(this.context(txn, false, new MetricsRecorder()), secret));
  }

  /** Parses and checks every query in a text (a file holds several). */
  prepareAll(text: string): PreparedQuery[] {
    return parseQueries(text).map((parsed) => prepare(parsed.expr));
  }

  /** Runs a stream's query, read-only, and says what the stream follows. */
  streamTarget(query: WireJson, options: QueryOptions = {}): { target: StreamTarget; result: QueryResult } {
    let target: StreamTarget | undefined;
    const result = this.run(prepare(decodeRequest(query)), { ...options, readOnlyIn: "stream requests" }, (ctx, value) => {
      target = streamTarget(ctx, value);
    });
    return { target: target!, result };
  }

  /**
   * Whether a secret may read a document now (a stream's events are only
   * those its secret may see); "unauthorized" once the secret no longer works.
   */
  mayRead(secret: string | undefined, ref: Ref): boolean | "unauthorized" {
    return this.store.read((txn) => {
      const checking = this.context(txn, false, new MetricsRecorder());
      let access: Access;
      try {
        access = secret === undefined ? ROOT_ACCESS : this.authenticator.authenticate(checking, secret);
      } catch (error) {
        if (error instanceof FaunaError) return "unauthorized";
        throw error;
      }
      const ctx = this.context(txn, false, new MetricsRecorder(), access);
      try {
        const document = resolveDocument(ctx, ref, undefined);
        return allows(ctx, readAction(document, ctx.documents.current(document.address)));
      } catch (error) {
        if (error instanceof FaunaError) return false;
        throw error;
      }
    });
  }

  /** The time by the engine's clock, in µs. */
  now(): bigint {
    return BigInt(Math.floor(this.clock() * 1000));
  }

  /** Runs a prepared query. Synchronous: a query never waits on anything but storage. */
  run(prepared: PreparedQuery, options: QueryOptions = {}, inspect?: (ctx: QueryContext, value: Value) => void): QueryResult {
    if (this.closed) throw new Error("The FQLite engine is closed.");
    const started = performance.now();
    const metrics = new MetricsRecorder();
    let startedIndexBuild = false;
    let txnTime: bigint | undefined;
    let created = false;
    let changes: Changes | undefined;
    const writes = prepared.writes && options.readOnlyIn === undefined;
    const evaluateIn = (txn: ReadTxn) => {
      // Who runs the query is settled at its own snapshot, unbilled, before anything runs.
      const authContext = options.secret === undefined ? undefined : this.context(txn, false, new MetricsRecorder());
      const access = authContext ? this.authenticator.authenticate(authContext, options.secret!) : ROOT_ACCESS;
      const ctx = this.context(txn, writes, metrics, access);
      if (authContext) ctx.sharesSnapshotWith(authContext);
      ctx.effectLimit = options.readOnlyIn;
      if (writes && this.commitListeners.size > 0) changes = ctx.changes = { documents: [], entries: [] };
      ctx.deadline = options.timeoutMs === undefined ? undefined : started + options.timeoutMs;
      txnTime = ctx.txnTime;
      try {
        const value = evaluate(ctx, prepared.expr, undefined);
        inspect?.(ctx, value);
        ctx.finish();
        startedIndexBuild = ctx.startedIndexBuild;
        created = typeof value === "object" && value !== null && ctx.created.has(value);
        return value;
      } catch (error) {
        // Should evaluation still run out of stack, the query fails cleanly (and its writes are undone).
        if (isStackOverflow(error)) throw queryError(Errors.evaluationTooDeep, undefined);
        throw error instanceof FaunaError ? error.locate(prepared.expr) : error;
      }
    };
    const elapsed = () => Math.round(performance.now() - started);
    let value: Value;
    try {
      value = writes ? this.store.write(evaluateIn) : this.store.read(evaluateIn);
    } catch (error) {
      // A failed query still reports what it cost, with its error body as the response; a refused secret ran nothing.
      if (error instanceof FaunaError && error.status !== 401) {
        error.metrics = metrics.finish(prepared.bytesIn, Buffer.byteLength(JSON.stringify(error)), elapsed());
        error.txnTime = txnTime;
      }
      throw error;
    }
    if (startedIndexBuild) void this.continueIndexBuilds();
    if (changes && (changes.documents.length > 0 || changes.entries.length > 0)) for (const listener of this.commitListeners) listener(changes);
    const response = encodeResponse(value);
    return { value, response, txnTime: txnTime!, created, metrics: metrics.finish(prepared.bytesIn, Buffer.byteLength(response), elapsed()) };
  }

  private context(txn: ReadTxn, writable: boolean, metrics: MetricsRecorder, access: Access = ROOT_ACCESS): QueryContext {
    return new QueryContext(txn, metrics, writable, access, this.clock, this.schemaCache);
  }

  /** Carries background index builds on, a step per turn of the event loop, while there are any. */
  private continueIndexBuilds(): Promise<void> {
    this.indexBuilds ??= new Promise<void>((resolve, reject) => {
      const step = () => {
        if (this.closed) return resolve();
        try {
          const outcome = this.store.write((txn) => {
            const ctx = this.context(txn, true, new MetricsRecorder());
            const result = buildStep(ctx);
            if (result?.built) activateIndex(ctx, result.built);
            return result;
          });
          if (!outcome) {
            this.indexBuilds = undefined;
            return resolve();
          }
          if (outcome.name !== undefined) for (const listener of this.buildListeners) listener(outcome.name, outcome.done, outcome.built !== undefined);
          setImmediate(step);
        } catch (error) {
          this.indexBuilds = undefined;
          reject(error);
        }
      };
      setImmediate(step);
    });
    // A failed build surfaces to whoever waits for builds; unwatched, it must not end the process.
    this.indexBuilds.catch(() => undefined);
    return this.indexBuilds;
  }

  /**
   * Removes every document whose ttl has passed (tokens, keys, credentials,
   * documents), with its index entries, in batches that are each their own
   * transaction, letting queries run between them.
   */
  async expungeExpired(): Promise<ExpungedCounts> {
    const total = noneExpunged();
    for (;;) {
      if (this.closed) return total;
      const { counts, more } = this.store.write((txn) => expungeBatch(this.context(txn, true, new MetricsRecorder()), EXPUNGE_BATCH));
      for (const kind of Object.keys(total) as (keyof ExpungedCounts)[]) total[kind] += counts[kind];
      if (!more) return total;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Runs the expunger every `intervalMs`, one run at a time, until the engine closes. */
  expungePeriodically(intervalMs: number): void {
    let running: Promise<unknown> | undefined;
    this.expungeTimer = setInterval(() => {
      running ??= this.expungeExpired()
        .catch(() => undefined)
        .finally(() => (running = undefined));
    }, intervalMs);
    this.expungeTimer.unref();
  }

  /**
   * Resolves when every index being built in the background is built.
   * `onProgress` hears after each step: the index, how many documents are done, whether it is finished.
   */
  async indexesBuilt(onProgress?: IndexBuildListener): Promise<void> {
    if (!this.indexBuilds) {
      const pending = this.store.read((txn) => pendingBuilds(this.context(txn, false, new MetricsRecorder())).length);
      if (pending === 0) return;
      void this.continueIndexBuilds();
    }
    if (onProgress) this.buildListeners.add(onProgress);
    try {
      await this.indexBuilds;
    } finally {
      if (onProgress) this.buildListeners.delete(onProgress);
    }
  }

  private prepareText(text: string): PreparedQuery {
    const cached = this.prepared.get(text);
    if (cached) return cached;
    const prepared = prepare(parseQuery(text));
    if (this.prepared.size >= PREPARED_CACHE_SIZE) this.prepared.delete(this.prepared.keys().next().value!);
    this.prepared.set(text, prepared);
    return prepared;
  }

  /**
   * Reads the whole database as it is at one commit, for as long as `read`
   * runs (across awaits), while queries of this engine or of other processes
   * go on: `fqlite export`.
   */
  readSnapshot<T>(read: (txn: ReadTxn) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error("The FQLite engine is closed.");
    return this.store.snapshot(read);
  }

  /**
   * One write transaction outside any query, for work on a whole database
   * (`fqlite import`): committed when `write` returns, undone when it throws.
   */
  writeTransaction<T>(write: (txn: WriteTxn) => T): T {
    if (this.closed) throw new Error("The FQLite engine is closed.");
    return this.store.write(write);
  }

  /**
   * Copies the database as it is at one moment into `directory` (which must
   * not exist), while queries — of this engine or of other processes — go on;
   * resolves to the files written. `fqlite restore` puts such a copy in place.
   */
  backup(directory: string): Promise<string[]> {
    if (this.closed) throw new Error("The FQLite engine is closed.");
    return this.store.backup(directory);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.expungeTimer);
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
  const noDatabase = () => new Error("This directory holds no FQLite database.");
  // Checked before opening, which would make the directory and its files.
  if (options.existing && !existsSync(lmdbDataFile(path))) throw noDatabase();
  mkdirSync(path, { recursive: true });
  const store = openLmdbStore(path, { durable: temporaryPath === undefined });
  try {
    if (!initialize(store, !options.existing)) throw noDatabase();
  } catch (error) {
    await store.close();
    throw error;
  }
  const engine = new Engine(store, options.rootSecret ?? DEFAULT_ROOT_SECRET, options.clock ?? Date.now, temporaryPath);
  if (options.expungeIntervalMs !== undefined) engine.expungePeriodically(options.expungeIntervalMs);
  // Builds left unfinished by an earlier process go on.
  void engine.indexesBuilt().catch(() => undefined);
  return engine;
}

/**
 * Refuses a database directory of another format; marks a new one with FQLite's
 * when `create`. False when the directory holds no FQLite database (and stays so).
 */
function initialize(store: Store, create: boolean): boolean {
  return store.write((txn) => {
    const format = txn.get(metaKey("format"));
    if (format) {
      const version = decodeValue(format);
      if (version !== FORMAT_VERSION) throw new Error(`This database directory has FQLite format ${String(version)}; this FQLite reads format ${FORMAT_VERSION}.`);
      return true;
    }
    if (!create) return false;
    txn.put(metaKey("format"), encodeValue(FORMAT_VERSION));
    txn.put(metaKey(`globalId/${ROOT_DATABASE}`), encodeValue(randomGlobalId()));
    return true;
  });
}
