/**
 * Where the server's queries run. In process, on the server's own engine
 * (what tests and embedders want: nothing to start), or on a pool of worker
 * threads, each with its own engine on the same database directory: LMDB
 * lets readers run side by side and writers take turns, and the main thread
 * stays free, so a slow query never holds up `/ping` or another reader.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Engine, EngineOptions } from "../engine";
import { Errors } from "../error/catalog";
import { FaunaError, queryError } from "../error/FaunaError";
import type { Changes, DocumentChange, EntryChange } from "../evaluation/changes";
import { parseWireJson, type WireJson } from "../language/wire";
import type { QueryMetrics } from "../metrics/metrics";
import { decodeValue, encodeValue, type StoredVersion } from "../store/codec";
import type { ObjectValue, Ref, Value } from "../language/values";
import { packageFile } from "./package-files";

/** A query as the endpoint received it. */
export interface QueryRequest {
  /** The request body (or `q` parameter); undefined when there was none. */
  readonly text: string | undefined;
  readonly secret: string;
  readonly timeoutMs: number;
  /** Where writes are refused ("get requests"). */
  readonly readOnlyIn?: string;
}

/** How the query went, ready to send. */
export interface QueryAnswer {
  readonly status: number;
  readonly body: string;
  readonly metrics?: QueryMetrics;
  readonly txnTime?: bigint;
}

export interface QueryBackend {
  run(request: QueryRequest): Promise<QueryAnswer>;
  /** Whether anyone follows changes (streams): workers then report what their writes change. */
  follow(following: boolean): void;
  close(): Promise<void>;
}

/** Runs one request's query on an engine: Fauna's answer, error or not. */
export async function answerQuery(engine: Engine, request: QueryRequest): Promise<QueryAnswer> {
  try {
    if (request.text === undefined || request.text === "") throw queryError(Errors.noQuery, undefined);
    let json: WireJson;
    try {
      json = parseWireJson(request.text);
    } catch (error) {
      // Too deeply nested JSON has its own error; anything else unreadable is not JSON.
      throw error instanceof FaunaError ? error : queryError(Errors.invalidJson, undefined);
    }
    const result = await engine.query(json, { secret: request.secret, timeoutMs: request.timeoutMs, readOnlyIn: request.readOnlyIn });
    return { status: result.created ? 201 : 200, body: result.response, metrics: result.metrics, txnTime: result.txnTime };
  } catch (error) {
    if (!(error instanceof FaunaError)) throw error;
    return { status: error.status, body: JSON.stringify(error), metrics: error.metrics, txnTime: error.txnTime };
  }
}

export function inProcessBackend(engine: Engine): QueryBackend {
  return { run: (request) => answerQuery(engine, request), follow: () => undefined, close: async () => undefined };
}

/**
 * Jobs a worker is given before it has answered the last: one waiting behind
 * the one running, so that it never idles between jobs. More would queue fast
 * queries behind a slow one.
 */
const JOBS_PER_WORKER = 4;

/** Messages between the server and its workers. Values cross as FQLite's own storage encoding. */
interface Job {
  readonly id: number;
  readonly request: QueryRequest;
}

type WorkerMessage = { readonly id: number; readonly answer: Omit<QueryAnswer, "txnTime"> & { readonly txnTime?: string } } | { readonly changes: Uint8Array };

type VersionTuple = [bigint, ObjectValue, boolean] | null;

function versionTuple(version: StoredVersion | undefined): VersionTuple {
  return version ? [version.ts, version.fields, version.deleted ?? false] : null;
}

function versionOf(tuple: VersionTuple): StoredVersion | undefined {
  return tuple ? { ts: tuple[0], fields: tuple[1], deleted: tuple[2] || undefined } : undefined;
}

/** What a worker's commit changed, as bytes for the server thread (tuples of values in FQLite's storage encoding). */
export function encodeChanges(changes: Changes): Uint8Array {
  const documents = changes.documents.map((change) => [change.db, change.collection, change.key, change.ref, change.ts, change.action, change.historyRewrite, versionTuple(change.before), versionTuple(change.after)]);
  const entries = changes.entries.map((entry) => [entry.db, entry.index, entry.indexRef, entry.termsKey, [...entry.terms], [...entry.values], entry.ref, entry.ts, entry.action]);
  return encodeValue([documents, entries] as unknown as Value);
}

