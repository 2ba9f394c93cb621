/**
 * `npm run torture`: crash safety, measured. A writer process runs write
 * queries against a database directory and reports each one as soon as its
 * query returned (acknowledged); it is killed with SIGKILL at a random moment,
 * over and over. After every kill the database is opened again and checked:
 *
 *  - every acknowledged query is there in full: its document, the document's
 *    index entry, the counter it set and, for the queries that logged in, the
 *    token (with its own index entry);
 *  - no query is there in part: the counter, the documents and the tokens of
 *    all the queries that committed (acknowledged or not) agree exactly.
 *
 * Prints `rounds, acknowledged, lost, half-applied, corrupt opens` (or, with
 * `--json`, those figures as one JSON object); the last three must be 0 (the
 * exit status is 1 otherwise).
 *
 *   npm run torture [-- --rounds N] [-- --max-delay MS] [-- --json]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Command } from "commander";
import { positiveInteger } from "./options";
import { openEngine, type Engine } from "../src/engine";

/** One query in this many also logs in, making a token (bcrypt makes logins slow). */
const LOGIN_EVERY = 4;

interface Acknowledgement {
  readonly seq: number;
  readonly itemId: string;
  readonly tokenId: string | null;
}

// ---------------------------------------------------------------------------
// The writer

/** The write query numbered `seq`: one item, the counter set to `seq`, and now and then a login. */
function writeQuery(seq: number): string {
  const login = seq % LOGIN_EVERY === 0 ? `Select(["ref", "id"], Login(Ref(Collection("users"), "1"), { password: "pw", data: { seq: ${seq} } }))` : "null";
  return `Let({
    item: Create(Collection("items"), { data: { seq: ${seq} } }),
    counter: Update(Ref(Collection("counters"), "1"), { data: { count: ${seq} } }),
    token: ${login},
  }, [Select(["ref", "id"], Var("item")), Var("token")])`;
}

/** Writes until killed, printing `seq itemId tokenId` once each query has returned. */
async function runWriter(path: string): Promise<void> {
  const db = await openEngine({ path });
  let seq = Number((await db.query(readCounter)).value);
  for (;;) {
    seq += 1;
    const [itemId, tokenId] = (await db.query(writeQuery(seq))).value as [string, string | null];
    process.stdout.write(`${seq} ${itemId} ${tokenId ?? "-"}\n`);
  }
}

// ---------------------------------------------------------------------------
// The checks

async function createSchema(path: string): Promise<void> {
  const db = await openEngine({ path });
  try {
    await db.query(`Do(
      CreateCollection({ name: "items" }),
      CreateCollection({ name: "counters" }),
      CreateCollection({ name: "users" }),
      CreateIndex({ name: "items_by_seq", source: Collection("items"), terms: [{ field: ["data", "seq"] }] }),
      CreateIndex({ name: "all_items", source: Collection("items"), values: [{ field: ["data", "seq"] }] }),
      CreateIndex({ name: "token_seqs", source: Tokens(), values: [{ field: ["data", "seq"] }] }),
    )`);
    await db.query(`Do(
      Create(Ref(Collection("counters"), "1"), { data: { count: 0 } }),
      Create(Ref(Collection("users"), "1"), { credentials: { password: "pw" } }),
    )`);
  } finally {
    await db.close();
  }
}

interface Findings {
  /** Acknowledged queries missing in whole or in part. */
  readonly lost: number;
  /** What shows a query applied in part: counter, items and tokens disagreeing. */
  readonly partial: string[];
}

const readCounter = `Select(["data", "count"], Get(Ref(Collection("counters"), "1")))`;

async function isComplete(db: Engine, { seq, itemId, tokenId }: Acknowledgement): Promise<boolean> {
  const item = (await db.query(`Select(["data", "seq"], Get(Ref(Collection("items"), "${itemId}")), null)`)).value;
  const byIndex = (await db.query(`Select("data", Paginate(Match(Index("items_by_seq"), ${seq})))`)).value as { id: string }[];
  if (item !== BigInt(seq) || byIndex.length !== 1 || byIndex[0]!.id !== itemId) return false;
  if (tokenId === null) return true;
  const token = (await db.query(`If(Exists(Ref(Tokens(), "${tokenId}")), Select(["data", "seq"], Get(Ref(Tokens(), "${tokenId}"))), null)`)).value;
  return token === BigInt(seq);
}

