/**
 * `fqlite serve` as it is run: reachable from this machine only unless told
 * otherwise — and then only with a root secret of its own, since everyone
 * knows the default one — and its request log (`--log`), written while worker
 * threads run the queries, never holds a secret or a password.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { openEngine } from "../../src/engine";
import { startServer } from "../../src/server/server";
import { directoryPerTest } from "../helpers";
import { leaksIn } from "./forms";
import { get, post, resourceOf } from "./http";

const ROOT_SECRET = "root-secret-serve-3b8e";
const PASSWORD = "pw-served-7c2a";
const GUESS = "pw-guessed-9d4f";

const directory = directoryPerTest("fqlite-serve-");

/** The machine's addresses other than loopback (link-local ones need a zone, and are left out). */
function otherAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((address) => address !== undefined && !address.internal && !address.address.startsWith("fe80:"))
    .map((address) => address!.address);
}

/** Whether a TCP connection to the address and port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Starts `fqlite serve` with the arguments; resolves with its URL once it serves, and everything it prints. */
function serve(args: string[]): { child: ChildProcess; url: Promise<string>; output: () => string } {
  const bin = join(__dirname, "..", "..", "bin", "fqlite.js");
  const child = spawn(process.execPath, [bin, "serve", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const url = new Promise<string>((resolve, reject) => {
    const listen = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /at (http:\/\/[^\s]+)/.exec(output);
      if (found) resolve(found[1]!);
    };
    child.stdout!.on("data", listen);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`fqlite serve exited (${code}): ${output}`)));
  });
  return { child, url, output: () => output };
}

test("startServer without a host listens on 127.0.0.1 only", async () => {
  const server = await startServer({ port: 0 });
  try {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const reachable = await Promise.all(["127.0.0.1", ...otherAddresses()].map(async (host) => [host, await accepts(host, server.port)]));
    expect(reachable).toEqual([["127.0.0.1", true], ...otherAddresses().map((host) => [host, false])]);
  } finally {
    await server.close();
  }
});

const REFUSAL = (host: string) => `Refusing to listen on ${host} with the default root secret "secret": anyone who can reach it would be admin. Choose a root secret (--root-secret or FQLITE_ROOT_SECRET).`;

test("beyond loopback, a server starts only with a root secret of its own", async () => {
  for (const host of ["0.0.0.0", "::", ...otherAddresses()]) await expect(startServer({ host, port: 0 })).rejects.toThrow(REFUSAL(host));
  const engine = await openEngine({});
  try {
    await expect(startServer({ engine, host: "0.0.0.0", port: 0 })).rejects.toThrow(REFUSAL("0.0.0.0"));
  } finally {
    await engine.close();
  }
  const server = await startServer({ host: "0.0.0.0", port: 0, rootSecret: "a root secret of its own" });
  try {
    // 0.0.0.0 is every IPv4 address of the machine.
    const ipv4 = ["127.0.0.1", ...otherAddresses().filter((address) => !address.includes(":"))];
    expect(await Promise.all(ipv4.map((host) => accepts(host, server.port)))).toEqual(ipv4.map(() => true));
  } finally {
    await server.close();
  }
});

test("fqlite serve without --host: loopback only; its --log never shows a secret or a password", async () => {
  const { child, url: serving, output } = serve(["--db", join(directory(), "db"), "--port", "0", "--log", "--root-secret", ROOT_SECRET]);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const secrets: string[] = [];
  try {
    const url = await serving;
    const port = Number(new URL(url).port);
    expect(url).toBe(`http://127.0.0.1:${port}`);
    const reachable = await Promise.all(otherAddresses().map((host) => accepts(host, port)));
    expect(reachable).toEqual(otherAddresses().map(() => false));

    resourceOf(await post(url, `Do(CreateCollection({ name: "users" }), Create(Ref(Collection("users"), "1"), { credentials: { password: "${PASSWORD}" } }))`, ROOT_SECRET));
    const token = (resourceOf(await post(url, `Login(Ref(Collection("users"), "1"), { password: "${PASSWORD}" })`, ROOT_SECRET)) as { secret: string }).secret;
    const key = (resourceOf(await post(url, `CreateKey({ role: "server" })`, ROOT_SECRET)) as { secret: string }).secret;
    secrets.push(token, key);
    const answers = [
      await post(url, `Add(1, 1)`, token),
      await post(url, `Add(1, 1)`, key, "Basic"),
      await post(url, `Login(Ref(Collection("users"), "1"), { password: "${GUESS}" })`, key),
      await get(url, `Identify(Ref(Collection("users"), "1"), "${PASSWORD}")`, key),
      await post(url, `Add(1, 1)`, `${key}:nowhere:admin`),
    ];
    expect(answers.map(({ status }) => status)).toEqual([200, 200, 400, 200, 401]);
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
  const lines = output().trim().split("\n");
  // A line to say where it serves, then one per request: 3 to set up, 5 more.
  expect(lines.length).toBe(1 + 3 + 5);
  const watched = [
    { label: "root secret", text: ROOT_SECRET },
    { label: "password", text: PASSWORD },
    { label: "guess", text: GUESS },
    ...secrets.map((text, index) => ({ label: `secret ${index}`, text })),
  ];
  expect({ watched: watched.length, leaks: leaksIn(watched, [{ name: "fqlite serve output", text: output() }]) }).toEqual({ watched: 5, leaks: [] });
}, 20_000);

test("fqlite serve --host 0.0.0.0 with the default root secret does not start", async () => {
  const { child, url } = serve(["--db", join(directory(), "db"), "--port", "0", "--host", "0.0.0.0"]);
  const code = await new Promise((resolve) => child.once("exit", resolve));
  await expect(url).rejects.toThrow(`fqlite: ${REFUSAL("0.0.0.0")}`);
  expect(code).toBe(1);
}, 20_000);
