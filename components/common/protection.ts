/**
 * Data protection shared by stateful components. `retain` (the secure default) protects
 * resources from a routine `pulumi destroy` or replacement; `disposable` is an explicit opt-out
 * for dev stacks that must be cheap to tear down.
 */
import type * as pulumi from "@pulumi/pulumi";

export type Protection = "retain" | "disposable";

export const PROTECTIONS: readonly Protection[] = ["retain", "disposable"];

/**
 * Resource options for a stateful child: `protect` so Pulumi refuses to delete or replace it,
 * and `retainOnDelete` so even an explicit unprotect-and-destroy leaves the cloud resource.
 */
export function statefulOptions(
  protection: Protection,
): Pick<pulumi.CustomResourceOptions, "protect" | "retainOnDelete"> {
  return protection === "retain" ? { protect: true, retainOnDelete: true } : { protect: false, retainOnDelete: false };
}
