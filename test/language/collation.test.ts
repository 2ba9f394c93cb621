import fc from "fast-check";
import { collationKey } from "../../src/language/collation";

const collator = new Intl.Collator("en");

/** Strings drawn from several alphabets, with case, accents, digits, punctuation and symbols. */
const text = fc.array(fc.constantFrom(..."aAbBzZ09 -_.,;!?'\"()@&/éÉèàÂäçÇñÑßæØœ¿«»€£§©±×αΑβΩжЖЯ中文한ก"), { maxLength: 6 }).map((chars) => chars.join(""));

describe("collation keys", () => {
  test("order strings as ICU's collator does, and break its ties by bytes", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const ours = Math.sign(Buffer.compare(collationKey(a), collationKey(b)));
        const icu = Math.sign(collator.compare(a, b));
        if (icu !== 0) expect(ours).toBe(icu);
        else expect(ours).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
      }),
      { numRuns: 10000 },
    );
  });

  test("an expanded letter comes after its spelling with any accent", () => {
    const sorted = ["æ", "aè", "ae", "áe", "Æ", "ss", "ß", "śs"].sort((a, b) => Buffer.compare(collationKey(a), collationKey(b)));
    expect(sorted).toEqual(["ae", "aè", "áe", "æ", "Æ", "ss", "śs", "ß"]);
    expect(sorted).toEqual([...sorted].sort(collator.compare));
  });

  test("case and accents come after the letters themselves", () => {
    const words = ["Banana", "apple", "Apple", "äpple", "cherry", "apples", "_under", "9 lives", "Zebra", "éclair", "eclair"];
    expect([...words].sort((a, b) => Buffer.compare(collationKey(a), collationKey(b)))).toEqual([
      "_under",
      "9 lives",
      "apple",
      "Apple",
      "äpple",
      "apples",
      "Banana",
      "cherry",
      "eclair",
      "éclair",
      "Zebra",
    ]);
  });
});
