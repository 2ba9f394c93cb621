/** The names Fauna gave value types in its error messages. */
import { Bytes, DateValue, LambdaValue, Page, QueryValue, Ref, SetRef, Timestamp, type Value } from "../language/values";

const schemaRefNames: Record<string, string> = {
  collections: "Collection Ref",
  indexes: "Index Ref",
  databases: "Database Ref",
  keys: "Key Ref",
  functions: "User Function Ref",
};

export function typeName(value: Value): string {
  switch (typeof value) {
    case "bigint":
      return "Integer";
    case "number":
      return "Double";
    case "string":
      return "String";
    case "boolean":
      return "Boolean";
  }
  if (value === null) return "Null";
  if (Array.isArray(value)) return "Array";
  if (value instanceof Map) return "Object";
  if (value instanceof Ref) return (value.collection?.isNative && schemaRefNames[value.collection.id]) || "Ref";
  if (value instanceof Timestamp) return "Time";
  if (value instanceof DateValue) return "Date";
  if (value instanceof Bytes) return "Bytes";
  if (value instanceof SetRef) return "Set";
  if (value instanceof Page) return "Page";
  if (value instanceof LambdaValue || value instanceof QueryValue) return "Lambda";
  return "Any";
}
