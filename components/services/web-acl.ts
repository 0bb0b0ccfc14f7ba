/**
 * A REGIONAL WAFv2 web ACL for the API stage: the AWS managed rule groups for common
 * exploits, known bad inputs, SQL injection and IP reputation, plus a per-IP rate limit.
 * Requests are logged to an `aws-waf-logs-` log group encrypted with the logs key, with the
 * x-api-key header redacted.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, collectProblems, nameTag, statefulOptions, type Protection } from "../common";
import { PCI_MIN_LOG_RETENTION_DAYS, logRetentionProblem } from "../../platform-rules/log-retention";

/** Managed rule groups, in evaluation order (cheap reputation checks first). */
export const MANAGED_RULE_GROUPS = [
  "AWSManagedRulesAmazonIpReputationList",
  "AWSManagedRulesKnownBadInputsRuleSet",
  "AWSManagedRulesCommonRuleSet",
  "AWSManagedRulesSQLiRuleSet",
] as const;

export interface WebAclArgs {
  /** ARN of the resource to protect: the API Gateway stage. Required. */
  readonly resourceArn: pulumi.Input<string>;
  /** Requests per client IP per 5 minutes before blocking: 100 to 2000000000. Required. */
  readonly rateLimitPer5Min: number;
  /** CMK for the WAF log group (the logs key). Required. */
  readonly logsKeyArn: pulumi.Input<string>;
  /** Log retention in days: a CloudWatch period of at least 365. Default 400. */
  readonly logRetentionDays?: number;
  /** Lower-case header names redacted from WAF logs. Default `["x-api-key", "authorization"]`. */
  readonly redactedHeaders?: readonly string[];
  /** `retain` (default) protects and keeps the log group; `disposable` for dev. */
  readonly protection?: Protection;
  /**
   * The managed rule groups, each billed $1 a month: a subset of MANAGED_RULE_GROUPS, kept in
   * its evaluation order. Default all; AWSManagedRulesCommonRuleSet is always required.
   */
  readonly managedRuleGroups?: readonly (typeof MANAGED_RULE_GROUPS)[number][];
}

/** The baseline (OWASP Top 10 style) group no web ACL of the platform goes without. */
export const REQUIRED_RULE_GROUP = "AWSManagedRulesCommonRuleSet";

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function webAclArgsProblems(args: WebAclArgs): readonly string[] {
  return collectProblems((p) => {
    const rate = args.rateLimitPer5Min;
    if (!Number.isInteger(rate) || rate < 100 || rate > 2_000_000_000)
      p.add("rateLimitPer5Min", `must be a whole number from 100 (the WAF minimum) to 2000000000; got ${rate}`);
    const retention = logRetentionProblem(args.logRetentionDays);
    if (retention) p.add("logRetentionDays", retention);
    const groups = args.managedRuleGroups;
    if (groups !== undefined) {
      groups.forEach((g, i) => {
        if (!MANAGED_RULE_GROUPS.includes(g))
          p.add(
            `managedRuleGroups[${i}]`,
            `expected one of ${MANAGED_RULE_GROUPS.join(", ")}; got ${JSON.stringify(g)}`,
          );
      });
      if (!groups.includes(REQUIRED_RULE_GROUP))
        p.add(
          "managedRuleGroups",
          `must include ${REQUIRED_RULE_GROUP} (PCI DSS 6.4.2: protection against common web attacks)`,
        );
    }
    (args.redactedHeaders ?? []).forEach((h, i) => {
      if (!/^[a-z0-9-]+$/.test(h))
        p.add(`redactedHeaders[${i}]`, `expected a lower-case header name like x-api-key; got ${JSON.stringify(h)}`);
    });
  });
}

const visibility = (metricName: string) => ({
  cloudwatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

export class WebAcl extends pulumi.ComponentResource {
  readonly webAcl: aws.wafv2.WebAcl;
  readonly arn: pulumi.Output<string>;
  readonly webAclName: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;

  constructor(name: string, args: WebAclArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:services:WebAcl", name, {}, opts);
    assertValid("platform:services:WebAcl", name, webAclArgsProblems(args));

    const chosen = MANAGED_RULE_GROUPS.filter((g) => (args.managedRuleGroups ?? MANAGED_RULE_GROUPS).includes(g));
    const managed = chosen.map((group, i) => ({
      name: group,
      priority: i + 1,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group } },
      visibilityConfig: visibility(group),
    }));
    this.webAcl = new aws.wafv2.WebAcl(
      `${name}-acl`,
      {
        scope: "REGIONAL",
        description: "Trade API: managed protections and a per-IP rate limit",
        defaultAction: { allow: {} },
        rules: [
          // Rate limiting first, so a flood is cut before the managed groups inspect it.
          {
            name: "RateLimitPerIp",
            priority: 0,
            action: { block: {} },
            statement: {
              rateBasedStatement: { limit: args.rateLimitPer5Min, aggregateKeyType: "IP", evaluationWindowSec: 300 },
            },
            visibilityConfig: visibility("RateLimitPerIp"),
          },
          ...managed,
        ],
        visibilityConfig: visibility(`${name}-acl`),
        tags: nameTag(`${name}-acl`),
      },
      { parent: this },
    );

    // WAF only delivers to log groups whose name starts with aws-waf-logs-.
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      {
        namePrefix: `aws-waf-logs-${name}-`,
        retentionInDays: args.logRetentionDays ?? PCI_MIN_LOG_RETENTION_DAYS.default,
        kmsKeyId: args.logsKeyArn,
        tags: nameTag(`aws-waf-logs-${name}`),
      },
      { parent: this, ...statefulOptions(args.protection ?? "retain") },
    );
    new aws.wafv2.WebAclLoggingConfiguration(
      `${name}-logging`,
      {
        resourceArn: this.webAcl.arn,
        logDestinationConfigs: [logGroup.arn],
        redactedFields: (args.redactedHeaders ?? ["x-api-key", "authorization"]).map((header) => ({
          singleHeader: { name: header },
        })),
      },
      { parent: this },
    );
    new aws.wafv2.WebAclAssociation(
      `${name}-association`,
      { resourceArn: args.resourceArn, webAclArn: this.webAcl.arn },
      { parent: this },
    );

    this.arn = this.webAcl.arn;
    this.webAclName = this.webAcl.name;
    this.logGroupName = logGroup.name;
    this.registerOutputs({ arn: this.arn, webAclName: this.webAclName, logGroupName: this.logGroupName });
  }
}
