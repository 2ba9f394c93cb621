import faunadb, { query as q } from "faunadb";
import { startServer, type RunningServer } from "../../src/server/server";
import { directoryPerTest } from "../helpers";

const directory = directoryPerTest("fqlite-workers-");

describe("queries on worker threads (fqlite serve)", () => {
  let server: RunningServer;
  let client: faunadb.Client;
  beforeEach(async () => {
    server = await startServer({ path: directory(), port: 0, workers: 2 });
    client = new faunadb.Client({ secret: "secret", domain: "127.0.0.1", port: server.port, scheme: "http" });
  });
  afterEach(async () => {
    await client.close();
    await server.close();
  });

  test("a slow query holds up neither /ping nor another reader", async () => {
    await client.query(q.CreateCollection({ name: "things" }));
    const slow = client.query(q.Count(q.Map(q.Map(Array.from({ length: 20_000 }, (_, index) => index), q.Lambda("n", q.Add(q.Var("n"), 1))), q.Lambda("n", q.Create(q.Collection("things"), { data: { n: q.Var("n") } })))));
    let slowDone = false;
    void slow.then(() => (slowDone = true));
    // Both answer while the slow one is still running.
    expect(await client.ping()).toBe("Scope write is OK");
    expect(await client.query(q.Add(1, 2))).toBe(3);
    expect(slowDone).toBe(false);
    expect(await slow).toBe(20_000);
    expect(await client.query(q.Count(q.Documents(q.Collection("things"))))).toBe(20_000);
  });

  test("what a worker writes reaches the streams of the server", async () => {
    await client.query(q.CreateCollection({ name: "things" }));
    const ref = q.Ref(q.Collection("things"), "1");
    await client.query(q.Create(ref, { data: { n: 1 } }));
    const actions: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const stream = client.stream
        .document(ref)
        .on("snapshot", () => void client.query(q.Update(ref, { data: { n: 2 } })))
        .on("version", (event) => {
          actions.push(event.action);
          stream.close();
          resolve();
        })
        .on("error", reject);
      stream.start();
    });
    expect(actions).toEqual(["update"]);
  });
});
