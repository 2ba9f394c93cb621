/**
 * The FQL v4 function catalog: every function's name, family and wire shape.
 *
 * It is the single source of truth for the parser (names and arity), the wire
 * codec (which JSON keys a call is sent as, in which order, and how missing
 * arguments are encoded), the printer, REPL completion and the generated docs.
 * Evaluation looks implementations up by name (`src/evaluation/functions/`).
 *
 * Argument notation, in the order the arguments are written in FQL text:
 *   key        required argument, sent as `"key": arg`
 *   key?       optional; left out of the request when missing or null
 *   key?=      optional; left out when missing, sent as `"key": null` when null
 *   key?null   optional; always sent, `"key": null` when missing
 *   ...key     all remaining arguments: one is sent bare, none or several as an array
 *   *key       all remaining arguments, always sent as an array
 *   {key}      Let bindings
 *   &a|b|c     an object literal with fields a, b, c, sent as top-level keys (Paginate)
 * The first argument's key is the function's own wire key; functions without
 * arguments are sent as `{"key": null}`.
 */

export type Family =
  | "basic"
  | "collection"
  | "logic"
  | "math"
  | "string"
  | "time"
  | "conversion"
  | "type"
  | "reference"
  | "read"
  | "write"
  | "set"
  | "auth";

export type ArgEncoding = "value" | "varargs" | "array" | "bindings" | "options";

/** How a missing optional argument travels: not at all, or as an explicit null. */
export type Omission = "omit-null" | "omit-missing" | "null-when-missing";

export interface ArgSpec {
  readonly key: string;
  readonly encoding: ArgEncoding;
  readonly optional: boolean;
  readonly omission: Omission;
  /** For `options`: the keys it may hold. */
  readonly optionKeys?: readonly string[];
}

export interface FunctionSpec {
  readonly name: string;
  readonly family: Family;
  /** The function's wire key: the key of its first argument, or its own for zero-argument functions. */
  readonly key: string;
  /** In the order they are written in FQL text. */
  readonly args: readonly ArgSpec[];
  /** Argument indexes in the order their keys appear in the wire request. */
  readonly wireOrder: readonly number[];
  readonly minArgs: number;
  /** Infinity for functions whose last argument collects the rest. */
  readonly maxArgs: number;
  /** A deprecated name Fauna still accepted, evaluated as this function. */
  readonly aliasOf?: string;
  /** Whether evaluating the call may write (it then needs a write transaction). */
  readonly mayWrite: boolean;
  /** Built into a literal value or object when parsed (`Bytes("…")`, `Object({…})`), not called. */
  readonly literal: boolean;
}

interface Extras {
  readonly wire?: string;
  readonly key?: string;
  readonly aliasOf?: string;
  readonly literal?: boolean;
}

// NewId draws from the id sequence a writing query records, and Fauna counted it as a write.
const writingFunctions = new Set(["Login", "Logout", "Call", "NewId", "NextId"]);

const argumentNotations: [RegExp, ArgEncoding, boolean, Omission][] = [
  [/^\.\.\.(\w+)$/, "varargs", false, "omit-null"],
  [/^\*(\w+)$/, "array", false, "omit-null"],
  [/^\{(\w+)\}$/, "bindings", false, "omit-null"],
  [/^&([\w|]+)$/, "options", true, "omit-missing"],
  [/^([@\w]+)\?null$/, "value", true, "null-when-missing"],
  [/^([@\w]+)\?=$/, "value", true, "omit-missing"],
  [/^([@\w]+)\?$/, "value", true, "omit-null"],
  [/^([@\w]+)$/, "value", false, "omit-null"],
];

function parseArg(token: string): ArgSpec {
  for (const [pattern, encoding, optional, omission] of argumentNotations) {
    const match = pattern.exec(token);
    if (match && encoding === "options") return { key: "options", encoding, optional, omission, optionKeys: match[1]!.split("|") };
    if (match) return { key: match[1]!, encoding, optional, omission };
  }
  throw new Error(`Bad argument notation '${token}'`);
}

