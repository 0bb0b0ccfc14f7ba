/** Reads a project's `Pulumi.yaml` and `Pulumi.<stack>.yaml` the way the Pulumi CLI does. */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { printable } from "../../platform-rules/text";

export const PROJECT_ROOT = resolve(__dirname, "..", "..");

export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}

export function readProjectName(root = PROJECT_ROOT): string {
  const project = parse(readFileSync(join(root, "Pulumi.yaml"), "utf8")) as { name?: unknown };
  if (typeof project?.name !== "string") throw new StackFileError("Pulumi.yaml has no project name");
  return project.name;
}

/** Stacks that have a `Pulumi.<stack>.yaml` in the project root. */
export function listStacks(root = PROJECT_ROOT): string[] {
  return ["dev", "staging", "prod"].filter((s) => existsSync(join(root, `Pulumi.${s}.yaml`)));
}

/**
 * The stack's config as YAML values (`platform:aurora` → object). Secure values cannot be
 * decrypted offline, so they are refused with a message saying which key.
 */
export function readStackConfig(stack: string, root = PROJECT_ROOT): Record<string, unknown> {
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) throw new StackFileError(`invalid stack name ${JSON.stringify(stack)}`);
  const file = join(root, `Pulumi.${stack}.yaml`);
  if (!existsSync(file)) {
    throw new StackFileError(
      `no stack "${stack}": ${file} does not exist (stacks here: ${listStacks(root).join(", ") || "none"})`,
    );
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    // A directory or an unreadable file is not a YAML problem: say what it is.
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === "EISDIR"
        ? "it is a directory"
        : code === "EACCES" || code === "EPERM"
          ? "permission denied"
          : (err as Error).message;
    throw new StackFileError(`cannot read Pulumi.${stack}.yaml (${file}): ${why}`);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new StackFileError(`Pulumi.${stack}.yaml is not valid YAML: ${printable((err as Error).message)}`);
  }
  const config = (doc as { config?: unknown } | null)?.config ?? {};
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new StackFileError(`Pulumi.${stack}.yaml: "config" must be a map of keys to values`);
  }
  for (const [key, value] of Object.entries(config)) {
    if (value && typeof value === "object" && "secure" in value) {
      throw new StackFileError(
        `Pulumi.${stack}.yaml: ${key} is a secret; the offline plan cannot decrypt it (set it only in the real stack)`,
      );
    }
  }
  return config as Record<string, unknown>;
}
