#!/usr/bin/env node
"use strict";
// Caches V8's compiled code between runs: most of a cold start is compiling the bundle.
require("v8-compile-cache");
const { loadLibrary } = require("../scripts/bundle.js");

loadLibrary()
  .runCli(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error) => {
    process.stderr.write(`fqlite: ${error && error.message ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
