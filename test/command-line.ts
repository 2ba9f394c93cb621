/** The `fqlite` command run in the test's own process, and what a command leaves in a directory. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { main } from "../src/cli/main";

/** Runs the `fqlite` command in this process: its exit code and what it printed. */
export async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { stdout: "", stderr: "" };
  stdout.on("data", (chunk) => (chunks.stdout += chunk));
  stderr.on("data", (chunk) => (chunks.stderr += chunk));
  const code = await main(args, { stdout, stderr, stdin: new PassThrough(), env: {} });
  return { code, ...chunks };
}

/** A directory's entries with their contents, to show that a refused command changed nothing. */
export function directoryContents(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const file = join(dir, name);
    entries[name] = statSync(file).isDirectory() ? "dir" : readFileSync(file).toString("base64");
  }
  return entries;
}
