/**
 * AWS Config managed rules from the PCI catalog, one aws.cfg.Rule each: the managed source, the
 * corrected parameters, the pack's scope, and the PCI DSS v4.0.1 requirements in the
 * description and a tag, so the compliance report and the console both show what each rule
 * proves. Rules are regional: create one set per recorded region (the platform: the primary).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, collectProblems } from "../common";
import type { ManagedRule } from "../../platform-rules/config-rules";

/** Tag carrying the requirement ids, space-separated (tag values may not contain commas). */
export const REQUIREMENTS_TAG = "PciDssRequirements";

export interface PciConfigRulesArgs {
  /** Rules to deploy, usually `selectRules(...).deployed`. At least one; identifiers unique. Required. */
  readonly rules: readonly ManagedRule[];
  /** Prefix of every rule name, e.g. `pci-prod-`: the report's --rules-prefix. Letters, digits, - and _; at most 40. Default `pci-`. */
  readonly namePrefix?: string;
  /**
   * Parameter values known only at deploy time (e.g. the VPC id allowed an internet gateway),
   * by identifier; merged over the catalog's parameters. Identifiers must be among `rules`. Default none.
   */
  readonly parameterOverrides?: Readonly<Record<string, Readonly<Record<string, pulumi.Input<string>>>>>;
}

export function pciConfigRulesArgsProblems(args: PciConfigRulesArgs): readonly string[] {
  return collectProblems((p) => {
    if (args.rules.length === 0) p.add("rules", "list at least one rule (selectRules().deployed)");
    const seen = new Set<string>();
    args.rules.forEach((r, i) => {
      if (seen.has(r.identifier)) p.add(`rules[${i}]`, `${r.identifier} is listed twice`);
      seen.add(r.identifier);
      if (r.undeployable) p.add(`rules[${i}]`, `${r.identifier} cannot be deployed: ${r.undeployable}`);
    });
    const prefix = args.namePrefix ?? "pci-";
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(prefix))
      p.add("namePrefix", `use 1 to 40 letters, digits, - and _; got ${JSON.stringify(prefix)}`);
    for (const id of Object.keys(args.parameterOverrides ?? {})) {
      if (!seen.has(id))
        p.add(`parameterOverrides.${id}`, "names a rule that is not deployed; remove it or add the rule");
    }
  });
}

/** The rule's description: what the pack checks plus the requirements, which the report parses. */
export function ruleDescription(rule: ManagedRule): string {
  const correction = rule.correction ? ` Parameters corrected: ${rule.correction}` : "";
  return `${rule.identifier} from the AWS PCI DSS conformance packs. PCI DSS v4.0.1: ${rule.requirements.join(" ")}.${correction}`.slice(
    0,
    256,
  );
}

export class PciConfigRules extends pulumi.ComponentResource {
  readonly ruleNames: pulumi.Output<string[]>;
  readonly ruleArns: pulumi.Output<string[]>;
  readonly ruleCount: number;

  constructor(name: string, args: PciConfigRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:compliance:PciConfigRules", name, {}, opts);
    assertValid("platform:compliance:PciConfigRules", name, pciConfigRulesArgsProblems(args));
    const prefix = args.namePrefix ?? "pci-";
    const created = args.rules.map((rule) => {
      const parameters = { ...rule.parameters, ...(args.parameterOverrides?.[rule.identifier] ?? {}) };
      return new aws.cfg.Rule(
        `${name}-${rule.name}`,
        {
          // Deterministic names: the report filters by prefix and assessors read them.
          name: `${prefix}${rule.name}`.slice(0, 128),
          description: ruleDescription(rule),
          source: { owner: "AWS", sourceIdentifier: rule.identifier },
          scope: rule.scope ? { complianceResourceTypes: [...rule.scope] } : undefined,
          inputParameters: Object.keys(parameters).length > 0 ? pulumi.jsonStringify(parameters) : undefined,
          tags: {
            [REQUIREMENTS_TAG]: rule.requirements.join(" "),
            ConformancePack: rule.packs.join(" / ").replace(/_/g, " "),
          },
        },
        // A component's dependsOn does not reach its children; rules must wait for the recorder.
        { parent: this, dependsOn: opts?.dependsOn },
      );
    });
    this.ruleNames = pulumi.all(created.map((r) => r.name));
    this.ruleArns = pulumi.all(created.map((r) => r.arn));
    this.ruleCount = created.length;
    this.registerOutputs({ ruleNames: this.ruleNames, ruleArns: this.ruleArns, ruleCount: this.ruleCount });
  }
}
