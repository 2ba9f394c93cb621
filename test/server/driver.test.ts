import faunadb, { errors, query as q, values } from "faunadb";
import { fqliteTestServer } from "../../src/testing";

const fauna = fqliteTestServer();
const clients: faunadb.Client[] = [];

/** A driver client as an app would make it, with the admin secret unless told otherwise. */
function client(secret = fauna.secret): faunadb.Client {
  const made = new faunadb.Client({ ...fauna.clientOptions, secret });
  clients.push(made);
  return made;
}

afterAll(async () => {
  await Promise.all(clients.map((made) => made.close()));
});

beforeAll(async () => {
  const admin = client();
  await admin.query(q.CreateCollection({ name: "users" }));
  await admin.query(q.CreateIndex({ name: "users_by_email", source: q.Collection("users"), terms: [{ field: ["data", "email"] }], unique: true }));
  await admin.query(q.CreateIndex({ name: "all_users", source: q.Collection("users"), values: [{ field: ["data", "n"] }, { field: ["ref"] }] }));
});

describe("the faunadb driver, unchanged, against fqlite", () => {
  test("basic, logic, math, string, time and conversion functions", async () => {
    const result = await client().query([
      q.Let({ a: 1, b: 2.5 }, q.Add(q.Var("a"), q.Var("b"))),
      q.If(q.And(true, q.Not(false)), "yes", "no"),
      q.Select(["a", 1], { a: [10, 20] }),
      q.Concat(["Fau", "na"], ""),
      q.Equals(q.Divide(9, 3), 3),
      q.ToString(q.Time("2021-06-23T21:22:18.607Z")),
      q.Map([1, 2, 3], q.Lambda("x", q.Multiply(q.Var("x"), 2))),
      q.Count([1, 2, 3]),
    ]);
    expect(result).toEqual([3.5, "yes", 20, "Fauna", true, "2021-06-23T21:22:18.607Z", [2, 4, 6], 3]);
  });

  test("documents: Create (201), Get, Update, Replace, Delete, Exists, history with At", async () => {
    const admin = client();
    const created = await admin.query<values.Document<{ name: string }>>(q.Create(q.Ref(q.Collection("users"), "10"), { data: { name: "Ada", email: "ada@site.example.com", n: 10 } }));
    expect(String(created.ref)).toBe(`Ref(Collection("users"), "10")`);
    const updated = await admin.query<values.Document<{ name: string }>>(q.Update(created.ref, { data: { name: "Ada L." } }));
    expect(updated.data.name).toBe("Ada L.");
    expect(await admin.query(q.Select(["data", "name"], q.At(created.ts, q.Get(created.ref))))).toBe("Ada");
    await admin.query(q.Replace(created.ref, { data: { name: "Ada Lovelace", email: "ada@site.example.com", n: 10 } }));
    expect(await admin.query(q.Exists(q.Ref(q.Collection("users"), "11")))).toBe(false);
  });

  test("values round-trip: refs, times, dates, bytes, sets, lambdas, objects with reserved keys", async () => {
    const result = await client().query<unknown[]>([
      q.Ref(q.Collection("users"), "1"),
      q.Time("2021-06-23T21:22:18.607123Z"),
      q.Date("2021-06-23"),
      new values.Bytes("AQID"),
      q.Match(q.Index("users_by_email"), "x@y"),
      q.Query(q.Lambda("x", q.Var("x"))),
      // Keys FQL gives meaning to travel as plain keys. (Keys starting with "@" come back as Fauna sent them,
      // in `@obj`, which the driver itself cannot read back.)
      { ref: "not a ref", lambda: "not a lambda", object: { let: "plain" } },
      q.Tokens(),
    ]);
    expect(result[0]).toBeInstanceOf(values.Ref);
    expect(String(result[0])).toBe(`Ref(Collection("users"), "1")`);
    expect(result[1]).toEqual(new values.FaunaTime("2021-06-23T21:22:18.607123Z"));
    expect(result[2]).toEqual(new values.FaunaDate("2021-06-23"));
    expect(result[3]).toEqual(new values.Bytes("AQID"));
    expect(String(result[4])).toBe(`Match(Index("users_by_email"), "x@y")`);
    expect(String(result[5])).toBe(`Query(Lambda("x", Var("x")))`);
    expect(result[6]).toEqual({ ref: "not a ref", lambda: "not a lambda", object: { let: "plain" } });
    expect(String(result[7])).toBe("Tokens()");
  });

  test("errors come back as the driver's error classes, with Fauna's bodies", async () => {
    const admin = client();
    const bad = await admin.query(q.Add(1, "two")).catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(errors.BadRequest);
    expect((bad as errors.FaunaHTTPError).requestResult.responseContent).toEqual({
      errors: [{ position: ["add", 1], code: "invalid argument", description: "Number expected, String provided." }],
    });
    const missing = await admin.query(q.Get(q.Ref(q.Collection("users"), "404"))).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(errors.NotFound);
    expect((missing as errors.FaunaHTTPError).message).toBe("instance not found");
    const unknown = await client("nope").query(1).catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(errors.Unauthorized);
    const clientKey = await admin.query<{ secret: string }>(q.CreateKey({ role: "client" }));
    const denied = await client(clientKey.secret).query(q.Paginate(q.Keys())).catch((error: unknown) => error);
    expect(denied).toBeInstanceOf(errors.PermissionDenied);
    expect((denied as errors.FaunaHTTPError).requestResult.responseContent).toEqual({
      errors: [{ position: ["paginate"], code: "permission denied", description: "Insufficient privileges to perform the action." }],
    });
  });

  test("queryWithMetrics gives the metric headers", async () => {
    const { value, metrics } = await client().queryWithMetrics(q.Paginate(q.Tokens()));
    expect(value).toEqual({ data: [] });
    expect(metrics).toEqual({ "x-compute-ops": 1, "x-byte-read-ops": 8, "x-byte-write-ops": 0, "x-query-time": expect.any(Number), "x-txn-retries": 0 });
  });

  test("log in, use the token's secret from a second client, log out", async () => {
    const admin = client();
    await admin.query(q.Create(q.Ref(q.Collection("users"), "20"), { credentials: { password: "pw" }, data: { email: "bo@site.example.com", n: 20 } }));
    const token = await admin.query<{ secret: string; instance: values.Ref }>(q.Login(q.Match(q.Index("users_by_email"), "bo@site.example.com"), { password: "pw" }));
    const user = client(token.secret);
    expect(await user.query(q.CurrentIdentity())).toEqual(token.instance);
    expect(await user.query(q.Logout(true))).toBe(true);
    await expect(user.query(1)).rejects.toBeInstanceOf(errors.Unauthorized);
  });

  test("client.paginate(set).each() reads a set page by page", async () => {
    const admin = client();
    await admin.query(q.Map(q.Map([1, 2, 3, 4, 5, 6, 7], q.Lambda("n", q.Add(q.Var("n"), 100))), q.Lambda("n", q.Create(q.Collection("users"), { data: { n: q.Var("n") } }))));
    const pages: unknown[][] = [];
    await admin.paginate(q.Range(q.Match(q.Index("all_users")), 101, 107), { size: 3 }).each((page) => void pages.push(page as unknown[]));
    expect(pages.map((page) => page.map((entry) => (entry as [number])[0]))).toEqual([[101, 102, 103], [104, 105, 106], [107]]);
  });

  test("ping", async () => {
    expect(await client().ping()).toBe("Scope write is OK");
    expect(await client().ping("read")).toBe("Scope read is OK");
  });

  test("a document stream: snapshot, then a version event per write", async () => {
    const admin = client();
    const ref = q.Ref(q.Collection("users"), "30");
    await admin.query(q.Create(ref, { data: { n: 30 } }));
    const events: { type: string; action?: string; n?: number }[] = [];
    await new Promise<void>((resolve, reject) => {
      const stream = admin.stream
        .document(ref)
        .on("snapshot", (snapshot) => {
          events.push({ type: "snapshot", n: (snapshot as { data: { n: number } }).data.n });
          void admin.query(q.Update(ref, { data: { n: 31 } })).then(() => admin.query(q.Delete(ref)));
        })
        .on("version", (event) => {
          events.push({ type: "version", action: event.action, n: (event.document as { data?: { n: number } }).data?.n });
          if (event.action === "delete") {
            stream.close();
            resolve();
          }
        })
        .on("error", reject);
      stream.start();
    });
    expect(events).toEqual([
      { type: "snapshot", n: 30 },
      { type: "version", action: "update", n: 31 },
      { type: "version", action: "delete", n: 31 },
    ]);
  });

  test("a set stream: add and remove events of an index's matches", async () => {
    const admin = client();
    const actions: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const stream = admin
        .stream(q.Match(q.Index("users_by_email"), "cy@site.example.com"), { fields: ["action", "document", "index"] })
        .on("start", () => {
          void admin
            .query(q.Create(q.Ref(q.Collection("users"), "40"), { data: { email: "cy@site.example.com" } }))
            .then(() => admin.query(q.Update(q.Ref(q.Collection("users"), "40"), { data: { email: "cy@elsewhere.example.com" } })));
        })
        .on("set", (event) => {
          actions.push(`${event.action} ${(event.index as { terms: string[] }).terms.join()}`);
          if (actions.length === 2) {
            stream.close();
            resolve();
          }
        })
        .on("error", reject);
      stream.start();
    });
    expect(actions).toEqual(["add cy@site.example.com", "remove cy@site.example.com"]);
  });
});
