import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSyntaxDiagramsCode } from "chevrotain";
import { FqlParser } from "../grammar/parser";
import * as library from "../src/index";

const root = join(__dirname, "..");

describe("the fqlite package", () => {
  test("require('fqlite') exports the library, named one by one so that ES imports see them", () => {
    const entry = readFileSync(join(root, "index.js"), "utf8");
    const named = [...entry.matchAll(/^exports\.(\w+) = /gm)].map((match) => match[1]).sort();
    const runtime = Object.entries(library)
      .filter(([, exported]) => exported !== undefined)
      .map(([name]) => name)
      .sort();
    expect(named).toEqual(runtime);
  });

  test("works from plain JavaScript, with require and with import", () => {
    const script = `const { openEngine } = require(${JSON.stringify(root)});
      openEngine().then(async (db) => { const { value } = await db.query("Add(1, 2)"); console.log(String(value)); await db.close(); });`;
    expect(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })).toBe("3\n");
    const module = `import { openEngine, printValue } from ${JSON.stringify(join(root, "index.js"))};
      const db = await openEngine(); console.log(printValue((await db.query("[1, 2.0]")).value)); await db.close();`;
    expect(execFileSync(process.execPath, ["--input-type=module", "-e", module], { encoding: "utf8" })).toBe("[ 1, 2.0 ]\n");
  });

  test("fqlite/testing gives the test server helper", () => {
    const script = `console.log(typeof require(${JSON.stringify(join(root, "testing.js"))}).fqliteTestServer)`;
    expect(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })).toBe("function\n");
  });

  test("the command keeps V8's code cache of the bundle beside it; a damaged cache only costs time", () => {
    const db = mkdtempSync(join(tmpdir(), "fqlite-code-cache-"));
    const cache = join(root, "dist", "fqlite.js.cache");
    const addOneAndTwo = () => execFileSync(process.execPath, [join(root, "bin", "fqlite.js"), "eval", "--no-metrics", "--db", db, "Add(1, 2)"], { encoding: "utf8" });
    try {
      expect(addOneAndTwo()).toBe("3\n");
      expect(existsSync(cache)).toBe(true);
      writeFileSync(cache, "not a code cache");
      expect(addOneAndTwo()).toBe("3\n");
      // The damaged cache was replaced by a good one as the command exited.
      expect(readFileSync(cache).length).toBeGreaterThan(100_000);
    } finally {
      rmSync(db, { recursive: true, force: true });
    }
  });

  test("grammar/fql.html is the diagram of the current grammar (npm run diagram)", () => {
    expect(readFileSync(join(root, "grammar", "fql.html"), "utf8")).toBe(createSyntaxDiagramsCode(new FqlParser(true).getSerializedGastProductions()));
  });
});
