/**
 * `startServer`: FQLite behind Fauna's v4 HTTP endpoint, on loopback by
 * default, for the `faunadb` driver, curl and fetch alike.
 */
import { availableParallelism } from "node:os";
import { DEFAULT_ROOT_SECRET, openEngine, type Engine, type EngineOptions } from "../engine";
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
  /** Default 127.0.0.1: the server is reachable from this machine only unless asked otherwise (and then only with a root secret of its own). */
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

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Whether the engine's root secret is the well-known default. */
function hasDefaultRootSecret(engine: Engine): boolean {
  try {
    engine.checkSecret(DEFAULT_ROOT_SECRET);
    return true;
  } catch {
    return false;
  }
}

/**
 * Anyone who can reach a server whose root secret is the default one is its
 * admin: beyond this machine, a server starts only with a root secret of
 * its own (as databases with a default password stay on loopback).
 */
function refusal(host: string): string {
  return `Refusing to listen on ${host} with the default root secret "${DEFAULT_ROOT_SECRET}": anyone who can reach it would be admin. Choose a root secret (--root-secret or FQLITE_ROOT_SECRET).`;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopback(host) && (options.engine ? hasDefaultRootSecret(options.engine) : (options.rootSecret ?? DEFAULT_ROOT_SECRET) === DEFAULT_ROOT_SECRET)) throw new Error(refusal(host));
  const engine = options.engine ?? (await openEngine(options));
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
