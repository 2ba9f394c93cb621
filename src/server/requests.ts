/**
 * Fauna's v4 endpoint: `POST /` (and `GET /?q=`, read-only) runs the
 * wire-JSON query as the secret of the Authorization header, `GET /ping`
 * says the server is up, `POST /stream` follows a document or a set.
 * Answers carry Fauna's bodies, statuses and headers, so that the `faunadb`
 * driver works unchanged. The checks run in Fauna's order: header values,
 * then unknown paths, then the secret, then the method, then the body.
 */
import { randomBytes } from "node:crypto";
import { DEFAULT_QUERY_TIMEOUT_MS, type Engine } from "../engine";
import type { QueryBackend } from "./backend";
import { Errors } from "../error/catalog";
import { FaunaError, queryError } from "../error/FaunaError";
import type { QueryMetrics } from "../metrics/metrics";
import type { Request, RequestHandler, Response } from "./listener";
import { metricsHeaders } from "./headers";
import { openStream, type StreamHub } from "./streams";

/** The largest request body taken, as Fauna's endpoint limited it (8 MiB). */
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

/** The longest time limit an `X-Query-Timeout` may ask for (ms). */
export const MAX_QUERY_TIMEOUT_MS = 600_000;

const API_VERSIONS = ["2.0", "2.1", "2.7", "2.12", "3", "4", "5", "UNSTABLE"];

export interface ServerContext {
  /** The server's own engine: secrets, streams. */
  readonly engine: Engine;
  /** Where queries run. */
  readonly queries: QueryBackend;
  readonly streams: StreamHub;
  /** Where one line per request goes, when requests are logged. */
  readonly log?: (line: string) => void;
  /** What `x-faunadb-build` says. */
  readonly build: string;
}

const JSON_TYPE = "application/json;charset=utf-8";

/** The secret of an `Authorization: Bearer <secret>` or `Basic base64(<secret>:)` header. */
export function secretOf(header: string | undefined): string | undefined {
  const match = /^(Basic|Bearer)\s+(\S+)\s*$/.exec(header ?? "");
  if (!match) return undefined;
  if (match[1] === "Bearer") return match[2];
  // Fauna took `base64(secret:)`, also with a stray ":" after the base64, as one old driver sent it.
  const encoded = match[2]!.replace(/:$/, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded)) return undefined;
  const decoded = Buffer.from(encoded, "base64").toString("utf8").replace(/:$/, "").trim();
  return decoded === "" ? undefined : decoded;
}

/** What one request's answer says besides its body. */
interface Answer {
  status: number;
  body: string;
  headers: Record<string, string>;
  /** The metrics to report in headers and the log line, when the request ran a query (or could have). */
  metrics?: QueryMetrics;
  txnTime?: bigint;
}

function errorAnswer(error: FaunaError, extra: Partial<Answer> = {}): Answer {
  const headers: Record<string, string> = {};
  if (error.status === 401) headers["www-authenticate"] = 'Basic realm="Unauthorized"';
  return { status: error.status, body: JSON.stringify(error), headers, metrics: error.metrics, txnTime: error.txnTime, ...extra };
}

/** Metrics of a request that ran no query: one compute op, as Fauna reported. */
function idleMetrics(bytesIn: number, bytesOut: number, queryTime: number): QueryMetrics {
  return { bytesIn, bytesOut, computeOps: 1, readOps: 0, writeOps: 0, readBytes: 0, writeBytes: 0, queryTime, retries: 0 };
}

