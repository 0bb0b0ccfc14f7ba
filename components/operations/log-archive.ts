/**
 * LogArchive: every CloudWatch Logs log group of the stack streamed, through a KMS-encrypted
 * Kinesis Data Firehose stream (direct PUT), into an Object Lock bucket that moves objects to
 * Glacier Deep Archive and keeps them for the archive's retention (PCI DSS 10.5.1; the source
 * documents stream service logs through Kinesis and archive them to Glacier).
 *
 * `subscribe(logGroup)` adds the log group's subscription filter; the stack subscribes every
 * log group it creates (stacks/compose/log-archive.ts). Service rules followed here, with
 * sources, are in docs/deploy-readiness.md ("AWS: log archive").
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { FIREHOSE_BUFFERING, archiveRetentionDays } from "../../platform-rules/log-archive";
import { SecureBucket } from "../buckets";
import { assertValid, collectProblems, nameTag, type Protection } from "../common";
import { policyDocument } from "../services/iam";

export type ArchiveLockMode = "COMPLIANCE" | "GOVERNANCE";

export interface LogArchiveArgs {
  /** Physical name of the archive bucket (3-63 of a-z 0-9 . -). Required. */
  readonly bucketName: pulumi.Input<string>;
  /** CMK of the archive bucket (SSE-KMS, bucket key). Required. */
  readonly bucketKeyArn: pulumi.Input<string>;
  /** CMK of the Firehose stream's server-side encryption. Required. */
  readonly streamKeyArn: pulumi.Input<string>;
  /** Server access logs of the archive bucket. Required. */
  readonly accessLogs: { readonly bucket: pulumi.Input<string>; readonly prefix?: string };
  /** Years every archived object is kept and locked: 1 or more (whole years). Required. */
  readonly retentionYears: number;
  /** Object Lock mode: COMPLIANCE (nobody can shorten it; prod) or GOVERNANCE (dev). Required. */
  readonly lockMode: ArchiveLockMode;
  /** Days before archived objects move to Glacier Deep Archive: 1 or more. Default 1. */
  readonly deepArchiveAfterDays?: number;
  /** Firehose buffer size in MiB: 1-128. Default 5. */
  readonly bufferingSizeMiB?: number;
  /** Firehose buffer interval in seconds: 0-900. Default 300. */
  readonly bufferingIntervalSeconds?: number;
  /** Account and region the log groups are in (for the CloudWatch Logs role's aws:SourceArn). Required. */
  readonly accountId: pulumi.Input<string>;
  readonly region: pulumi.Input<string>;
  /** `retain` (default) or `disposable` (dev: the bucket is emptied on destroy). */
  readonly protection?: Protection;
}

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function logArchiveArgsProblems(args: LogArchiveArgs): readonly string[] {
  return collectProblems((p) => {
    if (!Number.isInteger(args.retentionYears) || args.retentionYears < 1)
      p.add(
        "retentionYears",
        `must be a whole number of years, 1 or more (PCI DSS 10.5.1); got ${args.retentionYears}`,
      );
    if (args.lockMode !== "COMPLIANCE" && args.lockMode !== "GOVERNANCE")
      p.add("lockMode", `expected COMPLIANCE or GOVERNANCE; got ${JSON.stringify(args.lockMode)}`);
    const d = args.deepArchiveAfterDays;
    if (d !== undefined && (!Number.isInteger(d) || d < 1))
      p.add("deepArchiveAfterDays", `must be a whole number of days, 1 or more; got ${d}`);
    const size = args.bufferingSizeMiB;
    const { sizeMiB, intervalSeconds } = FIREHOSE_BUFFERING;
    if (size !== undefined && (!Number.isInteger(size) || size < sizeMiB.minimum || size > sizeMiB.maximum))
      p.add(
        "bufferingSizeMiB",
        `must be a whole number from ${sizeMiB.minimum} to ${sizeMiB.maximum} (Firehose); got ${size}`,
      );
    const interval = args.bufferingIntervalSeconds;
    if (
      interval !== undefined &&
      (!Number.isInteger(interval) || interval < intervalSeconds.minimum || interval > intervalSeconds.maximum)
    )
      p.add(
        "bufferingIntervalSeconds",
        `must be a whole number from ${intervalSeconds.minimum} to ${intervalSeconds.maximum} (Firehose); got ${interval}`,
      );
  });
}

export class LogArchive extends pulumi.ComponentResource {
  readonly bucketName: pulumi.Output<string>;
  readonly streamArn: pulumi.Output<string>;
  /** The role CloudWatch Logs assumes to put records into the stream. */
  readonly deliveryRoleArn: pulumi.Output<string>;
  private readonly deliveryPolicy: aws.iam.RolePolicyAttachment;
  private readonly stream: aws.kinesis.FirehoseDeliveryStream;

