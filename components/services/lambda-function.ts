/**
 * A Lambda function built to the platform's bar: arm64 on nodejs22.x, code from the esbuild
 * bundle, in the app subnets, environment encrypted with the Lambda key, its own pre-created
 * log group `/aws/lambda/<function>` (retention ≥ 365 days, logs key), X-Ray Active, reserved
 * concurrency, and a least-privilege role (one customer-managed policy): exactly the statements the caller passes, ENI
 * management for the VPC, X-Ray writes, logs to its own group only, and a Deny on any
 * action outside the allowed regions.
 */
import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PROTECTIONS, assertValid, collectProblems, nameTag, statefulOptions, type Protection } from "../common";
import {
  allowStatement,
  policyDocument,
  regionDenyStatement,
  serviceTrustPolicy,
  addStatementProblems,
  type PolicyStatement,
} from "./iam";
import { PCI_MIN_LOG_RETENTION_DAYS, logRetentionProblem } from "../../platform-rules/log-retention";

export const LAMBDA_RUNTIMES = ["nodejs22.x", "nodejs24.x"] as const;
export type LambdaRuntime = (typeof LAMBDA_RUNTIMES)[number];
export const LOG_LEVELS = ["DEBUG", "INFO", "WARN", "ERROR"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Variables Lambda sets itself; a function may not override them. */
const RESERVED_ENV =
  /^(_HANDLER|_X_AMZN_TRACE_ID|AWS_REGION|AWS_EXECUTION_ENV|AWS_LAMBDA_.*|AWS_ACCESS_KEY.*|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|LAMBDA_TASK_ROOT|LAMBDA_RUNTIME_DIR)$/;

export interface LambdaVpcPlacement {
  /** Subnets for the function's ENIs: the app tier (private, egress via NAT or endpoints). */
  readonly subnetIds: pulumi.Input<string[]>;
  /** Security groups for the ENIs: the app security group. */
  readonly securityGroupIds: pulumi.Input<string[]>;
}

export interface LambdaAsyncFailure {
  /** SQS queue (on-failure destination) receiving events whose asynchronous invocation failed every retry. */
  readonly deadLetterQueueArn: pulumi.Input<string>;
  /** KMS key encrypting that queue; the role gets GenerateDataKey/Decrypt on it. Optional. */
  readonly queueKeyArn?: pulumi.Input<string>;
  /** Retries after a failed asynchronous invocation: 0 to 2. Default 2. */
  readonly maximumRetryAttempts?: number;
  /** Seconds an event may wait for processing: 60 to 21600. Default 21600 (6 h). */
  readonly maximumEventAgeSeconds?: number;
}

export interface LambdaFunctionArgs {
  /** The bundle: usually `lambdaCode("<name>")` (dist/lambdas/<name>, built by `npm run build:lambdas`). Required. */
  readonly code: pulumi.asset.Archive;
  /** `<file>.<export>` inside the bundle. Default `index.handler`. */
  readonly handler?: string;
  /** What the function does; shown in the console. Optional. */
  readonly description?: string;
  /** Node.js runtime. Default nodejs22.x; nodejs24.x also allowed (older ones are deprecated). */
  readonly runtime?: LambdaRuntime;
  /** Memory in MB: 128 to 10240. Default 512. */
  readonly memoryMb?: number;
  /** Timeout in seconds: 1 to 900. Default 10. */
  readonly timeoutSeconds?: number;
  /** Reserved concurrent executions: 0 (default) means unreserved; otherwise 1 to 10000. */
  readonly reservedConcurrency?: number;
  /** Environment variables; names `[A-Za-z][A-Za-z0-9_]*`, none Lambda reserves. Default none. */
  readonly environment?: Readonly<Record<string, pulumi.Input<string>>>;
  /** CMK encrypting the environment (the Lambda key). Required. */
  readonly environmentKeyArn: pulumi.Input<string>;
  /** CMK encrypting the log group (the logs key; its policy must allow logs.<region>.amazonaws.com). Required. */
  readonly logsKeyArn: pulumi.Input<string>;
  /** Log retention in days: a CloudWatch period of at least 365 (PCI DSS 10.5.1). Default 400. */
  readonly logRetentionDays?: number;
  /** Application log level (JSON logs). Default INFO. */
  readonly logLevel?: LogLevel;
  /** `vpc` (default): ENIs in `vpc`. `outside-vpc`: an explicit opt-out for functions that reach no private resource. */
  readonly networkPlacement?: "vpc" | "outside-vpc";
  /** Subnets and security groups; required when networkPlacement is vpc. */
  readonly vpc?: LambdaVpcPlacement;
  /** What the function may do, beyond logging and tracing. Scoped actions, explicit resources. Default none. */
  readonly policyStatements?: readonly PolicyStatement[];
  /** Regions the role may act in; every other region is denied. Required, non-empty. */
  readonly allowedRegions: readonly string[];
  /** Dead-letter handling for asynchronously invoked functions (S3, SNS, EventBridge). Default none. */
  readonly asyncFailure?: LambdaAsyncFailure;
  /** Layer version ARNs (e.g. the Parameters and Secrets extension): at most 5. Default none. */
  readonly layers?: readonly pulumi.Input<string>[];
  /** Physical function name. Default `<name>-<8 hex of project/stack/name>` (unique per stack). */
  readonly functionName?: string;
  /** `retain` (default) protects the log group and keeps it on delete; `disposable` for dev. */
  readonly protection?: Protection;
}

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function lambdaFunctionArgsProblems(name: string, args: LambdaFunctionArgs): readonly string[] {
  return collectProblems((p) => {
    if (args.handler !== undefined && !/^[A-Za-z0-9_./-]+\.[A-Za-z_$][A-Za-z0-9_$]*$/.test(args.handler)) {
      p.add("handler", `expected <file>.<export> such as index.handler; got ${JSON.stringify(args.handler)}`);
    }
    if (args.runtime !== undefined && !LAMBDA_RUNTIMES.includes(args.runtime)) {
      p.add(
        "runtime",
        `expected ${LAMBDA_RUNTIMES.join(" or ")} (older Node.js runtimes are deprecated); got ${JSON.stringify(args.runtime)}`,
      );
    }
    const int = (field: string, v: number | undefined, min: number, max: number, why = "") => {
      if (v !== undefined && (!Number.isInteger(v) || v < min || v > max))
        p.add(field, `must be a whole number from ${min} to ${max}${why}; got ${v}`);
    };
    int("memoryMb", args.memoryMb, 128, 10240);
    int("timeoutSeconds", args.timeoutSeconds, 1, 900);
    int("reservedConcurrency", args.reservedConcurrency, 0, 10000, " (0 means unreserved)");
    for (const key of Object.keys(args.environment ?? {})) {
      if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(key))
        p.add(`environment.${key}`, "variable names are letters, digits and _, starting with a letter");
      else if (RESERVED_ENV.test(key)) p.add(`environment.${key}`, "is reserved by Lambda; choose another name");
    }
    const retention = logRetentionProblem(args.logRetentionDays);
    if (retention) p.add("logRetentionDays", retention);
    if (args.logLevel !== undefined && !LOG_LEVELS.includes(args.logLevel))
      p.add("logLevel", `expected ${LOG_LEVELS.join(", ")}; got ${JSON.stringify(args.logLevel)}`);
    const placement = args.networkPlacement ?? "vpc";
    if (placement !== "vpc" && placement !== "outside-vpc")
      p.add("networkPlacement", `expected vpc or outside-vpc; got ${JSON.stringify(placement)}`);
    if (placement === "vpc" && args.vpc === undefined)
      p.add("vpc", "is required when networkPlacement is vpc (the default): give the app subnets and security group");
    if (placement === "outside-vpc" && args.vpc !== undefined)
      p.add("vpc", "must not be set when networkPlacement is outside-vpc");
    addStatementProblems(p, "policyStatements", args.policyStatements ?? []);
    if (args.allowedRegions.length === 0)
      p.add("allowedRegions", "list at least one region (every other region is denied)");
    const failure = args.asyncFailure;
    if (failure) {
      int("asyncFailure.maximumRetryAttempts", failure.maximumRetryAttempts, 0, 2);
      int("asyncFailure.maximumEventAgeSeconds", failure.maximumEventAgeSeconds, 60, 21600);
    }
    if (args.functionName !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(args.functionName)) {
      p.add("functionName", `must be 1 to 64 of A-Z a-z 0-9 _ -; got ${JSON.stringify(args.functionName)}`);
    }
    if (args.functionName === undefined && (name.length > 55 || !/^[A-Za-z0-9_-]+$/.test(name))) {
      p.add(
        "functionName",
        `the default <name>-<8 hex> needs a resource name of at most 55 of A-Z a-z 0-9 _ -; pass functionName or shorten "${name}"`,
      );
    }
    if ((args.layers ?? []).length > 5) p.add("layers", `Lambda allows at most 5 layers; got ${args.layers?.length}`);
    if (args.protection !== undefined && !PROTECTIONS.includes(args.protection))
      p.add("protection", `expected retain or disposable; got ${JSON.stringify(args.protection)}`);
  });
}

