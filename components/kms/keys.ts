/**
 * Customer-managed KMS keys, one per data domain, each with rotation, an alias
 * `alias/<aliasPrefix>-<domain>` and a key policy granting the account root plus only the AWS
 * service principals the domain needs (see policy.ts).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  KMS_ALIAS_NAME,
  PROTECTIONS,
  assertValid,
  collectProblems,
  known,
  nameTag,
  statefulOptions,
  type Protection,
} from "../common";
import { DOMAIN_DESCRIPTIONS, KEY_DOMAINS, type KeyDomain } from "./domains";
import { keyPolicy, type PolicyStatement } from "./policy";

export interface KeysArgs {
  /**
   * Alias prefix, usually `<project>-<stack>`: aliases become `alias/<aliasPrefix>-<domain>`.
   * Required; letters, digits, `/ _ -`; must not start with `aws`.
   */
  readonly aliasPrefix: string;
  /** Domains to create a key for. Default every domain (KEY_DOMAINS); no duplicates. */
  readonly domains?: readonly KeyDomain[];
  /** Days KMS waits before deleting a key scheduled for deletion: 7 to 30. Default 30. */
  readonly deletionWindowDays?: pulumi.Input<number>;
  /**
   * `retain` (default): keys are protected and retained on delete, so no `pulumi destroy` can
   * schedule their deletion and strand encrypted data. `disposable`: dev stacks only.
   */
  readonly protection?: Protection;
  /** Extra key-policy statements per domain (e.g. a cross-account reader). Default none. */
  readonly additionalStatements?: Partial<Record<KeyDomain, readonly PolicyStatement[]>>;
}

export interface KeyOutputs {
  readonly arn: pulumi.Output<string>;
  readonly keyId: pulumi.Output<string>;
  readonly aliasName: pulumi.Output<string>;
}

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function keysArgsProblems(args: KeysArgs): readonly string[] {
  return collectProblems((p) => {
    if (!KMS_ALIAS_NAME.test(args.aliasPrefix) || args.aliasPrefix.toLowerCase().startsWith("aws")) {
      p.add(
        "aliasPrefix",
        `${JSON.stringify(args.aliasPrefix)} is not a valid alias name; use letters, digits, / _ - and do not start with "aws"`,
      );
    }
    const domains = args.domains ?? KEY_DOMAINS;
    if (domains.length === 0) p.add("domains", "list at least one domain");
    for (const [i, d] of domains.entries()) {
      if (!KEY_DOMAINS.includes(d))
        p.add(`domains[${i}]`, `unknown domain ${JSON.stringify(d)}; expected one of ${KEY_DOMAINS.join(", ")}`);
      else if (domains.indexOf(d) !== i) p.add(`domains[${i}]`, `${d} is listed twice`);
    }
    const window = args.deletionWindowDays;
    if (known(window) && (!Number.isInteger(window) || window < 7 || window > 30)) {
      p.add("deletionWindowDays", `must be a whole number from 7 to 30 (the KMS limits); got ${window}`);
    }
    if (args.protection !== undefined && !PROTECTIONS.includes(args.protection)) {
      p.add("protection", `expected retain or disposable; got ${JSON.stringify(args.protection)}`);
    }
    for (const d of Object.keys(args.additionalStatements ?? {})) {
      if (!domains.includes(d as KeyDomain)) p.add(`additionalStatements.${d}`, `no key is created for this domain`);
    }
  });
}

export class Keys extends pulumi.ComponentResource {
  /** Keys by domain; only the requested domains are present. */
  readonly keys: Readonly<Partial<Record<KeyDomain, KeyOutputs>>>;

  constructor(name: string, args: KeysArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:kms:Keys", name, {}, opts);
    assertValid("platform:kms:Keys", name, keysArgsProblems(args));

    const protection = args.protection ?? "retain";
    const deletionWindowDays = args.deletionWindowDays ?? 30;
    const scope = pulumi
      .all([
        aws.getCallerIdentityOutput({}, { parent: this }).accountId,
        aws.getRegionOutput({}, { parent: this }).region,
        aws.getPartitionOutput({}, { parent: this }).partition,
      ])
      .apply(([accountId, region, partition]) => ({ accountId, region, partition }));

    const keys: Partial<Record<KeyDomain, KeyOutputs>> = {};
    for (const domain of args.domains ?? KEY_DOMAINS) {
      const aliasName = `alias/${args.aliasPrefix}-${domain}`;
      const key = new aws.kms.Key(
        `${name}-${domain}`,
        {
          description: `${args.aliasPrefix}: ${DOMAIN_DESCRIPTIONS[domain]}`,
          keyUsage: "ENCRYPT_DECRYPT",
          customerMasterKeySpec: "SYMMETRIC_DEFAULT",
          enableKeyRotation: true,
          deletionWindowInDays: deletionWindowDays,
          policy: scope.apply((s) => JSON.stringify(keyPolicy(domain, s, args.additionalStatements?.[domain]))),
          tags: nameTag(aliasName.slice("alias/".length), { KeyDomain: domain }),
        },
        { parent: this, ...statefulOptions(protection) },
      );
      const alias = new aws.kms.Alias(
        `${name}-${domain}-alias`,
        { name: aliasName, targetKeyId: key.keyId },
        { parent: this },
      );
      keys[domain] = { arn: key.arn, keyId: key.keyId, aliasName: alias.name };
    }
    this.keys = keys;
    this.registerOutputs({ keys });
  }

  /** The key of a domain; throws naming the domain when it was not requested. */
  key(domain: KeyDomain): KeyOutputs {
    const key = this.keys[domain];
    if (!key) throw new Error(`Keys: no key for domain ${domain}; add it to args.domains`);
    return key;
  }
}
