/**
 * The error catalog: every error FQLite reports, with Fauna's code, HTTP status
 * and description text. Texts are Fauna's own, word for word (clients match on
 * them), in the wording of API version 4 ("collection", "document").
 *
 * `priority` reproduces how Fauna chose the HTTP status of a response carrying
 * several errors: the first error of the highest priority decides.
 */

export interface ErrorKind<Params extends unknown[] = unknown[]> {
  readonly code: string;
  readonly status: number;
  readonly priority: number;
  readonly describe: (...params: Params) => string;
  /** An error about the request rather than a place in the query: Fauna's body gives it no `position`. */
  readonly request?: boolean;
}

const PARSE = 3;
const ARGUMENT = 2;
const PERMISSION = 1;
const OTHER = 0;

function kind<Params extends unknown[]>(
  code: string,
  status: number,
  priority: number,
  describe: (...params: Params) => string,
): ErrorKind<Params> {
  return { code, status, priority, describe };
}

/** An error of the request itself (the endpoint's, not the query's). */
function requestKind<Params extends unknown[]>(code: string, status: number, describe: (...params: Params) => string): ErrorKind<Params> {
  return { code, status, priority: OTHER, describe, request: true };
}

/** "A expected", "A or B expected", "A, B, or C expected". */
export function typeList(types: readonly string[]): string {
  if (types.length <= 2) return types.join(" or ");
  return `${types.slice(0, -1).join(", ")}, or ${types[types.length - 1]}`;
}

function expectedProvided(expected: readonly string[], provided: string): string {
  return expected.length === 0 ? `${provided} provided.` : `${typeList(expected)} expected, ${provided} provided.`;
}

/** The largest document version Fauna stored (8 MiB, encoded). */
export const MAX_VERSION_BYTES = 8 * 1024 * 1024;
/** The most one of Fauna's transactions could write (16 MiB). */
export const MAX_TRANSACTION_BYTES = 16 * 1024 * 1024;

