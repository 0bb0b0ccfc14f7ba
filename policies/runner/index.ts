/**
 * Evaluates every policy pack over offline plan resources the way the Pulumi analyzer does
 * (see @pulumi/policy server.js): resource policies once per resource with its props, options
 * and provider; stack policies once with every resource linked to its parent and dependencies;
 * per-policy enforcement levels from config (remediate counts as mandatory, disabled skips);
 * `notApplicable` ends a check silently; reading an unknown value during preview skips the
 * check with an advisory finding. `npm run plan` and `npm run policy:check` both call this.
 */
import type { PlanFinding, PlanResource } from "../../platform-rules/plan-format";
import { PACKS } from "../catalog";
import type {
  EnforcementLevel,
  PackDefinition,
  PolicyResource,
  ResourceValidation,
  ResourceValidationArgs,
  StackValidation,
  StackValidationArgs,
} from "../lib/types";
import { typeMatches } from "../lib/props";
import { resolveConfig, type ResolvedPolicyConfig } from "./config";
import { EncryptedSecretError, UnknownValueError } from "./proxy";
import { buildPolicyResources, buildViews, isTypeOf, type ResourceView } from "./resources";

export { PolicyConfigError } from "./config";

export interface RunPacksOptions {
  readonly stack: string;
  readonly project: string;
  /** Parsed policy config (`--policy-pack-config` format: policy name → config), across packs. */
  readonly config?: Readonly<Record<string, unknown>>;
  /** One `--policy-pack-config` object per pack name; wins over `config`. */
  readonly packConfig?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Stack tags as `configureStack` would pass them; empty by default. */
  readonly stackTags?: Readonly<Record<string, string>>;
  /** Packs to run; every pack in the catalog by default. */
  readonly packs?: readonly PackDefinition[];
}

/** A policy threw something other than an unknown-value or not-applicable signal: a bug or a malformed resource. */
export class PolicyRuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyRuntimeError";
  }
}

/**
 * Thrown by `args.notApplicable()`. Deliberately not an Error: most policies end most calls
 * this way, and capturing a stack trace each time cost ~60 % of a 10,000-resource run.
 */
class NotApplicable {
  constructor(readonly reason: string) {}
}
const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason ?? "Policy does not apply");
};

const PACK_VERSION = "1.0.0";

interface Check {
  readonly pack: string;
  readonly name: string;
  readonly description: string;
  readonly level: EnforcementLevel;
  readonly config: ResolvedPolicyConfig;
  /** One frozen object shared by every call (the analyzer builds a copy each time; policies only read it). */
  readonly getConfig: <T extends object>() => T;
}

export async function runPolicyPacks(
  resources: readonly PlanResource[],
  options: RunPacksOptions,
): Promise<PlanFinding[]> {
  const packs = options.packs ?? PACKS;
  const configs = resolveConfig(packs, options.config, options.packConfig);
  const stackTags = frozenMap(options.stackTags ?? {});
  const views = buildViews(resources);
  let stackResources: PolicyResource[] | undefined;
  const findings: PlanFinding[] = [];
  for (const pack of packs) {
    const packConfig = configs.get(pack.name)!;
    for (const definition of pack.policies) {
      const policy = definition.policy;
      const config = packConfig.get(policy.name)!;
      if (config.enforcementLevel === "disabled") continue;
      const check: Check = {
        pack: pack.name,
        name: policy.name,
        description: policy.description,
        // Nothing is remediated offline; a remaining violation reports as mandatory, as in the analyzer.
        level: config.enforcementLevel === "remediate" ? "mandatory" : config.enforcementLevel,
        config,
        getConfig: constant(Object.freeze({ ...config.properties })),
      };
      if ("validateResource" in policy && policy.validateResource) {
        const validations = [policy.validateResource].flat();
        for (const view of views) {
          const pending = runResource(check, validations, view, stackTags, findings);
          if (pending) await pending;
        }
      }
      if ("validateStack" in policy) {
        stackResources ??= buildPolicyResources(views);
        await runStack(check, policy.validateStack, stackResources, stackTags, findings);
      }
    }
  }
  return findings;
}

function constant(value: object): <T extends object>() => T {
  return <T extends object>() => value as T;
}

function frozenMap(tags: Readonly<Record<string, string>>): ReadonlyMap<string, string> {
  return new Map(Object.entries(tags));
}

/**
 * The analyzer's reportViolation (server.js makeReportViolationFun): a string message is
 * prefixed with the description at the policy's level; an object `{ message, urn,
 * enforcementLevel }` is taken as it is (lib/judge.ts reports per-resource advisories so).
 */