export function decodeChanges(bytes: Uint8Array): Changes {
  const [documents, entries] = decodeValue(bytes) as unknown as [unknown[][], unknown[][]];
  return {
    documents: documents.map(([db, collection, key, ref, ts, action, historyRewrite, before, after]) => ({
      db: db as number,
      collection: collection as number,
      key: key as string,
      ref: ref as Ref,
      ts: ts as bigint,
      action: action as DocumentChange["action"],
      historyRewrite: historyRewrite as boolean,
      before: versionOf(before as VersionTuple),
      after: versionOf(after as VersionTuple),
    })),
    entries: entries.map(([db, index, indexRef, termsKey, terms, values, ref, ts, action]) => ({
      db: db as number,
      index: index as number,
      indexRef: indexRef as Ref,
      termsKey: termsKey as string,
      terms: terms as Value[],
      values: values as Value[],
      ref: ref as Ref,
      ts: ts as bigint,
      action: action as EntryChange["action"],
    })),
  };
}

/**
 * A pool of worker threads, each running queries on its own engine over the
 * database at `options.path`. Queries wait for a free worker; what a worker
 * commits is told to `onChanges` (for streams).
 */
export function workerBackend(options: EngineOptions & { readonly path: string }, onChanges: (changes: Changes) => void, size = availableParallelism()): QueryBackend {
  const queue: { job: Job; resolve: (answer: QueryAnswer) => void; reject: (error: Error) => void }[] = [];
  const running = new Map<number, { worker: Worker; resolve: (answer: QueryAnswer) => void; reject: (error: Error) => void }>();
  /** Jobs each ready worker has been given and not answered. */
  const load = new Map<Worker, number>();
  /** Workers that failed: they have stopped and take no more jobs. */
  const failed = new Set<Worker>();
  const exited = new Set<Worker>();
  const poolSize = Math.max(1, size);
  let nextId = 1;
  let closed = false;

  const dispatch = () => {
    while (queue.length > 0) {
      let lightest: Worker | undefined;
      for (const [worker, jobs] of load) if (jobs < JOBS_PER_WORKER && (lightest === undefined || jobs < load.get(lightest)!)) lightest = worker;
      if (!lightest) return;
      const { job, resolve, reject } = queue.shift()!;
      running.set(job.id, { worker: lightest, resolve, reject });
      load.set(lightest, load.get(lightest)! + 1);
      lightest.postMessage(job);
    }
  };

  const workers = Array.from({ length: poolSize }, () => {
    const worker = new Worker(packageFile("scripts/bundle.js"), { workerData: { fqliteQueryWorker: { path: options.path, rootSecret: options.rootSecret } } });
    worker.on("message", (message: WorkerMessage) => {
      if ("changes" in message) {
        onChanges(decodeChanges(message.changes));
        return;
      }
      const job = running.get(message.id);
      if (!job) return;
      running.delete(message.id);
      const { txnTime, ...answer } = message.answer;
      job.resolve({ ...answer, txnTime: txnTime === undefined ? undefined : BigInt(txnTime) });
      if (load.has(worker)) load.set(worker, load.get(worker)! - 1);
      dispatch();
    });
    worker.on("error", (error) => {
      // A worker that failed has stopped: it fails what it was running, takes no more jobs, and the others carry on.
      failed.add(worker);
      load.delete(worker);
      if (failed.size === poolSize) for (const waiting of queue.splice(0)) waiting.reject(error);
      for (const [id, job] of running) {
        if (job.worker !== worker) continue;
        running.delete(id);
        job.reject(error);
      }
    });
    worker.once("exit", () => exited.add(worker));
    worker.once("online", () => {
      if (failed.has(worker)) return;
      load.set(worker, 0);
      dispatch();
    });
    return worker;
  });

  return {
    run: (request) =>
      new Promise((resolve, reject) => {
        if (closed) return reject(new Error("The FQLite server is closed."));
        if (failed.size === poolSize) return reject(new Error("The FQLite server's query workers have stopped."));
        queue.push({ job: { id: nextId++, request }, resolve, reject });
        dispatch();
      }),
    follow: (following) => {
      for (const worker of workers) worker.postMessage({ follow: following });
    },
    close: async () => {
      closed = true;
      // Each worker closes its engine (its transactions done) and exits; one that does not is stopped.
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (exited.has(worker)) return resolve();
              const stop = setTimeout(() => void worker.terminate(), 5000);
              worker.once("exit", () => {
                clearTimeout(stop);
                resolve();
              });
              worker.postMessage({ close: true });
            }),
        ),
      );
    },
  };
}