export const Errors = {
  // The query itself is malformed: reported before anything runs.
  syntax: kind("invalid expression", 400, PARSE, (message: string) => `Syntax error: ${message}`),
  invalidForm: kind("invalid expression", 400, PARSE, (keys: readonly string[]) => `No form/function found, or invalid argument keys: { ${keys.join(", ")} }.`),
  invalidExpressionType: kind("invalid expression", 400, PARSE, expectedProvided),
  unboundVariable: kind("invalid expression", 400, PARSE, (name: string) => `Variable '${name}' is not defined.`),
  emptyExpressionList: kind("invalid expression", 400, PARSE, () => "Expression list cannot be empty."),
  invalidLiteral: kind("invalid expression", 400, PARSE, (what: "ref" | "time" | "date" | "bytes" | "set" | "object" | "lambda") => `Invalid ${what}.`),
  invalidJson: kind("invalid expression", 400, PARSE, () => "Request body is not valid JSON."),
  noQuery: kind("invalid expression", 400, PARSE, () => "No query provided."),
  unsupportedFunction: kind("invalid expression", 400, PARSE, (name: string) => `${name} is not supported by FQLite yet.`),
  invalidEffect: kind("invalid expression", 400, PARSE, (context: string) => `Call performs a write, which is not allowed in ${context}.`),

  // An argument has the wrong type or value.
  invalidArgument: kind("invalid argument", 400, ARGUMENT, expectedProvided),
  emptyArray: kind("invalid argument", 400, ARGUMENT, () => "Non-empty array expected."),
  lambdaArity: kind("invalid argument", 400, ARGUMENT, (expected: number, provided: number) => `Lambda expects an array with ${expected} elements. Array contains ${provided}.`),
  bounds: kind("invalid argument", 400, ARGUMENT, (argument: string, predicate: string) => `${argument} must be ${predicate}`),
  divideByZero: kind("invalid argument", 400, ARGUMENT, () => "Illegal division by zero."),
  invalidCast: kind("invalid argument", 400, ARGUMENT, (from: string, to: string) => `Cannot cast ${from} to ${to}.`),
  nonNumericId: kind("invalid argument", 400, ARGUMENT, (id: string) => `Number or numeric String expected, non-numeric '${id}' provided.`),
  idTooLarge: kind("invalid argument", 400, ARGUMENT, (id: string) => `The id provided is too large: '${id}'`),
  invalidTime: kind("invalid argument", 400, ARGUMENT, (text: string) => `Cannot cast '${text}' to a time.`),
  invalidDate: kind("invalid argument", 400, ARGUMENT, (text: string) => `Cannot cast '${text}' to a date.`),
  incompatibleTimes: kind("invalid argument", 400, ARGUMENT, () => "Incompatible time arguments."),
  invalidTimeUnit: kind("invalid argument", 400, ARGUMENT, (unit: string) => `Invalid time unit '${unit}'.`),
  scopedRefWrite: kind("invalid argument", 400, ARGUMENT, () => "Cannot write a scoped ref."),
  schemaMetaCreate: kind("invalid argument", 400, ARGUMENT, () => "Cannot create a schema meta collection."),
  schemaMetaUpdate: kind("invalid argument", 400, ARGUMENT, () => "Cannot update a schema meta collection."),
  schemaMetaDelete: kind("invalid argument", 400, ARGUMENT, () => "Cannot delete a schema meta collection."),
  nativeCollectionModification: kind("invalid argument", 400, ARGUMENT, (collection: string) => `Modification to native collection ${collection} is prohibited.`),
  mixedArguments: kind("invalid argument", 400, ARGUMENT, (expected: readonly string[]) => `Arguments cannot be of different types${expected.length ? `, expected ${typeList(expected)}` : ""}.`),
  invalidNormalizer: kind("invalid argument", 400, ARGUMENT, (provided: string) => `String 'NFKCCaseFold', 'NFC', 'NFD', 'NFKC', or 'NFKD' expected, ${provided} provided.`),
  invalidDocAction: kind("invalid argument", 400, ARGUMENT, (provided: string) => `String 'create', 'update', or 'delete' expected, ${provided} provided.`),
  insertRefused: kind("invalid argument", 400, ARGUMENT, () => "Cannot insert event for specified ref."),
  removeRefused: kind("invalid argument", 400, ARGUMENT, () => "Cannot remove event for specified ref."),
  noEventsHistory: kind("invalid argument", 400, ARGUMENT, () => "Set does not support events history."),
  emptySet: kind("invalid argument", 400, ARGUMENT, () => "Non-empty set expected."),
  notStreamable: kind("invalid argument", 400, ARGUMENT, (type: string) => `Expected a Document Ref or Version, or a Set Ref, got ${type}.`),
  invalidStreamField: kind("invalid url parameter", 400, ARGUMENT, (name: string) => `Invalid url parameter fields. Invalid field name '${name}'.`),
  invalidCursor: kind("invalid argument", 400, ARGUMENT, () => "Invalid cursor object. Expected an object with either 'before' or 'after' key in it."),
  incompatibleSets: kind("invalid argument", 400, ARGUMENT, () => "Sets are not compatible."),
  invalidRegex: kind("invalid argument", 400, ARGUMENT, (pattern: string) => `Search pattern /${pattern}/ is not a valid regular expression.`),
  unsupportedRegex: kind("invalid argument", 400, ARGUMENT, (pattern: string, feature: string) => `Search pattern /${pattern}/ uses ${feature}, which FQLite does not support.`),
  invalidReplacement: kind("invalid argument", 400, ARGUMENT, (reason: string) => `Invalid replacement string: ${reason}.`),
  invalidConversionFormat: kind("invalid argument", 400, ARGUMENT, (conversion: string) => `Invalid conversion format '${conversion}'.`),
  invalidDateTimeSuffix: kind("invalid argument", 400, ARGUMENT, (specifier: string) => `Invalid date/time suffix '${specifier}'.`),

  invalidRef: kind("invalid ref", 400, OTHER, (kind: string, name: string) => `Ref refers to undefined ${kind} '${name}'`),
  instanceNotFound: kind("instance not found", 404, OTHER, (what: string) => `${what} not found.`),
  indexInactive: kind("instance not found", 400, OTHER, (name: string) => `Index '${name}' is not active.`),
  instanceAlreadyExists: kind("instance already exists", 400, OTHER, (what: string) => `${what} already exists.`),
  instanceNotUnique: kind("instance not unique", 400, OTHER, () => "document is not unique."),
  schemaValidationFailed: kind("schema validation failed", 400, OTHER, (message: string) => message),
  moveDatabase: kind("move database error", 400, OTHER, (source: string, target: string, reason: string) => `Cannot move database '${source}' into parent '${target}': ${reason}`),
  validationFailed: kind("validation failed", 400, OTHER, () => "document data is not valid."),
  valueNotFound: kind("value not found", 404, OTHER, (path: readonly (string | number)[]) => `Value not found at path [${path.join(",")}].`),
  transactionAborted: kind("transaction aborted", 400, OTHER, (message: string) => message),
  invalidWriteTime: kind("invalid write time", 400, OTHER, () => "Cannot write outside of snapshot time."),
  callError: kind("call error", 400, OTHER, () => "Calling the function resulted in an error."),
  stackOverflow: kind("stack overflow", 400, OTHER, () => "Call stack reached the maximum limit of 200."),
  permissionDenied: kind("permission denied", 403, PERMISSION, () => "Insufficient privileges to perform the action."),
  authenticationFailed: kind("authentication failed", 400, OTHER, () => "The document was not found or provided password was incorrect."),
  missingIdentity: kind("missing identity", 400, OTHER, () => "Authentication does not contain an identity"),
  invalidToken: kind("invalid token", 400, OTHER, () => "Token metadata is not accessible."),
  keyNotFound: kind("instance not found", 400, OTHER, (secret: string) => `No key found for secret ${secret}.`),

  // Errors of the request rather than of the query: Fauna's endpoint answered them without a position.
  unauthorized: requestKind("unauthorized", 401, () => "Unauthorized"),
  notFound: requestKind("not found", 404, () => "Not Found"),
  methodNotAllowed: requestKind("method not allowed", 405, (methods: string) => `Allowed methods are ${methods}.`),
  badHeader: requestKind("bad request", 400, (name: string, message: string) => `Invalid header '${name}': ${message}`),
  requestTooLarge: requestKind("request too large", 413, () => "Request entity is too large"),
  timedOut: requestKind("time out", 503, (what: string) => `Read timed out (${what})`),
  // Fauna's storage limits, reported by its endpoint as a bad request: a document version's encoded
  // size, and everything one transaction writes (its documents once, and their index entries).
  versionTooLarge: requestKind("bad request", 400, (bytes: number) => `Version bytes (${bytes}) exceeds threshold (${MAX_VERSION_BYTES})`),
  transactionTooLarge: requestKind("bad request", 400, (bytes: number) => `Transaction exceeded limit: got ${bytes} bytes, limit ${MAX_TRANSACTION_BYTES} bytes`),
  internal: requestKind("internal server error", 500, (message: string) => `${message} Please create a ticket at https://support.fauna.com`),

  // Nesting limits. Fauna's endpoint refused request JSON nested more than 1000 levels deep (its JSON
  // reader's limit) with this code and text, at the request's root.
  nestingLimit: kind("invalid expression", 400, PARSE, () => "Request body JSON exceeds nesting limit."),
  // FQLite's own, in the style of Fauna's "stack overflow" (Fauna's evaluator did not nest on its stack):
  // a value built while the query runs nests deeper than FQLite takes, or evaluation ran out of stack.
  valueNestingLimit: kind("stack overflow", 400, OTHER, (limit: number) => `Value nesting reached the maximum limit of ${limit}.`),
  evaluationTooDeep: kind("stack overflow", 400, OTHER, () => "Evaluation nested deeper than FQLite can go."),
} as const;

