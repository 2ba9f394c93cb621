#!/usr/bin/env node
"use strict";
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
