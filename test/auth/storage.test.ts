import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeSecret } from "../../src/auth/secrets";
import { openEngine } from "../../src/engine";
import { directoryPerTest, secretOf, testClock } from "../helpers";

describe("what is stored", () => {
  const directory = directoryPerTest("fqlite-storage-");

  test("no secret and no password is in the database file, in any form, only their bcrypt hashes", async () => {
    const passwords = ["correct horse battery staple", "Tr0ub4dor&3", "hunter2-but-longer"];
    const secrets: string[] = [];
    const db = await openEngine({ path: directory(), clock: testClock() });
    await db.query(`CreateCollection({ name: "users" })`);
    await db.query(`CreateDatabase({ name: "child" })`);
    await db.query(`Create(Ref(Collection("users"), "1"), { credentials: { password: "${passwords[0]}" } })`);
    await db.query(`Create(Ref(Collection("users"), "2"), { credentials: { password: "${passwords[1]}" } })`);
    await db.query(`Update(Ref(Collection("users"), "2"), { credentials: { password: "${passwords[2]}" } })`);
    secrets.push(await secretOf(db, `Login(Ref(Collection("users"), "1"), { password: "${passwords[0]}", data: { device: "phone" } })`));
    secrets.push(await secretOf(db, `Login(Ref(Collection("users"), "2"), { password: "${passwords[2]}" })`));
    secrets.push(await secretOf(db, `Create(Tokens(), { instance: Ref(Collection("users"), "1") })`));
    secrets.push(await secretOf(db, `Replace(Ref(Tokens(), "${((await db.query(`Select(["data", 0], Paginate(Tokens()))`)).value as { id: string }).id}"), { instance: Ref(Collection("users"), "1") })`));
    for (const role of ["admin", "server", "client"]) secrets.push(await secretOf(db, `CreateKey({ role: "${role}" })`));
    secrets.push(await secretOf(db, `CreateKey({ role: "server", database: Database("child") })`));
    // Secrets used, refused, looked up: none of it is written down.
    for (const secret of secrets) await db.query(`KeyFromSecret("${secret}")`).catch(() => undefined);
    await db.query(`Logout(false)`, { secret: secrets[1] });
    await db.close();

    const file = readFileSync(join(directory(), "data.mdb"));
    const forms = (secret: string) => {
      const decoded = decodeSecret(secret)!;
      return [secret, decoded.secretPart, Buffer.from(decoded.secretPart, "base64url")];
    };
    for (const form of [...passwords, ...secrets.flatMap(forms)]) expect({ form: form.toString(), found: file.includes(form) }).toEqual({ form: form.toString(), found: false });
    // What is there instead: hashes.
    expect(file.includes("$2a$05$")).toBe(true);
  });
});
