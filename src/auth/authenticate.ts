/**
 * Who runs a query. Until keys and tokens can sign in, only the root secret
 * (the top database's admin) is accepted; anything else is `unauthorized`
 * and nothing runs.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { Errors } from "../error/catalog";
import { queryError } from "../error/FaunaError";

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** Compares in constant time, so that response times say nothing about the secret. */
export function authenticate(secret: string, rootSecret: string): void {
  if (!timingSafeEqual(digest(secret), digest(rootSecret))) throw queryError(Errors.unauthorized, undefined);
}
