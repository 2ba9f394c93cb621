/**
 * Tests run the TypeScript sources directly (swc strips the types). chevrotain
 * ships as an ES module only, so its single-file build is mapped in and turned
 * into CommonJS along with the sources.
 */
const swc = ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript" } }, module: { type: "commonjs" } }];

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.(ts|mjs|js)$": swc },
  transformIgnorePatterns: ["/node_modules/(?!chevrotain/)"],
  moduleNameMapper: { "^chevrotain$": "<rootDir>/node_modules/chevrotain/lib/chevrotain.mjs" },
  testTimeout: 30000,
};
