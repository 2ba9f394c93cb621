import { errorJson, failure, withDb, wire } from "../helpers";
import type { Engine } from "../../src/engine";

/** Each query's wire result, in order. */
async function results(db: Engine, cases: [query: string, expected: string][]): Promise<void> {
  for (const [query, expected] of cases) expect([query, await wire(db, query)]).toEqual([query, expected]);
}

async function errorOf(db: Engine, query: string): Promise<unknown[]> {
  return errorJson(await failure(db, query));
}

const invalid = (position: (string | number)[], description: string) => [{ position, code: "invalid argument", description }];

// https://docs.fauna.com/fauna/v4/api/fql/functions/containsstrregex
describe("ContainsStrRegex", () => {
  test("finds Java patterns anywhere in the string", async () => {
    await withDb(async (db) => {
      const text = String.raw`"One 2\n3 Four"`;
      await results(db, [
        [`ContainsStrRegex("ABCDEFGHIJK", "[A-Z]")`, "true"],
        [`ContainsStrRegex("1234567890", "[A-Z]")`, "false"],
        [`ContainsStrRegex("ABCDEFGHIJK", "[a-z]")`, "false"],
        [String.raw`[ContainsStrRegex(${text}, "\\d"), ContainsStrRegex(${text}, "\\W"), ContainsStrRegex(${text}, "\\s"), ContainsStrRegex(${text}, ".*")]`, "[true,true,true,true]"],
        [String.raw`[ContainsStrRegex(${text}, "(?m)2$"), ContainsStrRegex(${text}, "2$"), ContainsStrRegex(${text}, "(?m)^3"), ContainsStrRegex(${text}, "^3")]`, "[true,false,true,false]"],
        [String.raw`[ContainsStrRegex(${text}, "\\AOne 2\n3 Four\\Z"), ContainsStrRegex(${text}, "^One 2\n3 Four$")]`, "[true,true]"],
        [String.raw`[ContainsStrRegex("ab\n", "b$"), ContainsStrRegex("ab\n", "b\\z"), ContainsStrRegex("ab\r\n", "b\\Z"), ContainsStrRegex("a\nb", "a.b"), ContainsStrRegex("a\nb", "(?s)a.b")]`, "[true,false,true,false,true]"],
        [`ContainsStrRegex("", "")`, "true"],
      ]);
    });
  });

  test("reports an invalid pattern and wrong types", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `ContainsStrRegex("", "{")`)).toEqual(invalid(["pattern"], "Search pattern /{/ is not a valid regular expression."));
      expect(await errorOf(db, `ContainsStrRegex("abc", "a(")`)).toEqual(invalid(["pattern"], "Search pattern /a(/ is not a valid regular expression."));
      expect(await errorOf(db, `ContainsStrRegex(1, "a")`)).toEqual(invalid(["containsstrregex"], "String expected, Integer provided."));
      expect(await errorOf(db, `ContainsStrRegex("a", null)`)).toEqual(invalid(["pattern"], "String expected, Null provided."));
      expect(await errorOf(db, String.raw`ContainsStrRegex("a", "\\Gb")`)).toEqual(invalid(["pattern"], String.raw`Search pattern /\Gb/ uses \G, which FQLite does not support.`));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/findstrregex
describe("FindStrRegex", () => {
  test("returns {start, end, data} in code points, end inclusive", async () => {
    await withDb(async (db) => {
      await results(db, [
        [`FindStrRegex("ABC", "A")`, `[{"start":0,"end":0,"data":"A"}]`],
        [`FindStrRegex("ABCAB", "AB")`, `[{"start":0,"end":1,"data":"AB"},{"start":3,"end":4,"data":"AB"}]`],
        [`FindStrRegex("one fish two Fish", "[fF]ish")`, `[{"start":4,"end":7,"data":"fish"},{"start":13,"end":16,"data":"Fish"}]`],
        [`FindStrRegex("One Fish Two Fish", "Fish", 16)`, "[]"],
        [`FindStrRegex("One Fish Two fish", "[fF]ish", 9)`, `[{"start":13,"end":16,"data":"fish"}]`],
        [`FindStrRegex("One Fish Two fish", "Two", 9)`, `[{"start":9,"end":11,"data":"Two"}]`],
        [String.raw`FindStrRegex("\uD801\uDC00 ABC \uD801\uDC00 ABc", "AB[cC]")`, `[{"start":2,"end":4,"data":"ABC"},{"start":8,"end":10,"data":"ABc"}]`],
        [String.raw`FindStrRegex("\uD801\uDC00 ABC \uD801\uDC00 ABc", "AB[cC]", 3)`, `[{"start":8,"end":10,"data":"ABc"}]`],
        [`FindStrRegex("One Fish to Fish", "^|man")`, `[{"start":0,"end":0,"data":""}]`],
        [`FindStrRegex("fauna,graphql,serverless,database", "^|$|database")`, `[{"start":0,"end":0,"data":""},{"start":25,"end":32,"data":"database"},{"start":33,"end":33,"data":""}]`],
      ]);
    });
  });

  test("start outside the string searches all of it; num_results limits, at most 1024", async () => {
    await withDb(async (db) => {
      await results(db, [
        [`FindStrRegex("aXbX", "X", -5)`, `[{"start":1,"end":1,"data":"X"},{"start":3,"end":3,"data":"X"}]`],
        [`FindStrRegex("aXbX", "X", 4)`, `[{"start":1,"end":1,"data":"X"},{"start":3,"end":3,"data":"X"}]`],
        [`FindStrRegex("aXbX", "X", 0, 1)`, `[{"start":1,"end":1,"data":"X"}]`],
        [`FindStrRegex("aXbX", "X", 0, 0)`, "[]"],
        [`FindStrRegex("aXbX", "X", 0, -1)`, "[]"],
        [`Count(FindStrRegex(Repeat("a", 1024), "a", 0, 5000))`, "1024"],
        // A match ending in an astral character: Fauna counted up to its last UTF-16 unit.
        [String.raw`FindStrRegex("a\uD83D\uDE00", ".+")`, `[{"start":0,"end":2,"data":"a😀"}]`],
        // A start past the last code point but inside the UTF-16 length is the end of the string, as in FindStr.
        [String.raw`FindStrRegex("\uD83D\uDE00\uD83D\uDE00", "", 3)`, `[{"start":2,"end":2,"data":""}]`],
      ]);
    });
  });

  test("errors", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `FindStrRegex("", "{")`)).toEqual(invalid(["pattern"], "Search pattern /{/ is not a valid regular expression."));
      expect(await errorOf(db, `FindStrRegex(7, "7")`)).toEqual(invalid(["findstrregex"], "String expected, Integer provided."));
      expect(await errorOf(db, `FindStrRegex("a", "a", "1")`)).toEqual(invalid(["start"], "Integer expected, String provided."));
      expect(await errorOf(db, `FindStrRegex("a", "a", 0, 1.5)`)).toEqual(invalid(["num_results"], "Integer expected, Double provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/replacestrregex
describe("ReplaceStrRegex", () => {
  test("replaces every match, or the first", async () => {
    await withDb(async (db) => {
      await results(db, [
        [`ReplaceStrRegex("ABCDE", "AB", "AA")`, `"AACDE"`],
        [`ReplaceStrRegex("One Fish Two fish", "[Ff]ish", "Cat")`, `"One Cat Two Cat"`],
        [`ReplaceStrRegex("One Fish Two Fish", "Two", "Blue")`, `"One Fish Blue Fish"`],
        [`ReplaceStrRegex("One Fish Two Fish", "Fish", "Car", true)`, `"One Car Two Fish"`],
        [String.raw`ReplaceStrRegex("One Car Two Car", "\\s", "")`, `"OneCarTwoCar"`],
        [`ReplaceStrRegex("1 Cat 2 Cap 3 cam", "[cC]a.", "FISH")`, `"1 FISH 2 FISH 3 FISH"`],
        [`ReplaceStrRegex("1 Cat 2 Cap 3 cam", "[cC]a.", "FISH", true)`, `"1 FISH 2 Cap 3 cam"`],
        [`ReplaceStrRegex("abc", "x*", "-")`, `"-a-b-c-"`],
        [`ReplaceStrRegex("abc", "z", "$9")`, `"abc"`],
      ]);
    });
  });

  test("Java replacement syntax: $n, \${name}, \\ escapes; $& means nothing special", async () => {
    await withDb(async (db) => {
      await results(db, [
        [String.raw`ReplaceStrRegex("John Smith", "(\\w+) (\\w+)", "$2, $1")`, `"Smith, John"`],
        [String.raw`ReplaceStrRegex("John Smith", "(?<first>\\w+) (?<last>\\w+)", "\${last} \${first}")`, `"Smith John"`],
        [String.raw`ReplaceStrRegex("a1", "(a)(1)", "$11")`, `"a1"`],
        [String.raw`ReplaceStrRegex("a", "a", "\\$1 \\\\")`, String.raw`"$1 \\"`],
        [String.raw`ReplaceStrRegex("ab", "(a)(x)?", "[$2]")`, `"[]b"`],
      ]);
      expect(await errorOf(db, `ReplaceStrRegex("a", "a", "$&")`)).toEqual([
        { position: ["replace"], code: "invalid argument", description: "Invalid replacement string: Illegal group reference." },
      ]);
      expect(await errorOf(db, `ReplaceStrRegex("a", "a", "$1")`)).toEqual([
        { position: ["replace"], code: "invalid argument", description: "Invalid replacement string: No group 1." },
      ]);
    });
  });

  test("errors", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `ReplaceStrRegex("", "{", "")`)).toEqual(invalid(["pattern"], "Search pattern /{/ is not a valid regular expression."));
      expect(await errorOf(db, `ReplaceStrRegex(7, "7", "8")`)).toEqual(invalid(["replacestrregex"], "String expected, Integer provided."));
      expect(await errorOf(db, `ReplaceStrRegex("a", "a", 1)`)).toEqual(invalid(["replace"], "String expected, Integer provided."));
      expect(await errorOf(db, `ReplaceStrRegex("a", "a", "b", "yes")`)).toEqual(invalid(["first"], "Boolean expected, String provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/regexescape
describe("RegexEscape", () => {
  test("quotes as Java's Pattern.quote did, and the quote matches the text", async () => {
    await withDb(async (db) => {
      await results(db, [
        [`RegexEscape("ABCDEF")`, String.raw`"\\QABCDEF\\E"`],
        [`RegexEscape("")`, String.raw`"\\Q\\E"`],
        [String.raw`RegexEscape("a\\Eb")`, String.raw`"\\Qa\\E\\\\E\\Qb\\E"`],
        [String.raw`ContainsStrRegex("x.*[a\\E]+y", RegexEscape(".*[a\\E]+"))`, "true"],
        [String.raw`ContainsStrRegex("abc", RegexEscape("a.c\\E"))`, "false"],
        [`ContainsStrRegex("", RegexEscape(""))`, "true"],
      ]);
      expect(await errorOf(db, `RegexEscape(1)`)).toEqual(invalid(["regexescape"], "String expected, Integer provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/containsstrregex
describe("the Java dialect", () => {
  const matches = (pattern: string, text: string) => String.raw`FindStrRegex("${text}", "${pattern}")`;

  test("flags, quoting, classes and anchors as Java read them", async () => {
    await withDb(async (db) => {
      await results(db, [
        [String.raw`[ContainsStrRegex("ABC", "(?i)abc"), ContainsStrRegex("É", "(?i)é"), ContainsStrRegex("É", "(?iu)é"), ContainsStrRegex("aB", "a(?i:b)"), ContainsStrRegex("AB", "a(?i:b)")]`, "[true,false,true,true,false]"],
        [String.raw`[ContainsStrRegex("K", "(?i)[a-z]"), ContainsStrRegex("\u212A", "(?i)k"), ContainsStrRegex("ab", "(?x) a  b # comment")]`, "[true,false,true]"],
        [String.raw`[ContainsStrRegex("a.b", "\\Qa.b"), ContainsStrRegex("axb", "\\Qa.b\\E"), ContainsStrRegex("\u00a0", "\\s"), ContainsStrRegex("\u00a0", "\\h"), ContainsStrRegex("\u2028", "\\v")]`, "[true,false,false,true,true]"],
        [String.raw`[ContainsStrRegex("é", "\\p{javaLowerCase}"), ContainsStrRegex("É", "\\p{javaUpperCase}"), ContainsStrRegex("é", "\\p{Lower}"), ContainsStrRegex("Ω", "\\p{IsGreek}"), ContainsStrRegex("x", "\\p{L}")]`, "[true,true,false,true,true]"],
        [String.raw`[ContainsStrRegex("c", "[a-z&&[^aeiou]]"), ContainsStrRegex("e", "[a-z&&[^aeiou]]"), ContainsStrRegex("5", "[a-c[0-9]]"), ContainsStrRegex("]", "[]a]")]`, "[true,false,true,true]"],
        [String.raw`[ContainsStrRegex("café", "\\bcafé\\b"), ContainsStrRegex("cafés", "\\bcafé\\b"), ContainsStrRegex("a\r\nb", "a\\Rb")]`, "[true,false,true]"],
        [matches(String.raw`a*+a`, "aaa"), "[]"],
        [matches(String.raw`(?>a+)b`, "aab"), `[{"start":0,"end":2,"data":"aab"}]`],
        [matches(String.raw`(\\w)\\1`, "abbc"), `[{"start":1,"end":2,"data":"bb"}]`],
        [matches(String.raw`(?<x>a)\\k<x>`, "aa"), `[{"start":0,"end":1,"data":"aa"}]`],
        [matches(String.raw`\\x41\\u0042\\0103\\x{44}\\t`, String.raw`ABCD\t`), `[{"start":0,"end":4,"data":"ABCD\\t"}]`],
        [matches(String.raw`(a)\\2`, "aa"), "[]"],
      ]);
    });
  });

  test("what Java refused, and what FQLite cannot reproduce", async () => {
    await withDb(async (db) => {
      for (const pattern of [String.raw`a**`, String.raw`[z-a]`, String.raw`(?<=a+)b`, String.raw`\\y`, String.raw`(?<1a>x)`, String.raw`\\p{Nope}`, String.raw`x{2,1}`, String.raw`\\E`]) {
        const text = pattern.replace(/\\\\/g, "\\");
        expect(await errorOf(db, `ContainsStrRegex("a", "${pattern}")`)).toEqual(invalid(["pattern"], `Search pattern /${text}/ is not a valid regular expression.`));
      }
      expect(await errorOf(db, String.raw`ContainsStrRegex("a", "\\p{InGreek}")`)).toEqual(
        invalid(["pattern"], String.raw`Search pattern /\p{InGreek}/ uses the Unicode block \p{InGreek}, which FQLite does not support.`),
      );
      expect(await errorOf(db, String.raw`ContainsStrRegex("a", "(?i)(a)\\1")`)).toEqual(
        invalid(["pattern"], String.raw`Search pattern /(?i)(a)\1/ uses a back-reference matched case-insensitively, which FQLite does not support.`),
      );
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/format
describe("Format", () => {
  test("the docs' and Fauna's examples", async () => {
    await withDb(async (db) => {
      await results(db, [
        [`Format("%3$s%1$s %2$s", "DB", "rocks", "Fauna")`, `"FaunaDB rocks"`],
        [`Format("%.4f", 3.14)`, `"3.1400"`],
        [`Format("%s %d %.2f", "Hey", 1995, 6.02)`, `"Hey 1995 6.02"`],
        [`Format("always 100%%")`, `"always 100%"`],
        [`Format("%s %s %s %s", ["str", true, false, null])`, `"str true false null"`],
        [`Format("%d %o %x", [15, 15, 15])`, `"15 17 f"`],
        [`Format("%e %f %g", [3.14, 3.14, 3.14])`, `"3.140000e+00 3.140000 3.14000"`],
        [`Format("%b %b %b %b %b %b", [true, "str", 10, 3.14, false, null])`, `"true true true true false false"`],
        [`Format("%S %S %S %S", ["str", true, false, null])`, `"STR TRUE FALSE NULL"`],
        [`Format("%X %E %G", [255, 3.14, 31400000.0])`, `"FF 3.140000E+00 3.14000E+07"`],
        [`Format("%B %B", [true, null])`, `"TRUE FALSE"`],
        [`Format("%%%n")`, `"%\\n"`],
        [`Format("%2$s%3$s %1$s", ["rocks", "Fauna", "DB"])`, `"FaunaDB rocks"`],
      ]);
    });
  });

  test("width, justification, precision, signs, grouping, zero padding", async () => {
    await withDb(async (db) => {
      await results(db, [
        [`Format("%20s|%20d|%20f|%20b|%20b", "str", 10, 3.14, true, false)`, `"                 str|                  10|            3.140000|                true|               false"`],
        [`Format("%-20s|%-20d|%-20f|%-20b|", "str", 10, 3.14, false)`, `"str                 |10                  |3.140000            |false               |"`],
        [`Format("%.2f %.3f %.5f %.2s", 3.14159, 3.14159, 3.14159, "abc")`, `"3.14 3.142 3.14159 ab"`],
        [`Format("%+f %+f %+d %+d", 3.14159, -3.14159, 10, -10)`, `"+3.141590 -3.141590 +10 -10"`],
        [`Format("%(f %(f %(d %(d", 3.14159, -3.14159, 10, -10)`, `"3.141590 (3.141590) 10 (10)"`],
        [`Format("% f % f % d % d", 3.14159, -3.14159, 10, -10)`, `" 3.141590 -3.141590  10 -10"`],
        [`Format("%,d %,.2f %010.3f %(08d %,010d", 1234567, 1234567.891, -3.14159, -42, 1234)`, `"1,234,567 1,234,567.89 -00003.142 (000042) 000001,234"`],
        [`Format("%-8x| %#x %#X %#o %x %08x", 255, 255, 255, 8, -1, 255)`, `"ff      | 0xff 0XFF 010 ffffffffffffffff 000000ff"`],
        // Java rounded the shortest decimal digits half-up: 0.15 is 0.2, 1.005 is 1.01.
        [`Format("%.1f %.2f %.0f %#.0f %.1e %.3g %g %g", 0.15, 1.005, 2.5, 2.5, 0.15, 1234567.0, 0.0001, 0.00001)`, `"0.2 1.01 3 3. 1.5e-01 1.23e+06 0.000100000 1.00000e-05"`],
        [`Format("%f %e %g %s", 0.0, -0.0, 0.0, -0.0)`, `"0.000000 -0.000000e+00 0.00000 -0.0"`],
        [`Format("%d %x", -9223372036854775808, -9223372036854775808)`, `"-9223372036854775808 8000000000000000"`],
      ]);
    });
  });

  test("dates and times", async () => {
    await withDb(async (db) => {
      const date = `Date("1970-03-01")`;
      const time = `Time("1970-03-01T15:30:45.123456789Z")`;
      const each = (value: string, specifiers: string) => `Format("${specifiers}", ${specifiers.split("|").map(() => value).join(", ")})`;
      await results(db, [
        [each(date, "%t|%s|%tB|%tb|%th|%TB|%Tb|%Th|%tA|%ta|%TA|%Ta|%tC|%ty|%tY|%td|%te|%tm|%tj|%tD|%tF"), `"1970-03-01|1970-03-01|March|Mar|Mar|MARCH|MAR|MAR|Sunday|Sun|SUNDAY|SUN|19|70|1970|01|1|03|060|03/01/70|1970-03-01"`],
        [
          each(time, "%t|%s|%tH|%tI|%tk|%tl|%tM|%tS|%tL|%tN|%tp|%Tp|%ts|%tQ|%tz|%tZ|%tB|%ta|%tY|%tj|%tR|%tT|%tr|%tD|%tF|%tc"),
          `"1970-03-01T15:30:45.123456789Z|1970-03-01T15:30:45.123456789Z|15|03|15|3|30|45|123|123456789|pm|PM|5153445|5153445123|+0000|Z|March|Sun|1970|060|15:30|15:30:45|03:30:45 PM|03/01/70|1970-03-01|Sun Mar 01 15:30:45 Z 1970"`,
        ],
        [`Format("[%-10tY][%8tm]", ${date}, ${date})`, `"[1970      ][      03]"`],
      ]);
      expect(await errorOf(db, `Format("%tH", ${date})`)).toEqual(invalid(["values", 0], "Invalid date/time suffix '%tH'."));
      expect(await errorOf(db, `Format("%tq", ${time})`)).toEqual(invalid(["values", 0], "Invalid date/time suffix '%tq'."));
      expect(await errorOf(db, `Format("%#tY", ${date})`)).toEqual(invalid(["format"], "Invalid conversion format '%#tY'."));
    });
  });

  test("%@ writes a value's JSON as API 2.1 did; %^ as the request's version", async () => {
    await withDb(async (db) => {
      await results(db, [
        [`Format("%@", {x: 10, y: 3.14, z: ["str"]})`, JSON.stringify(`{"x":10,"y":3.14,"z":["str"]}`)],
        [`Format("%@|%^", "a", "a")`, JSON.stringify(`"a"|"a"`)],
        [`Format("%@", Collection("c"))`, JSON.stringify(`{"@ref":{"id":"c","class":{"@ref":{"id":"classes"}}}}`)],
        [`Format("%^", Ref(Collection("c"), "1"))`, JSON.stringify(`{"@ref":{"id":"1","collection":{"@ref":{"id":"c","collection":{"@ref":{"id":"collections"}}}}}}`)],
        [`Format("%@", [[Date("1970-01-01"), {"@a": null}]])`, JSON.stringify(`[{"@date":"1970-01-01"},{"@obj":{"@a":null}}]`)],
      ]);
    });
  });

  test("errors, where Fauna put them", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `Format("%Z", "")`)).toEqual(invalid(["format"], "Invalid conversion format '%Z'."));
      expect(await errorOf(db, `Format("%1$Z", "")`)).toEqual(invalid(["format"], "Invalid conversion format '%1$Z'."));
      expect(await errorOf(db, `Format("50%")`)).toEqual(invalid(["format"], "Invalid conversion format '%'."));
      expect(await errorOf(db, `Format("% s", "")`)).toEqual(invalid(["format"], "Invalid conversion format '% s'."));
      expect(await errorOf(db, `Format("%-d", 1)`)).toEqual(invalid(["format"], "Invalid conversion format '%-d'."));
      expect(await errorOf(db, `Format("%.2d", 1)`)).toEqual(invalid(["format"], "Invalid conversion format '%.2d'."));
      expect(await errorOf(db, `Format("%,e", 1.0)`)).toEqual(invalid(["format"], "Invalid conversion format '%,e'."));
      expect(await errorOf(db, `Format("%<s", "a")`)).toEqual(invalid(["format"], "Invalid conversion format '%<s'."));
      expect(await errorOf(db, `Format("%t", 10)`)).toEqual(invalid(["values", 0], "Date or Time expected, Integer provided."));
      expect(await errorOf(db, `Format("%s %d", "a", "b")`)).toEqual(invalid(["values", 1], "Integer expected, String provided."));
      expect(await errorOf(db, `Format("%d", 1.5)`)).toEqual(invalid(["values", 0], "Integer expected, Double provided."));
      expect(await errorOf(db, `Format("%f", 1)`)).toEqual(invalid(["values", 0], "Number expected, Integer provided."));
      expect(await errorOf(db, `Format("%s", [[1]])`)).toEqual(invalid(["values", 0], "Cannot cast Array to String."));
      expect(await errorOf(db, `Format("%d %d", 10)`)).toEqual(invalid(["format"], "format specifiers count must be <= arguments size"));
      expect(await errorOf(db, `Format("%s")`)).toEqual(invalid(["format"], "format specifiers count must be <= arguments size"));
      expect(await errorOf(db, `Format("%4$d", 10)`)).toEqual(invalid(["format"], "index must be >= 1 and <= arguments size"));
      expect(await errorOf(db, `Format(1)`)).toEqual(invalid(["format"], "String expected, Integer provided."));
    });
  });
});
