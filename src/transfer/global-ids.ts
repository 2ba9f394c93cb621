/** Database global ids read back from the text Fauna (and `formatGlobalId`) wrote them as. */
import { formatGlobalId } from "../auth/secrets";

const zBase32 = "ybndrfg8ejkmcpqxot1uwisza345h769";

/** The global id a 13-character z-base-32 text stands for, or undefined when it stands for none. */
export function parseGlobalId(text: string): bigint | undefined {
  if (!/^[ybndrfg8ejkmcpqxot1uwisza345h769]{13}$/.test(text)) return undefined;
  let id = 0n;
  for (let index = 0; index < 12; index++) id |= BigInt(zBase32.indexOf(text[index]!)) << BigInt(59 - 5 * index);
  id = BigInt.asIntN(64, id | (BigInt(zBase32.indexOf(text[12]!)) >> 1n));
  // The last character holds four bits in its upper five: one with its lowest bit set was never written.
  return formatGlobalId(id) === text ? id : undefined;
}
