/**
 * Concurrency, measured: `fqlite serve` (several query worker threads) with
 * many `faunadb` clients incrementing one counter, reading it and logging in,
 * all at once, while a second process (`fqlite run`) increments the same
 * counter on the same database directory. No increment may be lost or counted
 * twice, no client may read older than what it was told was written, and every
 * token a login returned must exist and work right away.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import faunadb, { query as q, type values } from "faunadb";
import { startServer, type RunningServer } from "../../src/server/server";

const root = join(__dirname, "..", "..");
const bin = join(root, "bin", "fqlite.js");

/** Driver clients running at once. */
const CLIENTS = 8;
/** Increments each client makes. */
const INCREMENTS = 25;
/** Logins each client makes among its increments (bcrypt makes logins slow). */
const LOGINS = 2;
/** Increments the second process makes. */
const PROCESS_INCREMENTS = 100;

const counter = q.Ref(q.Collection("counters"), "1");
const user = q.Ref(q.Collection("users"), "1");
/** The counter's new value, as the increment that set it saw it. */
const increment = q.Select(["data", "n"], q.Update(counter, { data: { n: q.Add(q.Select(["data", "n"], q.Get(counter)), 1) } }));
const incrementText = `Select(["data", "n"], Update(Ref(Collection("counters"), "1"), { data: { n: Add(Select(["data", "n"], Get(Ref(Collection("counters"), "1"))), 1) } }))`;

interface Token {
  readonly ref: values.Ref;
  readonly secret: string;
}

interface ClientOutcome {
  /** The values this client's increments set. */
  readonly set: number[];
  readonly tokens: Token[];
  /** What broke the client's own view: a read older than its last write, a token that did not work. */
  readonly anomalies: string[];
}

function newClient(port: number, secret = "secret"): faunadb.Client {
  return new faunadb.Client({ secret, domain: "127.0.0.1", port, scheme: "http" });
}

/** One app: increments, reads after each and now and then logs in and uses the token at once. */
async function runClient(port: number, number: number): Promise<ClientOutcome> {
  const client = newClient(port);
  const outcome: ClientOutcome = { set: [], tokens: [], anomalies: [] };
  let seen = 0;
  try {
    for (let step = 0; step < INCREMENTS; step++) {
      const value = await client.query<number>(increment);
      if (value <= seen) outcome.anomalies.push(`client ${number}: an increment set ${value} after ${seen} was seen`);
      outcome.set.push(value);
      seen = value;
      const read = await client.query<number>(q.Select(["data", "n"], q.Get(counter)));
      if (read < seen) outcome.anomalies.push(`client ${number}: read ${read} after ${seen} was seen`);
      seen = Math.max(seen, read);
      if (step % Math.ceil(INCREMENTS / LOGINS) === number % Math.ceil(INCREMENTS / LOGINS)) {
        const token = await client.query<Token>(q.Login(user, { password: "pw", data: { client: number, step } }));
        outcome.tokens.push(token);
        const signedIn = newClient(port, token.secret);
        try {
          const identity = await signedIn.query<values.Ref>(q.CurrentIdentity());
          if (identity.id !== "1") outcome.anomalies.push(`client ${number}: a new token identifies ${String(identity)}`);
        } catch (error) {
          outcome.anomalies.push(`client ${number}: a new token did not work: ${String(error)}`);
        } finally {
          await signedIn.close();
        }
      }
    }
  } finally {
    await client.close();
  }
  return outcome;
}

/** `fqlite run` on the same directory, incrementing the counter; resolves to the values it set. */
async function runOtherProcess(path: string, file: string, started: () => void): Promise<{ set: number[]; errors: string[]; code: number | null }> {
  const child = spawn(process.execPath, [bin, "run", "--db", path, "--format", "json", "--no-metrics", file], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  const set: number[] = [];
  const errors: string[] = [];
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  lines.on("line", (line) => {
    const answer = JSON.parse(line) as { resource?: number; errors?: unknown };
    if (typeof answer.resource === "number") set.push(answer.resource);
    else errors.push(line);
    if (set.length + errors.length === 1) started();
  });
  const closed = new Promise<void>((resolve) => lines.once("close", () => resolve()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  await closed;
  if (stderr) errors.push(stderr);
  return { set, errors, code };
}

describe("fqlite serve under concurrent clients, with a second process on the same directory", () => {
  let path: string;
  let server: RunningServer;
  beforeAll(async () => {
    path = mkdtempSync(join(tmpdir(), "fqlite-concurrency-"));
    // Several workers: queries run side by side on their own engines, as on a machine with more cores.
    server = await startServer({ path, port: 0, workers: 3 });
    const admin = newClient(server.port);
    try {
      await admin.query(q.Do(q.CreateCollection({ name: "counters" }), q.CreateCollection({ name: "users" })));
      await admin.query(q.Do(q.Create(counter, { data: { n: 0 } }), q.Create(user, { credentials: { password: "pw" } })));
    } finally {
      await admin.close();
    }
  });
  afterAll(async () => {
    await server?.close();
    rmSync(path, { recursive: true, force: true });
  });

  test("no increment is lost or doubled, no client reads the past, every token exists", async () => {
    const file = join(path, "increments.fql");
    writeFileSync(file, `${Array.from({ length: PROCESS_INCREMENTS }, () => incrementText).join("\n")}\n`);
    // The clients start once the other process has made its first increment, so that both run at once.
    let startClients!: () => void;
    const clientsDone = new Promise<ClientOutcome[]>((resolve, reject) => {
      let started = false;
      startClients = () => {
        if (started) return;
        started = true;
        Promise.all(Array.from({ length: CLIENTS }, (_, number) => runClient(server.port, number))).then(resolve, reject);
      };
    });
    const processOutcome = await runOtherProcess(path, file, startClients);
    // Should the other process have failed before its first line, the clients still run, and the counts tell.
    startClients();
    const outcomes = await clientsDone;

    expect({ code: processOutcome.code, errors: processOutcome.errors }).toEqual({ code: 0, errors: [] });
    expect(outcomes.flatMap((outcome) => outcome.anomalies)).toEqual([]);

    const total = CLIENTS * INCREMENTS + PROCESS_INCREMENTS;
    const admin = newClient(server.port);
    try {
      expect(await admin.query(q.Select(["data", "n"], q.Get(counter)))).toBe(total);
      // Every increment set a value of its own: together they are 1 … total, each once.
      const all = [...processOutcome.set, ...outcomes.flatMap((outcome) => outcome.set)].sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: total }, (_, index) => index + 1));
      // The other process's increments ran in among the clients' (its values are not one run).
      const processSet = processOutcome.set;
      expect(processSet[processSet.length - 1]! - processSet[0]!).toBeGreaterThan(processSet.length - 1);

      const tokens = outcomes.flatMap((outcome) => outcome.tokens);
      expect(tokens).toHaveLength(CLIENTS * LOGINS);
      expect(await admin.query(q.Map(tokens.map((token) => token.ref), q.Lambda("ref", q.Exists(q.Var("ref")))))).toEqual(tokens.map(() => true));
      expect(await admin.query(q.Count(q.Documents(q.Tokens())))).toBe(tokens.length);
    } finally {
      await admin.close();
    }
  }, 20_000);
});
