/**
 * Policy `configSchema`s checked with Ajv (JSON Schema draft-07, the dialect of
 * @pulumi/policy's PolicyConfigJSONSchema), the way the Pulumi CLI checks a
 * `--policy-pack-config` file before the analyzer sees it. Every problem is reported, each
 * prefixed with its path in the config (`pack/policy.field[0].sub`).
 */
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

type Schema = PolicyConfigJSONSchema;

// strict: false — the CLI accepts keywords Ajv's strict mode refuses (e.g. unknown annotations).
const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
const compiled = new Map<string, ValidateFunction>();

function validatorFor(schema: Schema | boolean): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && Number.isInteger(value)) return "integer";
  return typeof value;
}

/** `/waivers/0/expires` under `where` → `where.waivers[0].expires`. */
function pathOf(where: string, instancePath: string): string {
  return instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((path, segment) => (/^(0|[1-9]\d*)$/.test(segment) ? `${path}[${segment}]` : `${path}.${segment}`), where);
}

function describe(where: string, e: ErrorObject): string {
  const path = pathOf(where, e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "type":
      return `${path}: expected ${[p.type].flat().join(" or ")}, got ${typeOf(e.data)}`;
    case "enum":
      return `${path}: must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "const":
      return `${path}: must be ${JSON.stringify(p.allowedValue)}`;
    case "minimum":
    case "maximum":
      return `${path}: must be at ${e.keyword === "minimum" ? "least" : "most"} ${String(p.limit)}`;
    case "minLength":
      return `${path}: must be at least ${String(p.limit)} character(s)`;
    case "maxLength":
      return `${path}: must be at most ${String(p.limit)} characters`;
    case "pattern":
      return `${path}: must match ${String(p.pattern)}`;
    case "minItems":
      return `${path}: must have at least ${String(p.limit)} item(s)`;
    case "maxItems":
      return `${path}: must have at most ${String(p.limit)} items`;
    case "uniqueItems":
      return `${path}: items must be unique`;
    case "required":
      return `${path}: missing required property ${String(p.missingProperty)}`;
    case "additionalProperties":
      return `${path}.${String(p.additionalProperty)}: is not allowed`;
    case "false schema":
      return `${path}: is not allowed`;
    default:
      return `${path}: ${e.message ?? e.keyword}`;
  }
}

/** Every problem with `value` against `schema`, each prefixed with its path. */
export function validateAgainst(value: unknown, schema: Schema | boolean, path: string): string[] {
  const validate = validatorFor(schema);
  if (validate(value)) return [];
  // A value of the wrong type reports only that: its other keywords' problems would be noise.
  const errors = validate.errors ?? [];
  const wrongType = new Set(errors.filter((e) => e.keyword === "type").map((e) => e.instancePath));
  return errors
    .filter((e) => e.keyword === "type" || !wrongType.has(e.instancePath))
    .map((e) => describe(path, e))
    .filter((line, i, all) => all.indexOf(line) === i);
}
