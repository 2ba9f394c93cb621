/**
 * Revocation through `fqlite serve`: queries run on worker threads, each
 * with its own engine (and its own memory of checked secrets), and other
 * processes may open the same directory. A secret revoked anywhere is
 * refused everywhere on the next query; a stream whose secret is revoked
 * ends with Fauna's error event.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { startServer, type RunningServer } from "../../src/server/server";
import { directoryPerTest } from "../helpers";
import { authorization, post, resourceOf } from "./http";

const ROOT_SECRET = "root-secret-revocation";
const UNAUTHORIZED = { errors: [{ code: "unauthorized", description: "Unauthorized" }] };
/** Asked this many times at once, a secret reaches every worker of the pool. */
const AT_ONCE = 8;

const directory = directoryPerTest("fqlite-revocation-");

/** Runs one query in another process on the same database directory (`fqlite eval`); its JSON answer. */
function inAnotherProcess(fql: string, secret: string): unknown {
  const bin = join(__dirname, "..", "..", "bin", "fqlite.js");
  const result = spawnSync(process.execPath, [bin, "eval", "--db", directory(), "--root-secret", ROOT_SECRET, "--secret", secret, "--format", "json", "--no-metrics", fql], { encoding: "utf8" });
  return JSON.parse(result.stdout);
}

/** The statuses of the same query asked many times at once. */
async function statusesAtOnce(server: RunningServer, secret: string): Promise<number[]> {
  return Promise.all(Array.from({ length: AT_ONCE }, async () => (await post(server.url, `Add(1, 1)`, secret)).status));
}

const secretMade = async (server: RunningServer, fql: string) => (resourceOf(await post(server.url, fql, ROOT_SECRET)) as { secret: string }).secret;
const refOf = (secret: string) => `Select("ref", KeyFromSecret("${secret}"))`;

describe("revocation through the server", () => {
  let server: RunningServer;
  afterEach(async () => {
    await server.close();
  });

  test("revoked in a worker or in another process: refused by every worker and every process at once", async () => {
    server = await startServer({ path: directory(), port: 0, workers: 2, rootSecret: ROOT_SECRET });
    resourceOf(await post(server.url, `Do(CreateCollection({ name: "users" }), Create(Ref(Collection("users"), "1"), { credentials: { password: "pw" } }))`, ROOT_SECRET));
    const login = `Login(Ref(Collection("users"), "1"), { password: "pw" })`;
    const [key, token, otherKey, otherToken] = [await secretMade(server, `CreateKey({ role: "server" })`), await secretMade(server, login), await secretMade(server, `CreateKey({ role: "server" })`), await secretMade(server, login)];
    const all = (status: number) => Array.from({ length: AT_ONCE }, () => status);

    // Checked (and remembered) by every worker, and by another process.
    for (const secret of [key, token, otherKey, otherToken]) expect(await statusesAtOnce(server, secret)).toEqual(all(200));
    expect(inAnotherProcess(`Add(1, 1)`, key)).toEqual({ resource: 2 });

    // Revoked in a worker: refused by all of them at once, and by another process.
    resourceOf(await post(server.url, `Delete(${refOf(key)})`, ROOT_SECRET));
    resourceOf(await post(server.url, `Logout(false)`, token));
    expect([await statusesAtOnce(server, key), await statusesAtOnce(server, token)]).toEqual([all(401), all(401)]);
    expect(inAnotherProcess(`Add(1, 1)`, token)).toEqual(UNAUTHORIZED);

    // Revoked in another process: refused by every worker at once.
    expect(inAnotherProcess(`Do(Delete(${refOf(otherKey)}), Delete(${refOf(otherToken)}), true)`, ROOT_SECRET)).toEqual({ resource: true });
    expect([await statusesAtOnce(server, otherKey), await statusesAtOnce(server, otherToken)]).toEqual([all(401), all(401)]);
  });

  test("a stream whose token is logged out ends with Fauna's error event at the next event", async () => {
    server = await startServer({ path: directory(), port: 0, workers: 1, rootSecret: ROOT_SECRET });
    resourceOf(
      await post(
        server.url,
        `Do(
          CreateCollection({ name: "users" }), CreateCollection({ name: "posts" }),
          Create(Ref(Collection("users"), "1"), { credentials: { password: "pw" } }),
          Create(Ref(Collection("posts"), "1"), { data: { n: 0 } }),
          CreateRole({ name: "reader", membership: [{ resource: Collection("users") }], privileges: [{ resource: Collection("posts"), actions: { read: true } }] })
        )`,
        ROOT_SECRET,
      ),
    );
    const token = await secretMade(server, `Login(Ref(Collection("users"), "1"), { password: "pw" })`);
    const post1 = `{"@ref":{"id":"1","collection":{"@ref":{"id":"posts","collection":{"@ref":{"id":"collections"}}}}}}`;
    const response = await fetch(`${server.url}/stream`, { method: "POST", body: post1, headers: { authorization: authorization(token) } });
    const reader = response.body!.getReader();
    const events: Record<string, unknown>[] = [];
    const next = async () => {
      const { value, done } = await reader.read();
      if (done) return false;
      for (const line of Buffer.from(value).toString().trim().split("\r\n")) events.push(JSON.parse(line) as Record<string, unknown>);
      return true;
    };
    const update = (n: number) => post(server.url, `Update(Ref(Collection("posts"), "1"), { data: { n: ${n} } })`, ROOT_SECRET);

    await next();
    await update(1);
    while (events.length < 2) await next();
    resourceOf(await post(server.url, `Logout(false)`, token));
    await update(2);
    while (await next());
    expect(events.map(({ type, event }) => (type === "error" ? { type, event } : { type }))).toEqual([
      { type: "start" },
      { type: "version" },
      { type: "error", event: { code: "permission denied", description: "Authorization lost during stream evaluation." } },
    ]);
  });
});
