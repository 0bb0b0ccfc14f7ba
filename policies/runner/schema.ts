/**
 * The JSON Schema subset policy `configSchema`s use, checked the way the Pulumi CLI checks a
 * `--policy-pack-config` file before the analyzer sees it.
 */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

type Schema = PolicyConfigJSONSchema;

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && Number.isInteger(value)) return "integer";
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === "number" && actual === "integer");
}

/** Every problem with `value` against `schema`, each prefixed with its path. */
export function validateAgainst(value: unknown, schema: Schema | boolean, path: string): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: is not allowed`];
  const problems: string[] = [];
  if (schema.type !== undefined) {
    const types = [schema.type].flat();
    if (!types.some((t) => matchesType(value, t)))
      return [`${path}: expected ${types.join(" or ")}, got ${typeOf(value)}`];
  }
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    problems.push(`${path}: must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`);
  }
  if (schema.const !== undefined && JSON.stringify(schema.const) !== JSON.stringify(value))
    problems.push(`${path}: must be ${JSON.stringify(schema.const)}`);
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum)
      problems.push(`${path}: must be at least ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum)
      problems.push(`${path}: must be at most ${schema.maximum}`);
  }
  if (typeof value === "string") {
    if (schema.minLength !== undefined && value.length < schema.minLength)
      problems.push(`${path}: must be at least ${schema.minLength} character(s)`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength)
      problems.push(`${path}: must be at most ${schema.maxLength} characters`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value))
      problems.push(`${path}: must match ${schema.pattern}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      problems.push(`${path}: must have at least ${schema.minItems} item(s)`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      problems.push(`${path}: must have at most ${schema.maxItems} items`);
    if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length)
      problems.push(`${path}: items must be unique`);
    if (schema.items !== undefined && !Array.isArray(schema.items)) {
      const items = schema.items;
      value.forEach((v, i) => problems.push(...validateAgainst(v, items, `${path}[${i}]`)));
    }
  }
  if (typeOf(value) === "object") {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? [])
      if (!(key in obj)) problems.push(`${path}: missing required property ${key}`);
    for (const [key, v] of Object.entries(obj)) {
      const known = schema.properties?.[key];
      if (known !== undefined) problems.push(...validateAgainst(v, known, `${path}.${key}`));
      else if (schema.additionalProperties !== undefined)
        problems.push(...validateAgainst(v, schema.additionalProperties, `${path}.${key}`));
    }
  }
  return problems;
}
