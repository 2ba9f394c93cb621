/**
 * docs/reliability.md is what `npm run reliability` wrote (it is too long a
 * run for `npm test`): the report is there, complete, and shows nothing lost,
 * corrupt, crashed or leaked, and no failed check.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const report = readFileSync(join(__dirname, "..", "..", "docs", "reliability.md"), "utf8");

test("the committed reliability report shows 0 lost, corrupt, crashed, leaked and failed", () => {
  expect(report).toMatch(/^# FQLite reliability report\n\nWritten by `npm run reliability`/);
  expect(report).toContain("| lost | corrupt or half-applied | crashes | secrets leaked | failed checks |\n|---|---|---|---|---|\n| **0** | **0** | **0** | **0** | **0** |\n");
  for (const section of ["## Crash safety", "## Hostile input", "## Security", "## Concurrency and load", "## Backup, restore, export and import"]) expect(report).toContain(section);
  expect(report).not.toContain("**Failed:**");
});
