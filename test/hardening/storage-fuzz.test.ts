/**
 * Property test: any value FQL can hold, written as a document's data (and
 * into an index's entries), reads back exactly as the write showed it:
 * through storage and its codec.
 */
import fc from "fast-check";
import type { Value } from "../../src/language/values";
import { encodeValue, JsonDouble, type WireJson } from "../../src/language/wire";
import { wire, withDb } from "../helpers";
import { expectFaunaError, runs } from "./fuzzing";

const DAY_MS = 86_400_000;
const collection = { "@ref": { id: "notes", collection: { "@ref": { id: "collections" } } } };

/** Values as wire JSON: every type a document can store, nested. */
const storable: fc.Arbitrary<WireJson> = fc.letrec<{ value: WireJson }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom<WireJson>(null, true, false, "", 0n, -0, new JsonDouble(1), 9223372036854775807n, -9223372036854775808n),
    // Times as far as Fauna took them, and where nanoseconds outgrow 64 bits.
    fc.constantFrom<WireJson>(
      { "@ts": "-1000000000-01-01T00:00:00Z" },
      { "@ts": "+1000000000-12-31T23:59:59.999999999Z" },
      { "@ts": "1677-09-21T00:12:43.145224191Z" },
      { "@ts": "2262-04-11T23:47:16.854775808Z" },
    ),
    fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ maxLength: 12, unit: "grapheme" }),
    fc.string({ maxLength: 8, unit: "binary" }),
    fc.integer({ min: -1000 * 365 * DAY_MS, max: 1000 * 365 * DAY_MS }).map((ms) => ({ "@ts": new Date(ms).toISOString() })),
    fc.integer({ min: -100 * 365, max: 100 * 365 }).map((days) => ({ "@date": new Date(days * DAY_MS).toISOString().slice(0, 10) })),
    fc.uint8Array({ maxLength: 8 }).map((bytes) => ({ "@bytes": Buffer.from(bytes).toString("base64") })),
    fc.constantFrom<WireJson>(
      collection,
      { "@ref": { id: "1", collection } },
      { "@ref": { id: "collections" } },
      { "@ref": { id: "2", collection: { "@ref": { id: "things", collection: { "@ref": { id: "collections" } }, database: { "@ref": { id: "child", collection: { "@ref": { id: "databases" } } } } } } } },
      { "@ref": { id: "child", collection: { "@ref": { id: "databases" } } } },
    ),
    fc.constantFrom<WireJson>({ "@query": { lambda: "x", expr: { add: [{ var: "x" }, 1n] } } }, { "@set": { match: { "@ref": { id: "notes_by_tag", collection: { "@ref": { id: "indexes" } } } }, terms: "a" } }),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.array(fc.tuple(fc.string({ maxLength: 6 }), tie("value")), { maxLength: 3 }).map((entries) => ({ "@obj": Object.fromEntries(entries) })),
  ),
})).value;

test("any value written as data reads back as the write showed it", async () => {
  await withDb(async (db) => {
    await db.query(`CreateCollection({ name: "notes" })`);
    await db.query(`CreateIndex({ name: "notes_by_tag", source: Collection("notes"), terms: [{ field: ["data", "tag"] }], values: [{ field: ["data", "value"] }] })`);
    let id = 0;
    await fc.assert(
      fc.asyncProperty(storable, async (value) => {
        const ref = { "@ref": { id: String(++id), collection } };
        const create = { create: ref, params: { object: { data: { object: { tag: `t${id}`, value } } } } };
        let written: Value;
        try {
          written = (await db.query({ select: "data", from: create })).value;
        } catch (error) {
          // What a document may not hold is refused with a Fauna error, and nothing is stored.
          expectFaunaError(error);
          return void expect(await wire(db, { exists: ref })).toBe("false");
        }
        expect(await wire(db, { select: "data", from: { get: ref } })).toBe(encodeValue(written));
      }),
      { numRuns: runs(300) },
    );
  });
});