  constructor(name: string, args: LogArchiveArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:operations:LogArchive", name, {}, opts);
    assertValid("platform:operations:LogArchive", name, logArchiveArgsProblems(args));
    const child = { parent: this };
    const retentionDays = archiveRetentionDays(args.retentionYears);

    // Object Lock is enabled when the bucket is created (SecureBucket); every version is locked
    // for the whole retention, so neither a person nor the lifecycle removes it earlier.
    const bucket = new SecureBucket(
      `${name}-bucket`,
      {
        profile: "log-archive",
        bucketName: args.bucketName,
        kmsKeyArn: args.bucketKeyArn,
        accessLogs: args.accessLogs,
        transitionDays: args.deepArchiveAfterDays ?? 1,
        retentionDays,
        noncurrentVersionExpirationDays: 1,
        objectLock: { mode: args.lockMode, retentionDays },
        protection: args.protection,
      },
      child,
    );

    const firehoseRole = new aws.iam.Role(
      `${name}-firehose`,
      {
        assumeRolePolicy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: "firehose.amazonaws.com" },
              Action: "sts:AssumeRole",
              Condition: { StringEquals: { "sts:ExternalId": args.accountId } },
            },
          ],
        }),
        tags: nameTag(`${name}-firehose`),
      },
      child,
    );
    const firehoseWritePolicy = new aws.iam.Policy(
      `${name}-firehose-write`,
      {
        description: "Kinesis Data Firehose writes the log archive into its bucket",
        policy: policyDocument([
          {
            Sid: "WriteArchive",
            Effect: "Allow",
            Action: ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:ListBucket", "s3:PutObject"],
            Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
          },
          {
            Sid: "EncryptArchive",
            Effect: "Allow",
            Action: ["kms:GenerateDataKey", "kms:Decrypt"],
            Resource: args.bucketKeyArn,
            Condition: { StringEquals: { "kms:ViaService": pulumi.interpolate`s3.${args.region}.amazonaws.com` } },
          },
        ]),
      },
      child,
    );
    const firehoseWrite = new aws.iam.RolePolicyAttachment(
      `${name}-firehose-write`,
      { role: firehoseRole.name, policyArn: firehoseWritePolicy.arn },
      child,
    );
    const stream = (this.stream = new aws.kinesis.FirehoseDeliveryStream(
      `${name}-stream`,
      {
        destination: "extended_s3",
        // Direct PUT: CloudWatch Logs puts records itself; a CMK encrypts the stream's buffer.
        serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: args.streamKeyArn },
        extendedS3Configuration: {
          bucketArn: bucket.arn,
          roleArn: firehoseRole.arn,
          kmsKeyArn: args.bucketKeyArn,
          bufferingSize: args.bufferingSizeMiB ?? FIREHOSE_BUFFERING.sizeMiB.default,
          bufferingInterval: args.bufferingIntervalSeconds ?? FIREHOSE_BUFFERING.intervalSeconds.default,
          // CloudWatch Logs sends gzip-compressed records already: compressing again would nest gzip.
          compressionFormat: "UNCOMPRESSED",
          prefix: "cloudwatch-logs/!{timestamp:yyyy/MM/dd}/",
          errorOutputPrefix: "errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/",
        },
        tags: nameTag(`${name}-stream`),
      },
      { ...child, dependsOn: [firehoseWrite] },
    ));

    // CloudWatch Logs of this region assumes the role only for this account's log groups.
    const deliveryRole = new aws.iam.Role(
      `${name}-logs`,
      {
        assumeRolePolicy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: pulumi.interpolate`logs.${args.region}.amazonaws.com` },
              Action: "sts:AssumeRole",
              Condition: {
                StringLike: { "aws:SourceArn": pulumi.interpolate`arn:aws:logs:${args.region}:${args.accountId}:*` },
              },
            },
          ],
        }),
        tags: nameTag(`${name}-logs`),
      },
      child,
    );
    const deliveryPolicy = new aws.iam.Policy(
      `${name}-logs-put`,
      {
        description: "CloudWatch Logs puts subscribed log events into the archive stream",
        policy: policyDocument([
          {
            Sid: "PutIntoArchiveStream",
            Effect: "Allow",
            Action: ["firehose:PutRecord", "firehose:PutRecordBatch"],
            Resource: stream.arn,
          },
        ]),
      },
      child,
    );
    this.deliveryPolicy = new aws.iam.RolePolicyAttachment(
      `${name}-logs-put`,
      { role: deliveryRole.name, policyArn: deliveryPolicy.arn },
      child,
    );

    this.bucketName = bucket.bucket;
    this.streamArn = stream.arn;
    this.deliveryRoleArn = deliveryRole.arn;
    this.registerOutputs({
      bucketName: this.bucketName,
      streamArn: this.streamArn,
      deliveryRoleArn: this.deliveryRoleArn,
    });
  }

  /**
   * Streams every event of `logGroup` into the archive. CloudWatch Logs test-delivers at
   * PutSubscriptionFilter, so the filter waits for the stream and the role's policy.
   */
  subscribe(logGroup: aws.cloudwatch.LogGroup, name: string): aws.cloudwatch.LogSubscriptionFilter {
    return new aws.cloudwatch.LogSubscriptionFilter(
      `${name}-archive`,
      {
        logGroup: logGroup.name,
        filterPattern: "",
        destinationArn: this.streamArn,
        roleArn: this.deliveryRoleArn,
      },
      { parent: logGroup, dependsOn: [this.stream, this.deliveryPolicy] },
    );
  }
}
