/**
 * User-defined roles (ABAC): which roles an identity belongs to, and what a
 * set of roles allows. A privilege names a resource (a collection, an index,
 * a function, or a native collection such as `Tokens()`) and, per action,
 * `true` or a `Query(Lambda(…))` predicate; every role of a query adds what it
 * allows, and `false` adds nothing. Predicates run read-only, with the rights
 * role predicates have; only an exact `true` allows, and an error denies.
 */
import { FaunaError } from "../error/FaunaError";
import { QueryValue, Ref, type ObjectValue, type Value } from "../language/values";
import { nativeCollection } from "../schema/native";
import type { DatabaseId } from "../store/keys";
import type { QueryContext } from "../evaluation/context";
import { applyLambda, asLambda } from "../evaluation/execute";
import { schemaDocument } from "../evaluation/refs";
import type { Access } from "./access";

/** A privilege's answer for one action: allowed, or allowed when the predicate says so. */
export type Policy = true | QueryValue;

interface RoleTable {
  /** By resource and action. */
  readonly policies: ReadonlyMap<string, readonly Policy[]>;
}

function entriesOf(value: Value | undefined): ObjectValue[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter((entry): entry is ObjectValue => entry instanceof Map);
}

/** How a resource ref is looked up: its path of ids, with the database it is scoped to. */
export function resourceKey(resource: Ref): string {
  const path = resource.collection ? `${resourceKey(resource.collection)}/${resource.id}` : resource.id;
  return resource.database ? `${path}@${resourceKey(resource.database)}` : path;
}

function policyKey(resource: string, action: string): string {
  return `${action} ${resource}`;
}

function roleDocuments(ctx: QueryContext, db: DatabaseId): [string, ObjectValue][] {
  return ctx.schemaMemo(`roles/${db}`, () => [...ctx.documents.scan(db, nativeCollection("roles").internalId)].map(([name, version]) => [name, version.fields]));
}

/** What the named roles of a database allow, together. */
export function roleTable(ctx: QueryContext, db: DatabaseId, roles: readonly string[]): RoleTable {
  return ctx.schemaMemo(`roleTable/${db}/${JSON.stringify(roles)}`, () => {
    const policies = new Map<string, Policy[]>();
    for (const name of roles) {
      const fields = schemaDocument(ctx, db, "roles", name)?.fields;
      for (const privilege of entriesOf(fields?.get("privileges"))) {
        const resource = privilege.get("resource");
        const actions = privilege.get("actions");
        if (!(resource instanceof Ref) || !(actions instanceof Map)) continue;
        for (const [action, policy] of actions) {
          if (policy !== true && !(policy instanceof QueryValue)) continue;
          const key = policyKey(resourceKey(resource), action);
          policies.set(key, [...(policies.get(key) ?? []), policy]);
        }
      }
    }
    return { policies };
  });
}

export function policiesFor(table: RoleTable, resource: Ref, action: string): readonly Policy[] {
  return table.policies.get(policyKey(resourceKey(resource), action)) ?? [];
}

/** Whether any role of a database names this resource in its privileges (which then take it out of legacy permissions). */
export function isRoleResource(ctx: QueryContext, db: DatabaseId, resource: Ref): boolean {
  const named = ctx.schemaMemo(`roleResources/${db}`, () => {
    const resources = new Set<string>();
    for (const [, fields] of roleDocuments(ctx, db)) {
      for (const privilege of entriesOf(fields.get("privileges"))) {
        const ref = privilege.get("resource");
        if (ref instanceof Ref) resources.add(resourceKey(ref));
      }
    }
    return resources;
  });
  return named.has(resourceKey(resource));
}

/**
 * What a predicate is given can depend on how many parameters it takes
 * (a `write` predicate gets the ref too when it takes three).
 */
export type PredicateArgument = (arity: number | undefined) => Value;

/** Runs a predicate with the rights predicates have; true only for an exact `true`. */
export function predicateAllows(ctx: QueryContext, access: Access, predicate: QueryValue, argumentFor: PredicateArgument): boolean {
  const lambda = asLambda(predicate);
  if (!lambda) return false;
  const argument = argumentFor(Array.isArray(lambda.params) ? lambda.params.length : undefined);
  const rights: Access = { ...access, grants: { kind: "predicate" } };
  const outerLimit = ctx.effectLimit;
  ctx.effectLimit = "auth predicates";
  try {
    return ctx.actingAs(rights, () => applyLambda(ctx, lambda, argument, undefined)) === true;
  } catch (error) {
    if (error instanceof FaunaError) return false;
    throw error;
  } finally {
    ctx.effectLimit = outerLimit;
  }
}

export function policyAllows(ctx: QueryContext, access: Access, policies: readonly Policy[], argument: PredicateArgument): boolean {
  if (policies.includes(true)) return true;
  return policies.some((policy) => policy instanceof QueryValue && predicateAllows(ctx, access, policy, argument));
}

/**
 * The roles of a database an identity belongs to: those whose membership
 * names the identity's collection, with a predicate (if any) true of it.
 */
export function membershipRoles(ctx: QueryContext, access: Access, identity: Ref): string[] {
  const collection = identity.collection;
  if (!collection) return [];
  const key = resourceKey(collection);
  return roleDocuments(ctx, access.database)
    .filter(([, fields]) =>
      entriesOf(fields.get("membership")).some((member) => {
        const resource = member.get("resource");
        if (!(resource instanceof Ref) || resourceKey(resource) !== key) return false;
        const predicate = member.get("predicate");
        return predicate === undefined || predicate === null || (predicate instanceof QueryValue && predicateAllows(ctx, { ...access, identity }, predicate, () => identity));
      }),
    )
    .map(([name]) => name);
}
