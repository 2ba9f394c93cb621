/**
 * Property tests: random and damaged wire JSON through the engine gives a
 * result or a Fauna-style error, never another exception.
 */
import fc from "fast-check";
import { functionCatalog } from "../../src/catalog/functions";
import { FaunaError } from "../../src/error/FaunaError";
import { parseWireJson, type WireJson } from "../../src/language/wire";
import { withDb } from "../helpers";
import { exampleWire, expectEverythingReadsBack, expectFailureUndoesWrites, loadExamples, mutated, outcome, runs } from "./fuzzing";

const keys = fc.constantFrom(
  ...functionCatalog.flatMap((fn) => [fn.key, ...fn.args.map((arg) => arg.key)]),
  "object", "@obj", "@ref", "@ts", "@date", "@bytes", "@set", "@query", "api_version", "id", "collection", "database", "data",
  "__proto__", "constructor", "prototype", "toString", "",
);

/** JSON shaped like requests: calls with real keys, values, special forms, prototype keys. */
const wireJson: fc.Arbitrary<WireJson> = fc.letrec<{ json: WireJson }>((tie) => ({
  json: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom<WireJson>(null, true, false, "", "x", "collections", "constructor", "2021-06-21T21:22:30Z", "AQID", 0n, -1n, 9223372036854775807n, 1.5, -0),
    fc.bigInt({ min: -(1n << 64n), max: 1n << 64n }),
    fc.double(),
    fc.string({ maxLength: 12 }),
    fc.array(tie("json"), { maxLength: 4 }),
    fc.array(fc.tuple(keys, tie("json")), { maxLength: 3 }).map((entries) => {
      const object: { [key: string]: WireJson } = {};
      for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
      return object;
    }),
  ),
})).json;

test("random wire requests: a result or a Fauna error", async () => {
  await withDb(async (db) => {
    await loadExamples(db);
    await fc.assert(
      fc.asyncProperty(wireJson, async (json) => {
        await outcome(db, json);
      }),
      { numRuns: runs(500) },
    );
  });
});

test("damaged example requests: a result or a Fauna error, and failed writes write nothing", async () => {
  await withDb(async (db) => {
    await loadExamples(db);
    await fc.assert(
      fc.asyncProperty(mutated(exampleWire()), async (text) => {
        let json: WireJson;
        try {
          json = parseWireJson(text);
        } catch (error) {
          // Text that is no JSON is the endpoint's to refuse (see the server's tests); a nesting error is already Fauna's.
          if (error instanceof FaunaError) expect(error.code).toBe("invalid expression");
          return;
        }
        await expectFailureUndoesWrites(db, { do: [{ create: { collection: "fuzz" }, params: { object: { data: { object: { n: 1n } } } } }, json] });
      }),
      { numRuns: runs(400) },
    );
    await expectEverythingReadsBack(db);
  });
});
