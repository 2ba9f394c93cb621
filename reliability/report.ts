/**
 * `npm run reliability`: FQLite's long reliability checks, run in one go, and
 * `docs/reliability.md` written from what they measured — what was tried, how
 * many times, how many failed. The checks:
 *
 *  - crash safety: `npm run torture` (a writer killed with SIGKILL, round after round);
 *  - hostile input: the property tests of test/hardening at a larger scale
 *    (FUZZ_SCALE), and the nesting and size limits;
 *  - security: the role and secret matrix of test/security;
 *  - concurrency: `npm run load` (driver clients and a second process on one
 *    directory) and the concurrency test;
 *  - backup, restore, export and import: their tests.
 *
 * The exit status is 1 when anything was lost, half-applied, corrupt,
 * crashed or leaked, or a check failed.
 *
 *   npm run reliability [-- --rounds N] [-- --fuzz-scale S] [-- --load-seconds S] [-- --out FILE]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { Command } from "commander";
import { positiveInteger } from "./options";
import { MAX_TRANSACTION_BYTES, MAX_VERSION_BYTES } from "../src/error/catalog";
import { MAX_LAMBDA_DEPTH, MAX_VALUE_NESTING } from "../src/evaluation/execute";
import { MAX_CALL_DEPTH } from "../src/evaluation/functions/basic";
import { MAX_PAGE_SIZE } from "../src/evaluation/functions/read";
import { MAX_TEXT_NESTING } from "../src/language/parse";
import { MAX_REQUEST_NESTING } from "../src/language/wire";
import { DEFAULT_QUERY_TIMEOUT_MS } from "../src/engine";
import { MAX_QUERY_TIMEOUT_MS, MAX_REQUEST_BYTES } from "../src/server/requests";

const ROOT = join(__dirname, "..", "..");

interface TortureFigures {
  rounds: number;
  acknowledged: number;
  lost: number;
  partial: number;
  corruptOpens: number;
}

interface LoadFigures {
  clients: number;
  seconds: number;
  queries: number;
  queriesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  counter: number;
  fromClients: number;
  fromProcess: number;
  matched: boolean;
}

/** What a run of test files came to. */
interface TestFigures {
  files: number;
  tests: number;
  failed: string[];
}

/** Runs `command`, its stderr passed through; resolves to its stdout and exit code. */
function run(command: string[], env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.once("error", reject);
    child.once("close", (code) => resolve({ stdout, code }));
  });
}

/** One of the reliability scripts, with `--json`: the figures it printed. */
async function runScript<Figures>(script: string, args: string[]): Promise<Figures> {
  const { stdout } = await run([process.execPath, "scripts/bundle.js", script, ...args, "--json"]);
  const line = stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as Figures;
  } catch {
    throw new Error(`${script} printed no figures: ${JSON.stringify(stdout.slice(-500))}`);
  }
}

/** Runs test files with jest (its own report goes to stderr), its results kept in `scratch`. */
async function runTests(scratch: string, paths: string[], env: NodeJS.ProcessEnv = {}): Promise<TestFigures> {
  const outputFile = join(scratch, `jest-${paths.join("-").replace(/\W+/g, "_")}.json`);
  await run([process.execPath, "node_modules/jest/bin/jest.js", "--json", `--outputFile=${outputFile}`, ...paths], env);
  const result = JSON.parse(readFileSync(outputFile, "utf8")) as {
    numTotalTests: number;
    testResults: { name: string; status: string; message: string; assertionResults: { fullName: string; status: string }[] }[];
  };
  const failed = result.testResults.flatMap((file) => {
    const tests = file.assertionResults.filter((test) => test.status === "failed").map((test) => `${relative(ROOT, file.name)}: ${test.fullName}`);
    // A file that failed to run at all has no failed tests to name.
    return tests.length === 0 && file.status === "failed" ? [`${relative(ROOT, file.name)}: ${file.message.split("\n")[0]}`] : tests;
  });
  return { files: result.testResults.length, tests: result.numTotalTests, failed };
}

