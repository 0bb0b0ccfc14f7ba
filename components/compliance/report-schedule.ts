/**
 * The daily compliance report: the services' LambdaFunction (arm64, nodejs22.x, VPC, encrypted
 * environment and logs) running services/compliance-report/handler.ts on an EventBridge
 * schedule, with read-only AWS Config access and write access to one prefix of the audit bucket.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, collectProblems, type Protection } from "../common";
import { LambdaFunction, type LambdaVpcPlacement } from "../services/lambda-function";
import type { PolicyStatement } from "../services/iam";

/** AWS Config read actions the report makes (services/compliance-report/collect.ts REQUIRED_ACTIONS). */
export const REPORT_CONFIG_ACTIONS = [
  "config:DescribeConfigRules",
  "config:DescribeComplianceByConfigRule",
  "config:GetComplianceDetailsByConfigRule",
] as const;

export interface ComplianceReportScheduleArgs {
  /** The bundle of services/compliance-report (`lambdaCode("compliance-report")`). Required. */
  readonly code: pulumi.asset.Archive;
  /** EventBridge schedule expression: cron(6 fields) or rate(...). Default `cron(0 6 * * ? *)`. */
  readonly schedule?: string;
  /** Audit bucket name and ARN the report is written to. Required. */
  readonly auditBucket: { readonly bucket: pulumi.Input<string>; readonly arn: pulumi.Input<string> };
  /** Key prefix for reports, one lowercase segment. Default `compliance-reports`. */
  readonly reportPrefix?: string;
  /** The audit bucket's CMK (storage key): reports are encrypted with it. Required. */
  readonly storageKeyArn: pulumi.Input<string>;
  /** CMK for the function's environment (the Lambda key). Required. */
  readonly environmentKeyArn: pulumi.Input<string>;
  /** CMK for the function's log group (the logs key). Required. */
  readonly logsKeyArn: pulumi.Input<string>;
  /** Only rules named with this prefix are reported (PciConfigRules namePrefix). Default: all rules. */
  readonly rulesPrefix?: string;
  /** App subnets and security group; required unless networkPlacement is outside-vpc. */
  readonly vpc?: LambdaVpcPlacement;
  /** `vpc` (default) or `outside-vpc` (explicit opt-out; then the function reaches AWS APIs over the internet). */
  readonly networkPlacement?: "vpc" | "outside-vpc";
  /** Regions the role may act in. Required, non-empty. */
  readonly allowedRegions: readonly string[];
  /** Region and account whose Config rules are read. Required. */
  readonly region: string;
  readonly accountId: pulumi.Input<string>;
  /** Log retention in days (at least 365). Default 400. */
  readonly logRetentionDays?: number;
  /** Reserved concurrency: 1 (default) keeps two runs from overlapping. */
  readonly reservedConcurrency?: number;
  /** `retain` (default) keeps the log group on delete. */
  readonly protection?: Protection;
}

export function complianceReportScheduleArgsProblems(args: ComplianceReportScheduleArgs): readonly string[] {
  return collectProblems((p) => {
    if (
      args.schedule !== undefined &&
      !/^(cron\((\S+ ){5}\S+\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\))$/.test(args.schedule)
    ) {
      p.add(
        "schedule",
        `expected cron(<6 fields>) or rate(<n> <unit>), e.g. cron(0 6 * * ? *); got ${JSON.stringify(args.schedule)}`,
      );
    }
    if (args.reportPrefix !== undefined && !/^[a-z0-9-]+$/.test(args.reportPrefix)) {
      p.add(
        "reportPrefix",
        `must be one lowercase path segment such as compliance-reports; got ${JSON.stringify(args.reportPrefix)}`,
      );
    }
    if (args.rulesPrefix !== undefined && !/^[A-Za-z0-9_-]+$/.test(args.rulesPrefix))
      p.add("rulesPrefix", `use letters, digits, - and _; got ${JSON.stringify(args.rulesPrefix)}`);
  });
}

/** Least privilege: read Config rule compliance; write reports under one prefix, encrypted with the storage key. */
export function reportPolicyStatements(args: ComplianceReportScheduleArgs): PolicyStatement[] {
  const prefix = args.reportPrefix ?? "compliance-reports";
  return [
    {
      sid: "ReadConfigRuleCompliance",
      actions: [...REPORT_CONFIG_ACTIONS],
      resources: [pulumi.interpolate`arn:aws:config:${args.region}:${args.accountId}:config-rule/*`],
    },
    {
      sid: "WriteReports",
      actions: ["s3:PutObject"],
      resources: [pulumi.interpolate`${args.auditBucket.arn}/${prefix}/*`],
    },
    { sid: "EncryptReports", actions: ["kms:GenerateDataKey"], resources: [args.storageKeyArn] },
  ];
}

export class ComplianceReportSchedule extends pulumi.ComponentResource {
  readonly functionName: pulumi.Output<string>;
  readonly ruleArn: pulumi.Output<string>;

  constructor(name: string, args: ComplianceReportScheduleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:compliance:ComplianceReportSchedule", name, {}, opts);
    assertValid("platform:compliance:ComplianceReportSchedule", name, complianceReportScheduleArgsProblems(args));
    const fn = new LambdaFunction(
      `${name}-fn`,
      {
        code: args.code,
        handler: "index.handler",
        description: "Daily PCI DSS compliance report from AWS Config to the audit bucket",
        memoryMb: 512,
        timeoutSeconds: 300,
        reservedConcurrency: args.reservedConcurrency ?? 1,
        environmentKeyArn: args.environmentKeyArn,
        logsKeyArn: args.logsKeyArn,
        logRetentionDays: args.logRetentionDays,
        environment: {
          REPORT_BUCKET: args.auditBucket.bucket,
          REPORT_KMS_KEY_ARN: args.storageKeyArn,
          REPORT_PREFIX: args.reportPrefix ?? "compliance-reports",
          ...(args.rulesPrefix ? { RULES_PREFIX: args.rulesPrefix } : {}),
        },
        networkPlacement: args.networkPlacement,
        vpc: args.vpc,
        policyStatements: reportPolicyStatements(args),
        allowedRegions: args.allowedRegions,
        protection: args.protection,
      },
      { parent: this },
    );
    const rule = new aws.cloudwatch.EventRule(
      `${name}-schedule`,
      { description: "Runs the PCI DSS compliance report", scheduleExpression: args.schedule ?? "cron(0 6 * * ? *)" },
      { parent: this },
    );
    const permission = new aws.lambda.Permission(
      `${name}-invoke`,
      {
        action: "lambda:InvokeFunction",
        function: fn.functionName,
        principal: "events.amazonaws.com",
        sourceArn: rule.arn,
      },
      { parent: this },
    );
    new aws.cloudwatch.EventTarget(
      `${name}-target`,
      { rule: rule.name, arn: fn.arn, retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 } },
      { parent: this, dependsOn: [permission] },
    );
    this.functionName = fn.functionName;
    this.ruleArn = rule.arn;
    this.registerOutputs({ functionName: this.functionName, ruleArn: this.ruleArn });
  }
}
