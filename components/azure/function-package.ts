/**
 * Where the standby Function App's code comes from: the package folder `dist/azure/<name>/`
 * (index.js, host.json, package.json) that `npm run build:lambdas` writes
 * (services/tooling/bundle-azure.ts). Like lambdaCode, a missing package is a clear error under
 * the real Pulumi engine and a placeholder in the offline engine, which never reads archives.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { runningOffline } from "../services/lambda-code";

/** Package directory relative to the Pulumi project (the repository root). */
export const AZURE_DIST_DIR = "dist/azure";
/**
 * Blob name Flex Consumption deploys from in the deployment container (the name its own
 * One Deploy writes, so `az functionapp deployment source config-zip` and the stack agree).
 */
export const PACKAGE_BLOB_NAME = "released-package.zip";

/** Thrown under the real engine when the package has not been built. */
export class MissingFunctionPackageError extends pulumi.RunError {
  constructor(readonly packageName: string, readonly path: string) {
    super(`Azure Function App package "${packageName}" is missing (${path} not found). Run \`npm run build:lambdas\` before \`pulumi preview\` or \`pulumi up\`.`);
    this.name = "MissingFunctionPackageError";
  }
}

export interface FunctionPackageOptions {
  /** Project root holding dist/. Default: the repository root. */
  readonly root?: string;
  /** What a missing package does: `error` (default under a real engine) or `placeholder` (default offline). */
  readonly onMissing?: "error" | "placeholder";
}

/**
 * The archive of package `name` (e.g. `trade-api`); Pulumi zips the folder on upload. The path
 * stays relative so the state does not depend on the machine that ran `pulumi up`.
 */
export function functionPackage(name: string, options: FunctionPackageOptions = {}): pulumi.asset.FileArchive {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new pulumi.RunError(`functionPackage: package name ${JSON.stringify(name)} must be kebab-case`);
  const relative = `${AZURE_DIST_DIR}/${name}`;
  const dir = join(options.root ?? resolve(__dirname, "../.."), relative);
  const onMissing = options.onMissing ?? (runningOffline() ? "placeholder" : "error");
  if (onMissing === "error") {
    const missing = ["index.js", "host.json", "package.json"].find((f) => !existsSync(join(dir, f)));
    if (missing) throw new MissingFunctionPackageError(name, join(dir, missing));
  }
  return new pulumi.asset.FileArchive(options.root ? dir : relative);
}
