/**
 * `npm run bench`: FQLite's rates next to raw LMDB doing the same work, in one
 * run, with the ratios.
 *
 *  1. Get(Ref(…)) through db.query, next to raw LMDB gets of the same stored
 *     documents (as bytes, and decoded as lmdb-js usually returns them).
 *  2. Creating documents in a collection with one index, many in one query
 *     (as FQL text and as wire JSON), next to raw LMDB puts of the same
 *     documents in one transaction: one record a document, and the four
 *     records FQLite keeps for each (document, history, index entry, entry event).
 *  3. Paginate (size 64) from an index of BENCH_ENTRIES (default 1,000,000)
 *     entries, next to a raw 64-row LMDB range over the same entries.
 *  4. Login (bcrypt at Fauna's cost, 5), and a Get authenticated by a token's
 *     secret next to the same Get with the root secret.
 *  5. Queries through the `faunadb` driver (HTTP/2, CONCURRENCY in flight)
 *     against `fqlite serve` on loopback, next to a bare node:http2 server
 *     answering a fixed 200, with p50/p99 latency; and the time from starting
 *     `fqlite serve` to its first answered /ping.
 *
 * BENCH_SECONDS sets how long each rate is measured (default 2); BENCH_ONLY=3,5
 * runs only the sections named.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer as createHttp2Server } from "node:http2";
import { tmpdir } from "node:os";
import { join } from "node:path";
import faunadb, { query as q } from "faunadb";
import { open, type RootDatabase } from "lmdb";
import { Packr } from "msgpackr";
import { openEngine, type Engine } from "../src/engine";
import { packageFile } from "../src/server/package-files";
import { startServer } from "../src/server/server";
import { Ref } from "../src/language/values";
import { parseQuery } from "../src/language/parse";
import { encodeExpr, parseWireJson } from "../src/language/wire";
import { encodeValue as encodeStoredValue, encodeVersion } from "../src/store/codec";
import { idKey } from "../src/store/keys";
import { termsKey, tupleKey } from "../src/store/value-keys";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const GET_DOCUMENTS = 10_000;
const BATCH = 10_000;

type RawDb = RootDatabase<Uint8Array, (string | number)[]>;

interface Figure {
  readonly name: string;
  readonly perSecond: number;
}

/** Runs `step` repeatedly for SECONDS (after a warm-up) and returns operations per second. */
async function measure(name: string, step: (index: number) => unknown): Promise<Figure> {
  const run = async (milliseconds: number) => {
    const end = performance.now() + milliseconds;
    let count = 0;
    while (performance.now() < end) {
      for (let index = 0; index < 100; index++) await step(count + index);
      count += 100;
    }
    return count;
  };
  await run(300);
  const started = performance.now();
  const count = await run(SECONDS * 1000);
  return { name, perSecond: count / ((performance.now() - started) / 1000) };
}

function row(figure: Figure, baseline: Figure, unit = "/s"): string {
  const rate = Math.round(figure.perSecond).toLocaleString("en-US").padStart(12);
  return `  ${figure.name.padEnd(66)} ${rate}${unit}   ratio ${(figure.perSecond / baseline.perSecond).toFixed(3)}`;
}

function print(title: string, baselines: Figure[], figures: Figure[]): void {
  process.stdout.write(`\n${title}\n`);
  for (const baseline of baselines) {
    process.stdout.write(`${row(baseline, baseline)}\n`);
    for (const figure of figures) process.stdout.write(`${row(figure, baseline)}\n`);
  }
}

function pathOf(db: Engine): string {
  return (db as unknown as { temporaryPath: string }).temporaryPath;
}

/** The query that creates users first…first+count-1 (n = their ids). */
function createUsersQuery(first: number, count: number): string {
  const ids = Array.from({ length: count }, (_, index) => first + index);
  return `Foreach([${ids.join(",")}], n => Create(Ref(Collection("users"), n), { data: { n: n, name: "someone", email: "someone@site.example.com" } }))`;
}

/** Creates `count` users, BATCH in one query. */
async function createUsers(db: Engine, first: number, count: number): Promise<void> {
  for (let start = first; start < first + count; start += BATCH) await db.query(createUsersQuery(start, Math.min(BATCH, first + count - start)));
}

