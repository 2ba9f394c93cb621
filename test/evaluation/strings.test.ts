import type { Engine } from "../../src/engine";
import { errorJson, failure, value, withDb, wire } from "../helpers";

/** The errors a query fails with, as Fauna sent them. */
async function errorOf(db: Engine, query: string): Promise<unknown> {
  return errorJson(await failure(db, query));
}

function invalidArgument(position: (string | number)[], description: string): unknown[] {
  return [{ position, code: "invalid argument", description }];
}

function boundsErrors(...descriptions: string[]): unknown[] {
  return descriptions.map((description) => ({ position: [], code: "invalid argument", description }));
}

// https://docs.fauna.com/fauna/v4/api/fql/functions/casefold
describe("Casefold", () => {
  test("folds with NFKC_Casefold by default, as the docs show", async () => {
    await withDb(async (db) => {
      expect(await value(db, `Casefold("Hen Wen")`)).toBe("hen wen");
      expect(await value(db, `Casefold("Hen Wen", "NFKCCaseFold")`)).toBe("hen wen");
      expect(await value(db, `Casefold("John Doe")`)).toBe("john doe");
      expect(await value(db, `Casefold("İstanbul")`)).toBe("i̇stanbul");
      expect(await value(db, `Casefold("Diyarbakır")`)).toBe("diyarbakır");
      expect(await value(db, `Casefold("φιλόσοφος")`)).toBe("φιλόσοφοσ");
      expect(await value(db, `Casefold("Weißkopfseeadler")`)).toBe("weisskopfseeadler");
      expect(await value(db, `Casefold("\\u212B")`)).toBe("\u00e5");
    });
  });

  test("the other normalizers (UAX #15's examples)", async () => {
    await withDb(async (db) => {
      expect(await value(db, `Casefold("\\u212B", "NFD")`)).toBe("A\u030a");
      expect(await value(db, `Casefold("\\u212B", "NFC")`)).toBe("\u00c5");
      expect(await value(db, `Casefold("\\u1E9B\\u0323", "NFKD")`)).toBe("s\u0323\u0307");
      expect(await value(db, `Casefold("\\u1E9B\\u0323", "NFKC")`)).toBe("\u1e69");
      expect(await value(db, `Casefold("Hen Wen", "NFC")`)).toBe("Hen Wen");
    });
  });

  test("takes any scalars, alone or in an array; one result comes back bare", async () => {
    await withDb(async (db) => {
      expect(await value(db, `Casefold(["ABC"])`)).toBe("abc");
      expect(await wire(db, `Casefold(["ABC", 1, null, "Ü"])`)).toBe('["abc",1,null,"ü"]');
      expect(await wire(db, `Casefold([])`)).toBe("[]");
      expect(await wire(db, `Casefold(5)`)).toBe("5");
      expect(await wire(db, `Casefold(true, "NFD")`)).toBe("true");
    });
  });

  test("errors", async () => {
    await withDb(async (db) => {
      const normalizers = "String 'NFKCCaseFold', 'NFC', 'NFD', 'NFKC', or 'NFKD' expected";
      expect(await errorOf(db, `Casefold("foo", "nope")`)).toEqual(invalidArgument(["normalizer"], `${normalizers}, String provided.`));
      expect(await errorOf(db, `Casefold("foo", "nfc")`)).toEqual(invalidArgument(["normalizer"], `${normalizers}, String provided.`));
      expect(await errorOf(db, `Casefold("foo", 1)`)).toEqual(invalidArgument(["normalizer"], `${normalizers}, Integer provided.`));
      expect(await errorOf(db, `Casefold(["a", ["b"], "c", Lambda("x", Var("x"))])`)).toEqual([
        ...invalidArgument(["casefold", 1], "Scalar expected, Array provided."),
        ...invalidArgument(["casefold", 3], "Scalar expected, Lambda provided."),
      ]);
      expect(await errorOf(db, `Casefold(Lambda("x", Var("x")))`)).toEqual(invalidArgument(["casefold"], "Scalar expected, Lambda provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/containsstr
describe("ContainsStr", () => {
  test("finds substrings, the empty one included", async () => {
    await withDb(async (db) => {
      expect(await value(db, `ContainsStr("Fauna", "a")`)).toBe(true);
      expect(await value(db, `ContainsStr("Fauna", "una")`)).toBe(true);
      expect(await value(db, `ContainsStr("Fauna", "A")`)).toBe(false);
      expect(await value(db, `ContainsStr("Fauna", "FaunaFauna")`)).toBe(false);
      expect(await value(db, `ContainsStr("", "")`)).toBe(true);
    });
  });

  test("errors", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `ContainsStr(1, "a")`)).toEqual(invalidArgument(["containsstr"], "String expected, Integer provided."));
      expect(await errorOf(db, `ContainsStr("a", null)`)).toEqual(invalidArgument(["search"], "String expected, Null provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/endswith
describe("EndsWith", () => {
  test("tests suffixes", async () => {
    await withDb(async (db) => {
      expect(await value(db, `EndsWith("Fauna", "a")`)).toBe(true);
      expect(await value(db, `EndsWith("Fauna", "una")`)).toBe(true);
      expect(await value(db, `EndsWith("Fauna", "F")`)).toBe(false);
      expect(await value(db, `EndsWith("Fauna", "")`)).toBe(true);
      expect(await value(db, `EndsWith("", "")`)).toBe(true);
      expect(await value(db, `EndsWith("a", "aa")`)).toBe(false);
    });
  });

  test("errors", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `EndsWith(1, "a")`)).toEqual(invalidArgument(["endswith"], "String expected, Integer provided."));
      expect(await errorOf(db, `EndsWith("a", ["a"])`)).toEqual(invalidArgument(["search"], "String expected, Array provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/startswith
describe("StartsWith", () => {
  test("tests prefixes", async () => {
    await withDb(async (db) => {
      expect(await value(db, `StartsWith("Fauna", "F")`)).toBe(true);
      expect(await value(db, `StartsWith("Fauna", "Fau")`)).toBe(true);
      expect(await value(db, `StartsWith("Fauna", "a")`)).toBe(false);
      expect(await value(db, `StartsWith("Fauna", "")`)).toBe(true);
      expect(await value(db, `StartsWith("", "")`)).toBe(true);
    });
  });

  test("errors", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `StartsWith(true, "a")`)).toEqual(invalidArgument(["startswith"], "String expected, Boolean provided."));
      expect(await errorOf(db, `StartsWith("a", 1.5)`)).toEqual(invalidArgument(["search"], "String expected, Double provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/findstr
describe("FindStr", () => {
  test("the offset of the first match, in code points, or -1", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `FindStr("fire and fireman", "fire")`)).toBe("0");
      expect(await wire(db, `FindStr("fire and fireman", "fire", 1)`)).toBe("9");
      expect(await wire(db, `FindStr("a big apple", "a")`)).toBe("0");
      expect(await wire(db, `FindStr("ABC", "A", 0)`)).toBe("0");
      expect(await wire(db, `FindStr("ABC", "A", 1)`)).toBe("-1");
      expect(await wire(db, `FindStr("a big apple", "a", 2)`)).toBe("6");
      expect(await wire(db, `FindStr("a big apple", "bad")`)).toBe("-1");
      expect(await wire(db, `FindStr("Bob f smith sonny Jones BILL WALSH", "f")`)).toBe("4");
      expect(await wire(db, `FindStr("apple", "ple")`)).toBe("2");
      expect(await wire(db, `FindStr(Concat(["three strings", " ", "combine TOGETHER by ANOTHER"]), "strings")`)).toBe("6");
      expect(await wire(db, `FindStr("", "find")`)).toBe("-1");
      expect(await wire(db, `FindStr("\\uD801\\uDC00 ABC", "ABC")`)).toBe("2");
      expect(await wire(db, `FindStr("\\uD801\\uDC00 ABC \\uD801\\uDC00 ABC", "ABC", 3)`)).toBe("8");
    });
  });

  test("a start that is not positive, or not below the UTF-16 length, searches from the beginning", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `FindStr("ABCA", "A", -1)`)).toBe("0");
      expect(await wire(db, `FindStr("ABCA", "A", 4)`)).toBe("0");
      expect(await wire(db, `FindStr("ABCA", "A", 9223372036854775807)`)).toBe("0");
      expect(await wire(db, `FindStr("ABCA", "A", 3)`)).toBe("3");
      expect(await wire(db, `FindStr("ABC", "", 2)`)).toBe("2");
      // Past the last code point, yet below the UTF-16 length.
      expect(await wire(db, `FindStr("\\uD801\\uDC00\\uD801\\uDC00", "x", 3)`)).toBe("-1");
    });
  });

  test("errors", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `FindStr(7, 7)`)).toEqual(invalidArgument(["findstr"], "String expected, Integer provided."));
      expect(await errorOf(db, `FindStr("ABC", 7)`)).toEqual(invalidArgument(["find"], "String expected, Integer provided."));
      expect(await errorOf(db, `FindStr("ABC", "A", "1")`)).toEqual(invalidArgument(["start"], "Integer expected, String provided."));
      expect(await errorOf(db, `FindStr("ABC", "A", 1.0)`)).toEqual(invalidArgument(["start"], "Integer expected, Double provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/length
describe("Length", () => {
  test("counts code points", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `Length("A big fat cat")`)).toBe("13");
      expect(await wire(db, `[Length(""), Length("a"), Length("apple"), Length("two words")]`)).toBe("[0,1,5,9]");
      expect(await wire(db, `Length("Bob f smith sonny Jones BILL WALSH")`)).toBe("34");
      expect(await wire(db, `Length(ToString(7))`)).toBe("1");
      expect(await wire(db, `Length("\\uD801\\uDC00 ABC")`)).toBe("5");
      // A lone surrogate is a code point of its own; a combining mark too.
      expect(await wire(db, `Length("\\uD801A")`)).toBe("2");
      expect(await wire(db, `Length("e\\u0301")`)).toBe("2");
    });
  });

  test("errors", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `Length(7)`)).toEqual(invalidArgument(["length"], "String expected, Integer provided."));
      expect(await errorOf(db, `Length(["a"])`)).toEqual(invalidArgument(["length"], "String expected, Array provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/lowercase
describe("LowerCase", () => {
  test("lowercases in the root locale", async () => {
    await withDb(async (db) => {
      expect(await value(db, `LowerCase("Hen Wen")`)).toBe("hen wen");
      expect(await value(db, `LowerCase("")`)).toBe("");
      expect(await value(db, `LowerCase("ApPle")`)).toBe("apple");
      expect(await value(db, `LowerCase("Bob f smITH soNny Jones BILL WALSH")`)).toBe("bob f smith sonny jones bill walsh");
      expect(await value(db, `LowerCase(ToString(7))`)).toBe("7");
      expect(await value(db, `LowerCase("İstanbul")`)).toBe("i̇stanbul");
      expect(await value(db, `LowerCase("Diyarbakır")`)).toBe("diyarbakır");
      expect(await value(db, `LowerCase("ΟΔΟΣ")`)).toBe("οδος");
    });
  });

  test("errors", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `LowerCase(7)`)).toEqual(invalidArgument(["lowercase"], "String expected, Integer provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/uppercase
describe("UpperCase", () => {
  test("uppercases in the root locale, with full mappings", async () => {
    await withDb(async (db) => {
      expect(await value(db, `UpperCase("Hen Wen")`)).toBe("HEN WEN");
      expect(await value(db, `UpperCase("")`)).toBe("");
      expect(await value(db, `UpperCase("abc def")`)).toBe("ABC DEF");
      expect(await value(db, `UpperCase("Bob f smITH soNny Jones BILL WALSH")`)).toBe("BOB F SMITH SONNY JONES BILL WALSH");
      expect(await value(db, `UpperCase(ToString(7))`)).toBe("7");
      expect(await value(db, `UpperCase("straße ﬁx")`)).toBe("STRASSE FIX");
      expect(await value(db, `UpperCase("istanbul")`)).toBe("ISTANBUL");
    });
  });

  test("errors", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `UpperCase(7)`)).toEqual(invalidArgument(["uppercase"], "String expected, Integer provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/titlecase
describe("TitleCase", () => {
  test("capitalizes each word and lowercases the rest", async () => {
    await withDb(async (db) => {
      expect(await value(db, `TitleCase("hen wen")`)).toBe("Hen Wen");
      expect(await value(db, `TitleCase("Bob f smith sonny Jones BILL WALSH")`)).toBe("Bob F Smith Sonny Jones Bill Walsh");
      expect(await value(db, `TitleCase("a")`)).toBe("A");
      expect(await value(db, `TitleCase("apple")`)).toBe("Apple");
      expect(await value(db, `TitleCase(Concat(["three strings", " ", "combine TOGETHER by ANOTHER"]))`)).toBe("Three Strings Combine Together By Another");
      expect(await value(db, `TitleCase("one fISH tWo FISH")`)).toBe("One Fish Two Fish");
      expect(await value(db, `TitleCase("ABC DEF")`)).toBe("Abc Def");
      expect(await value(db, `TitleCase("")`)).toBe("");
      expect(await value(db, `TitleCase(ToString(7))`)).toBe("7");
      expect(await value(db, `TitleCase("o'NEIL-smith ßen")`)).toBe("O'neil-Smith Ssen");
    });
  });

  test("errors", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `TitleCase(7)`)).toEqual(invalidArgument(["titlecase"], "String expected, Integer provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/ltrim
describe("LTrim", () => {
  test("removes leading whitespace as Java's stripLeading", async () => {
    await withDb(async (db) => {
      expect(await value(db, `LTrim("    Hen Wen  ")`)).toBe("Hen Wen  ");
      expect(await value(db, `LTrim("")`)).toBe("");
      expect(await value(db, `LTrim(" ")`)).toBe("");
      expect(await value(db, `LTrim("    A")`)).toBe("A");
      expect(await value(db, `LTrim("\\t\\n\\t\\n\\n\\nApple")`)).toBe("Apple");
      expect(await value(db, `LTrim(" A B C")`)).toBe("A B C");
      expect(await value(db, `LTrim("\\u0009ABC")`)).toBe("ABC");
      expect(await value(db, `LTrim("\\u1680ABD")`)).toBe("ABD");
      expect(await value(db, `LTrim("\\u3000\\u2028\\u001cX")`)).toBe("X");
      // No-break spaces and NEL are not Java whitespace.
      expect(await value(db, `LTrim("\\u00a0X")`)).toBe("\u00a0X");
      expect(await value(db, `LTrim("\\u2007X")`)).toBe("\u2007X");
      expect(await value(db, `LTrim("\\u0085X")`)).toBe("\u0085X");
      expect(await value(db, `LTrim(ToString(7))`)).toBe("7");
    });
  });

  test("errors", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `LTrim(7)`)).toEqual(invalidArgument(["ltrim"], "String expected, Integer provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/rtrim
describe("RTrim", () => {
  test("removes trailing whitespace as Java's stripTrailing", async () => {
    await withDb(async (db) => {
      expect(await value(db, `RTrim("  Hen Wen    ")`)).toBe("  Hen Wen");
      expect(await value(db, `RTrim("")`)).toBe("");
      expect(await value(db, `RTrim("  ")`)).toBe("");
      expect(await value(db, `RTrim("A\\t\\n   ")`)).toBe("A");
      expect(await value(db, `RTrim("Apple \\t\\n\\t\\n\\n\\n")`)).toBe("Apple");
      expect(await value(db, `RTrim("ABC DE F ")`)).toBe("ABC DE F");
      expect(await value(db, `RTrim("ABC\\u0009")`)).toBe("ABC");
      expect(await value(db, `RTrim("ABD\\u1680")`)).toBe("ABD");
      expect(await value(db, `RTrim("X\\u202f")`)).toBe("X\u202f");
      expect(await value(db, `RTrim(ToString(7))`)).toBe("7");
    });
  });

  test("errors", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `RTrim(7)`)).toEqual(invalidArgument(["rtrim"], "String expected, Integer provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/trim
describe("Trim", () => {
  test("removes whitespace at both ends as Java's strip", async () => {
    await withDb(async (db) => {
      expect(await value(db, `Trim("    Hen Wen    ")`)).toBe("Hen Wen");
      expect(await value(db, `Trim("")`)).toBe("");
      expect(await value(db, `Trim("  ")`)).toBe("");
      expect(await value(db, `Trim("A B C")`)).toBe("A B C");
      expect(await value(db, `Trim("\\t\\t\\n\\n     Apple \\t\\n\\t\\n\\n\\n")`)).toBe("Apple");
      expect(await value(db, `Trim("\\tbob f smith sonny jones bill walsh    ")`)).toBe("bob f smith sonny jones bill walsh");
      expect(await value(db, `Trim("\\u0009ABC\\u0009")`)).toBe("ABC");
      expect(await value(db, `Trim("\\u1680ABD\\u1680")`)).toBe("ABD");
      expect(await value(db, `Trim("\\u00a0A\\u00a0")`)).toBe("\u00a0A\u00a0");
      expect(await value(db, `Trim(ToString(7))`)).toBe("7");
    });
  });

  test("errors", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `Trim(7)`)).toEqual(invalidArgument(["trim"], "String expected, Integer provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/ngram
describe("NGram", () => {
  test("grams of 1 to 2 code points by default, by position then size", async () => {
    await withDb(async (db) => {
      expect(await value(db, `NGram("what")`)).toEqual(["w", "wh", "h", "ha", "a", "at", "t"]);
      expect(await value(db, `NGram("apple")`)).toEqual(["a", "ap", "p", "pp", "p", "pl", "l", "le", "e"]);
      expect(await value(db, `NGram("a b")`)).toEqual(["a", "a ", " ", " b", "b"]);
      expect(await value(db, `NGram("a\\uD83D\\uDE00b")`)).toEqual(["a", "a\u{1f600}", "\u{1f600}", "\u{1f600}b", "b"]);
      expect(await value(db, `NGram("")`)).toEqual([]);
    });
  });

  test("min and max sizes", async () => {
    await withDb(async (db) => {
      expect(await value(db, `NGram("what", 2, 3)`)).toEqual(["wh", "wha", "ha", "hat", "at"]);
      expect(await value(db, `NGram("apple", 1, 2)`)).toEqual(["a", "ap", "p", "pp", "p", "pl", "l", "le", "e"]);
      expect(await value(db, `NGram("apple", 3, 4)`)).toEqual(["app", "appl", "ppl", "pple", "ple"]);
      expect(await value(db, `NGram("apple", 4, 5)`)).toEqual(["appl", "apple", "pple"]);
      expect(await value(db, `NGram("apple", 5, 6)`)).toEqual(["apple"]);
      expect(await value(db, `NGram("apple", 6, 6)`)).toEqual([]);
      expect(await value(db, `NGram("apple", 2)`)).toEqual(["ap", "pp", "pl", "le"]);
      expect(await value(db, `NGram("apple", null, 2)`)).toEqual(["a", "ap", "p", "pp", "p", "pl", "l", "le", "e"]);
    });
  });

  test("arrays are split term by term; other scalars pass through", async () => {
    await withDb(async (db) => {
      expect(await value(db, `NGram(["john", "doe"])`)).toEqual(["j", "jo", "o", "oh", "h", "hn", "n", "d", "do", "o", "oe", "e"]);
      expect(await value(db, `NGram(["john", "doe"], 3, 4)`)).toEqual(["joh", "john", "ohn", "doe"]);
      expect(await wire(db, `NGram([1, "ab", null, true])`)).toBe('[1,"a","ab","b",null,true]');
      expect(await wire(db, `NGram(2.5)`)).toBe("[2.5]");
      expect(await wire(db, `NGram([])`)).toBe("[]");
    });
  });

  test("size errors, all of them, at the call", async () => {
    await withDb(async (db) => {
      const minBound = "min ngram size must be > 0 and <= max";
      expect(await errorOf(db, `NGram("abc", 0)`)).toEqual(boundsErrors(minBound, "min ngram size must be >= max - 1"));
      expect(await errorOf(db, `NGram("abc", -2147483648)`)).toEqual(boundsErrors(minBound, "min ngram size must be >= max - 1"));
      expect(await errorOf(db, `NGram("abc", 3)`)).toEqual(boundsErrors(minBound));
      expect(await errorOf(db, `NGram("abc", 2147483647)`)).toEqual(boundsErrors(minBound));
      expect(await errorOf(db, `NGram("abc", 1, 0)`)).toEqual(boundsErrors(minBound, "max ngram size must be > 0"));
      expect(await errorOf(db, `NGram("abc", 1, -2147483648)`)).toEqual(boundsErrors(minBound, "max ngram size must be > 0"));
      expect(await errorOf(db, `NGram("abc", -2147483648, -2147483648)`)).toEqual(boundsErrors(minBound, "max ngram size must be > 0"));
      expect(await errorOf(db, `NGram("abc", 0, -2147483648)`)).toEqual(boundsErrors(minBound, "max ngram size must be > 0"));
      expect(await errorOf(db, `NGram("abc", 10, 3)`)).toEqual(boundsErrors(minBound));
      expect(await errorOf(db, `NGram("abc", 2147483647, -2147483648)`)).toEqual(boundsErrors(minBound, "max ngram size must be > 0"));
      expect(await errorOf(db, `NGram("abc", 1, 3)`)).toEqual(boundsErrors("max ngram size must be <= min + 1"));
      expect(await errorOf(db, `NGram("abc", 20, 22)`)).toEqual(boundsErrors("max ngram size must be <= min + 1"));
      expect(await errorOf(db, `NGram("abc", 0, 2)`)).toEqual(boundsErrors(minBound, "max ngram size must be <= min + 1"));
      // max - min wraps around as a Java long.
      expect(await errorOf(db, `NGram("abc", -9223372036854775808, 9223372036854775807)`)).toEqual(boundsErrors(minBound));
    });
  });

  test("a max alone must exceed the default min and stay within 1 of it", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `NGram("abc", null, 1)`)).toEqual(boundsErrors("max ngram size must be > 0 and >= min"));
      expect(await errorOf(db, `NGram("abc", null, 0)`)).toEqual(boundsErrors("max ngram size must be > 0 and >= min"));
      expect(await errorOf(db, `NGram("abc", null, 3)`)).toEqual(boundsErrors("max ngram size must be <= min + 1"));
    });
  });

  test("type errors come before size errors", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `NGram(["a", ["b"], "c", {x: 1}], 0)`)).toEqual([
        ...invalidArgument(["ngram", 1], "Scalar expected, Array provided."),
        ...invalidArgument(["ngram", 3], "Scalar expected, Object provided."),
      ]);
      expect(await errorOf(db, `NGram("abc", "1")`)).toEqual(invalidArgument(["min"], "Integer expected, String provided."));
      expect(await errorOf(db, `NGram("abc", 1, 2.0)`)).toEqual(invalidArgument(["max"], "Integer expected, Double provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/repeat
describe("Repeat", () => {
  test("repeats twice by default, at most 1024 times", async () => {
    await withDb(async (db) => {
      expect(await value(db, `Repeat("Hen ")`)).toBe("Hen Hen ");
      expect(await value(db, `Repeat("A")`)).toBe("AA");
      expect(await value(db, `Repeat("A", 5)`)).toBe("AAAAA");
      expect(await value(db, `Repeat("AB", 3)`)).toBe("ABABAB");
      expect(await value(db, `Repeat("ABC", 1)`)).toBe("ABC");
      expect(await value(db, `Repeat("", 10)`)).toBe("");
      expect(await value(db, `Repeat("A", 0)`)).toBe("");
      expect(await value(db, `Repeat("A", -3)`)).toBe("");
      expect(await value(db, `Repeat("ab", 5000)`)).toBe("ab".repeat(1024));
      expect(await value(db, `Repeat("ab", 9223372036854775807)`)).toBe("ab".repeat(1024));
    });
  });

  test("a count below the int range wraps around as Java narrowed it", async () => {
    await withDb(async (db) => {
      expect(await value(db, `Repeat("a", -4294967295)`)).toBe("a");
      expect(await value(db, `Repeat("a", -4294967296)`)).toBe("");
    });
  });

  test("errors", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `Repeat(7)`)).toEqual(invalidArgument(["repeat"], "String expected, Integer provided."));
      expect(await errorOf(db, `Repeat("a", "2")`)).toEqual(invalidArgument(["number"], "Integer expected, String provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/replacestr
describe("ReplaceStr", () => {
  test("replaces every occurrence, literally", async () => {
    await withDb(async (db) => {
      expect(await value(db, `ReplaceStr("One Fish Two Fish", "Fish", "Cat")`)).toBe("One Cat Two Cat");
      expect(await value(db, `ReplaceStr("One Fish Two Fish", "Two", "Blue")`)).toBe("One Fish Blue Fish");
      expect(await value(db, `ReplaceStr("ABCDE", "AB", "AA")`)).toBe("AACDE");
      expect(await value(db, `ReplaceStr("One Fis? Two Fish", "Fis?", "Cat")`)).toBe("One Cat Two Fish");
      expect(await value(db, `ReplaceStr("One Fis. Two Fish", "Fis.", "Cat")`)).toBe("One Cat Two Fish");
      expect(await value(db, `ReplaceStr("a.b", ".", "$&$1\\\\")`)).toBe("a$&$1\\b");
      expect(await value(db, `ReplaceStr("aaa", "aa", "b")`)).toBe("ba");
      expect(await value(db, `ReplaceStr("abc", "", "-")`)).toBe("-a-b-c-");
      expect(await value(db, `ReplaceStr("abc", "x", "-")`)).toBe("abc");
    });
  });

  test("errors", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `ReplaceStr(7, "to", "two")`)).toEqual(invalidArgument(["replacestr"], "String expected, Integer provided."));
      expect(await errorOf(db, `ReplaceStr("a", 1, "two")`)).toEqual(invalidArgument(["find"], "String expected, Integer provided."));
      expect(await errorOf(db, `ReplaceStr("a", "a", null)`)).toEqual(invalidArgument(["replace"], "String expected, Null provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/space
describe("Space", () => {
  test("that many spaces, at most 1024", async () => {
    await withDb(async (db) => {
      expect(await value(db, `Space(10)`)).toBe("          ");
      expect(await value(db, `Space(4)`)).toBe("    ");
      expect(await value(db, `Space(0)`)).toBe("");
      expect(await value(db, `Space(-10)`)).toBe("");
      expect(await value(db, `Concat(["1", Space(2), "3"])`)).toBe("1  3");
      expect(await value(db, `Concat(["4", Space(10), "2"])`)).toBe("4          2");
      expect(await value(db, `Space(5000)`)).toBe(" ".repeat(1024));
      expect(await value(db, `Space(4294967297)`)).toBe(" ".repeat(1024));
    });
  });

  test("errors", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `Space("Hello")`)).toEqual(invalidArgument(["space"], "Integer expected, String provided."));
      expect(await errorOf(db, `Space(2.0)`)).toEqual(invalidArgument(["space"], "Integer expected, Double provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/substring
describe("SubString", () => {
  test("code points from start, counting from the end when negative", async () => {
    await withDb(async (db) => {
      expect(await value(db, `SubString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 3, 3)`)).toBe("DEF");
      expect(await value(db, `SubString("ABC")`)).toBe("ABC");
      expect(await value(db, `SubString("DEABC", 2)`)).toBe("ABC");
      expect(await value(db, `SubString("DEABCHIJ", 2, 3)`)).toBe("ABC");
      expect(await value(db, `SubString("DEFABC", -3)`)).toBe("ABC");
      expect(await value(db, `SubString("DEFABCHIJ", -6, 3)`)).toBe("ABC");
      expect(await value(db, `SubString("ABCDEF", -3)`)).toBe("DEF");
      expect(await value(db, `SubString("ABCDEF", 0, 3)`)).toBe("ABC");
      expect(await value(db, `SubString("\\uD801\\uDC00 ABC", 2)`)).toBe("ABC");
      expect(await value(db, `SubString("\\uD801\\uDC00 ABC \\uD801\\uDC00", 2, 3)`)).toBe("ABC");
      expect(await value(db, `SubString("\\uD801\\uDC00 ABC", 0, 1)`)).toBe("\u{10400}");
    });
  });

  test("lengths: zero is empty, past the end stops at the end", async () => {
    await withDb(async (db) => {
      expect(await value(db, `SubString("ABCDE", 5, 2)`)).toBe("");
      expect(await value(db, `SubString("ABCDE", 5)`)).toBe("");
      expect(await value(db, `SubString("ABCDE", 1, 0)`)).toBe("");
      expect(await value(db, `SubString("ABCDE", 1, 100)`)).toBe("BCDE");
      expect(await value(db, `SubString("ABCDE", -5)`)).toBe("ABCDE");
      expect(await value(db, `SubString("ABCDE", null, 2)`)).toBe("AB");
    });
  });

  test("a start outside the int range wraps around as Java narrowed it", async () => {
    await withDb(async (db) => {
      expect(await value(db, `SubString("ABCDE", 4294967297)`)).toBe("BCDE");
      // 5 - 4294967296 narrows to 5, 5 - 4294967295 to 6.
      expect(await value(db, `SubString("ABCDE", -4294967296)`)).toBe("");
      expect(await errorOf(db, `SubString("ABCDE", -4294967295)`)).toEqual(boundsErrors("start must be less than or equal to the string length"));
    });
  });

  test("bound errors are at the call, the start's first", async () => {
    await withDb(async (db) => {
      const startBound = "start must be less than or equal to the string length";
      expect(await errorOf(db, `SubString("ABCDE", 6, 2)`)).toEqual(boundsErrors(startBound));
      expect(await errorOf(db, `SubString("ABCDE", 6)`)).toEqual(boundsErrors(startBound));
      expect(await errorOf(db, `SubString("ABCDE", -6)`)).toEqual(boundsErrors(startBound));
      expect(await errorOf(db, `SubString("ABCDE", 6, -1)`)).toEqual(boundsErrors(startBound));
      expect(await errorOf(db, `SubString("ABCDE", 1, -1)`)).toEqual(boundsErrors("length must be positive"));
      expect(await errorOf(db, `SubString("", 0, -9223372036854775808)`)).toEqual(boundsErrors("length must be positive"));
    });
  });

  test("type errors", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `SubString(7)`)).toEqual(invalidArgument(["substring"], "String expected, Integer provided."));
      expect(await errorOf(db, `SubString("a", "1")`)).toEqual(invalidArgument(["start"], "Integer expected, String provided."));
      expect(await errorOf(db, `SubString("a", 0, 1.5)`)).toEqual(invalidArgument(["length"], "Integer expected, Double provided."));
    });
  });
});
