/**
 * The offline plan document: what `npm run plan -- --json` writes and `npm run policy:check`
 * reads. It is a public interface (docs/plan-format.md): add optional fields, never rename or
 * remove one, and bump `schemaVersion` on any incompatible change.
 */

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

/** Resource options the engine sees, as recorded from the registration request. */
export interface PlanResourceOptions {
  readonly retainOnDelete?: boolean;
  readonly deleteBeforeReplace?: boolean;
  readonly ignoreChanges?: readonly string[];
  readonly additionalSecretOutputs?: readonly string[];
  readonly aliases?: readonly string[];
  readonly deletedWith?: string;
  readonly replaceOnChanges?: readonly string[];
}

export interface PlanResource {
  /** Pulumi URN, e.g. `urn:pulumi:dev::fx-platform::aws:s3/bucket:Bucket::data-ingestion`. */
  readonly urn: string;
  /** Type token, e.g. `aws:s3/bucket:Bucket`. */
  readonly type: string;
  /** Logical name. */
  readonly name: string;
  /** URN of the parent resource; absent only for the stack itself. */
  readonly parent?: string;
  /** Provider reference as the engine writes it: `<provider urn>::<provider id>`. */
  readonly provider?: string;
  /** Inputs as the provider would receive them (secrets unwrapped, assets as `{path}` objects). */
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly protect: boolean;
  /** True for resources a provider manages; false for components and the stack. */
  readonly custom: boolean;
  /** URNs this resource depends on (explicit `dependsOn` and through its inputs). */
  readonly dependencies: readonly string[];
  /** Per-input dependencies: input name → URNs. */
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  readonly options: PlanResourceOptions;
}

export interface PlanFinding {
  readonly pack: string;
  readonly policy: string;
  readonly enforcementLevel: EnforcementLevel;
  /** The resource the finding is about; absent for stack-level findings not tied to one. */
  readonly urn?: string;
  readonly type?: string;
  readonly message: string;
}

/** One waiver of the stack (platform:policyWaivers) and what it did in this run. */
export interface PlanWaiver {
  readonly policy: string;
  /** Logical name or URN, as in the stack config. */
  readonly resource: string;
  readonly type?: string;
  readonly reason: string;
  readonly approver: string;
  /** The expiry the entry gives. */
  readonly expires: string;
  /** The last day it holds: `expires`, or earlier when the approval is provisional (platform-rules/policy-waivers.ts). */
  readonly holdsUntil: string;
  /** True when no named person has accepted the risk (the approver ends in "(provisional)"). */
  readonly provisional: boolean;
  /** True when the run is past `holdsUntil` (the waiver is then itself a mandatory finding). */
  readonly expired: boolean;
  /** Findings of this run the waiver turned advisory. */
  readonly waivedFindings: number;
}

export interface PlanDocument {
  readonly schemaVersion: 1;
  readonly stack: string;
  readonly project: string;
  readonly resources: readonly PlanResource[];
  readonly findings: readonly PlanFinding[];
  /** The stack's waivers (added after schemaVersion 1 shipped: absent in older documents). */
  readonly waivers?: readonly PlanWaiver[];
}