export class LambdaFunction extends pulumi.ComponentResource {
  readonly function: aws.lambda.Function;
  readonly role: aws.iam.Role;
  readonly logGroup: aws.cloudwatch.LogGroup;
  readonly functionName: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;
  readonly invokeArn: pulumi.Output<string>;
  readonly roleArn: pulumi.Output<string>;
  readonly roleName: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;

  constructor(name: string, args: LambdaFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:services:LambdaFunction", name, {}, opts);
    assertValid("platform:services:LambdaFunction", name, lambdaFunctionArgsProblems(name, args));

    const protection = args.protection ?? "retain";
    const reserved = args.reservedConcurrency ?? 0;
    // Known before the function exists, so the log group can be created first with this name;
    // the hash keeps two stacks (or projects) sharing an account apart.
    const functionName =
      args.functionName ??
      `${name}-${createHash("sha256").update(`${pulumi.getProject()}/${pulumi.getStack()}/${name}`).digest("hex").slice(0, 8)}`;

    this.logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      {
        name: `/aws/lambda/${functionName}`,
        retentionInDays: args.logRetentionDays ?? PCI_MIN_LOG_RETENTION_DAYS.default,
        kmsKeyId: args.logsKeyArn,
        tags: nameTag(`${name}-logs`),
      },
      { parent: this, ...statefulOptions(protection) },
    );

