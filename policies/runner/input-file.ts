/**
 * Reads what `policy:check` is pointed at: an offline plan (`npm run plan -- --json`) or a
 * `pulumi stack export` (deployment version 3), into plan resources. Every problem becomes an
 * InputFileError whose message names the file and the offending field.
 */
import * as fs from "node:fs";
import type { PlanResource, PlanResourceOptions } from "../../platform-rules/plan-format";
import { ENCRYPTED_SECRET } from "./proxy";

export class InputFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputFileError";
  }
}

export interface LoadedInput {
  readonly format: "plan" | "stack-export";
  readonly stack: string;
  readonly project: string;
  readonly resources: PlanResource[];
}

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputFileError(
      `cannot read ${what} ${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (e as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputFileError(`${what} ${file} is not valid JSON: ${(e as Error).message}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Secrets from a stack export: plaintext is JSON text; ciphertext cannot be read offline. */
export function decodeSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeSecrets);
  if (!isObject(value)) return value;
  if (value[SIG] === SECRET_SIG) {
    if (typeof value["plaintext"] === "string") {
      try {
        return decodeSecrets(JSON.parse(value["plaintext"]));
      } catch {
        return value["plaintext"];
      }
    }
    return "value" in value ? decodeSecrets(value["value"]) : ENCRYPTED_SECRET;
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeSecrets(v)]));
}

function stringList(v: unknown, where: string, problems: string[]): string[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v;
  problems.push(`${where}: expected an array of strings`);
  return [];
}

/** The logical name is the URN's last `::` segment. */
export function nameFromUrn(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

function toResource(raw: unknown, where: string, problems: string[], exported: boolean): PlanResource | undefined {
  if (!isObject(raw)) {
    problems.push(`${where}: expected an object`);
    return undefined;
  }
  const { urn, type } = raw;
  if (typeof urn !== "string" || !urn.startsWith("urn:pulumi:"))
    problems.push(`${where}.urn: expected a Pulumi URN string`);
  if (typeof type !== "string" || type === "") problems.push(`${where}.type: expected a type token string`);
  if (raw["inputs"] !== undefined && !isObject(raw["inputs"])) problems.push(`${where}.inputs: expected an object`);
  const pd = raw["propertyDependencies"];
  if (pd !== undefined && pd !== null && !isObject(pd))
    problems.push(`${where}.propertyDependencies: expected an object`);
  if (typeof urn !== "string" || typeof type !== "string") return undefined;
  const source = exported ? raw : isObject(raw["options"]) ? raw["options"] : {};
  const options: PlanResourceOptions = {
    ...(source["retainOnDelete"] !== undefined ? { retainOnDelete: source["retainOnDelete"] === true } : {}),
    ...(source["deleteBeforeReplace"] !== undefined
      ? { deleteBeforeReplace: source["deleteBeforeReplace"] === true }
      : {}),
    ignoreChanges: stringList(source["ignoreChanges"], `${where}.ignoreChanges`, problems),
    additionalSecretOutputs: stringList(
      source["additionalSecretOutputs"],
      `${where}.additionalSecretOutputs`,
      problems,
    ),
    // Exports may hold alias specs as objects; only URN aliases mean anything to a policy.
    aliases: Array.isArray(source["aliases"])
      ? source["aliases"].filter((a): a is string => typeof a === "string")
      : [],
  };
  const propertyDependencies: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(isObject(pd) ? pd : {}))
    propertyDependencies[k] = stringList(v, `${where}.propertyDependencies.${k}`, problems);
  return {
    urn,
    type,
    name: typeof raw["name"] === "string" ? raw["name"] : nameFromUrn(urn),
    ...(typeof raw["parent"] === "string" && raw["parent"] ? { parent: raw["parent"] } : {}),
    ...(typeof raw["provider"] === "string" && raw["provider"] ? { provider: raw["provider"] } : {}),
    inputs: (exported ? decodeSecrets(raw["inputs"] ?? {}) : (raw["inputs"] ?? {})) as Record<string, unknown>,
    protect: raw["protect"] === true,
    custom: raw["custom"] === true,
    dependencies: stringList(raw["dependencies"], `${where}.dependencies`, problems),
    propertyDependencies,
    options,
  };
}

/** `urn:pulumi:<stack>::<project>::...` */
function stackAndProject(urn: string | undefined): { stack: string; project: string } {
  const m = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn ?? "");
  return { stack: m?.[1] ?? "unknown", project: m?.[2] ?? "unknown" };
}

export function parseInput(doc: unknown, file: string): LoadedInput {
  const problems: string[] = [];
  let resources: PlanResource[];
  let format: LoadedInput["format"];
  let names: { stack: string; project: string };
  if (isObject(doc) && doc["schemaVersion"] === 1 && Array.isArray(doc["resources"])) {
    format = "plan";
    resources = doc["resources"].flatMap((r, i) => toResource(r, `resources[${i}]`, problems, false) ?? []);
    names = { stack: String(doc["stack"] ?? "unknown"), project: String(doc["project"] ?? "unknown") };
  } else if (isObject(doc) && doc["version"] === 3 && isObject(doc["deployment"])) {
    format = "stack-export";
    const list = doc["deployment"]["resources"] ?? [];
    if (!Array.isArray(list)) throw new InputFileError(`${file}: deployment.resources must be an array`);
    // Resources pending deletion are not part of the stack's intended state.
    const live = list.filter((r) => !(isObject(r) && r["delete"] === true));
    resources = live.flatMap((r, i) => toResource(r, `deployment.resources[${i}]`, problems, true) ?? []);
    names = stackAndProject(resources[0]?.urn);
  } else if (isObject(doc) && "version" in doc) {
    throw new InputFileError(
      `${file}: unsupported stack export version ${JSON.stringify(doc["version"])}; expected 3 (pulumi stack export)`,
    );
  } else {
    throw new InputFileError(
      `${file} is neither an offline plan ({"schemaVersion": 1, "resources": [...]}, from npm ` +
        `run plan -- --json) nor a stack export ({"version": 3, "deployment": {...}}, from pulumi ` +
        `stack export)`,
    );
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 10);
    throw new InputFileError(
      `${file} has malformed resources:\n  ${shown.join("\n  ")}${problems.length > 10 ? `\n  ... and ${problems.length - 10} more` : ""}`,
    );
  }
  return { format, ...names, resources };
}

export function loadInput(file: string): LoadedInput {
  return parseInput(readJsonFile(file, "file"), file);
}
