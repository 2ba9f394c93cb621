/**
 * `startServer`: FQLite behind Fauna's v4 HTTP endpoint, on loopback by
 * default, for the `faunadb` driver, curl and fetch alike.
 */
import { availableParallelism } from "node:os";
import { openEngine, type Engine, type EngineOptions } from "../engine";
import { inProcessBackend, workerBackend, type QueryBackend } from "./backend";
import { listen } from "./listener";
import { requestHandler } from "./requests";
import { StreamHub } from "./streams";

/** What `x-faunadb-build` says: FQLite and its version. */
const BUILD = "fqlite-0.1.0";

export interface ServerOptions extends EngineOptions {
  /**
   * Worker threads that run queries, each with its own engine on `path`, so
   * that a slow query holds up nothing else (default: one fewer than the
   * machine's cores, at least one). 0 (the default with an `engine` or
   * without a `path`) runs queries on the server's own engine.
   */
  readonly workers?: number;
  /** A running engine to serve; without one, the server opens `path` (or a temporary database) and closes it when it stops. */
  readonly engine?: Engine;
  /** Default 127.0.0.1: the server is reachable from this machine only unless asked otherwise. */
  readonly host?: string;
  /** Default 8443, Fauna's port; 0 takes any free port. */
  readonly port?: number;
  /** Receives one JSON line per request (method, path, status, time): never a secret. */
  readonly log?: (line: string) => void;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly engine: Engine;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const engine = options.engine ?? (await openEngine(options));
  const host = options.host ?? "127.0.0.1";
  // A core is left for the server's own thread, which speaks HTTP.
  const workers = options.engine || options.path === undefined ? 0 : (options.workers ?? Math.max(1, availableParallelism() - 1));
  let queries: QueryBackend | undefined;
  const streams = new StreamHub(engine, (following) => queries?.follow(following));
  queries = workers > 0 ? workerBackend({ ...options, path: options.path! }, (changes) => streams.dispatch(changes), workers) : inProcessBackend(engine);
  const stopListening = engine.onCommit((changes) => streams.dispatch(changes));
  const stop = async () => {
    streams.close();
    stopListening();
    await queries.close();
    if (!options.engine) await engine.close();
  };
  const listener = await listen(requestHandler({ engine, queries, streams, log: options.log, build: BUILD }), host, options.port ?? 8443).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${listener.port}`,
    port: listener.port,
    engine,
    close: async () => {
      await listener.close();
      await stop();
    },
  };
}
