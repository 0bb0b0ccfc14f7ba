/**
 * The account's CloudTrail: multi-region, global service events, log-file validation, SSE-KMS,
 * delivery to the audit bucket and to an encrypted CloudWatch Logs group (for metric filters
 * and alarms), all management events (read and write) and S3 object-level data events for the
 * buckets holding trade data, through advanced event selectors.
 *
 * Prerequisites outside this component: the audit bucket policy allows cloudtrail.amazonaws.com
 * (components/buckets deliveryServices "cloudtrail"); the trail key allows CloudTrail
 * kms:GenerateDataKey* with the encryption context aws:cloudtrail:arn (components/kms storage
 * key); the logs key allows logs.<region>.amazonaws.com.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { logRetentionProblem } from "../../platform-rules/log-retention";
import { PROTECTIONS, assertValid, collectProblems, statefulOptions, type Protection } from "../common";

export interface AuditTrailArgs {
  /** Audit bucket name receiving log files. Required. */
  readonly bucketName: pulumi.Input<string>;
  /**
   * That bucket's policy resource. CreateTrail checks the policy and fails with
   * InsufficientS3BucketPolicyException when it is not in place yet (the provider does not
   * retry), so the trail waits for it. Required.
   */
  readonly bucketPolicy: pulumi.Resource;
  /** Key prefix in the bucket: letters, digits, - _ /. Default `cloudtrail`. */
  readonly s3KeyPrefix?: string;
  /** CMK encrypting log files (the storage key). Required. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** CMK encrypting the CloudWatch Logs group (the logs key). Required. */
  readonly logsKmsKeyArn: pulumi.Input<string>;
  /** Days events stay in CloudWatch Logs: a retention period of at least 365 (PCI DSS 10.5.1). Default 400. */
  readonly logRetentionDays?: number;
  /** ARNs of buckets whose object-level reads and writes are logged (data events). Default none. */
  readonly dataEventBucketArns?: readonly pulumi.Input<string>[];
  /**
   * ARNs of buckets whose object-level reads only are logged: the access-log bucket, whose writes
   * are S3's own log deliveries and which cannot log its own access (its Config exception's
   * compensating control). Default none.
   */
  readonly readDataEventBucketArns?: readonly pulumi.Input<string>[];
  /** Account id, to scope the delivery role's trust. Required. */
  readonly accountId: pulumi.Input<string>;
  /** `retain` (default): the trail and log group are protected and kept on delete. */
  readonly protection?: Protection;
}

export function auditTrailArgsProblems(args: AuditTrailArgs): readonly string[] {
  return collectProblems((p) => {
    if (args.s3KeyPrefix !== undefined && !/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(args.s3KeyPrefix)) {
      p.add("s3KeyPrefix", `use letters, digits, - _ and / between segments; got ${JSON.stringify(args.s3KeyPrefix)}`);
    }
    const days = logRetentionProblem(args.logRetentionDays);
    if (days) p.add("logRetentionDays", days);
    if (args.protection !== undefined && !PROTECTIONS.includes(args.protection))
      p.add("protection", `expected retain or disposable; got ${JSON.stringify(args.protection)}`);
  });
}

/** Advanced event selectors: every management event, S3 object events of the given buckets, object reads of the read-only ones. */
export function eventSelectors(
  dataEventBucketArns: readonly pulumi.Input<string>[],
  readDataEventBucketArns: readonly pulumi.Input<string>[] = [],
): aws.types.input.cloudtrail.TrailAdvancedEventSelector[] {
  const selectors: aws.types.input.cloudtrail.TrailAdvancedEventSelector[] = [
    // No readOnly field selector: both read and write management events are logged.
    { name: "All management events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
  ];
  if (dataEventBucketArns.length > 0) {
    selectors.push({
      name: "S3 object events on data buckets",
      fieldSelectors: [
        { field: "eventCategory", equals: ["Data"] },
        { field: "resources.type", equals: ["AWS::S3::Object"] },
        { field: "resources.ARN", startsWiths: dataEventBucketArns.map((arn) => pulumi.interpolate`${arn}/`) },
      ],
    });
  }
  if (readDataEventBucketArns.length > 0) {
    selectors.push({
      name: "S3 object reads on log buckets",
      fieldSelectors: [
        { field: "eventCategory", equals: ["Data"] },
        { field: "resources.type", equals: ["AWS::S3::Object"] },
        { field: "readOnly", equals: ["true"] },
        { field: "resources.ARN", startsWiths: readDataEventBucketArns.map((arn) => pulumi.interpolate`${arn}/`) },
      ],
    });
  }
  return selectors;
}

export class AuditTrail extends pulumi.ComponentResource {
  readonly trailArn: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;
  readonly logGroupArn: pulumi.Output<string>;

  constructor(name: string, args: AuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:compliance:AuditTrail", name, {}, opts);
    assertValid("platform:compliance:AuditTrail", name, auditTrailArgsProblems(args));
    const stateful = { parent: this, ...statefulOptions(args.protection ?? "retain") };

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { retentionInDays: args.logRetentionDays ?? 400, kmsKeyId: args.logsKmsKeyArn, tags: { Name: `${name}-logs` } },
      stateful,
    );

    const role = new aws.iam.Role(
      `${name}-to-logs`,
      {
        description: "CloudTrail delivers events to its CloudWatch Logs group",
        assumeRolePolicy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: "cloudtrail.amazonaws.com" },
              Action: "sts:AssumeRole",
              // The trail ARN would be tighter, but the trail needs this role to exist first.
              Condition: { StringEquals: { "aws:SourceAccount": args.accountId } },
            },
          ],
        }),
      },
      { parent: this },
    );
    // A managed policy, not an inline one: the IAM_NO_INLINE_POLICY_CHECK rule flags inline policies.
    const policy = new aws.iam.Policy(
      `${name}-to-logs`,
      {
        description: "Write CloudTrail events to the trail's log group only",
        policy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
              Resource: pulumi.interpolate`${logGroup.arn}:log-stream:*`,
            },
          ],
        }),
      },
      { parent: this },
    );
    const attachment = new aws.iam.RolePolicyAttachment(
      `${name}-to-logs`,
      { role: role.name, policyArn: policy.arn },
      { parent: this },
    );

    const trail = new aws.cloudtrail.Trail(
      `${name}-trail`,
      {
        s3BucketName: args.bucketName,
        s3KeyPrefix: args.s3KeyPrefix ?? "cloudtrail",
        kmsKeyId: args.kmsKeyArn,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        enableLogging: true,
        cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*`,
        cloudWatchLogsRoleArn: role.arn,
        advancedEventSelectors: eventSelectors(args.dataEventBucketArns ?? [], args.readDataEventBucketArns ?? []),
        tags: { Name: `${name}-trail` },
      },
      { ...stateful, dependsOn: [attachment, args.bucketPolicy] },
    );

    this.trailArn = trail.arn;
    this.logGroupName = logGroup.name;
    this.logGroupArn = logGroup.arn;
    this.registerOutputs({ trailArn: this.trailArn, logGroupName: this.logGroupName, logGroupArn: this.logGroupArn });
  }
}
