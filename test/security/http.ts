/** Queries over Fauna's HTTP endpoint, written in FQL and sent as the wire JSON the drivers send. */
import { parseQuery } from "../../src/language/parse";
import { encodeExpr } from "../../src/language/wire";

export interface HttpAnswer {
  readonly status: number;
  /** The body as sent. */
  readonly body: string;
  /** Status, headers and body together: everything the client was told. */
  readonly whole: string;
}

/** `Authorization` as the JavaScript driver sends it (Bearer), or as older drivers did (Basic `secret:`). */
export function authorization(secret: string, scheme: "Bearer" | "Basic" = "Bearer"): string {
  return scheme === "Bearer" ? `Bearer ${secret}` : `Basic ${Buffer.from(`${secret}:`).toString("base64")}`;
}

async function answerOf(response: Response): Promise<HttpAnswer> {
  const body = await response.text();
  const pairs: string[] = [];
  response.headers.forEach((value, name) => pairs.push(`${name}: ${value}`));
  const headers = pairs.join("\n");
  return { status: response.status, body, whole: `${response.status} ${headers} ${body}` };
}

/** POSTs an FQL query, as the secret, to the server at `url`. */
export async function post(url: string, fql: string, secret: string, scheme: "Bearer" | "Basic" = "Bearer"): Promise<HttpAnswer> {
  return answerOf(await fetch(url, { method: "POST", body: encodeExpr(parseQuery(fql)), headers: { authorization: authorization(secret, scheme) } }));
}

/** GET `/?q=`: a read-only query in the URL. */
export async function get(url: string, fql: string, secret: string): Promise<HttpAnswer> {
  return answerOf(await fetch(`${url}/?q=${encodeURIComponent(encodeExpr(parseQuery(fql)))}`, { headers: { authorization: authorization(secret) } }));
}

/** The `resource` of a successful answer (in wire JSON: refs as `@ref` objects). */
export function resourceOf(answer: HttpAnswer): unknown {
  if (answer.status >= 300) throw new Error(`Expected success, got ${answer.whole}`);
  return (JSON.parse(answer.body) as { resource: unknown }).resource;
}
