import { spawn, spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { main } from "../../src/cli/main";
import { directoryPerTest } from "../helpers";

const directory = directoryPerTest("fqlite-cli-");

/** Runs the CLI in this process, as `fqlite ARGS…`, with the database in the test's directory. */
async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { stdout: "", stderr: "" };
  stdout.on("data", (chunk) => (chunks.stdout += chunk));
  stderr.on("data", (chunk) => (chunks.stderr += chunk));
  const code = await main(args, { stdout, stderr, stdin: new PassThrough(), env: { FQLITE_DB: join(directory(), "db"), ...env } });
  return { code, ...chunks };
}

describe("fqlite eval", () => {
  test("prints the result and its metrics", async () => {
    const { code, stdout } = await cli(["eval", "Add(1, 2)"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^3\nQuery metrics:\n• {4}bytesIn: {2}13\n• {3}bytesOut: {2}14\n• computeOps: {3}1\n/);
  });

  test("--no-metrics prints the result alone", async () => {
    expect((await cli(["eval", "--no-metrics", `{ a: [1, 2.5, "x"] }`])).stdout).toBe(`{ a: [ 1, 2.5, 'x' ] }\n`);
  });

  test("--format json prints the server's body plus metrics, one line per query", async () => {
    const { stdout } = await cli(["eval", "--format", "json", `Add(1, 2); Time("2021-06-23T21:22:18.607Z")`]);
    const lines = stdout.trimEnd().split("\n").map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ resource: 3, metrics: { bytesIn: 13, bytesOut: 14, computeOps: 1 } });
    expect(lines[1].resource).toEqual({ "@ts": "2021-06-23T21:22:18.607Z" });
  });

  test("a failing query exits non-zero and shows Fauna's error with its place", async () => {
    const shell = await cli(["eval", `Do(1, Abort("stop"))`]);
    expect(shell.code).toBe(1);
    expect(shell.stderr).toMatch(/^Error: transaction aborted: stop at 1:7 \(position \["do",1\]\)\nQuery metrics:/);
    const json = await cli(["eval", "--format", "json", "--no-metrics", `Do(1, Abort("stop"))`]);
    expect(JSON.parse(json.stdout)).toEqual({ errors: [{ position: ["do", 1], code: "transaction aborted", description: "stop", location: { line: 1, column: 7 } }] });
  });

  test("a syntax error says where", async () => {
    const { code, stderr } = await cli(["eval", "Add(1 2)"]);
    expect(code).toBe(1);
    expect(stderr).toBe("Error: invalid expression: Syntax error: Expected ')' but found '2'. at 1:7\n");
  });

  test("--timeout stops a query that runs longer, as the server's default or X-Query-Timeout does; it must be a time", async () => {
    // Twenty thousand lambda applications: far longer than 5 ms, well within the default 120 s.
    const slow = `Count(Map(NGram(Repeat(Repeat("a", 1024), 20), 1, 1), Lambda("x", Concat([Var("x"), "b"]))))`;
    expect((await cli(["eval", "--no-metrics", slow])).stdout).toBe("20480\n");
    const stopped = await cli(["eval", "--no-metrics", "--timeout", "5ms", slow]);
    expect({ code: stopped.code, stderr: stopped.stderr }).toEqual({ code: 1, stderr: "Error: time out: Read timed out (Query eval has timed out.)\n" });
    const refused = await cli(["eval", "--timeout", "0", "1"]);
    expect({ code: refused.code, stderr: refused.stderr }).toEqual({ code: 1, stderr: "error: option '--timeout <time>' argument '0' is invalid. expected a time longer than 0\n" });
  });

  test("--secret other than the root secret is unauthorized", async () => {
    const { code, stderr } = await cli(["eval", "--secret", "nope", "1"]);
    expect(code).toBe(1);
    expect(stderr).toBe("Error: unauthorized: Unauthorized\n");
    expect((await cli(["eval", "--no-metrics", "1"], { FQLITE_SECRET: "mine", FQLITE_ROOT_SECRET: "mine" })).stdout).toBe("1\n");
  });
});