/** A temporary database with a users collection and its index on `n`, as terms or as values. */
async function usersIndexedBy(part: "terms" | "values"): Promise<Engine> {
  const db = await openEngine();
  await db.query(`CreateCollection({ name: "users" })`);
  await db.query(`CreateIndex({ name: "users_by_n", source: Collection("users"), ${part}: [{ field: ["data", "n"] }] })`);
  return db;
}

async function getBench(): Promise<void> {
  const db = await openEngine();
  await db.query(`CreateCollection({ name: "users" })`);
  await createUsers(db, 1, GET_DOCUMENTS);
  const raw: RawDb = open({ path: pathOf(db), encoding: "binary", keyEncoding: "ordered-binary" });
  const keys = Array.from({ length: GET_DOCUMENTS }, (_, index) => ["doc", 0, 1024, idKey(BigInt(index + 1))]);
  if (!raw.get(keys[0]!)) throw new Error("the raw baseline does not find the documents");
  const packr = new Packr({ mapsAsObjects: false, int64AsType: "bigint" });
  const texts = Array.from({ length: 100 }, (_, index) => `Get(Ref(Collection("users"), "${index * 97 + 1}"))`);
  const wire = (index: number) => ({ get: { ref: { collection: "users" }, id: String((index % GET_DOCUMENTS) + 1) } });
  const baselines = [
    await measure("raw lmdb get, bytes", (index) => raw.get(keys[index % GET_DOCUMENTS]!)),
    await measure("raw lmdb get, decoded (msgpackr)", (index) => packr.unpack(raw.get(keys[index % GET_DOCUMENTS]!)!)),
  ];
  const figures = [
    await measure("db.query(FQL text) Get(Ref(...)), 100 texts", (index) => db.query(texts[index % texts.length]!)),
    await measure("db.query(wire JSON) Get(Ref(...)), every document", (index) => db.query(wire(index))),
  ];
  print(`1. Get(Ref(...)) over ${GET_DOCUMENTS.toLocaleString("en-US")} documents`, baselines, figures);
  await raw.close();
  await db.close();
}

async function writeBench(): Promise<void> {
  const db = await usersIndexedBy("terms");
  let next = 1;
  const wireTemplate = encodeExpr(parseQuery(createUsersQuery(-1, 1)));
  // One query per 100 steps creates BATCH documents: rates count documents, not steps.
  const perDocument = async (name: string, write: () => unknown): Promise<Figure> => {
    const steps = await measure(name, (index) => (index % 100 === 0 ? write() : undefined));
    return { name, perSecond: (steps.perSecond / 100) * BATCH };
  };
  const figures = [
    await perDocument(`Create, one index, ${BATCH.toLocaleString("en-US")} per query (FQL text)`, async () => {
      await db.query(createUsersQuery(next, BATCH));
      next += BATCH;
    }),
    await perDocument(`Create, one index, ${BATCH.toLocaleString("en-US")} per query (wire JSON)`, async () => {
      // The request body a driver sends, parsed as the server will parse it.
      const ids = Array.from({ length: BATCH }, (_, index) => next + index).join(",");
      await db.query(parseWireJson(wireTemplate.replace("[-1]", `[${ids}]`)));
      next += BATCH;
    }),
  ];
  const raw: RawDb = open({ path: `${pathOf(db)}-raw`, encoding: "binary", keyEncoding: "ordered-binary" });
  const record = encodeVersion({ ts: 1n, fields: new Map([["data", new Map<string, bigint | string>([["n", 1n], ["name", "someone"], ["email", "someone@site.example.com"]])]]) });
  let rawNext = 1;
  const rawPuts = (name: string, put: (id: bigint) => void) =>
    perDocument(name, () =>
      raw.transactionSync(() => {
        for (let offset = 0; offset < BATCH; offset++) put(BigInt(rawNext++));
      }),
    );
  // What FQLite stores for each new document: the document, its first version, its index entry and that entry's "add" event.
  const ref = new Ref("1", Ref.schema("collections", "users"));
  const entry = encodeStoredValue([[], ref, null]);
  const event = encodeStoredValue(["add", [], ref, null]);
  const baselines = [
    await rawPuts(`raw lmdb puts, ${BATCH.toLocaleString("en-US")} per transaction (1 record a document)`, (id) => raw.putSync(["doc", 0, 1024, idKey(id)], record)),
    await rawPuts(`raw lmdb puts, ${BATCH.toLocaleString("en-US")} per transaction (FQLite's 4 records)`, (id) => {
      const sortKey = tupleKey([{ value: new Ref(String(id), ref.collection) }]);
      raw.putSync(["doc", 0, 1024, idKey(id)], record);
      raw.putSync(["hist", 0, 1024, idKey(id), 1], record);
      raw.putSync(["idx", 0, 1025, termsKey([id]), sortKey], entry);
      raw.putSync(["idxh", 0, 1025, termsKey([id]), 1, sortKey], event);
    }),
  ];
  print("2. Writing documents (documents per second)", baselines, figures);
  await raw.close();
  await db.close();
}