function fn(name: string, family: Family, notation: string, extras: Extras = {}): FunctionSpec {
  const args = notation === "" ? [] : notation.split(" ").map(parseArg);
  const wireKeys = extras.wire?.split(" ") ?? args.map((arg) => arg.key);
  const gathersRest = args.some((arg) => arg.encoding === "varargs" || arg.encoding === "array");
  return {
    name,
    family,
    key: extras.key ?? wireKeys[0]!,
    args,
    wireOrder: wireKeys.map((key) => args.findIndex((arg) => arg.key === key)),
    minArgs: args.filter((arg) => !arg.optional && (arg.encoding === "value" || arg.encoding === "bindings")).length + (args[0]?.encoding === "array" || args[0]?.encoding === "varargs" ? 1 : 0),
    maxArgs: gathersRest ? Infinity : args.length,
    aliasOf: extras.aliasOf,
    mayWrite: family === "write" || writingFunctions.has(name),
    literal: extras.literal ?? false,
  };
}

export const functionCatalog: readonly FunctionSpec[] = [
  fn("Ref", "reference", "ref id"),
  fn("Bytes", "basic", "@bytes", { literal: true }),
  fn("Abort", "basic", "abort"),
  fn("At", "basic", "at expr"),
  fn("Let", "basic", "{let} in"),
  fn("Var", "basic", "var"),
  fn("If", "basic", "if then else"),
  fn("Do", "basic", "*do"),
  fn("Object", "basic", "object", { literal: true }),
  fn("Lambda", "basic", "lambda expr"),
  fn("Call", "basic", "call ...arguments"),
  fn("Query", "basic", "query"),
  fn("Map", "collection", "collection map", { wire: "map collection" }),
  fn("Foreach", "collection", "collection foreach", { wire: "foreach collection" }),
  fn("Filter", "collection", "collection filter", { wire: "filter collection" }),
  fn("Take", "collection", "take collection"),
  fn("Drop", "collection", "drop collection"),
  fn("Prepend", "collection", "prepend collection"),
  fn("Append", "collection", "append collection"),
  fn("IsEmpty", "collection", "is_empty"),
  fn("IsNonEmpty", "collection", "is_nonempty"),
  fn("IsNumber", "type", "is_number"),
  fn("IsDouble", "type", "is_double"),
  fn("IsInteger", "type", "is_integer"),
  fn("IsBoolean", "type", "is_boolean"),
  fn("IsNull", "type", "is_null"),
  fn("IsBytes", "type", "is_bytes"),
  fn("IsTimestamp", "type", "is_timestamp"),
  fn("IsDate", "type", "is_date"),
  fn("IsString", "type", "is_string"),
  fn("IsArray", "type", "is_array"),
  fn("IsObject", "type", "is_object"),
  fn("IsRef", "type", "is_ref"),
  fn("IsSet", "type", "is_set"),
  fn("IsDoc", "type", "is_doc"),
  fn("IsLambda", "type", "is_lambda"),
  fn("IsCollection", "type", "is_collection"),
  fn("IsDatabase", "type", "is_database"),
  fn("IsIndex", "type", "is_index"),
  fn("IsFunction", "type", "is_function"),
  fn("IsKey", "type", "is_key"),
  fn("IsToken", "type", "is_token"),
  fn("IsCredentials", "type", "is_credentials"),
  fn("IsRole", "type", "is_role"),
  fn("Get", "read", "get ts?"),
  fn("KeyFromSecret", "read", "key_from_secret"),
  fn("Reduce", "collection", "reduce initial collection"),
  fn("Paginate", "read", "paginate &size|after|before|ts|events|sources|cursor"),
  fn("Exists", "read", "exists ts?"),
  fn("Create", "write", "create params?="),
  fn("Update", "write", "update params"),
  fn("Replace", "write", "replace params"),
  fn("Delete", "write", "delete"),
  fn("Insert", "write", "insert ts action params"),
  fn("Remove", "write", "remove ts action"),
  fn("CreateClass", "write", "create_class", { aliasOf: "CreateCollection" }),
  fn("CreateCollection", "write", "create_collection"),
  fn("CreateDatabase", "write", "create_database"),
  fn("CreateIndex", "write", "create_index"),
  fn("CreateKey", "write", "create_key"),
  fn("CreateFunction", "write", "create_function"),
  fn("CreateRole", "write", "create_role"),
  fn("CreateAccessProvider", "write", "create_access_provider"),
  fn("Singleton", "set", "singleton"),
  fn("Events", "set", "events"),
  fn("Match", "set", "match ...terms"),
  fn("Union", "set", "...union"),
  fn("Merge", "basic", "merge with lambda?"),
  fn("Intersection", "set", "...intersection"),
  fn("Difference", "set", "...difference"),
  fn("Distinct", "set", "distinct"),
  fn("Join", "set", "join with"),
  fn("Range", "set", "range from to"),
  fn("Login", "auth", "login params"),
  fn("Logout", "auth", "logout"),
  fn("Identify", "auth", "identify password"),
  fn("Identity", "auth", "", { aliasOf: "CurrentIdentity", key: "identity" }),
  fn("CurrentIdentity", "auth", "", { key: "current_identity" }),
  fn("HasIdentity", "auth", "", { aliasOf: "HasCurrentIdentity", key: "has_identity" }),
  fn("HasCurrentIdentity", "auth", "", { key: "has_current_identity" }),
  fn("CurrentToken", "auth", "", { key: "current_token" }),
  fn("HasCurrentToken", "auth", "", { key: "has_current_token" }),
  fn("Concat", "string", "concat separator?"),
  fn("Casefold", "string", "casefold normalizer?"),
  fn("ContainsStr", "string", "containsstr search"),
  fn("ContainsStrRegex", "string", "containsstrregex pattern"),
  fn("StartsWith", "string", "startswith search"),
  fn("EndsWith", "string", "endswith search"),
  fn("FindStr", "string", "findstr find start?"),
  fn("FindStrRegex", "string", "findstrregex pattern start? num_results?"),
  fn("Length", "string", "length"),
  fn("LowerCase", "string", "lowercase"),
  fn("LTrim", "string", "ltrim"),
  fn("NGram", "string", "ngram min? max?"),
  fn("Repeat", "string", "repeat number?"),
  fn("ReplaceStr", "string", "replacestr find replace"),
  fn("ReplaceStrRegex", "string", "replacestrregex pattern replace first?"),
  fn("RegexEscape", "string", "regexescape"),
  fn("RTrim", "string", "rtrim"),
  fn("Space", "string", "space"),
  fn("SubString", "string", "substring start? length?"),
  fn("TitleCase", "string", "titlecase"),
  fn("Trim", "string", "trim"),
  fn("UpperCase", "string", "uppercase"),
  fn("Format", "string", "format ...values"),
  fn("Time", "time", "time"),
  fn("TimeAdd", "time", "time_add offset unit"),
  fn("TimeSubtract", "time", "time_subtract offset unit"),
  fn("TimeDiff", "time", "time_diff other unit"),
  fn("Epoch", "time", "epoch unit"),
  fn("Date", "time", "date"),
  fn("Now", "time", "", { key: "now" }),
  fn("NextId", "basic", "", { aliasOf: "NewId", key: "next_id" }),
  fn("NewId", "basic", "", { key: "new_id" }),
  fn("Database", "reference", "database scope?="),
  fn("Index", "reference", "index scope?="),
  fn("Class", "reference", "class scope?=", { aliasOf: "Collection" }),
  fn("Collection", "reference", "collection scope?="),
  fn("Function", "reference", "function scope?="),
  fn("Role", "reference", "role scope?"),
  fn("AccessProviders", "reference", "access_providers?null"),
  fn("Classes", "reference", "classes?null", { aliasOf: "Collections" }),
  fn("Collections", "reference", "collections?null"),
  fn("Databases", "reference", "databases?null"),
  fn("Indexes", "reference", "indexes?null"),
  fn("Functions", "reference", "functions?null"),
  fn("Roles", "reference", "roles?null"),
  fn("Keys", "reference", "keys?null"),
  fn("Tokens", "reference", "tokens?null"),
  fn("Credentials", "reference", "credentials?null"),
  fn("Equals", "logic", "...equals"),
  fn("Contains", "logic", "contains in", { aliasOf: "ContainsPath" }),
  fn("ContainsPath", "logic", "contains_path in"),
  fn("ContainsField", "logic", "contains_field in"),
  fn("ContainsValue", "logic", "contains_value in"),
  fn("Select", "basic", "select from default?="),
  fn("SelectAll", "basic", "select_all from"),
  // Not in the JavaScript driver, but Fauna still read it from the wire.
  fn("SelectAsIndex", "basic", "select_as_index from", { aliasOf: "SelectAll" }),
  fn("Abs", "math", "abs"),
  fn("Add", "math", "...add"),
  fn("BitAnd", "math", "...bitand"),
  fn("BitNot", "math", "bitnot"),
  fn("BitOr", "math", "...bitor"),
  fn("BitXor", "math", "...bitxor"),
  fn("Ceil", "math", "ceil"),
  fn("Divide", "math", "...divide"),
  fn("Floor", "math", "floor"),
  fn("Max", "math", "...max"),
  fn("Min", "math", "...min"),
  fn("Modulo", "math", "...modulo"),
  fn("Multiply", "math", "...multiply"),
  fn("Round", "math", "round precision?"),
  fn("Subtract", "math", "...subtract"),
  fn("Sign", "math", "sign"),
  fn("Sqrt", "math", "sqrt"),
  fn("Trunc", "math", "trunc precision?"),
  fn("Count", "collection", "count"),
  fn("Sum", "collection", "sum"),
  fn("Mean", "collection", "mean"),
  fn("Any", "collection", "any"),
  fn("All", "collection", "all"),
  fn("Acos", "math", "acos"),
  fn("Asin", "math", "asin"),
  fn("Atan", "math", "atan"),
  fn("Cos", "math", "cos"),
  fn("Cosh", "math", "cosh"),
  fn("Degrees", "math", "degrees"),
  fn("Exp", "math", "exp"),
  fn("Hypot", "math", "hypot b?"),
  fn("Ln", "math", "ln"),
  fn("Log", "math", "log"),
  fn("Pow", "math", "pow exp?"),
  fn("Radians", "math", "radians"),
  fn("Sin", "math", "sin"),
  fn("Sinh", "math", "sinh"),
  fn("Tan", "math", "tan"),
  fn("Tanh", "math", "tanh"),
  fn("LT", "logic", "...lt"),
  fn("LTE", "logic", "...lte"),
  fn("GT", "logic", "...gt"),
  fn("GTE", "logic", "...gte"),
  fn("And", "logic", "...and"),
  fn("Or", "logic", "...or"),
  fn("Not", "logic", "not"),
  fn("ToString", "conversion", "to_string"),
  fn("ToNumber", "conversion", "to_number"),
  fn("ToObject", "conversion", "to_object"),
  fn("ToArray", "conversion", "to_array"),
  fn("ToDouble", "conversion", "to_double"),
  fn("ToInteger", "conversion", "to_integer"),
  fn("ToTime", "time", "to_time"),
  fn("ToSeconds", "time", "to_seconds"),
  fn("ToMicros", "time", "to_micros"),
  fn("ToMillis", "time", "to_millis"),
  fn("DayOfMonth", "time", "day_of_month"),
  fn("DayOfWeek", "time", "day_of_week"),
  fn("DayOfYear", "time", "day_of_year"),
  fn("Second", "time", "second"),
  fn("Minute", "time", "minute"),
  fn("Hour", "time", "hour"),
  fn("Month", "time", "month"),
  fn("Year", "time", "year"),
  fn("ToDate", "time", "to_date"),
  fn("MoveDatabase", "write", "move_database to"),
  fn("Documents", "set", "documents"),
  fn("Reverse", "collection", "reverse"),
  fn("AccessProvider", "reference", "access_provider"),
];

/** The function's page in Fauna's FQL v4 reference, the authority for what it does. */
export function faunaDocPage(spec: FunctionSpec): string {
  return `https://docs.fauna.com/fauna/v4/api/fql/functions/${spec.name.toLowerCase()}`;
}

export const functionsByName: ReadonlyMap<string, FunctionSpec> = new Map(functionCatalog.map((spec) => [spec.name, spec]));

/** Function specs by wire key, for decoding wire requests. */
export const functionsByKey: ReadonlyMap<string, FunctionSpec> = new Map(
  functionCatalog.filter((spec) => !spec.literal).map((spec) => [spec.key, spec]),
);
