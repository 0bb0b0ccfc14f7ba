/** NetworkArgs and their validation (pure, tested without an engine). */
import type * as pulumi from "@pulumi/pulumi";
import { logRetentionProblem } from "../../platform-rules/log-retention";
import { PROTECTIONS, collectProblems, type Protection } from "../common";
import { parseCidr } from "../common/cidr";

export type NatStrategy = "none" | "single" | "one-per-az";
export const NAT_STRATEGIES: readonly NatStrategy[] = ["none", "single", "one-per-az"];

export interface SubnetMasks {
  /** Public tier (NAT gateways, nothing else) prefix length. Default 24. */
  readonly public?: number;
  /** App tier (Lambdas, interface endpoints) prefix length. Default 20. */
  readonly app?: number;
  /** Data tier (Aurora) prefix length. Default 22. */
  readonly data?: number;
}

export interface NetworkArgs {
  /** Region the provider targets, e.g. us-east-1; names the endpoint services. Required. */
  readonly region: string;
  /** VPC CIDR, /16 to /24 with host bits zero. Default 10.0.0.0/16. */
  readonly cidr?: string;
  /** Availability zones to spread every tier across: 1 to 3. Default 3. */
  readonly availabilityZones?: number;
  /** NAT for the app tier: none (endpoints only), single (one shared) or one-per-az (HA). Default one-per-az. */
  readonly natStrategy?: NatStrategy;
  /** Interface endpoint services (e.g. kms, sts) in the app tier, private DNS on. Default none; no duplicates. */
  readonly interfaceEndpoints?: readonly string[];
  /** CMK ARN encrypting the flow-log log group; its policy must allow logs.<region>.amazonaws.com. Required. */
  readonly logsKmsKeyArn: pulumi.Input<string>;
  /** Days to keep flow logs; a CloudWatch Logs retention period. Default 365. */
  readonly flowLogRetentionDays?: number;
  /** Subnet sizes per tier; each must be longer than the VPC prefix and fit an AZ's share. Defaults 24/20/22. */
  readonly subnetMasks?: SubnetMasks;
  /** Database port the app tier may reach in the data tier: 1 to 65535. Default 5432. */
  readonly databasePort?: number;
  /** `retain` (default): the flow-log group is protected and retained. `disposable`: dev only. */
  readonly protection?: Protection;
}

export const DEFAULT_MASKS = { public: 24, app: 20, data: 22 } as const;

/** Largest first, so the default sizes pack without alignment gaps. */
export const SUBNET_ORDER = ["app", "data", "public"] as const;

/** Every problem with the args, each naming its field; empty when valid. */
export function networkArgsProblems(args: NetworkArgs): readonly string[] {
  return collectProblems((p) => {
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(args.region))
      p.add("region", `${JSON.stringify(args.region)} is not an AWS region name such as us-east-1`);
    const cidr = args.cidr ?? "10.0.0.0/16";
    const parsed = parseCidr(cidr);
    if (!parsed) p.add("cidr", `malformed CIDR ${JSON.stringify(cidr)}; expected a network address like 10.0.0.0/16`);
    else if (parsed.prefix < 16 || parsed.prefix > 24)
      p.add("cidr", `prefix /${parsed.prefix} out of range; expected /16 to /24`);
    const azs = args.availabilityZones ?? 3;
    if (!Number.isInteger(azs) || azs < 1 || azs > 3) p.add("availabilityZones", `must be 1, 2 or 3; got ${azs}`);
    if (args.natStrategy !== undefined && !NAT_STRATEGIES.includes(args.natStrategy)) {
      p.add("natStrategy", `expected none, single or one-per-az; got ${JSON.stringify(args.natStrategy)}`);
    }
    (args.interfaceEndpoints ?? []).forEach((service, i, all) => {
      if (!/^[a-z0-9][a-z0-9.-]*$/.test(service))
        p.add(
          `interfaceEndpoints[${i}]`,
          `${JSON.stringify(service)} is not an endpoint service name such as kms or secretsmanager`,
        );
      else if (all.indexOf(service) !== i) p.add(`interfaceEndpoints[${i}]`, `${service} is listed twice`);
    });
    const retention = logRetentionProblem(args.flowLogRetentionDays);
    if (retention) p.add("flowLogRetentionDays", retention);
    if (parsed && Number.isInteger(azs) && azs >= 1 && azs <= 3) {
      // awsx gives each AZ an equal, power-of-two share of the VPC; the tiers must fit in it.
      const azPrefix = parsed.prefix + Math.ceil(Math.log2(azs));
      const masks = { ...DEFAULT_MASKS, ...args.subnetMasks };
      // Allocated in SUBNET_ORDER, each aligned to its own size (gaps included), as awsx's Auto strategy does.
      let end = 0;
      for (const tier of SUBNET_ORDER) {
        const mask = masks[tier];
        if (!Number.isInteger(mask) || mask <= azPrefix || mask > 28) {
          p.add(
            `subnetMasks.${tier}`,
            `must be /${azPrefix + 1} to /28 for a ${cidr} VPC across ${azs} AZs; got /${mask}`,
          );
        } else {
          const size = 2 ** (32 - mask);
          end = Math.ceil(end / size) * size + size;
        }
      }
      if (end > 2 ** (32 - azPrefix))
        p.add(
          "subnetMasks",
          `the three tiers need ${end} addresses per AZ (with alignment) but each AZ has ${2 ** (32 - azPrefix)}`,
        );
    }
    const port = args.databasePort;
    if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535))
      p.add("databasePort", `must be 1 to 65535; got ${port}`);
    if (args.protection !== undefined && !PROTECTIONS.includes(args.protection))
      p.add("protection", `expected retain or disposable; got ${JSON.stringify(args.protection)}`);
  });
}
