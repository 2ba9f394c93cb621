import { connect } from "node:http2";
import { fqliteTestServer } from "../../src/testing";

const fauna = fqliteTestServer();
const auth = { authorization: `Bearer ${fauna.secret}` };

async function post(body: string | Uint8Array, headers: Record<string, string> = auth, path = "/"): Promise<{ status: number; json: unknown; headers: Headers }> {
  const response = await fetch(`${fauna.url}${path}`, { method: "POST", body: body as BodyInit, headers });
  return { status: response.status, json: await response.json(), headers: response.headers };
}

describe("Fauna's endpoint over plain HTTP/1.1", () => {
  test("a query answers with its value and Fauna's headers; a new document with 201", async () => {
    const { status, json, headers } = await post(`{"add":[1,2]}`);
    expect({ status, json }).toEqual({ status: 200, json: { resource: 3 } });
    expect(headers.get("content-type")).toBe("application/json;charset=utf-8");
    for (const name of ["x-txn-time", "x-compute-ops", "x-byte-read-ops", "x-byte-write-ops", "x-query-time", "x-query-bytes-in", "x-query-bytes-out", "x-storage-bytes-read", "x-storage-bytes-write", "x-txn-retries", "x-faunadb-build", "traceparent"]) {
      expect({ name, present: headers.has(name) }).toEqual({ name, present: true });
    }
    expect(headers.get("x-query-bytes-in")).toBe("13");
    expect(headers.get("x-query-bytes-out")).toBe("14");
    await post(`{"create_collection":{"object":{"name":"things"}}}`);
    expect((await post(`{"create":{"collection":"things"},"params":{"object":{}}}`)).status).toBe(201);
    // Basic authentication works as well, with or without the colon.
    for (const encoded of [Buffer.from(`${fauna.secret}:`).toString("base64"), Buffer.from(fauna.secret).toString("base64")]) {
      expect((await post(`1`, { authorization: `Basic ${encoded}` })).status).toBe(200);
    }
  });

  test("bad requests: clean errors, never a crash", async () => {
    expect(await post(`{"add":[1,`)).toMatchObject({ status: 400, json: { errors: [{ position: [], code: "invalid expression", description: "Request body is not valid JSON." }] } });
    expect(await post(``)).toMatchObject({ status: 400, json: { errors: [{ code: "invalid expression", description: "No query provided." }] } });
    expect(await post(new Uint8Array(9 * 1024 * 1024).fill(0x20))).toMatchObject({ status: 413, json: { errors: [{ code: "request too large", description: "Request entity is too large" }] } });
    expect(await post(`1`, {})).toMatchObject({ status: 401, json: { errors: [{ code: "unauthorized", description: "Unauthorized" }] } });
    expect((await post(`1`, {})).headers.get("www-authenticate")).toBe('Basic realm="Unauthorized"');
    expect(await post(`1`, auth, "/nowhere")).toMatchObject({ status: 404, json: { errors: [{ code: "not found", description: "Not Found" }] } });
    const put = await fetch(fauna.url, { method: "PUT", body: "1", headers: auth });
    expect({ status: put.status, allow: put.headers.get("allow"), json: await put.json() }).toEqual({
      status: 405,
      allow: "GET, POST",
      json: { errors: [{ code: "method not allowed", description: "Allowed methods are GET, POST." }] },
    });
    // Without a valid secret, a wrong method is first of all unauthorized, as in Fauna.
    expect((await fetch(fauna.url, { method: "PUT", body: "1", headers: { authorization: "Bearer nope" } })).status).toBe(401);
    expect(await post(`1`, { ...auth, "x-query-timeout": "soon" })).toMatchObject({
      status: 400,
      json: { errors: [{ code: "bad request", description: "Invalid header 'x-query-timeout': Invalid number 'soon'." }] },
    });
    expect((await post(`1`, { ...auth, "x-fauna-tags": "team=core,job=nightly" })).headers.get("x-fauna-tags")).toBe("team=core,job=nightly");
    expect(await post(`1`, { ...auth, "x-fauna-tags": "a=b, c=d" })).toMatchObject({
      status: 400,
      json: { errors: [{ code: "bad request", description: "Invalid header 'x-fauna-tags': invalid tags" }] },
    });
  });

  test("GET /?q= runs a query that only reads", async () => {
    const read = await fetch(`${fauna.url}/?q=${encodeURIComponent(`{"add":[1,2]}`)}`, { headers: auth });
    expect({ status: read.status, json: await read.json() }).toEqual({ status: 200, json: { resource: 3 } });
    const write = await fetch(`${fauna.url}/?q=${encodeURIComponent(`{"create_collection":{"object":{"name":"nope"}}}`)}`, { headers: auth });
    expect({ status: write.status, json: await write.json() }).toEqual({
      status: 400,
      // At the form's own position, which at the top is the root, as Fauna placed it.
      json: { errors: [{ position: [], code: "invalid expression", description: "Call performs a write, which is not allowed in get requests." }] },
    });
  });

  test("a query past its X-Query-Timeout stops, changes nothing, and is a 503 time out", async () => {
    const slow = JSON.stringify({ foreach: { lambda: "n", expr: { create: { collection: "things" }, params: { object: {} } } }, collection: Array.from({ length: 200_000 }, (_, index) => index) });
    const before = ((await post(`{"count":{"documents":{"collection":"things"}}}`)).json as { resource: number }).resource;
    expect(await post(slow, { ...auth, "x-query-timeout": "1" })).toMatchObject({
      status: 503,
      json: { errors: [{ code: "time out", description: "Read timed out (Query eval has timed out.)" }] },
    });
    expect(await post(`{"count":{"documents":{"collection":"things"}}}`)).toMatchObject({ json: { resource: before } });
  });

  test("ping needs no secret; HEAD and CORS as Fauna answered them", async () => {
    const ping = await fetch(`${fauna.url}/ping?scope=all`);
    expect({ status: ping.status, json: await ping.json() }).toEqual({ status: 200, json: { resource: "Scope all is OK" } });
    expect(await (await fetch(`${fauna.url}/ping?scope=foobar`)).json()).toEqual({ resource: "Scope node is OK" });
    const head = await fetch(`${fauna.url}/ping`, { method: "HEAD" });
    expect({ status: head.status, body: await head.text() }).toEqual({ status: 200, body: "" });
    const preflight = await fetch(fauna.url, { method: "OPTIONS", headers: { origin: "https://app.example.com" } });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    const answered = await fetch(fauna.url, { method: "POST", body: "1", headers: { ...auth, origin: "https://app.example.com" } });
    expect(answered.headers.get("access-control-expose-headers")).toContain("x-txn-time");
  });
});

describe("HTTP/2 with prior knowledge on the same port", () => {
  test("a query without a content-length, as the driver sends it", async () => {
    const session = connect(fauna.url);
    try {
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = session.request({ ":method": "POST", ":path": "/", ...auth });
        let body = "";
        let status = 0;
        request.on("response", (headers) => (status = Number(headers[":status"])));
        request.on("data", (chunk: Buffer) => (body += chunk.toString()));
        request.on("end", () => resolve({ status, body }));
        request.on("error", reject);
        request.end(`{"concat":["a","b"]}`);
      });
      expect(answer).toEqual({ status: 200, body: `{"resource":"ab"}` });
    } finally {
      session.close();
    }
  });
});