    this.role = new aws.iam.Role(
      `${name}-role`,
      {
        description: `Execution role of the ${name} function`,
        assumeRolePolicy: serviceTrustPolicy("lambda.amazonaws.com"),
        tags: nameTag(`${name}-role`),
      },
      { parent: this },
    );

    const failure = args.asyncFailure;
    const statements: pulumi.Input<Record<string, unknown>>[] = [
      {
        Sid: "OwnLogGroupOnly",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: [pulumi.interpolate`${this.logGroup.arn}:*`],
      },
      // X-Ray accepts no resource scoping for these two actions.
      {
        Sid: "XRayWrite",
        Effect: "Allow",
        Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
        Resource: ["*"],
      },
      { Sid: "DecryptEnvironment", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [args.environmentKeyArn] },
      ...((args.networkPlacement ?? "vpc") === "vpc"
        ? [
            {
              // The AWSLambdaVPCAccessExecutionRole actions without its logs:* on every group.
              Sid: "VpcNetworkInterfaces",
              Effect: "Allow",
              Action: [
                "ec2:CreateNetworkInterface",
                "ec2:DescribeNetworkInterfaces",
                "ec2:DescribeSubnets",
                "ec2:DeleteNetworkInterface",
                "ec2:AssignPrivateIpAddresses",
                "ec2:UnassignPrivateIpAddresses",
              ],
              Resource: ["*"],
            },
          ]
        : []),
      ...(failure
        ? [
            {
              Sid: "DeadLetterQueue",
              Effect: "Allow",
              Action: ["sqs:SendMessage"],
              Resource: [failure.deadLetterQueueArn],
            },
          ]
        : []),
      ...(failure?.queueKeyArn
        ? [
            {
              Sid: "DeadLetterQueueKey",
              Effect: "Allow",
              Action: ["kms:GenerateDataKey", "kms:Decrypt"],
              Resource: [failure.queueKeyArn],
            },
          ]
        : []),
      ...(args.policyStatements ?? []).map(allowStatement),
      regionDenyStatement(args.allowedRegions),
    ];
    // A customer-managed policy, not an inline one: AWS Config's IAM_NO_INLINE_POLICY_CHECK (PCI pack) flags inline policies.
    const policy = new aws.iam.Policy(
      `${name}-policy`,
      {
        description: `What the ${name} function may do`,
        policy: policyDocument(statements),
        tags: nameTag(`${name}-policy`),
      },
      { parent: this },
    );
    const attachment = new aws.iam.RolePolicyAttachment(
      `${name}-policy-attachment`,
      { role: this.role.name, policyArn: policy.arn },
      { parent: this },
    );

