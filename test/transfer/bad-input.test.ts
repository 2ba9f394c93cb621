import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { directoryContents, runCli } from "../command-line";
import { directoryPerTest, value } from "../helpers";
import { withEngineAt } from "./transfer";

const directory = directoryPerTest("fqlite-bad-import-");
const path = (name: string) => join(directory(), name);

const collectionRef = (name: string, database = "") => `{"@ref":{"id":"${name}","collection":{"@ref":{"id":"collections"}}${database}}}`;
const inChild = `,"database":{"@ref":{"id":"child","collection":{"@ref":{"id":"databases"}}}}`;
const userRef = (id: string) => `{"@ref":{"id":"${id}","collection":${collectionRef("users")}}}`;

const HEADER = `{"format":"fqlite-export","version":1,"fqlite":"0.1.0","exported_at":{"@ts":"2021-06-21T21:22:30.300Z"},"global_id":"yyyyyyyyyyyyn"}`;
const USERS = `{"ref":${collectionRef("users")},"ts":1000,"action":"create","history_days":30,"name":"users"}`;
const ADA = `{"ref":${userRef("1")},"ts":2000,"action":"create","data":{"name":"ada"}}`;
const CHILD = `{"ref":{"@ref":{"id":"child","collection":{"@ref":{"id":"databases"}}}},"ts":1000,"action":"create","name":"child","global_id":"yyyyyyyyyyyyr"}`;
const THINGS = `{"ref":${collectionRef("things", inChild)},"ts":1100,"action":"create","history_days":30,"name":"things"}`;
const thing = (data: string) => `{"ref":{"@ref":{"id":"1","collection":${collectionRef("things", inChild)}}},"ts":3000,"action":"create","data":${data}}`;

/** Inputs that cannot be imported, the line that says so, and why. */
const refusals: [string, (string | Buffer)[], number, string][] = [
  ["not JSON", [HEADER, USERS, `{"ref": `], 3, "not JSON: Object value expected after ':' at position 8"],
  ["not an object", [HEADER, `[1, 2]`], 2, "not a JSON object."],
  ["an unknown action", [HEADER, USERS, ADA.replace(`"create"`, `"upsert"`)], 3, `"action" is "upsert", not create, update or delete.`],
  ["a ts that is no integer", [HEADER, USERS, ADA.replace(`"ts":2000`, `"ts":"2000"`)], 3, `"ts" is not an integer number of microseconds.`],
  ["a ref that is none", [HEADER, USERS, ADA.replace(userRef("1"), `"users/1"`)], 3, `"ref" is not a Ref.`],
  ["a collection's ref", [HEADER, `{"ref":{"@ref":{"id":"collections"}},"ts":1000,"action":"create"}`], 2, "Collections() is a collection, not a document."],
  ["a value the wire format cannot read", [HEADER, USERS, ADA.replace(`{"name":"ada"}`, `{"when":{"@ts":"yesterday"}}`)], 3, "data.when: Invalid time."],
  ["a field of the wrong type", [HEADER, USERS, ADA.replace(`{"name":"ada"}`, `5`)], 3, "data: Invalid type Long, expected type Map."],
  ["a required field left out", [HEADER, USERS, `{"ref":{"@ref":{"id":"by_name","collection":{"@ref":{"id":"indexes"}}}},"ts":1500,"action":"create","name":"by_name"}`], 3, "source: Required value not found."],
  ["a name that is not its ref's", [HEADER, USERS.replace(`"name":"users"`, `"name":"people"`)], 2, `its name, "people", is not the one its ref gives, "users".`],
  ["a missing collection", [HEADER, ADA], 2, `Collection("users") does not exist: a collection's line must come before its documents'.`],
  ["a missing database", [HEADER, THINGS], 2, `Database("child") does not exist: a database's line must come before the lines of what is in it.`],
  ["a document id that is no number", [HEADER, USERS, ADA.replace(userRef("1"), userRef("ada"))], 3, `Ref(Collection("users"), "ada"): Number or numeric String expected, non-numeric 'ada' provided.`],
  ["a duplicate", [HEADER, USERS, ADA, ADA], 4, `Ref(Collection("users"), "1") has a version at ts 2000 already.`],
  ["a version older than one imported", [HEADER, USERS, ADA, ADA.replace(`"ts":2000`, `"ts":1500`).replace(`"create"`, `"update"`)], 4, `Ref(Collection("users"), "1") has a version at ts 2000, after this one's (1500): a document's versions come in ts order.`],
  ["a create of a live document", [HEADER, USERS, ADA, ADA.replace(`"ts":2000`, `"ts":2500`)], 4, `Ref(Collection("users"), "1") exists already: its version at ts 2000 was not deleted.`],
  ["an update of a missing document", [HEADER, USERS, ADA.replace(`"create"`, `"update"`)], 3, `Ref(Collection("users"), "1") does not exist to update.`],
  ["a deletion with fields", [HEADER, USERS, ADA.replace(`"create"`, `"delete"`)], 3, "a deletion has no fields; this one has data."],
  ["a ref out of its document's database", [HEADER, USERS, CHILD, THINGS, thing(`{"owner":${userRef("1")}}`)], 5, `Ref(Collection("users"), "1") names nothing in the database Ref(Collection("things", Database("child")), "1") is in.`],
  ["a global id that is none", [HEADER, CHILD.replace(`"yyyyyyyyyyyyr"`, `"nope"`)], 2, `global_id "nope" is not a database's global id.`],
  ["a global id taken", [HEADER.replace(`"yyyyyyyyyyyyn"`, `"yyyyyyyyyyyyr"`), CHILD], 2, `global_id "yyyyyyyyyyyyr" is the top database's already.`],
  ["a header after the first line", [USERS, HEADER], 2, `a header (a line with "format") may only be the first line.`],
  ["a header of a later format", [HEADER.replace(`"version":1`, `"version":2`)], 1, "an export of format version 2; this FQLite reads version 1."],
  ["a collection's line after a document made it", [HEADER, ADA.replace(`,"action":"create"`, ""), USERS.replace(`"ts":1000`, `"ts":1500`)], 3, `Collection("users") was made at line 2, for the document there: a collection's line must come before its documents'.`],
  ["text that is not UTF-8", [HEADER, Buffer.from([0x7b, 0xff, 0x7d])], 2, "not UTF-8 text."],
];

