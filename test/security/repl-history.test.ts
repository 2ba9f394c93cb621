/**
 * The REPL keeps a history file of what was typed: a plain-text log on disk.
 * A line that may hold a password or a secret never goes into it, as
 * database shells keep such lines out of theirs.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { startRepl } from "../../src/cli/repl";
import type { CliIo } from "../../src/cli/main";
import { directoryPerTest, secretOf, withDb } from "../helpers";

const directory = directoryPerTest("fqlite-repl-history-");

/** The history file once it holds `last`: it is written as lines come, after each one. */
async function historyEndingWith(file: string, last: string): Promise<string[]> {
  for (;;) {
    const text = await readFile(file, "utf8").catch(() => "");
    if (text.startsWith(last)) return text.split("\n").reverse();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

test("lines with a password or a secret are kept out of the REPL's history file", async () => {
  await withDb(async (db) => {
    const key = await secretOf(db, `CreateKey({ role: "server" })`);
    const file = join(directory(), "history");
    const stdin = new PassThrough();
    // An interactive terminal: only then is there a history.
    const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
    stdout.resume();
    const io = { stdin, stdout, stderr: stdout, env: { FQLITE_REPL_HISTORY: file } } as unknown as CliIo;
    const exited = startRepl(db, { format: "shell", metrics: false }, io);
    const typed = [
      `CreateCollection({ name: "users" })`,
      `Create(Ref(Collection("users"), "1"), { credentials: { password: "typed-password-1" } })`,
      `Login(Ref(Collection("users"), "1"), {`,
      `  Password: "typed-password-1" })`,
      `KeyFromSecret("${key}")`,
      `Select("secret", CreateKey({ role: "client" }))`,
      `Add(1, 2)`,
      `.exit`,
    ];
    for (const line of typed) stdin.write(`${line}\r`);
    await exited;
    expect(await historyEndingWith(file, ".exit")).toEqual([`CreateCollection({ name: "users" })`, `Login(Ref(Collection("users"), "1"), {`, `Add(1, 2)`, `.exit`]);
  });
});
