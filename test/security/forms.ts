/**
 * Looking for secrets and passwords where they must not be: in every form
 * they could have been written down in, not only as typed.
 */
import { decodeSecret } from "../../src/auth/secrets";

/** A secret or a password being watched for. */
export interface Watched {
  readonly label: string;
  readonly text: string;
}

/** What a secret is made of: the whole of it, and the random part its hash is made from (text and bytes). */
function secretParts(text: string): { texts: string[]; bytes: Buffer[] } {
  const decoded = decodeSecret(text);
  if (!decoded) return { texts: [], bytes: [] };
  const random = Buffer.from(decoded.secretPart, "base64url");
  return { texts: [decoded.secretPart, random.toString("base64"), random.toString("hex")], bytes: [Buffer.from(text, "base64url"), random] };
}

/** Forms a value could take in text: a response, a log line. */
export function textForms(watched: Watched): string[] {
  return [watched.text, ...secretParts(watched.text).texts];
}

/** Forms a value could take in a file: text forms in UTF-8 and UTF-16, base64, hex, and a secret's raw bytes. */
export function byteForms(watched: Watched): Buffer[] {
  const texts = textForms(watched);
  const encoded = texts.flatMap((text) => [Buffer.from(text, "utf8"), Buffer.from(text, "utf16le"), Buffer.from(Buffer.from(text).toString("base64")), Buffer.from(Buffer.from(text).toString("hex"))]);
  return [...encoded, ...secretParts(watched.text).bytes];
}

/** Where something was said or written: text, or bytes. */
export type Place = { readonly name: string; readonly text: string } | { readonly name: string; readonly bytes: Buffer };

export interface Leak {
  readonly label: string;
  readonly place: string;
}

/** Every watched value found in a place, in any of its forms. */
export function leaksIn(watched: readonly Watched[], places: readonly Place[]): Leak[] {
  const leaks: Leak[] = [];
  for (const value of watched) {
    for (const place of places) {
      const found = "text" in place ? textForms(value).some((form) => place.text.includes(form)) : byteForms(value).some((form) => place.bytes.includes(form));
      if (found) leaks.push({ label: value.label, place: place.name });
    }
  }
  return leaks;
}