function writeLines(file: string, lines: (string | Buffer)[]): void {
  writeFileSync(file, Buffer.concat(lines.flatMap((line) => [Buffer.from(line), Buffer.from("\n")])));
}

describe("fqlite import refuses bad input whole", () => {
  test.each(refusals)("%s: the error names the line, and the database is as it was", async (_name, lines, line, reason) => {
    await withEngineAt(path("db"), (engine) => engine.query(`CreateCollection({ name: "kept" })`));
    writeLines(path("bad.jsonl"), lines);
    const before = directoryContents(directory());
    for (const target of ["db", "new"]) {
      expect(await runCli(["import", path("bad.jsonl"), "--db", path(target), "--force"])).toEqual({
        code: 1,
        stdout: "",
        stderr: `Error: ${path("bad.jsonl")}, line ${line}: ${reason} Nothing was imported.\n`,
      });
    }
    expect(directoryContents(directory())).toEqual(before);
    expect(existsSync(path("new"))).toBe(false);
    await withEngineAt(path("db"), async (engine) => expect(await value(engine, `Paginate(Collections())`)).toMatchObject({ data: [{ id: "kept" }] }));
  });

  test("a bad line after batches of good ones already stored leaves nothing behind", async () => {
    const users = Array.from({ length: 2500 }, (_, index) => `{"ref":${userRef(String(index + 1))},"ts":${2000 + index},"data":{"n":${index}}}`);
    writeLines(path("late.jsonl"), [USERS, ...users, `{"ref":${userRef("7")},"ts":9000,"action":"update","data":5}`]);
    const before = directoryContents(directory());
    expect(await runCli(["import", path("late.jsonl"), "--db", path("db")])).toEqual({
      code: 1,
      stdout: "",
      stderr: `Error: ${path("late.jsonl")}, line 2502: data: Invalid type Long, expected type Map. Nothing was imported.\n`,
    });
    expect(directoryContents(directory())).toEqual(before);
  });

  test("a database is replaced only with --force, a directory of something else never, and the input must be a file", async () => {
    writeLines(path("good.jsonl"), [HEADER, USERS, ADA]);
    await withEngineAt(path("db"), (engine) => engine.query(`CreateCollection({ name: "kept" })`));
    mkdirSync(path("home"));
    writeFileSync(join(path("home"), "notes.txt"), "mine");
    const before = directoryContents(directory());
    expect(await runCli(["import", path("good.jsonl"), "--db", path("db")])).toEqual({
      code: 1,
      stdout: "",
      stderr: `Error: ${path("db")} already holds a database; add --force to replace it (stop whatever uses it first).\n`,
    });
    expect(await runCli(["import", path("good.jsonl"), "--db", path("home"), "--force"])).toEqual({
      code: 1,
      stdout: "",
      stderr: `Error: ${path("home")} is not empty and holds no FQLite database; it is left as it is.\n`,
    });
    expect(await runCli(["import", path("missing.jsonl"), "--db", path("new")])).toEqual({ code: 1, stdout: "", stderr: `Error: ${path("missing.jsonl")} is not a file.\n` });
    expect(directoryContents(directory())).toEqual(before);

    expect(await runCli(["import", path("good.jsonl"), "--db", path("db"), "--force"])).toEqual({
      code: 0,
      stdout: `Imported ${path("good.jsonl")} into ${path("db")}: 2 versions of 2 documents in 1 database.\n`,
      stderr: "",
    });
    await withEngineAt(path("db"), async (engine) => expect(await value(engine, `Map(Paginate(Collections()), Lambda("c", Select("id", Var("c"))))`)).toEqual({ data: ["users"] }));
    expect(readdirSync(directory()).sort()).toEqual(["db", "good.jsonl", "home"]);
  });
});
