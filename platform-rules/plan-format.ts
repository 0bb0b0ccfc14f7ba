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

export interface PlanDocument {
  readonly schemaVersion: 1;
  readonly stack: string;
  readonly project: string;
  readonly resources: readonly PlanResource[];
  readonly findings: readonly PlanFinding[];
}