/** Failure codes inside a `validation failed` error. */
export const ValidationFailures = {
  valueRequired: { code: "value required", description: "Required value not found." },
  invalidType: (actual: string, expected: string) => ({ code: "invalid type", description: `Invalid type ${actual}, expected type ${expected}.` }),
  duplicateValue: { code: "duplicate value", description: "Value is not unique." },
  nonNegative: { code: "non-negative value required", description: "Value must be non-negative." },
  invalidReference: { code: "invalid reference", description: "Cannot read reference." },
  scopedReference: { code: "invalid reference", description: "Reference cannot be scoped." },
  /** `path` as Fauna wrote it, its names joined with dots. */
  invalidPassword: (path: readonly string[]) => ({ code: "invalid password", description: `Invalid password at \`${path.join(".")}\`.` }),
  unknownRole: (name: string) => ({ code: "validation failure", description: `Role name \`${name}\` does not exist.` }),
  reservedName: (name: string, reserved: readonly string[]) => ({ code: "reserved name", description: `Invalid name ${name}. Reserved names: ${reserved.join(", ")}.` }),
  invalidCharacters: (name: string) => ({
    code: "invalid characters",
    description: `The name ${name} uses invalid characters. Valid characters must match: [;@+$\\-_.!~%\\w]+`,
  }),
} as const;
