/** The names Fauna gave value types in its error messages. */
import { valueKind, type Ref, type Value } from "../language/values";

const schemaRefNames: Record<string, string> = {
  collections: "Collection Ref",
  indexes: "Index Ref",
  databases: "Database Ref",
  keys: "Key Ref",
  functions: "User Function Ref",
};

/**
 * The type name in evaluation errors (`invalid argument`): refs to schema
 * documents by their kind, native collection refs (`Indexes()`) as the
 * collection refs they were in Fauna, queries as lambdas.
 */
export function typeName(value: Value): string {
  const kind = valueKind(value);
  switch (kind) {
    case "Long":
      return "Integer";
    case "Ref":
      if ((value as Ref).isNative) return "Collection Ref";
      return ((value as Ref).collection!.isNative && schemaRefNames[(value as Ref).collection!.id]) || "Ref";
    case "Query":
      return "Lambda";
    default:
      return kind;
  }
}
