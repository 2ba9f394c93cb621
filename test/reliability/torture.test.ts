import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

const root = join(__dirname, "..", "..");

// A few rounds of `npm run torture`, which runs hundreds.
test("a writer killed at random moments loses no acknowledged query and leaves none half-applied", async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [join(root, "scripts", "bundle.js"), "reliability/torture.ts", "--rounds", "10", "--max-delay", "600", "--json"], {
    cwd: root,
  });
  const { acknowledged, ...figures } = JSON.parse(stdout) as Record<string, number>;
  expect(figures).toEqual({ rounds: 10, lost: 0, partial: 0, corruptOpens: 0 });
  expect(acknowledged).toBeGreaterThan(0);
}, 60_000);
