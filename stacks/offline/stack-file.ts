/** Reads a project's `Pulumi.yaml` and `Pulumi.<stack>.yaml` the way the Pulumi CLI does. */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";

export const PROJECT_ROOT = resolve(__dirname, "..", "..");

export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}

/**
 * Text from a file, safe to print: control characters (terminal escape sequences included) are
 * shown as \\xNN, never sent to the terminal; line breaks and tabs are kept.
 */
export function printable(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- escaping control characters is the point
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
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
