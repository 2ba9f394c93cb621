/**
 * `npm run bench`: the rate of `Get(Ref(…))` through `db.query`, next to raw
 * LMDB gets of the same stored documents, in one run, with the ratios. Two
 * baselines: the bare get (bytes out of LMDB), and the get as lmdb-js is
 * usually used, which also decodes the MessagePack value into objects.
 */
import { open } from "lmdb";
import { Packr } from "msgpackr";
import { openEngine } from "../src/engine";
import { idKey } from "../src/store/keys";

const DOCUMENTS = 10_000;
const BATCH = 1_000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);

interface Figure {
  readonly name: string;
  readonly perSecond: number;
}

/** Runs `step` repeatedly for SECONDS (after a warm-up) and returns operations per second. */
async function measure(name: string, step: (index: number) => unknown): Promise<Figure> {
  const run = async (milliseconds: number) => {
    const end = performance.now() + milliseconds;
    let count = 0;
    while (performance.now() < end) {
      for (let index = 0; index < 100; index++) await step(count + index);
      count += 100;
    }
    return count;
  };
  await run(300);
  const started = performance.now();
  const count = await run(SECONDS * 1000);
  return { name, perSecond: count / ((performance.now() - started) / 1000) };
}

function row(figure: Figure, baseline: Figure): string {
  const rate = Math.round(figure.perSecond).toLocaleString("en-US").padStart(12);
  return `${figure.name.padEnd(52)} ${rate}/s   ratio ${(figure.perSecond / baseline.perSecond).toFixed(3)}`;
}

async function main(): Promise<void> {
  const db = await openEngine();
  const path = (db as unknown as { temporaryPath: string }).temporaryPath;
  await db.query(`CreateCollection({ name: "users" })`);
  for (let start = 1; start <= DOCUMENTS; start += BATCH) {
    const ids = Array.from({ length: BATCH }, (_, index) => start + index);
    await db.query(`Foreach([${ids.join(",")}], id => Create(Ref(Collection("users"), id), { data: { name: Concat(["user ", ToString(id)]), email: "someone@site.example.com", age: 42 } }))`);
  }
  const collectionId = 1024;
  const raw = open<Uint8Array, (string | number)[]>({ path, encoding: "binary", keyEncoding: "ordered-binary" });
  const keys = Array.from({ length: DOCUMENTS }, (_, index) => ["doc", 0, collectionId, idKey(BigInt(index + 1))]);
  if (!raw.get(keys[0]!)) throw new Error("the raw baseline does not find the documents");

  const texts = Array.from({ length: 100 }, (_, index) => `Get(Ref(Collection("users"), "${index * 97 + 1}"))`);
  const wire = (index: number) => ({ get: { ref: { collection: "users" }, id: String((index % DOCUMENTS) + 1) } });

  const packr = new Packr({ mapsAsObjects: false, int64AsType: "bigint" });
  const bareGet = await measure("raw lmdb get, bytes", (index) => raw.get(keys[index % DOCUMENTS]!));
  const decodedGet = await measure("raw lmdb get, decoded (msgpackr)", (index) => packr.unpack(raw.get(keys[index % DOCUMENTS]!)!));
  const figures = [
    await measure("db.query(FQL text) Get(Ref(...)), 100 texts", (index) => db.query(texts[index % texts.length]!)),
    await measure("db.query(wire JSON) Get(Ref(...)), every document", (index) => db.query(wire(index))),
  ];
  process.stdout.write(`Get(Ref(...)) over ${DOCUMENTS.toLocaleString("en-US")} documents, ${SECONDS}s per figure\n`);
  for (const baseline of [bareGet, decodedGet]) {
    process.stdout.write(`\n${row(baseline, baseline)}\n`);
    for (const figure of figures) process.stdout.write(`${row(figure, baseline)}\n`);
  }
  await raw.close();
  await db.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