const count = (n: number) => n.toLocaleString("en-US");
const mib = (bytes: number) => `${bytes / 1024 / 1024} MiB`;

const counted = (n: number, noun: string) => `${count(n)} ${noun}${n === 1 ? "" : "s"}`;

function testRow(what: string, figures: TestFigures): string {
  return `| ${what} | ${counted(figures.tests, "test")} in ${counted(figures.files, "file")} | ${figures.failed.length} |`;
}

function failures(figures: TestFigures[]): string {
  const failed = figures.flatMap((figure) => figure.failed);
  return failed.length === 0 ? "" : `\n**Failed:**\n\n${failed.map((name) => `- ${name}`).join("\n")}\n`;
}

async function main(): Promise<void> {
  const options = new Command("reliability")
    .option("--rounds <n>", "torture rounds (kills)", positiveInteger, 200)
    .option("--fuzz-scale <s>", "how many times more inputs the property tests try than in npm test", positiveInteger, 10)
    .option("--load-seconds <s>", "how long the load runs", positiveInteger, 10)
    .option("--out <file>", "the report to write", join(ROOT, "docs", "reliability.md"))
    .parse()
    .opts<{ rounds: number; fuzzScale: number; loadSeconds: number; out: string }>();
  const scratch = mkdtempSync(join(tmpdir(), "fqlite-reliability-"));
  const started = Date.now();
  try {
    const tallyFile = join(scratch, "fuzz-tally");
    writeFileSync(tallyFile, "");
    const torture = await runScript<TortureFigures>("reliability/torture.ts", ["--rounds", String(options.rounds)]);
    const hostile = await runTests(scratch, ["test/hardening"], { FUZZ_SCALE: String(options.fuzzScale), FUZZ_TALLY: tallyFile });
    const inputs = readFileSync(tallyFile, "utf8").split("\n").filter(Boolean).map(Number).reduce((sum, n) => sum + n, 0);
    const security = await runTests(scratch, ["test/security"]);
    const load = await runScript<LoadFigures>("reliability/load.ts", ["--seconds", String(options.loadSeconds)]);
    const concurrency = await runTests(scratch, ["test/reliability/concurrency.test.ts"]);
    const copies = await runTests(scratch, ["test/cli/backup.test.ts", "test/transfer"]);

    const lost = torture.lost + (load.matched ? 0 : Math.abs(load.counter - load.fromClients - load.fromProcess));
    const corrupt = torture.corruptOpens + torture.partial;
    const crashes = hostile.failed.length + load.errors + concurrency.failed.length;
    const leaked = security.failed.length;
    const allFailed = [hostile, security, concurrency, copies].flatMap((figures) => figures.failed).length;
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    const commit = (await run(["git", "rev-parse", "--short", "HEAD"])).stdout.trim() || "unknown";

    const report = `# FQLite reliability report

Written by \`npm run reliability\` (${minutes} minutes) at commit \`${commit}\` on ${new Date(started).toISOString().slice(0, 10)},
Node ${process.version}, ${cpus().length} cores. Run it again to check these figures on your machine.

| lost | corrupt or half-applied | crashes | secrets leaked | failed checks |
|---|---|---|---|---|
| **${lost}** | **${corrupt}** | **${crashes}** | **${leaked}** | **${allFailed}** |

## Crash safety (\`npm run torture -- --rounds ${options.rounds}\`)

A writer process runs acknowledged write queries — each creates an indexed document, sets a counter and,
one in four, logs in (a token and its index entry) — and is killed with SIGKILL at a random moment, then
the database is opened and checked: every acknowledged query in full, and the counter, the documents and
the tokens of every committed query agreeing exactly. Commits are flushed to disk (fsync) before a
query returns.

| rounds (kills) | acknowledged queries | lost | half-applied | corrupt opens |
|---|---|---|---|---|
| ${count(torture.rounds)} | ${count(torture.acknowledged)} | ${torture.lost} | ${torture.partial} | ${torture.corruptOpens} |

## Hostile input (test/hardening, FUZZ_SCALE=${options.fuzzScale})

fast-check generates damaged and random FQL text, damaged and random wire JSON, calls of every
function of the catalog with arguments of every type, and requests to \`fqlite serve\` (bodies,
methods, paths, headers); each must give a result or a Fauna-style error (a 4xx with code,
description and position), never another exception, a 500 or a crash; a failed write must leave
nothing behind, and everything written must read back (any storable value exactly as written).
Deep nesting (10,000 levels), huge values, unusual text and the size limits are checked alongside.

| what | tried | failed |
|---|---|---|
| generated inputs (all properties) | ${count(inputs)} | ${hostile.failed.length === 0 ? 0 : "see below"} |
${testRow("hostile-input and limit tests", hostile)}
${failures([hostile])}
The limits, each refused with a clean error:

| limit | value |
|---|---|
| request body | ${mib(MAX_REQUEST_BYTES)} (413 \`request too large\`) |
| document version | ${mib(MAX_VERSION_BYTES)} (400 \`bad request\`) |
| transaction | ${mib(MAX_TRANSACTION_BYTES)} written (400 \`bad request\`) |
| page size | ${count(MAX_PAGE_SIZE)} (larger sizes are clamped, as in Fauna) |
| request JSON nesting | ${MAX_REQUEST_NESTING} levels |
| query text nesting | ${MAX_TEXT_NESTING} levels |
| value nesting | ${MAX_VALUE_NESTING} levels |
| lambdas / user functions one inside another | ${MAX_LAMBDA_DEPTH} / ${MAX_CALL_DEPTH} |
| query time | ${DEFAULT_QUERY_TIMEOUT_MS / 1000} s by default (server and command line), \`X-Query-Timeout\` up to ${MAX_QUERY_TIMEOUT_MS / 1000} s, \`--timeout\` |

## Security (test/security)

Every built-in key role, tokens, user-defined roles and scoped secrets against reads, writes, schema,
keys, child databases, history and functions; secrets and passwords searched for in responses, errors,
server logs and the data files; the same work for Login and Identify whether or not an identity exists;
revoked, expired and deleted secrets refused on the next query; scoped secrets kept in their database;
the server listening on loopback by default.

| what | tried | failed |
|---|---|---|
${testRow("security matrix", security)}
${failures([security])}
## Concurrency and load (\`npm run load -- --seconds ${options.loadSeconds}\`)

${load.clients} \`faunadb\` clients over HTTP/2 increment one counter, read it back and log in, while a
second process (\`fqlite run\`) increments the same counter on the same directory.

| queries | queries/s | p50 | p99 | errors | counter | expected |
|---|---|---|---|---|---|---|
| ${count(load.queries)} | ${count(load.queriesPerSecond)} | ${load.p50Ms} ms | ${load.p99Ms} ms | ${load.errors} | ${count(load.counter)} | ${count(load.fromClients + load.fromProcess)} (${count(load.fromClients)} + ${count(load.fromProcess)}) |

| what | tried | failed |
|---|---|---|
${testRow("concurrency test (no lost increment, no stale read)", concurrency)}
${failures([concurrency])}
## Backup, restore, export and import

| what | tried | failed |
|---|---|---|
${testRow("backup, restore, export and import tests", copies)}
${failures([copies])}`;
    writeFileSync(options.out, report);
    console.log(`lost ${lost}, corrupt ${corrupt}, crashes ${crashes}, secrets leaked ${leaked}, failed checks ${allFailed}: ${relative(process.cwd(), options.out)}`);
    if (lost + corrupt + crashes + leaked + allFailed > 0) process.exitCode = 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

void main();