/** Reads request bodies, refusing bytes that are not UTF-8 (rather than replacing them). */
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The body of a request, up to `limit` bytes; undefined when it is longer. */
function readBody(request: Request, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

interface HeaderOptions {
  readonly timeoutMs: number;
  readonly lastSeenTxn?: bigint;
  readonly tags?: string;
}

/** The request headers Fauna read, checked as Fauna checked them; a bad one is a 400 before anything else. */
function headerOptions(request: Request): HeaderOptions {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const bad = (name: string, message: string) => queryError(Errors.badHeader, undefined, name, message);
  const version = header("x-faunadb-api-version");
  if (version !== undefined && !API_VERSIONS.includes(version)) throw bad("x-faunadb-api-version", `Unsupported or invalid API version '${version}'.`);
  const lastSeen = header("x-last-seen-txn");
  if (lastSeen !== undefined && !/^-?\d+$/.test(lastSeen)) throw bad("x-last-seen-txn", `Invalid timestamp '${lastSeen}'.`);
  let timeoutMs = DEFAULT_QUERY_TIMEOUT_MS;
  const timeout = header("x-query-timeout");
  if (timeout !== undefined) {
    if (!/^-?\d+$/.test(timeout)) throw bad("x-query-timeout", `Invalid number '${timeout}'.`);
    timeoutMs = Number(timeout);
    if (timeoutMs <= 0) throw bad("x-query-timeout", "Must be greater than 0.");
    if (timeoutMs > MAX_QUERY_TIMEOUT_MS) throw bad("x-query-timeout", `Must be less than or equal to ${MAX_QUERY_TIMEOUT_MS}.`);
  }
  const tags = header("x-fauna-tags");
  if (tags) checkTags(tags, bad);
  return { timeoutMs, lastSeenTxn: lastSeen === undefined ? undefined : BigInt(lastSeen), tags: tags || undefined };
}

/** `x-fauna-tags: key=value,key=value`: at most 25 pairs of word characters, keys up to 40, values up to 80, keys once. */
function checkTags(tags: string, bad: (name: string, message: string) => FaunaError): void {
  const fail = (message: string) => bad("x-fauna-tags", message);
  if (tags.length > 3000) throw fail("header is too long");
  if (!/^\w+=\w+(,\w+=\w+)*$/.test(tags)) throw fail("invalid tags");
  const pairs = tags.split(",").map((pair) => pair.split("=") as [string, string]);
  if (pairs.length > 25) throw fail("too many tags");
  if (pairs.some(([key]) => key.length > 40)) throw fail("invalid key");
  if (pairs.some(([, value]) => value.length > 80)) throw fail("invalid value");
  if (new Set(pairs.map(([key]) => key)).size < pairs.length) throw fail("duplicate key");
}

/** Runs the query a request carries, as the given secret, and answers as Fauna did. */
async function runQuery(context: ServerContext, text: string | undefined, secret: string, options: HeaderOptions, readOnlyIn: string | undefined): Promise<Answer> {
  const answer = await context.queries.run({ text, secret, timeoutMs: options.timeoutMs, readOnlyIn });
  const headers: Record<string, string> = answer.status === 401 ? { "www-authenticate": 'Basic realm="Unauthorized"' } : {};
  return { ...answer, headers };
}

/** GET /ping: whether the server takes queries, for the scope asked about (no secret needed). */
function ping(url: URL): Answer {
  const scope = url.searchParams.get("scope") ?? "write";
  const name = scope === "write" || scope === "global" ? "write" : scope === "read" || scope === "local" ? "read" : scope === "all" ? "all" : "node";
  return { status: 200, body: JSON.stringify({ resource: `Scope ${name} is OK` }), headers: {} };
}

function methodNotAllowed(methods: string): Answer {
  return { ...errorAnswer(queryError(Errors.methodNotAllowed, undefined, methods)), headers: { allow: methods } };
}

const ROUTES: Record<string, { methods: string }> = {
  "/": { methods: "GET, POST" },
  "/linearized": { methods: "POST" },
  "/stream": { methods: "POST" },
};

/** Decides a request's answer; a stream answers itself and gives back nothing. */
async function answer(context: ServerContext, request: Request, response: Response, url: URL, common: Record<string, string>): Promise<Answer | undefined> {
  let options: HeaderOptions;
  try {
    options = headerOptions(request);
  } catch (error) {
    if (error instanceof FaunaError) return errorAnswer(error);
    throw error;
  }
  // Valid tags go back with the answer, as Fauna echoed them.
  if (options.tags) common["x-fauna-tags"] = options.tags;
  const path = url.pathname === "" ? "/" : url.pathname;
  if (path === "/ping") return request.method === "GET" || request.method === "HEAD" ? ping(url) : methodNotAllowed("GET");
  const route = ROUTES[path];
  if (!route) return errorAnswer(queryError(Errors.notFound, undefined));
  const secret = secretOf(request.headers.authorization);
  if (secret === undefined) return errorAnswer(queryError(Errors.unauthorized, undefined));
  if (!route.methods.split(", ").includes(request.method ?? "")) {
    try {
      context.engine.checkSecret(secret);
    } catch (error) {
      if (error instanceof FaunaError) return errorAnswer(error);
      throw error;
    }
    return methodNotAllowed(route.methods);
  }
  if (request.method === "GET") return runQuery(context, url.searchParams.get("q") ?? undefined, secret, options, "get requests");
  const body = await readBody(request, MAX_REQUEST_BYTES);
  if (body === undefined) return errorAnswer(queryError(Errors.requestTooLarge, undefined));
  let text: string | undefined;
  try {
    text = body.length === 0 ? undefined : utf8.decode(body);
  } catch {
    // As Fauna's JSON reader did, bytes that are not UTF-8 are not JSON.
    return errorAnswer(queryError(Errors.invalidJson, undefined));
  }
  if (path === "/stream") {
    const refused = await openStream(context.engine, context.streams, request, response, { text, secret, fields: url.searchParams.get("fields") }, common);
    return refused && errorAnswer(refused);
  }
  return runQuery(context, text, secret, options, undefined);
}

/**
 * The URL a request names. A target such as `//[` is no URL relative to the
 * server, but it is still a path (one that names nothing): it must not throw.
 */
function requestUrl(target: string | undefined): URL {
  try {
    return new URL(target ?? "/", "http://localhost");
  } catch {
    try {
      return new URL(`http://localhost/${(target ?? "").replace(/^\/*/, "")}`);
    } catch {
      return new URL("http://localhost/.invalid");
    }
  }
}

/** One trace id per request, in a W3C `traceparent` (kept from the request's, when it sent a valid one). */
function traceparent(request: Request): string {
  const given = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/.exec(String(request.headers.traceparent ?? ""));
  return `00-${given?.[1] ?? randomBytes(16).toString("hex")}-${randomBytes(8).toString("hex")}-00`;
}

export function requestHandler(context: ServerContext): RequestHandler {
  return (request, response) => {
    const started = performance.now();
    const url = requestUrl(request.url);
    const origin = request.headers.origin;
    const common: Record<string, string> = { "x-faunadb-build": context.build, traceparent: traceparent(request) };
    if (request.method === "OPTIONS" && origin) {
      // A browser's preflight: allowed from anywhere, as Fauna's endpoint allowed it.
      response.writeHead(200, {
        ...common,
        "access-control-allow-origin": origin,
        "access-control-allow-credentials": "true",
        "access-control-max-age": "86400",
        "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE",
        "access-control-allow-headers": "accept-encoding, authorization, content-type, x-faunadb-api-version, x-fauna-tags, x-last-seen-txn, x-query-timeout, traceparent",
        "content-length": "0",
      });
      response.end();
      return;
    }
    const send = (result: Answer) => {
      const elapsed = Math.round(performance.now() - started);
      const headers: Record<string, string> = { "content-type": JSON_TYPE, ...result.headers };
      // Metrics go with every answer but a refused secret and a failure of FQLite itself.
      if (result.status !== 401 && result.status !== 500) Object.assign(headers, metricsHeaders(result.metrics ?? idleMetrics(0, Buffer.byteLength(result.body), elapsed)));
      headers["x-txn-time"] = String(result.txnTime ?? BigInt(Date.now()) * 1000n);
      if (origin) {
        headers["access-control-allow-origin"] = origin;
        headers["access-control-allow-credentials"] = "true";
        headers["access-control-expose-headers"] = Object.keys(headers).filter((name) => name.startsWith("x-")).sort().join(", ");
      }
      headers["content-length"] = String(request.method === "HEAD" ? 0 : Buffer.byteLength(result.body));
      response.writeHead(result.status, { ...headers, ...common });
      if (request.method === "HEAD") response.end();
      else response.end(result.body);
      context.log?.(logLine(request, url, result.status, elapsed, result.metrics));
    };
    answer(context, request, response, url, common).then(
      (result) => {
        if (result) send(result);
      },
      (error: unknown) => {
        // Whatever went wrong is FQLite's fault: say so, without taking the server down.
        const failure = queryError(Errors.internal, undefined, error instanceof Error ? error.message : String(error));
        if (!response.headersSent) send(errorAnswer(failure));
        else response.destroy();
      },
    );
  };
}

/**
 * One JSON line per request: what was asked, how it went, what it cost; never
 * a secret or a query. A path FQLite does not serve is not written out: it is
 * the client's text, and could hold anything (a secret sent to the wrong place).
 */
function logLine(request: Request, url: URL, status: number, ms: number, metrics: QueryMetrics | undefined): string {
  const path = url.pathname === "" ? "/" : url.pathname;
  return JSON.stringify({
    time: new Date().toISOString(),
    method: request.method,
    path: path === "/ping" || ROUTES[path] ? path : "(not served)",
    status,
    ms,
    ...(metrics ? { computeOps: metrics.computeOps, readOps: metrics.readOps, writeOps: metrics.writeOps, bytesIn: metrics.bytesIn, bytesOut: metrics.bytesOut } : {}),
  });
}