async function paginateBench(): Promise<void> {
  const db = await usersIndexedBy("values");
  const started = performance.now();
  await createUsers(db, 1, ENTRIES);
  process.stdout.write(`\n(indexed ${ENTRIES.toLocaleString("en-US")} documents in ${((performance.now() - started) / 1000).toFixed(1)}s)\n`);
  const raw: RawDb = open({ path: pathOf(db), encoding: "binary", keyEncoding: "ordered-binary" });
  const at = (index: number) => ((index * 7919) % (ENTRIES - 100)) + 1;
  const queries = Array.from({ length: 100 }, (_, index) => `Paginate(Match(Index("users_by_n")), { size: 64, after: ${at(index)} })`);
  const figure = await measure("Paginate(Match(Index(...)), { size: 64, after }) (pages)", (index) => db.query(queries[index % queries.length]!));
  // The same 64 entries, read raw: the index's key range from the same place.
  const firstKeys = [...raw.getKeys({ start: ["idx", 0, 1], end: ["idx", 0, 2], limit: ENTRIES })];
  const baseline = await measure("raw lmdb range of 64 index entries (pages)", (index) => {
    let count = 0;
    for (const entry of raw.getRange({ start: firstKeys[at(index % 100)]!, end: ["idx", 0, 2], limit: 64 })) count += entry.value.length;
    return count;
  });
  print(`3. A page of 64 from an index of ${ENTRIES.toLocaleString("en-US")} entries (time per page: the inverse ratio)`, [baseline], [figure]);
  process.stdout.write(`  time per page: FQLite ${(1e6 / figure.perSecond).toFixed(1)}µs, raw ${(1e6 / baseline.perSecond).toFixed(1)}µs, ${(baseline.perSecond / figure.perSecond).toFixed(2)}× as long\n`);
  await raw.close();
  await db.close();
}

async function authBench(): Promise<void> {
  const db = await openEngine();
  await db.query(`CreateCollection({ name: "users" })`);
  await db.query(`Create(Ref(Collection("users"), "1"), { credentials: { password: "correct horse" }, data: { name: "Ada" } })`);
  await db.query(`CreateRole({ name: "user", membership: [{ resource: Collection("users") }], privileges: [{ resource: Collection("users"), actions: { read: true } }] })`);
  const login = `Login(Ref(Collection("users"), "1"), { password: "correct horse" })`;
  const token = (await db.query(`Select("secret", ${login})`)).value as string;
  const get = `Get(Ref(Collection("users"), "1"))`;
  const baseline = await measure("db.query Get(Ref(...)) with the root secret", () => db.query(get, { secret: "secret" }));
  const figures = [
    await measure("db.query Get(Ref(...)) with a token's secret (its role read)", () => db.query(get, { secret: token })),
    await measure("db.query Login(ref, { password }) (bcrypt cost 5, a new token each)", () => db.query(login)),
  ];
  print("4. Authentication", [baseline], figures);
  await db.close();
}

const CONCURRENCY = 16;