    this.function = new aws.lambda.Function(
      `${name}-function`,
      {
        name: functionName,
        description: args.description,
        role: this.role.arn,
        code: args.code,
        handler: args.handler ?? "index.handler",
        runtime: args.runtime ?? "nodejs22.x",
        architectures: ["arm64"],
        layers: args.layers ? [...args.layers] : undefined,
        memorySize: args.memoryMb ?? 512,
        timeout: args.timeoutSeconds ?? 10,
        reservedConcurrentExecutions: reserved === 0 ? -1 : reserved,
        kmsKeyArn: args.environmentKeyArn,
        environment: {
          variables: {
            // The bundle ships source maps; this makes stack traces point at the TypeScript.
            NODE_OPTIONS: "--enable-source-maps",
            POWERTOOLS_SERVICE_NAME: name,
            ...args.environment,
          },
        },
        tracingConfig: { mode: "Active" },
        loggingConfig: {
          logFormat: "JSON",
          logGroup: this.logGroup.name,
          applicationLogLevel: args.logLevel ?? "INFO",
          systemLogLevel: "WARN",
        },
        vpcConfig: args.vpc
          ? { subnetIds: args.vpc.subnetIds, securityGroupIds: args.vpc.securityGroupIds }
          : undefined,
        tags: nameTag(name),
      },
      // The role must be able to write logs and create ENIs before the first invocation.
      { parent: this, dependsOn: [attachment, this.logGroup] },
    );

    if (failure) {
      new aws.lambda.FunctionEventInvokeConfig(
        `${name}-async`,
        {
          functionName: this.function.name,
          maximumRetryAttempts: failure.maximumRetryAttempts ?? 2,
          maximumEventAgeInSeconds: failure.maximumEventAgeSeconds ?? 21600,
          // An on-failure destination (rather than the legacy DLQ) records the event with the error.
          destinationConfig: { onFailure: { destination: failure.deadLetterQueueArn } },
        },
        { parent: this },
      );
    }

    this.functionName = this.function.name;
    this.arn = this.function.arn;
    this.invokeArn = this.function.invokeArn;
    this.roleArn = this.role.arn;
    this.roleName = this.role.name;
    this.logGroupName = this.logGroup.name;
    this.registerOutputs({
      functionName: this.functionName,
      arn: this.arn,
      invokeArn: this.invokeArn,
      roleArn: this.roleArn,
      roleName: this.roleName,
      logGroupName: this.logGroupName,
    });
  }
}
