/**
 * Who runs a query. Until keys and tokens can sign in, only the root secret
 * (the top database's admin) is accepted; anything else is `unauthorized`
 * and nothing runs.
 */
import { timingSafeEqual } from "node:crypto";
import { Errors } from "../error/catalog";
import { queryError } from "../error/FaunaError";

export class Authenticator {
  private readonly rootSecret: Buffer;

  constructor(rootSecret: string) {
    this.rootSecret = Buffer.from(rootSecret);
  }

  /**
   * Compares in constant time, so that response times say nothing about the
   * secret (beyond its length, which is no secret for Fauna-style secrets).
   */
  authenticate(secret: string): void {
    const given = Buffer.from(secret);
    if (given.length !== this.rootSecret.length || !timingSafeEqual(given, this.rootSecret)) throw queryError(Errors.unauthorized, undefined);
  }
}
