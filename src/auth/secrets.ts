/**
 * Token secrets in Fauna's format: url-safe base64 of
 * [0x7E, 0x71, token id (int64), database global id (int64), 20 random bytes],
 * 51 characters that start "fnE". Only a bcrypt hash of the random part is
 * stored (`hashed_secret`, cost 5 as Fauna used); the secret itself is shown
 * once, in the result of the query that made it.
 */
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";

const SECRET_BCRYPT_COST = 5;
const RANDOM_BYTES = 20;

function int64(value: bigint): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigInt64BE(BigInt.asIntN(64, value));
  return buffer;
}

/** bcrypt with Fauna's `$2a$` prefix (the same hash as `$2b$` for every secret FQLite makes). */
export function hashSecret(text: string): string {
  return bcrypt.hashSync(text, bcrypt.genSaltSync(SECRET_BCRYPT_COST).replace(/^\$2b\$/, "$2a$"));
}

export function newTokenSecret(tokenId: bigint, databaseGlobalId: bigint): { secret: string; hashedSecret: string } {
  const random = randomBytes(RANDOM_BYTES);
  const secret = Buffer.concat([Buffer.from([0x7e, 0x71]), int64(tokenId), int64(databaseGlobalId), random]).toString("base64url");
  return { secret, hashedSecret: hashSecret(random.toString("base64url")) };
}

const zBase32 = "ybndrfg8ejkmcpqxot1uwisza345h769";

/** A database's global id as Fauna showed it: the id in z-base-32, 13 characters. */
export function formatGlobalId(id: bigint): string {
  let text = "";
  for (let index = 0; index < 12; index++) text += zBase32[Number((id >> BigInt(59 - 5 * index)) & 31n)];
  return text + zBase32[Number((id << 1n) & 31n)];
}

/** A fresh global id: positive and below 2^59, as Fauna's snowflake ids were (so the text starts with "y"). */
export function randomGlobalId(): bigint {
  return randomBytes(8).readBigUInt64BE() >> 5n;
}
