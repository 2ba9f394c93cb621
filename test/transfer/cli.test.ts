import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { directoryPerTest } from "../helpers";

const directory = directoryPerTest("fqlite-transfer-cli-");
const path = (name: string) => join(directory(), name);
const bin = join(__dirname, "..", "..", "bin", "fqlite.js");

/** Runs bin/fqlite.js as a user would, its output piped (and `input` on its standard input). */
function fqlite(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return fqliteWithInput("", ...args);
}

function fqliteWithInput(input: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const { status, stdout, stderr } = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", input });
  return { status, stdout, stderr };
}

/** The lines of an export with its time left out, to compare two exports. */
function withoutTime(text: string): unknown[] {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line))
    .map((line, index) => (index === 0 ? { ...line, exported_at: "when" } : line));
}

/** Frames of a progress bar: each redraws its line from the start. */
const FRAME = /^(Exporting|Importing|Indexing) \[#*\.*\] [\d,]+\/[\d,]+ (versions|bytes) \d+%\x1b\[K\n?$/;

describe("fqlite export and import, from the bin", () => {
  test("export to standard output or a file, and import, with progress bars when asked", () => {
    const db = path("db");
    const made = fqlite("eval", "--no-metrics", "--db", db, `CreateCollection({ name: "users" })\nCreate(Ref(Collection("users"), "1"), { data: { name: "ada" } })\nUpdate(Ref(Collection("users"), "1"), { data: { name: "Ada" } })`);
    expect(made.status).toBe(0);

    // Piped, it shows no progress: standard output is the export alone.
    const piped = fqlite("export", "--db", db);
    expect(piped).toMatchObject({ status: 0, stderr: "" });
    const lines = piped.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[0]!)).toEqual({ format: "fqlite-export", version: 1, fqlite: "0.1.0", exported_at: { "@ts": expect.any(String) }, global_id: expect.stringMatching(/^[ybndrfg8ejkmcpqxot1uwisza345h769]{13}$/) });
    expect(lines.slice(1).map((line) => JSON.parse(line).action)).toEqual(["create", "create", "update"]);

    // Asked for, the bar is drawn on standard error, and standard output still carries the export alone.
    const withBar = fqlite("export", "--db", db, "--progress");
    expect(withoutTime(withBar.stdout)).toEqual(withoutTime(piped.stdout));
    expect(withBar.stderr.split("\r").filter(Boolean)).toEqual([
      "Exporting [..............................] 0/3 versions 0%\x1b[K",
      "Exporting [##############################] 3/3 versions 100%\x1b[K\n",
    ]);

    const file = path("db.jsonl");
    const exported = fqlite("export", file, "--db", db, "--progress");
    expect(exported.stdout).toBe(`Exported ${db} to ${file}: 3 versions of 2 documents in 1 database.\n`);
    for (const frame of exported.stderr.split("\r").filter(Boolean)) expect(frame).toMatch(FRAME);
    expect(withoutTime(readFileSync(file, "utf8"))).toEqual(withoutTime(piped.stdout));

    const copy = path("copy");
    const imported = fqlite("import", file, "--db", copy, "--progress");
    expect(imported.stdout).toBe(`Imported ${file} into ${copy}: 3 versions of 2 documents in 1 database.\n`);
    const frames = imported.stderr.split("\r").filter(Boolean);
    for (const frame of frames) expect(frame).toMatch(FRAME);
    expect(frames.at(-1)).toBe("Indexing [##############################] 0/0 versions 100%\x1b[K\n");
    expect(withoutTime(fqlite("export", "--db", copy).stdout)).toEqual(withoutTime(piped.stdout));
    expect(fqlite("eval", "--no-metrics", "--db", copy, `Select(["data", "name"], Get(Ref(Collection("users"), "1")))`).stdout).toBe("'Ada'\n");
  });

  test("import reads standard input when its file is -: fqlite export | fqlite import -", () => {
    const db = path("db");
    expect(fqlite("eval", "--no-metrics", "--db", db, `CreateCollection({ name: "users" })\nCreate(Ref(Collection("users"), "1"), { data: { name: "ada" } })`).status).toBe(0);
    const exported = fqlite("export", "--db", db).stdout;
    const copy = path("copy");
    const imported = fqliteWithInput(exported, "import", "-", "--db", copy, "--progress");
    expect(imported.stdout).toBe(`Imported standard input into ${copy}: 2 versions of 2 documents in 1 database.\n`);
    // Its length unknown, the input is counted without a bar.
    expect(imported.stderr.split("\r").filter(Boolean)[0]).toBe("Importing 0 bytes\x1b[K");
    expect(withoutTime(fqlite("export", "--db", copy).stdout)).toEqual(withoutTime(exported));

    const refused = fqliteWithInput(`${exported.split("\n")[0]}\nnot json\n`, "import", "-", "--db", path("other"));
    expect(refused).toMatchObject({ status: 1, stdout: "" });
    expect(refused.stderr).toMatch(/^Error: standard input, line 2: .* Nothing was imported\.\n$/);
  });

  test("export never overwrites a file, and needs a database", () => {
    const db = path("db");
    expect(fqlite("eval", "--db", db, `CreateCollection({ name: "users" })`).status).toBe(0);
    writeFileSync(path("taken.jsonl"), "mine");
    expect(fqlite("export", path("taken.jsonl"), "--db", db)).toEqual({ status: 1, stdout: "", stderr: `Error: ${path("taken.jsonl")} already exists; an export never overwrites anything.\n` });
    expect(fqlite("export", path("new.jsonl"), "--db", path("none"))).toEqual({ status: 1, stdout: "", stderr: `Error: ${path("none")}: This directory holds no FQLite database.\n` });
    expect(readFileSync(path("taken.jsonl"), "utf8")).toBe("mine");
    expect(readdirSync(directory()).sort()).toEqual(["db", "taken.jsonl"]);
  });
});
