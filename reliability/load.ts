/**
 * `npm run load`: `fqlite serve` under load, measured. For a bounded time,
 * N `faunadb` clients (HTTP/2) each increment one counter document, read it
 * back and now and then log in, all at once, while a second process
 * (`fqlite run`) increments the same counter on the same database directory.
 *
 * Prints one line: queries, queries/s, p50 and p99 latency, errors, and
 * whether the counter ended at exactly the increments acknowledged (with
 * `--json`, those figures as one JSON object); the exit status is 1 when
 * there were errors or it did not.
 *
 *   npm run load [-- --clients N] [-- --seconds S] [-- --workers W] [-- --process-increments K] [-- --json]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { Command } from "commander";
import { positiveInteger } from "./options";
import faunadb, { query as q } from "faunadb";
import { startServer } from "../src/server/server";

/** One step in this many also logs in (bcrypt makes logins slow). */
const LOGIN_EVERY = 20;

const counter = q.Ref(q.Collection("counters"), "1");
const user = q.Ref(q.Collection("users"), "1");
const increment = q.Select(["data", "n"], q.Update(counter, { data: { n: q.Add(q.Select(["data", "n"], q.Get(counter)), 1) } }));
const read = q.Select(["data", "n"], q.Get(counter));
const incrementText = `Select(["data", "n"], Update(Ref(Collection("counters"), "1"), { data: { n: Add(Select(["data", "n"], Get(Ref(Collection("counters"), "1"))), 1) } }))`;

interface Tally {
  latencies: number[];
  increments: number;
  errors: number;
}

/** One client's loop until `deadline`: increment, read, and every LOGIN_EVERY steps a login. */
async function runClient(port: number, deadline: number, tally: Tally): Promise<void> {
  const client = new faunadb.Client({ secret: "secret", domain: "127.0.0.1", port, scheme: "http" });
  const timed = async (query: faunadb.ExprArg): Promise<boolean> => {
    const started = performance.now();
    try {
      await client.query(query);
      tally.latencies.push(performance.now() - started);
      return true;
    } catch (error) {
      tally.errors += 1;
      if (tally.errors <= 5) console.error(String(error));
      return false;
    }
  };
  try {
    for (let step = 1; performance.now() < deadline; step++) {
      if (await timed(increment)) tally.increments += 1;
      await timed(read);
      if (step % LOGIN_EVERY === 0) await timed(q.Login(user, { password: "pw" }));
    }
  } finally {
    await client.close();
  }
}

/** `fqlite run` with `count` increments on the same directory; resolves to how many it acknowledged, and its exit code. */
async function runOtherProcess(path: string, count: number): Promise<{ acknowledged: number; failed: number; code: number | null }> {
  const file = join(path, "increments.fql");
  writeFileSync(file, `${Array.from({ length: count }, () => incrementText).join("\n")}\n`);
  const bin = join(__dirname, "..", "..", "bin", "fqlite.js");
  const child = spawn(process.execPath, [bin, "run", "--db", path, "--format", "json", "--no-metrics", file], { stdio: ["ignore", "pipe", "inherit"] });
  let acknowledged = 0;
  let failed = 0;
  const lines = createInterface({ input: child.stdout });
  lines.on("line", (line) => ((JSON.parse(line) as { resource?: unknown }).resource === undefined ? (failed += 1) : (acknowledged += 1)));
  const closed = new Promise<void>((resolve) => lines.once("close", () => resolve()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  await closed;
  return { acknowledged, failed, code };
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

async function main(): Promise<void> {
  const options = new Command("load")
    .option("--clients <n>", "driver clients running at once", positiveInteger, 8)
    .option("--seconds <s>", "how long the clients run", positiveInteger, 10)
    .option("--workers <n>", "query worker threads of the server (default: the server's own choice)", positiveInteger)
    .option("--process-increments <k>", "increments of the second process (fqlite run)", positiveInteger, 500)
    .option("--json", "print the figures as JSON")
    .parse()
    .opts<{ clients: number; seconds: number; workers?: number; processIncrements: number; json?: boolean }>();

  const path = mkdtempSync(join(tmpdir(), "fqlite-load-"));
  try {
    const server = await startServer({ path, port: 0, ...(options.workers ? { workers: options.workers } : {}) });
    try {
      const admin = new faunadb.Client({ secret: "secret", domain: "127.0.0.1", port: server.port, scheme: "http" });
      try {
        await admin.query(q.Do(q.CreateCollection({ name: "counters" }), q.CreateCollection({ name: "users" })));
        await admin.query(q.Do(q.Create(counter, { data: { n: 0 } }), q.Create(user, { credentials: { password: "pw" } })));

        const tally: Tally = { latencies: [], increments: 0, errors: 0 };
        const started = performance.now();
        const deadline = started + options.seconds * 1000;
        const [other] = await Promise.all([
          runOtherProcess(path, options.processIncrements),
          ...Array.from({ length: options.clients }, () => runClient(server.port, deadline, tally)),
        ]);
        const elapsed = (performance.now() - started) / 1000;

        const final = Number(await admin.query(read));
        const expected = tally.increments + other.acknowledged;
        const errors = tally.errors + other.failed + (other.code === 0 ? 0 : 1);
        const sorted = [...tally.latencies].sort((a, b) => a - b);
        const matched = final === expected;
        const figures = {
          clients: options.clients,
          seconds: Number(elapsed.toFixed(1)),
          queries: sorted.length,
          queriesPerSecond: Math.round(sorted.length / elapsed),
          p50Ms: Number(percentile(sorted, 0.5).toFixed(1)),
          p99Ms: Number(percentile(sorted, 0.99).toFixed(1)),
          errors,
          counter: final,
          fromClients: tally.increments,
          fromProcess: other.acknowledged,
          matched,
        };
        console.log(
          options.json
            ? JSON.stringify(figures)
            : `clients ${figures.clients}, seconds ${figures.seconds}, queries ${figures.queries}, queries/s ${figures.queriesPerSecond}, ` +
                `p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, errors ${errors}, ` +
                `counter ${final} (expected ${expected}: ${tally.increments} from clients, ${other.acknowledged} from the second process) ${matched ? "matched" : "DID NOT MATCH"}`,
        );
        if (errors > 0 || !matched) process.exitCode = 1;
      } finally {
        await admin.close();
      }
    } finally {
      await server.close();
    }
  } finally {
    rmSync(path, { recursive: true, force: true });
  }
}

void main();
