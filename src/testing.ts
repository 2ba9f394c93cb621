/**
 * `fqlite/testing`: a Fauna endpoint for a test file, in place of Fauna's
 * dev image. Call it at the top level of a jest (or mocha, vitest) file: it
 * starts a server on a free port over a fresh temporary database before the
 * tests, and removes both after them.
 *
 *   const fauna = fqliteTestServer();
 *   test("…", async () => {
 *     const client = new faunadb.Client(fauna.clientOptions);
 *   });
 */
import { startServer, type RunningServer } from "./server/server";
import { DEFAULT_ROOT_SECRET } from "./engine";

declare function beforeAll(body: () => Promise<void>): void;
declare function afterAll(body: () => Promise<void>): void;

export interface TestServer {
  /** What `new faunadb.Client(…)` needs: secret, domain, port, scheme. */
  readonly clientOptions: { secret: string; domain: string; port: number; scheme: "http" };
  /** The database's admin secret. */
  readonly secret: string;
  readonly url: string;
  readonly server: RunningServer;
}

export function fqliteTestServer(options: { rootSecret?: string } = {}): TestServer {
  const secret = options.rootSecret ?? DEFAULT_ROOT_SECRET;
  let running: RunningServer | undefined;
  beforeAll(async () => {
    running = await startServer({ port: 0, rootSecret: secret });
  });
  afterAll(async () => {
    await running?.close();
  });
  const started = (): RunningServer => {
    if (!running) throw new Error("The FQLite test server starts in beforeAll: use it inside tests or hooks.");
    return running;
  };
  return {
    secret,
    get clientOptions() {
      return { secret, domain: "127.0.0.1", port: started().port, scheme: "http" as const };
    },
    get url() {
      return started().url;
    },
    get server() {
      return started();
    },
  };
}
