import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { exportDatabase } from "../../src/transfer/export";
import { noProgress } from "../../src/transfer/progress";
import { runCli } from "../command-line";
import { directoryPerTest, value } from "../helpers";
import { exportText, importText, withEngineAt } from "./transfer";

const directory = directoryPerTest("fqlite-large-transfer-");

const DOCUMENTS = 20_000;
const HEADER = `{"format":"fqlite-export","version":1,"fqlite":"0.1.0","exported_at":{"@ts":"2021-06-21T21:22:30.300Z"},"global_id":"yyyyyyyyyyyyn"}`;
const collections = `{"@ref":{"id":"collections"}}`;
const users = `{"@ref":{"id":"users","collection":${collections}}}`;

/** Lines as an export writes them: the collection, its index, then every user in id order, every tenth updated once. */
function exportLines(documents = DOCUMENTS): string[] {
  const lines = [
    HEADER,
    `{"ref":${users},"ts":1624310550300000,"action":"create","history_days":30,"name":"users"}`,
    `{"ref":{"@ref":{"id":"users_by_team","collection":{"@ref":{"id":"indexes"}}}},"ts":1624310550300001,"action":"create","active":true,"serialized":true,"name":"users_by_team","source":${users},"terms":[{"field":["data","team"]}],"partitions":1}`,
  ];
  for (let id = 1; id <= documents; id++) {
    const ref = `{"@ref":{"id":"${id}","collection":${users}}}`;
    const created = 1624310551000000 + id * 10;
    lines.push(`{"ref":${ref},"ts":${created},"action":"create","data":{"n":${id},"team":"t${id % 50}","since":{"@ts":"2021-06-21T21:22:30.300Z"},"tags":["a","b"]}}`);
    if (id % 10 === 0) lines.push(`{"ref":${ref},"ts":${created + 5},"action":"update","data":{"n":${id},"team":"u${id % 50}","since":{"@ts":"2021-06-21T21:22:30.300Z"},"tags":["a"]}}`);
  }
  return lines;
}

/** Frames a progress bar drew: each redraw starts at the line's start and clears its rest. */
function frames(stderr: string): string[] {
  return stderr.split("\r").filter((frame) => frame !== "");
}

describe("a large database", () => {
  test("is imported and exported a batch at a time, with progress bars, and comes out as it went in", async () => {
    const lines = exportLines();
    const file = join(directory(), "users.jsonl");
    const text = `${lines.join("\n")}\n`;
    writeFileSync(file, text);
    const db = join(directory(), "db");

    const imported = await runCli(["import", file, "--db", db, "--progress"]);
    expect(imported.stdout).toBe(`Imported ${file} into ${db}: 22,002 versions of 20,002 documents in 1 database.\n`);
    const drawn = frames(imported.stderr);
    expect(drawn[0]).toBe(`Importing [..............................] 0/${Buffer.byteLength(text).toLocaleString("en-US")} bytes 0%\x1b[K`);
    expect(drawn).toContain(`Importing [##############################] ${Buffer.byteLength(text).toLocaleString("en-US")}/${Buffer.byteLength(text).toLocaleString("en-US")} bytes 100%\x1b[K\n`);
    expect(drawn).toContain(`Indexing [..............................] 0/22,000 versions 0%\x1b[K`);
    expect(drawn.at(-1)).toBe(`Indexing [##############################] 22,000/22,000 versions 100%\x1b[K\n`);
    for (const frame of drawn) expect(frame).toMatch(/^(Importing|Indexing) \[#*\.*\] [\d,]+\/[\d,]+ (bytes|versions) \d+%\x1b\[K\n?$/);

    await withEngineAt(db, async (engine) => {
      expect(await value(engine, `[Count(Match(Index("users_by_team"), "t7")), Count(Match(Index("users_by_team"), "t0")), Count(Match(Index("users_by_team"), "u0"))]`)).toEqual([400n, 0n, 400n]);
      const chunks: string[] = [];
      await exportDatabase(
        engine,
        async (chunk) => {
          chunks.push(chunk);
        },
        noProgress,
      );
      // Written as it is read, in pieces of about 64 KB, never held whole.
      expect(chunks.length).toBeGreaterThan(20);
      expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(65_536 + 400);
      expect(chunks.join("").split("\n").slice(1)).toEqual(`${lines.slice(1).join("\n")}\n`.split("\n"));
    });
  });

  test("an export is the database at one commit: what is written while it runs is left out", async () => {
    const lines = exportLines(2000);
    const db = join(directory(), "db");
    await importText(db, `${lines.join("\n")}\n`);
    await withEngineAt(db, async (engine) => {
      const written: string[] = [];
      await exportDatabase(
        engine,
        async (chunk) => {
          if (written.length === 0) await engine.query(`Create(Ref(Collection("users"), "9999"), { data: { team: "late" } })`);
          written.push(chunk);
        },
        noProgress,
      );
      expect(written.length).toBeGreaterThan(1);
      expect(written.join("").split("\n").slice(1, -1)).toEqual(lines.slice(1));
      expect((await exportText(engine)).split("\n").at(-2)).toMatch(/^\{"ref":\{"@ref":\{"id":"9999",.*"action":"create","data":\{"team":"late"\}\}$/);
    });
  });
});
