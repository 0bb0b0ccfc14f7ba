/** Builds the many policies that judge one resource by its own inputs (mostly "encrypted at rest with a customer-managed key"). */
import { forTypes, type Props } from "./props";
import { resourcePolicy, type PeerChecks, type PolicyDefinition } from "./types";

interface InputsPolicyArgs {
  readonly name: string;
  readonly description: string;
  readonly pci?: readonly string[];
  readonly types: readonly string[];
  readonly fix: string;
  readonly covers?: PeerChecks;
  /** Problems with one resource's inputs, each a sentence that says what to set. */
  readonly problems: (props: Props, type: string) => readonly string[];
}

/** Key management requirements every CMK policy supports: 3.5.1 (render PAN unreadable), 3.6.1 and 3.7.x (key custody and lifecycle). */
export const CMK_PCI = ["3.5.1", "3.6.1", "3.7.1"] as const;

export function inputsPolicy(a: InputsPolicyArgs): PolicyDefinition {
  return resourcePolicy({
    name: a.name,
    description: a.description,
    enforcementLevel: "mandatory",
    pci: a.pci ?? CMK_PCI,
    resourceTypes: a.types,
    fix: a.fix,
    ...(a.covers ? { covers: a.covers } : {}),
    configSchema: { properties: {} },
    validateResource: forTypes(a.types, (props, args, report) => {
      for (const problem of a.problems(props, args.type)) report(problem);
    }),
  });
}
