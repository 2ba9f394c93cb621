import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { faunaDocPage, functionCatalog } from "../../src/catalog/functions";
import { functionsMarkdown } from "../../src/catalog/functions-doc";
import { implementationOf } from "../../src/evaluation/execute";

const root = join(__dirname, "..", "..");

/** Every test file but this one, as text. */
function testSources(): string {
  return readdirSync(join(root, "test"), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && entry.name !== "catalog.test.ts")
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), "utf8"))
    .join("\n");
}

describe("the function catalog", () => {
  test("docs/functions.md is made from it (npm run docs)", () => {
    expect(readFileSync(join(root, "docs", "functions.md"), "utf8")).toBe(functionsMarkdown());
  });

  test("every function FQLite runs is called in some test", () => {
    const sources = testSources();
    const untested = functionCatalog.filter((spec) => (spec.literal || implementationOf(spec)) && !new RegExp(`\\b${spec.name}\\(`).test(sources)).map((spec) => spec.name);
    expect(untested).toEqual([]);
  });

  test("every function FQLite runs has a test citing Fauna's page for it", () => {
    const sources = testSources();
    const uncited = functionCatalog
      .filter((spec) => !spec.literal && !spec.aliasOf && implementationOf(spec) && !sources.includes(`${faunaDocPage(spec)}\n`))
      .map((spec) => spec.name);
    expect(uncited).toEqual([]);
  });
});