function reporter(
  check: Check,
  findings: PlanFinding[],
  typeOf: (urn: string | undefined) => string | undefined,
  defaultUrn?: string,
) {
  return (message: string | ViolationObject, urn?: string): void => {
    const object = typeof message === "object" && message !== null ? message : undefined;
    const target = object ? object.urn : (urn ?? defaultUrn);
    const type = typeOf(target);
    const text = object
      ? (object.message ?? check.description)
      : message
        ? `${check.description}\n${message}`
        : check.description;
    findings.push({
      pack: check.pack,
      policy: check.name,
      enforcementLevel: object?.enforcementLevel === "advisory" ? "advisory" : check.level,
      ...(target ? { urn: target } : {}),
      ...(type ? { type } : {}),
      message: text,
    });
  };
}

interface ViolationObject {
  readonly message?: string;
  readonly urn?: string;
  readonly enforcementLevel?: EnforcementLevel;
}

/** The analyzer's reaction to what a validation throws. */
function settle(error: unknown, check: Check, findings: PlanFinding[], urn?: string, type?: string): void {
  if (error instanceof NotApplicable) return;
  const from = `policy '${check.name}' from policy pack '${check.pack}@v${PACK_VERSION}'`;
  if (error instanceof UnknownValueError) {
    findings.push({
      pack: check.pack,
      policy: check.name,
      enforcementLevel: "advisory",
      ...(urn ? { urn } : {}),
      ...(type ? { type } : {}),
      message: `can't run ${from} during preview: ${error.message}`,
    });
    return;
  }
  if (error instanceof EncryptedSecretError) {
    // Not knowable offline and never decrypted later: the check is not done, so it does not pass.
    findings.push({
      pack: check.pack,
      policy: check.name,
      enforcementLevel: check.level,
      ...(urn ? { urn } : {}),
      ...(type ? { type } : {}),
      message: `${check.description}\ncan't verify ${from}: ${error.message}`,
    });
    return;
  }
  const detail = error instanceof Error ? error.message : String(error);
  throw new PolicyRuntimeError(`Error validating ${urn ?? "the stack"} with ${from}: ${detail}`);
}

/** Synchronous unless a validation returns a promise: 10,000 resources × every policy adds up. */
function runResource(
  check: Check,
  validations: readonly ResourceValidation[],
  view: ResourceView,
  stackTags: ReadonlyMap<string, string>,
  findings: PlanFinding[],
): Promise<void> | undefined {
  const type = view.source.type;
  let pending: Promise<void> | undefined;
  for (const validation of validations) {
    // The analyzer's fast path: a validation tagged with one type skips all others uncalled.
    const only = (validation as { __pulumiType?: unknown }).__pulumiType;
    if (typeof only === "string" && only !== type) continue;
    // Our own extension of that fast path for validations spanning several types (lib/props forTypes).
    const patterns = (validation as { __policyTypes?: readonly string[] }).__policyTypes;
    if (patterns && !typeMatches(type, patterns)) continue;
    const args: ResourceValidationArgs = {
      type,
      props: view.props,
      urn: view.source.urn,
      name: view.source.name,
      opts: view.opts,
      stackTags,
      isType: (cls) => isTypeOf(type, cls),
      asType: ((cls: unknown) => (isTypeOf(type, cls) ? view.props : undefined)) as ResourceValidationArgs["asType"],
      getConfig: check.getConfig,
      notApplicable,
    };
    if (view.provider) args.provider = view.provider;
    const report = reporter(check, findings, () => type, view.source.urn);
    const fail = (error: unknown): void => settle(error, check, findings, view.source.urn, type);
    try {
      const result = validation(args, report);
      if (result && typeof (result as Promise<void>).then === "function") {
        const previous = pending;
        pending = (async () => {
          await previous;
          await (result as Promise<void>).catch(fail);
        })();
      }
    } catch (error) {
      fail(error);
    }
  }
  return pending;
}

async function runStack(
  check: Check,
  validateStack: StackValidation,
  resources: readonly PolicyResource[],
  stackTags: ReadonlyMap<string, string>,
  findings: PlanFinding[],
): Promise<void> {
  const types = new Map(resources.map((r) => [r.urn, r.type]));
  const args: StackValidationArgs = {
    resources: [...resources],
    stackTags,
    getConfig: check.getConfig,
    notApplicable,
  };
  try {
    await validateStack(
      args,
      reporter(check, findings, (urn) => (urn ? types.get(urn) : undefined)),
    );
  } catch (error) {
    settle(error, check, findings);
  }
}