describe("fqlite run", () => {
  test("runs every query of every file in order, each its own transaction, and keeps going after a failure", async () => {
    const file = join(directory(), "queries.fql");
    writeFileSync(file, `CreateCollection({ name: "c" })\nDo(Create(Ref(Collection("c"), "1"), {}), Abort("no"))\nExists(Ref(Collection("c"), "1"))\n`);
    const { code, stdout, stderr } = await cli(["run", "--no-metrics", file]);
    expect(code).toBe(1);
    expect(stdout).toBe(`{\n  ref: Collection("c"),\n  ts: ${stdout.match(/ts: (\d+)/)![1]},\n  history_days: 30,\n  name: 'c'\n}\n\nfalse\n`);
    expect(stderr).toBe(`Error: transaction aborted: no at ${file}:2:43 (position ["do",1])\n`);
  });

  test("a file that does not parse runs nothing", async () => {
    const file = join(directory(), "broken.fql");
    writeFileSync(file, `CreateCollection({ name: "c" })\nAdd(1,\n`);
    const { code, stdout, stderr } = await cli(["run", file]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(`Error: invalid expression: Syntax error: Expected an expression or ')' but found end of input. at ${file}:3:1\n`);
  });
});

describe("fqlite expunge", () => {
  test("removes what has expired and says how much of each", async () => {
    const now = Date.now();
    await cli(["eval", `Do(CreateCollection({ name: "s" }), Create(Ref(Collection("s"), "1"), { ttl: Epoch(${now - 1000}, "milliseconds") }), Create(Tokens(), { instance: Ref(Collection("s"), "1"), ttl: Epoch(${now - 1000}, "milliseconds") }))`]);
    const { code, stdout } = await cli(["expunge"]);
    expect({ code, stdout }).toEqual({ code: 0, stdout: "Expunged 1 tokens, 0 keys, 0 credentials, 1 documents.\n" });
  });
});

describe("fqlite serve", () => {
  test("serves until stopped, one log line per request with --log, never a secret", async () => {
    const bin = join(__dirname, "..", "..", "bin", "fqlite.js");
    const child = spawn(process.execPath, [bin, "serve", "--db", join(directory(), "db"), "--port", "0", "--log"], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    try {
      const url = await new Promise<string>((resolve) => {
        const check = () => {
          const match = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match) resolve(match[1]!);
          else child.stdout.once("data", check);
        };
        check();
      });
      expect(await (await fetch(`${url}/ping`)).json()).toEqual({ resource: "Scope write is OK" });
      // A path FQLite does not serve is logged as such: it could hold anything, a secret sent to the wrong place too.
      expect((await fetch(`${url}/fnAsecret-in-a-path`)).status).toBe(404);
      const answer = await fetch(url, { method: "POST", body: `{"add":[1,2]}`, headers: { authorization: "Bearer secret" } });
      expect(await answer.json()).toEqual({ resource: 3 });
      await new Promise<void>((resolve) => (output.includes('"path":"/","status":200') ? resolve() : child.stdout.on("data", () => output.includes('"path":"/","status":200') && resolve())));
      const lines = output.trim().split("\n").slice(1).map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
        { method: "GET", path: "/ping", status: 200 },
        { method: "GET", path: "(not served)", status: 404 },
        { method: "POST", path: "/", status: 200 },
      ]);
      expect(output).not.toContain("secret");
    } finally {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
  }, 20_000);
});

describe("the fqlite command", () => {
  const bin = join(__dirname, "..", "..", "bin", "fqlite.js");

  test("runs from its bin with JSON output a script can read", () => {
    const result = spawnSync(process.execPath, [bin, "eval", "--format", "json", "--db", join(directory(), "db"), "Add(1, 2)\nConcat(['a', 'b'])"], { encoding: "utf8" });
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line));
    expect(lines.map((line) => line.resource)).toEqual([3, "ab"]);
  });

  test("unknown commands and options are reported with usage", () => {
    const result = spawnSync(process.execPath, [bin, "frobnicate"], { encoding: "utf8" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
  });

  test("repl: multi-line input, a syntax error that does not stop it, another query, .exit", async () => {
    const child = spawn(process.execPath, [bin, "repl", "--no-metrics", "--db", join(directory(), "db")], {
      env: { ...process.env, FQLITE_REPL_HISTORY: "" },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    child.stdin.write("Add(1,\n");
    child.stdin.write("  2)\n");
    child.stdin.write("Add(1 2)\n");
    child.stdin.write(`Concat(["a", "b"], "-")\n`);
    child.stdin.write(".exit\n");
    expect(await exited).toBe(0);
    expect(output).toContain("fqlite> ");
    expect(output).toContain("... ");
    const results = output.split(/fqlite> |\.\.\. /).map((part) => part.trim()).filter((part) => part !== "");
    expect(results).toEqual(["3", "Error: invalid expression: Syntax error: Expected ')' but found '2'. at 1:7", "'a-b'"]);
  });
});

/** The app's client key examples/auth.fql makes, as the README runs examples/auth_login.fql with it. */
const APP_KEY = "fnAAAAAAAAAAAXRoZS1hcHBzLWtleS1zZWNyZXQh";

describe("examples/", () => {
  // Every example runs clean, and again on the same database: each cleans up after itself.
  // auth_login.fql runs as the app, after auth.fql.
  const runs: Record<string, { before?: string; secret?: string }> = { "auth_login.fql": { before: "auth.fql", secret: APP_KEY } };
  test.each(readdirSync("examples").filter((file) => file.endsWith(".fql")))("%s runs without an error, twice", async (file) => {
    const { before, secret } = runs[file] ?? {};
    for (const round of [1, 2]) {
      if (before) expect((await cli(["run", "--no-metrics", join("examples", before)])).code).toBe(0);
      const { code, stderr } = await cli(["run", "--no-metrics", ...(secret ? ["--secret", secret] : []), join("examples", file)]);
      expect({ round, code, stderr }).toEqual({ round, code: 0, stderr: "" });
    }
  });
});
