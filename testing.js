"use strict";
// `require("fqlite/testing")`: a Fauna endpoint per test file (see src/testing.ts).
exports.fqliteTestServer = require("./scripts/bundle.js").loadLibrary().fqliteTestServer;