/** The database after a kill, against what the writer acknowledged. */
async function check(db: Engine, acknowledged: readonly Acknowledgement[]): Promise<Findings> {
  const partial: string[] = [];
  const count = Number((await db.query(readCounter)).value);
  // The queries that committed are 1..count: each made its item, and the multiples of LOGIN_EVERY their token.
  const committed = Array.from({ length: count }, (_, index) => BigInt(index + 1));
  const page = async (index: string) => ((await db.query(`Select("data", Paginate(Match(Index("${index}")), { size: 100000 }))`)).value as bigint[]).join();
  if ((await page("all_items")) !== committed.join()) partial.push(`the items do not match the counter (${count})`);
  if ((await page("token_seqs")) !== committed.filter((seq) => seq % BigInt(LOGIN_EVERY) === 0n).join()) partial.push(`the tokens do not match the counter (${count})`);
  let lost = 0;
  for (const acknowledgement of acknowledged) {
    if (acknowledgement.seq > count || !(await isComplete(db, acknowledgement))) lost += 1;
  }
  return { lost, partial };
}

// ---------------------------------------------------------------------------
// The rounds

/** Starts a writer, kills it after `delayMs`, and returns what it acknowledged. */
async function killedWriter(path: string, delayMs: number): Promise<Acknowledgement[]> {
  const child = spawn(process.execPath, [process.argv[1]!, "--writer", path], { stdio: ["ignore", "pipe", "inherit"] });
  const acknowledged: Acknowledgement[] = [];
  const lines = createInterface({ input: child.stdout });
  lines.on("line", (line) => {
    const [seq, itemId, tokenId] = line.split(" ");
    acknowledged.push({ seq: Number(seq), itemId: itemId!, tokenId: tokenId === "-" ? null : tokenId! });
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const linesDone = new Promise<void>((resolve) => lines.once("close", () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  child.kill("SIGKILL");
  await Promise.all([exited, linesDone]);
  return acknowledged;
}

interface Totals {
  rounds: number;
  acknowledged: number;
  lost: number;
  partial: number;
  corruptOpens: number;
}

async function torture(rounds: number, maxDelayMs: number): Promise<Totals> {
  const path = mkdtempSync(join(tmpdir(), "fqlite-torture-"));
  const totals: Totals = { rounds: 0, acknowledged: 0, lost: 0, partial: 0, corruptOpens: 0 };
  try {
    await createSchema(path);
    for (let round = 1; round <= rounds; round++) {
      // Some kills land while the writer is still starting and opening the database.
      const acknowledged = await killedWriter(path, Math.random() * maxDelayMs);
      totals.rounds = round;
      totals.acknowledged += acknowledged.length;
      let db: Engine;
      try {
        db = await openEngine({ path });
      } catch (error) {
        totals.corruptOpens += 1;
        console.error(`round ${round}: the database did not open: ${String(error)}`);
        break;
      }
      try {
        const { lost, partial } = await check(db, acknowledged);
        totals.lost += lost;
        if (lost > 0) console.error(`round ${round}: ${lost} acknowledged queries lost`);
        if (partial.length > 0) {
          totals.partial += 1;
          console.error(`round ${round}: ${partial.join("; ")}`);
        }
      } catch (error) {
        totals.corruptOpens += 1;
        console.error(`round ${round}: the database could not be read: ${String(error)}`);
      } finally {
        await db.close();
      }
      if (round % 25 === 0) console.error(`… ${round} rounds, ${totals.acknowledged} acknowledged`);
    }
  } finally {
    rmSync(path, { recursive: true, force: true });
  }
  return totals;
}

async function main(): Promise<void> {
  const options = new Command("torture")
    .option("--rounds <n>", "kills to survive", positiveInteger, 200)
    .option("--max-delay <ms>", "the longest a writer runs before it is killed", positiveInteger, 1000)
    .option("--writer <path>", "run as the writer process on this database (used by the rounds)")
    .option("--json", "print the figures as JSON")
    .parse()
    .opts<{ rounds: number; maxDelay: number; writer?: string; json?: boolean }>();
  if (options.writer) return runWriter(options.writer);
  const totals = await torture(options.rounds, options.maxDelay);
  console.log(
    options.json
      ? JSON.stringify(totals)
      : `rounds ${totals.rounds}, acknowledged ${totals.acknowledged}, lost ${totals.lost}, half-applied ${totals.partial}, corrupt opens ${totals.corruptOpens}`,
  );
  if (totals.lost + totals.partial + totals.corruptOpens > 0 || totals.rounds < options.rounds) process.exitCode = 1;
}

void main();
