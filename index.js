"use strict";
// The package entry: the library, bundled from its TypeScript sources on first use (see scripts/bundle.js).
const fqlite = require("./scripts/bundle.js").loadLibrary();

exports.openEngine = fqlite.openEngine;
exports.Engine = fqlite.Engine;
exports.FaunaError = fqlite.FaunaError;
exports.parseQueries = fqlite.parseQueries;
exports.parseQuery = fqlite.parseQuery;
exports.printExpr = fqlite.printExpr;
exports.printValue = fqlite.printValue;
exports.encodeExpr = fqlite.encodeExpr;
exports.encodeValue = fqlite.encodeValue;
exports.decodeExpr = fqlite.decodeExpr;
exports.decodeValue = fqlite.decodeValue;
exports.encodeResponse = fqlite.encodeResponse;
exports.parseWireJson = fqlite.parseWireJson;
exports.JsonDouble = fqlite.JsonDouble;
exports.formatMetrics = fqlite.formatMetrics;
exports.functionCatalog = fqlite.functionCatalog;
exports.runCli = fqlite.runCli;
exports.Ref = fqlite.Ref;
exports.Timestamp = fqlite.Timestamp;
exports.DateValue = fqlite.DateValue;
exports.Bytes = fqlite.Bytes;
exports.SetRef = fqlite.SetRef;
exports.Page = fqlite.Page;
exports.LambdaValue = fqlite.LambdaValue;
exports.QueryValue = fqlite.QueryValue;
