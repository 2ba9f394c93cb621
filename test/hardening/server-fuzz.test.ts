/**
 * Property tests through the HTTP endpoint: any body gets a 200 or a 4xx
 * with Fauna's error body, never a 500, and the server keeps answering.
 */
import { connect } from "node:net";
import fc from "fast-check";
import { startServer, type RunningServer } from "../../src/server/server";
import { withDb } from "../helpers";
import { exampleWire, loadExamples, mutated, runs } from "./fuzzing";

const auth = { authorization: "Bearer secret" };

async function post(server: RunningServer, body: string | Uint8Array): Promise<{ status: number; json: unknown }> {
  const response = await fetch(server.url, { method: "POST", body: body as BodyInit, headers: auth });
  return { status: response.status, json: await response.json() };
}

/** A 200/201 with a resource, or a 4xx with Fauna's `{"errors": [{position, code, description}]}`. */
function expectFaunaAnswer({ status, json }: { status: number; json: unknown }): void {
  if (status === 200 || status === 201) {
    expect(json).toHaveProperty("resource");
    return;
  }
  expect(status).toBeGreaterThanOrEqual(400);
  expect(status).toBeLessThan(500);
  const { errors } = json as { errors: { position?: unknown; code: unknown; description: unknown }[] };
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(typeof error.code).toBe("string");
    expect(typeof error.description).toBe("string");
    if (status !== 401) expect(Array.isArray(error.position)).toBe(true);
  }
}

async function withServer(body: (server: RunningServer) => Promise<void>): Promise<void> {
  await withDb(async (db) => {
    const server = await startServer({ engine: db, port: 0 });
    try {
      await body(server);
      // Still answering.
      expect((await post(server, '{"add":[1,2]}')).json).toEqual({ resource: 3 });
    } finally {
      await server.close();
    }
  });
}

test("damaged and random bodies: 200 or a 4xx with Fauna's error body", async () => {
  await withServer(async (server) => {
    await loadExamples(server.engine);
    const bodies = fc.oneof(mutated(exampleWire()), fc.string({ maxLength: 40 }), fc.json({ maxDepth: 4 }));
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        expectFaunaAnswer(await post(server, body));
      }),
      { numRuns: runs(200) },
    );
  });
});

test("10,000 levels of nesting in each form: Fauna's nesting error", async () => {
  await withServer(async (server) => {
    const deep = 10_000;
    for (const body of [
      `${"[".repeat(deep)}1${"]".repeat(deep)}`,
      `${'{"add":['.repeat(deep)}1${"]}".repeat(deep)}`,
      `${'{"object":{"a":'.repeat(deep)}1${"}}".repeat(deep)}`,
      `${'{"@obj":{"a":'.repeat(deep)}1${"}}".repeat(deep)}`,
      `${"[".repeat(deep)}`,
    ]) {
      const answer = await post(server, body);
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ errors: [{ position: [], code: "invalid expression", description: "Request body JSON exceeds nesting limit." }] });
    }
    const built = await post(server, `{"reduce":{"lambda":["a","x"],"expr":[{"var":"a"}]},"initial":1,"collection":[${Array.from({ length: deep }, () => 0).join(",")}]}`);
    expect(built.status).toBe(400);
    expect(built.json).toEqual({ errors: [{ position: ["reduce", "expr"], code: "stack overflow", description: "Value nesting reached the maximum limit of 1000." }] });
  });
});

test("bodies that are not UTF-8: 400, not valid JSON", async () => {
  const invalidUtf8 = fc.uint8Array({ minLength: 1, maxLength: 30 }).filter((bytes) => {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      return false;
    } catch {
      return true;
    }
  });
  await withServer(async (server) => {
    await fc.assert(
      fc.asyncProperty(invalidUtf8, async (bytes) => {
        const answer = await post(server, bytes);
        expect(answer.status).toBe(400);
        expect(answer.json).toEqual({ errors: [{ position: [], code: "invalid expression", description: "Request body is not valid JSON." }] });
      }),
      { numRuns: runs(50) },
    );
    // A string whose bytes were cut in the middle of a character.
    const cut = Buffer.from('{"concat":["é"]}').subarray(0, 13);
    expect((await post(server, Buffer.concat([cut, Buffer.from('"]}')]))).status).toBe(400);
  });
});

test("a request target that is no URL is answered, not a crash", async () => {
  await withServer(async (server) => {
    for (const target of ["//[", "//a%", "//:99999/x"]) {
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = connect(server.port, "127.0.0.1", () => socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
        let text = "";
        socket.on("data", (chunk) => (text += chunk.toString()));
        socket.on("end", () => resolve(text));
        socket.on("error", reject);
      });
      expect(reply).toMatch(/^HTTP\/1\.1 404 /);
    }
  });
});

test("random methods, paths and headers: never a 500, and the server keeps answering", async () => {
  await withServer(async (server) => {
    const text = fc.string({ maxLength: 24, unit: fc.constantFrom(..."abcXYZ019 -_:/=.+@\"'{}[],!~") });
    const headerValue = fc.oneof(text, fc.constantFrom("0", "-1", "1", "600000", "600001", "9999999999999999999", "1.5", "", "secret", "Bearer secret", "Basic c2VjcmV0Og==", "Basic !!!", "4", "2.7"));
    const request = fc.record({
      method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"),
      path: fc.constantFrom("/", "/linearized", "/ping", "/ping?scope=write", "/?q=%7B%22add%22%3A%5B1%2C2%5D%7D", "/?q=", "/nope", "//", "/%2e%2e/"),
      headers: fc.dictionary(fc.constantFrom("authorization", "x-query-timeout", "x-last-seen-txn", "x-faunadb-api-version", "x-fauna-tags", "content-type", "traceparent"), headerValue, { maxKeys: 4 }),
      body: fc.constantFrom(undefined, '{"add":[1,2]}', "", "{", '{"create_collection":{"object":{"name":"fuzzed"}}}'),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, headers, body }) => {
        const response = await fetch(`${server.url}${path}`, { method, headers, body: method === "GET" || method === "HEAD" ? undefined : body });
        const answer = await response.text();
        if (answer !== "") expect(() => JSON.parse(answer)).not.toThrow();
        // A 4xx at worst, but for a query stopped by the time it was given (Fauna's 503 "time out").
        if (response.status >= 500) expect({ status: response.status, code: JSON.parse(answer).errors[0].code }).toEqual({ status: 503, code: "time out" });
      }),
      { numRuns: runs(200) },
    );
  });
});