interface Latencies {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

/** Runs `query` with CONCURRENCY in flight for SECONDS: rate and latency percentiles (ms). */
async function driverRun(query: () => Promise<unknown>): Promise<Latencies> {
  const run = async (milliseconds: number) => {
    const end = performance.now() + milliseconds;
    const latencies: number[] = [];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < end) {
          const started = performance.now();
          await query();
          latencies.push(performance.now() - started);
        }
      }),
    );
    return latencies;
  };
  await run(300);
  const started = performance.now();
  const latencies = (await run(SECONDS * 1000)).sort((a, b) => a - b);
  const at = (share: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))]!;
  return { perSecond: latencies.length / ((performance.now() - started) / 1000), p50: at(0.5), p99: at(0.99) };
}

function latencyRow(name: string, figure: Latencies, baseline: Latencies): string {
  const rate = Math.round(figure.perSecond).toLocaleString("en-US").padStart(9);
  return `  ${name.padEnd(52)} ${rate}/s   p50 ${figure.p50.toFixed(2)} ms   p99 ${figure.p99.toFixed(2)} ms   ratio ${(figure.perSecond / baseline.perSecond).toFixed(3)}`;
}

/** Milliseconds from starting `fqlite serve` (a new process) to its first answered /ping. */
async function serveStartToPing(): Promise<number> {
  const directory = mkdtempSync(join(tmpdir(), "fqlite-bench-serve-"));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const started = performance.now();
  const child = spawn(process.execPath, [packageFile("bin/fqlite.js"), "serve", "--db", directory, "--port", String(port)], { stdio: "ignore" });
  try {
    for (;;) {
      const answered = await fetch(`http://127.0.0.1:${port}/ping`).then((response) => response.ok, () => false);
      if (answered) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  } finally {
    child.kill();
    await new Promise((resolve) => child.once("exit", resolve));
    rmSync(directory, { recursive: true, force: true });
  }
}

async function serverBench(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), "fqlite-bench-server-"));
  const server = await startServer({ path: directory, port: 0 });
  const bare = createHttp2Server((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(200, { "content-type": "application/json;charset=utf-8" });
      response.end(`{"resource":3}`);
    });
  });
  await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));
  const barePort = (bare.address() as { port: number }).port;
  const fqlite = new faunadb.Client({ secret: "secret", domain: "127.0.0.1", port: server.port, scheme: "http" });
  const baseline = new faunadb.Client({ secret: "secret", domain: "127.0.0.1", port: barePort, scheme: "http" });
  await fqlite.query(q.CreateCollection({ name: "users" }));
  await fqlite.query(q.Create(q.Ref(q.Collection("users"), "1"), { data: { name: "Ada" } }));
  const bareFigure = await driverRun(() => baseline.query(q.Add(1, 2)));
  const add = await driverRun(() => fqlite.query(q.Add(1, 2)));
  const get = await driverRun(() => fqlite.query(q.Get(q.Ref(q.Collection("users"), "1"))));
  process.stdout.write(`\n5. Through the faunadb driver (HTTP/2, ${CONCURRENCY} in flight)\n`);
  process.stdout.write(`${latencyRow("bare node:http2 server, a fixed 200", bareFigure, bareFigure)}\n`);
  process.stdout.write(`${latencyRow("fqlite serve: Add(1, 2)", add, bareFigure)}\n`);
  process.stdout.write(`${latencyRow("fqlite serve: Get(Ref(...))", get, bareFigure)}\n`);
  await fqlite.close();
  await baseline.close();
  await server.close();
  await new Promise<void>((resolve) => bare.close(() => resolve()));
  rmSync(directory, { recursive: true, force: true });
  const starts = [];
  for (let round = 0; round < 5; round++) starts.push(await serveStartToPing());
  starts.sort((a, b) => a - b);
  process.stdout.write(`  fqlite serve, start to first answered /ping: median ${starts[2]!.toFixed(0)} ms (of 5: ${starts.map((ms) => ms.toFixed(0)).join(", ")})\n`);
}

async function main(): Promise<void> {
  // BENCH_ONLY=3,5 runs only those sections.
  const only = process.env.BENCH_ONLY?.split(",").map(Number);
  const sections = [getBench, writeBench, paginateBench, authBench, serverBench];
  for (const [index, section] of sections.entries()) if (!only || only.includes(index + 1)) await section();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
