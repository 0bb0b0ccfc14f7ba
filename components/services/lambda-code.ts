/**
 * Where a function's code comes from: the esbuild bundle `dist/lambdas/<bundle>/` that
 * `npm run build:lambdas` writes (tools/bundle/bundle.ts). Bundling is a build step, not
 * part of the Pulumi program, so `npm run plan` stays fast and `pulumi up` deploys exactly
 * the artefact CI built and scanned.
 *
 * A missing bundle is a clear error under the real Pulumi engine (`pulumi preview`/`up`); the
 * offline engine never reads archives, so plans and tests run without a build.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";

/** Bundle directory relative to the Pulumi project (the repository root). */
export const LAMBDA_DIST_DIR = "dist/lambdas";

const PROJECT_ROOT = resolve(__dirname, "../..");

/** Thrown under the real engine when a bundle has not been built. */
export class MissingBundleError extends pulumi.RunError {
  constructor(
    readonly bundle: string,
    readonly path: string,
  ) {
    super(
      `Lambda bundle "${bundle}" is missing (${path} not found). Run \`npm run build:lambdas\` before \`pulumi preview\` or \`pulumi up\`.`,
    );
    this.name = "MissingBundleError";
  }
}

/** True when the program runs on Pulumi's mock monitor (the offline engine and tests). */
export function runningOffline(): boolean {
  return pulumi.runtime.hasMonitor() && pulumi.runtime.getMonitor() instanceof MockMonitor;
}

export interface LambdaCodeOptions {
  /** Project root holding dist/. Default: the repository root. */
  readonly root?: string;
  /** What a missing bundle does: `error` (default under a real engine) or `placeholder` (default offline). */
  readonly onMissing?: "error" | "placeholder";
}

/**
 * The archive of bundle `name` (a folder of services/ with a handler.ts, e.g. `trade-api`).
 * The path stays relative so the state does not depend on the machine that ran `pulumi up`.
 */
export function lambdaCode(name: string, options: LambdaCodeOptions = {}): pulumi.asset.FileArchive {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name))
    throw new pulumi.RunError(
      `lambdaCode: bundle name ${JSON.stringify(name)} must be kebab-case (a folder of services/)`,
    );
  const relative = `${LAMBDA_DIST_DIR}/${name}`;
  const entry = join(options.root ?? PROJECT_ROOT, relative, "index.js");
  const onMissing = options.onMissing ?? (runningOffline() ? "placeholder" : "error");
  if (onMissing === "error" && !existsSync(entry)) throw new MissingBundleError(name, entry);
  return new pulumi.asset.FileArchive(options.root ? join(options.root, relative) : relative);
}
