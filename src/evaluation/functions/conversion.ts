/**
 * Conversions: ToString, ToNumber, ToDouble, ToInteger, ToObject, ToArray.
 * ToString and ToNumber report a failed cast at the call, the others at their
 * argument, as Fauna did.
 */
import { Errors } from "../../error/catalog";
import { FaunaError, queryError } from "../../error/FaunaError";
import { doubleToLong, parseDecimalFormat } from "../../language/numbers";
import { scalarText } from "../../language/printer";
import type { ObjectValue, Value } from "../../language/values";
import { argSite, evalArg } from "../args";
import type { Implementation } from "../execute";
import { typeName } from "../types";

const evalToString: Implementation = (ctx, call, scope) => {
  const value = evalArg(ctx, call, 0, scope);
  const text = scalarText(value);
  if (text === undefined) throw queryError(Errors.invalidCast, call, typeName(value), "String");
  return text;
};

/** A number, or a string read as one (trimmed, as Java's DecimalFormat read it). */
function numberOf(value: Value): bigint | number | undefined {
  if (typeof value === "bigint" || typeof value === "number") return value;
  return typeof value === "string" ? parseDecimalFormat(value.trim()) : undefined;
}

function numericConversion(target: "Number" | "Double" | "Integer", convert: (number: bigint | number) => bigint | number): Implementation {
  return (ctx, call, scope) => {
    const value = evalArg(ctx, call, 0, scope);
    const number = numberOf(value);
    if (number === undefined) throw queryError(Errors.invalidCast, target === "Number" ? call : argSite(call, 0), typeName(value), target);
    return convert(number);
  };
}

/** ToObject: an object as it is (a document as its fields); an array of [field, value] pairs as an object. */
const evalToObject: Implementation = (ctx, call, scope) => {
  const value = evalArg(ctx, call, 0, scope);
  if (value instanceof Map) return new Map(value);
  if (!Array.isArray(value)) throw queryError(Errors.invalidCast, argSite(call, 0), typeName(value), "Object");
  const isField = (pair: Value): pair is [string, Value] => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === "string";
  const errors = value.flatMap((pair, index) =>
    isField(pair) ? [] : queryError(Errors.invalidArgument, { node: call.args[0]!, path: [index] }, ["Field/Value"], typeName(pair)).errors,
  );
  if (errors.length > 0) throw new FaunaError(errors);
  return new Map(value as [string, Value][]) as ObjectValue;
};

/** ToArray: an object's fields as [field, value] pairs; an array as it is. */
const evalToArray: Implementation = (ctx, call, scope) => {
  const value = evalArg(ctx, call, 0, scope);
  if (value instanceof Map) return [...value].map(([key, entry]) => [key, entry]);
  if (Array.isArray(value)) return value;
  throw queryError(Errors.invalidCast, argSite(call, 0), typeName(value), "Array");
};

export const conversionFunctions: Record<string, Implementation> = {
  ToString: evalToString,
  ToNumber: numericConversion("Number", (number) => number),
  ToDouble: numericConversion("Double", Number),
  ToInteger: numericConversion("Integer", (number) => (typeof number === "bigint" ? number : doubleToLong(number))),
  ToObject: evalToObject,
  ToArray: evalToArray,
};
