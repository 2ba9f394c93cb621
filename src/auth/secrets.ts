/**
 * Key and token secrets in Fauna's format, url-safe base64 without padding:
 *
 *   key    [0x7E, 0x70, key id (int64), 20 random bytes]                              40 characters, "fnA…"
 *   token  [0x7E, 0x71, token id (int64), database global id (int64), 20 random bytes] 51 characters, "fnE…"
 *
 * Only a bcrypt hash of the random part is stored (`hashed_secret`, cost 5 as
 * Fauna used); a secret itself is shown once, in the result of the query that
 * made it.
 */
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";

const SECRET_BCRYPT_COST = 5;
const RANDOM_BYTES = 20;
const VERSION = 0x7e;
const KEY_TAG = 0x70;
const TOKEN_TAG = 0x71;

function int64(value: bigint): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigInt64BE(BigInt.asIntN(64, value));
  return buffer;
}

/** bcrypt with Fauna's `$2a$` prefix (the same hash as `$2b$` for every secret FQLite makes). */
export function hashSecret(text: string): string {
  return bcrypt.hashSync(text, bcrypt.genSaltSync(SECRET_BCRYPT_COST).replace(/^\$2b\$/, "$2a$"));
}

/** A made-up bcrypt hash (cost 5) to check a password against when there is no real one; a match with it counts for nothing. */
const NO_PASSWORD_HASH = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";

/**
 * Whether a password is the one a stored hash was made from. There is always
 * one bcrypt comparison, of the same cost when there is no hash or no
 * password, so that the time taken tells nothing of either.
 */
export function passwordMatchesHash(password: string | undefined, hash: string | undefined): boolean {
  const comparable = password !== undefined && hash !== undefined;
  try {
    return bcrypt.compareSync(password ?? "", comparable ? hash : NO_PASSWORD_HASH) && comparable;
  } catch {
    // A hash that is not bcrypt's matches no password.
    return false;
  }
}

export interface NewSecret {
  readonly secret: string;
  readonly hashedSecret: string;
}

function newSecret(head: Buffer[]): NewSecret {
  const random = randomBytes(RANDOM_BYTES);
  return { secret: Buffer.concat([...head, random]).toString("base64url"), hashedSecret: hashSecret(random.toString("base64url")) };
}

export function newKeySecret(keyId: bigint): NewSecret {
  return newSecret([Buffer.from([VERSION, KEY_TAG]), int64(keyId)]);
}

export function newTokenSecret(tokenId: bigint, databaseGlobalId: bigint): NewSecret {
  return newSecret([Buffer.from([VERSION, TOKEN_TAG]), int64(tokenId), int64(databaseGlobalId)]);
}

/** What a key or token secret says of itself; `secretPart` is what its hash was made from. */
export type DecodedSecret =
  | { readonly kind: "key"; readonly id: bigint; readonly secretPart: string }
  | { readonly kind: "token"; readonly id: bigint; readonly globalId: bigint; readonly secretPart: string };

/** A key or token secret taken apart, or undefined for any other text. */
export function decodeSecret(text: string): DecodedSecret | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64url");
  if (bytes.toString("base64url") !== text || bytes[0] !== VERSION) return undefined;
  const secretPart = bytes.subarray(bytes.length - RANDOM_BYTES).toString("base64url");
  if (bytes[1] === KEY_TAG && bytes.length === 10 + RANDOM_BYTES) return { kind: "key", id: bytes.readBigInt64BE(2), secretPart };
  if (bytes[1] === TOKEN_TAG && bytes.length === 18 + RANDOM_BYTES) return { kind: "token", id: bytes.readBigInt64BE(2), globalId: bytes.readBigInt64BE(10), secretPart };
  return undefined;
}

/** Whether a stored `hashed_secret` was made from this secret (its random part, or the whole of it, as Fauna accepted both). */
export function secretMatches(secret: string, decoded: DecodedSecret, hashedSecret: string): boolean {
  try {
    return bcrypt.compareSync(decoded.secretPart, hashedSecret) || bcrypt.compareSync(secret, hashedSecret);
  } catch {
    // A hash that is not bcrypt's matches nothing.
    return false;
  }
}

const zBase32 = "ybndrfg8ejkmcpqxot1uwisza345h769";

/** A database's global id as Fauna showed it: the id in z-base-32, 13 characters. */
export function formatGlobalId(id: bigint): string {
  let text = "";
  for (let index = 0; index < 12; index++) text += zBase32[Number((id >> BigInt(59 - 5 * index)) & 31n)];
  return text + zBase32[Number((id << 1n) & 31n)];
}

/** The global id a 13-character z-base-32 text stands for (as `formatGlobalId` writes it), or undefined when it stands for none. */
export function parseGlobalId(text: string): bigint | undefined {
  const digits = [...text].map((character) => zBase32.indexOf(character));
  if (digits.length !== 13 || digits.includes(-1)) return undefined;
  let id = 0n;
  for (let index = 0; index < 12; index++) id |= BigInt(digits[index]!) << BigInt(59 - 5 * index);
  id = BigInt.asIntN(64, id | (BigInt(digits[12]!) >> 1n));
  // The last character holds four bits in its upper five: one with its lowest bit set was never written.
  return formatGlobalId(id) === text ? id : undefined;
}

/** A fresh global id: positive and below 2^59, as Fauna's snowflake ids were (so the text starts with "y"). */
export function randomGlobalId(): bigint {
  return randomBytes(8).readBigUInt64BE() >> 5n;
}
