/** FQLite: an embedded FQL v4 database. */
export { openEngine, Engine, type EngineOptions, type QueryOptions, type QueryResult, type PreparedQuery, type IndexBuildListener } from "./engine";
export type { ExpungedCounts } from "./evaluation/expunge";
export { FaunaError, type QueryErrorEntry, type ValidationFailure, type Position } from "./error/FaunaError";
export { parseQueries, parseQuery } from "./language/parse";
export { printExpr, printValue } from "./language/printer";
export { encodeExpr, encodeValue, decodeExpr, decodeValue, encodeResponse, parseWireJson, JsonDouble, type WireJson } from "./language/wire";
export { formatMetrics } from "./metrics/format";
export type { QueryMetrics } from "./metrics/metrics";
export { Ref, Timestamp, DateValue, Bytes, SetRef, Page, LambdaValue, QueryValue, type Value, type ObjectValue } from "./language/values";
export { functionCatalog, type FunctionSpec } from "./catalog/functions";
export { main as runCli } from "./cli/main";
export { startServer, type ServerOptions, type RunningServer } from "./server/server";
export { runQueryWorker } from "./server/worker";
export { fqliteTestServer, type TestServer } from "./testing";
