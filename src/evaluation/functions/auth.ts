/**
 * Authentication: Login, Logout, Identify, CurrentIdentity,
 * HasCurrentIdentity, CurrentToken, HasCurrentToken, KeyFromSecret.
 *
 * As in Fauna, Login and Identify by ref need no permission (anyone may try
 * a password; a token is written with server rights), and say nothing more
 * than "wrong" for a missing document, missing credentials or a wrong
 * password. Logout needs no permission either.
 */
import { findSecretDocument } from "../../auth/authenticate";
import type { Access } from "../../auth/access";
import { passwordMatchesHash } from "../../auth/secrets";
import { Errors, ValidationFailures } from "../../error/catalog";
import { FaunaError, errorEntry, queryError } from "../../error/FaunaError";
import type { CallExpr } from "../../language/ast";
import { Ref, type Scope } from "../../language/values";
import { tokenKind } from "../../schema/kinds";
import { storageTypeName } from "../../schema/validation";
import { idFromKey } from "../../store/keys";
import { argSite, evalArg, expectArg, isBoolean, isString } from "../args";
import type { QueryContext } from "../context";
import { databaseRefFrom, isWithin } from "../databases";
import type { Implementation } from "../execute";
import { documentsOfInstance } from "../instances";
import { nativeDocument, resolveDocument, type ResolvedDocument } from "../refs";
import { firstElement, isSetValue } from "../sets";
import { typeName } from "../types";
import { createdResult, credentialsOf, deleteDocument, issueSecretIfNeeded, kindFields, paramsArg, writeResult, writeVersion } from "../writing";
import { getDocument } from "./read";

/** What Login writes tokens with, whoever logs in. */
const SERVER_RIGHTS: Access["grants"] = { kind: "builtin", role: "server" };

/**
 * The identity a Login or Identify names: a ref, or the first document of a
 * set (which the query must be able to read). The look-up is not billed; the
 * credentials read is.
 */
function identityArg(ctx: QueryContext, call: CallExpr, scope: Scope | undefined): ResolvedDocument | undefined {
  const value = evalArg(ctx, call, 0, scope);
  if (isSetValue(value)) {
    const first = ctx.metrics.unbilled(() => firstElement(ctx, value, argSite(call, 0)));
    return first && resolveDocument(ctx, first.ref, argSite(call, 0));
  }
  if (value instanceof Ref) return resolveDocument(ctx, value, argSite(call, 0));
  throw queryError(Errors.invalidArgument, argSite(call, 0), ["Ref", "Set"], typeName(value));
}

/**
 * Whether the identity has credentials and the password is theirs. Nothing
 * about the answer may tell whether the identity exists or has credentials:
 * without credentials the password is still checked, against a hash of the
 * same cost that it cannot match, so that the work (and time) is the same;
 * and the look-up is billed as one read whatever it found, so that the
 * metric headers of a failed Login are the same as well.
 */
function passwordMatches(ctx: QueryContext, identity: ResolvedDocument | undefined, password: string): boolean {
  const credentials = identity && ctx.metrics.unmetered(() => credentialsOf(ctx, identity.address.db, identity.ref));
  const { db, collection, key } = identity?.address ?? { db: -1, collection: -1, key: "" };
  ctx.metrics.documentRead(`credentials of ${db}/${collection}/${key}`, 0);
  const hashed = credentials?.version.fields.get("hashed_password");
  return passwordMatchesHash(password, typeof hashed === "string" ? hashed : undefined);
}

/** Login(identity, {password, ttl, data}): a new token of the identity, with its secret shown this once. */
const evalLogin: Implementation = (ctx, call, scope) => {
  const identity = identityArg(ctx, call, scope);
  const params = paramsArg(ctx, call, 1, scope);
  const password = params.get("password");
  if (password !== undefined && password !== null && typeof password !== "string") {
    throw new FaunaError([errorEntry(Errors.validationFailed, call, [], { failures: [{ field: ["password"], ...ValidationFailures.invalidType(storageTypeName(password), "String") }] })]);
  }
  if (typeof password !== "string" || !passwordMatches(ctx, identity, password)) throw queryError(Errors.authenticationFailed, call);
  const fields = new Map(params);
  fields.delete("password");
  fields.set("instance", identity!.ref);
  return ctx.actingAs({ ...ctx.access, grants: SERVER_RIGHTS }, () => {
    const token = nativeDocument("tokens", ctx.database, ctx.newId());
    const tokenFields = kindFields(ctx, tokenKind, fields, call);
    const secret = issueSecretIfNeeded(ctx, tokenKind, token, tokenFields);
    return createdResult(ctx, writeResult(tokenKind, token.ref, writeVersion(ctx, token, tokenFields, call), secret));
  });
};

/** Identify(identity, password): whether the password is the identity's. */
const evalIdentify: Implementation = (ctx, call, scope) => {
  const identity = identityArg(ctx, call, scope);
  const password = expectArg(ctx, call, 1, scope, isString, ["String"]);
  return passwordMatches(ctx, identity, password);
};

/** Logout(all): forgets the query's token, or every token of its identity. */
const evalLogout: Implementation = (ctx, call, scope) => {
  const all = expectArg(ctx, call, 0, scope, isBoolean, ["Boolean"]);
  const { identity, token, database } = ctx.access;
  const forget = (id: bigint) => {
    const document = nativeDocument("tokens", database, id);
    if (ctx.documents.current(document.address)) deleteDocument(ctx, document, call);
  };
  if (all) {
    if (!identity) return false;
    for (const key of documentsOfInstance(ctx, database, "tokens", identity)) forget(idFromKey(key));
    return true;
  }
  if (!token) return false;
  forget(BigInt(token.id));
  return true;
};

const evalCurrentIdentity: Implementation = (ctx, call) => {
  if (!ctx.access.identity) throw queryError(Errors.missingIdentity, call);
  return ctx.access.identity;
};

const evalHasCurrentIdentity: Implementation = (ctx) => ctx.access.identity !== undefined;

/** The token the query runs with, or the key when its document is kept in the query's database. */
function currentToken(ctx: QueryContext): Ref | undefined {
  const { token, key } = ctx.access;
  return token ?? (key && key.db === ctx.database ? key.ref : undefined);
}

const evalCurrentToken: Implementation = (ctx, call) => {
  const token = currentToken(ctx);
  if (!token) throw queryError(Errors.invalidToken, call);
  return token;
};

const evalHasCurrentToken: Implementation = (ctx) => currentToken(ctx) !== undefined;

/** KeyFromSecret(secret): the key or token document a secret belongs to, if the query may read it. */
const evalKeyFromSecret: Implementation = (ctx, call, scope) => {
  const secret = expectArg(ctx, call, 0, scope, isString, ["String"]);
  const notFound = () => queryError(Errors.keyNotFound, call, secret);
  const found = findSecretDocument(ctx, secret);
  if (!found || !isWithin(ctx, found.db, ctx.database)) throw notFound();
  const { ref } = nativeDocument(found.kind, found.db, found.id, databaseRefFrom(ctx, ctx.database, found.db));
  try {
    return getDocument(ctx, ref, call, call);
  } catch (error) {
    if (error instanceof FaunaError) throw notFound();
    throw error;
  }
};

export const authFunctions: Record<string, Implementation> = {
  Login: evalLogin,
  Identify: evalIdentify,
  Logout: evalLogout,
  CurrentIdentity: evalCurrentIdentity,
  HasCurrentIdentity: evalHasCurrentIdentity,
  CurrentToken: evalCurrentToken,
  HasCurrentToken: evalHasCurrentToken,
  KeyFromSecret: evalKeyFromSecret,
};
