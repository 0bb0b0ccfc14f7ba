/**
 * AWS Config recording for one region: the service-linked role, a recorder for every supported
 * resource type, a delivery channel to the audit bucket (SSE-KMS with the storage key), the
 * recorder turned on, and how long configuration items are kept.
 *
 * Global resource types (IAM users, roles, policies, groups) are recorded in the primary region
 * only: recording them in several regions stores the same items twice and doubles the cost.
 * A recorder in a secondary region must set `globalResources: "exclude"`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PROTECTIONS, assertValid, collectProblems, known, statefulOptions, type Protection } from "../common";

export const RECORDING_FREQUENCIES = ["CONTINUOUS", "DAILY"] as const;
export type RecordingFrequency = (typeof RECORDING_FREQUENCIES)[number];
export const SNAPSHOT_FREQUENCIES = [
  "One_Hour",
  "Three_Hours",
  "Six_Hours",
  "Twelve_Hours",
  "TwentyFour_Hours",
] as const;
export type SnapshotFrequency = (typeof SNAPSHOT_FREQUENCIES)[number];

/** The role AWS Config creates for itself; one per account. */
export const CONFIG_SERVICE_LINKED_ROLE = "aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig";

export interface ConfigRecorderArgs {
  /**
   * Audit bucket name for configuration history and snapshots. Its policy must allow
   * config.amazonaws.com (components/buckets deliveryServices "config"). Required.
   */
  readonly deliveryBucket: pulumi.Input<string>;
  /**
   * That bucket's policy resource. PutDeliveryChannel checks the bucket's permissions and fails
   * with InsufficientDeliveryPolicyException before the policy exists; the channel waits for it. Required.
   */
  readonly deliveryBucketPolicy: pulumi.Resource;
  /** CMK ARN Config encrypts deliveries with (the storage key; its policy must allow config.amazonaws.com). Required. */
  readonly deliveryKeyArn: pulumi.Input<string>;
  /** Key prefix inside the bucket: letters, digits, - _ /, no leading or trailing /. Default `config`. */
  readonly deliveryPrefix?: string;
  /** Account id, used to name the service-linked role when it already exists. Required. */
  readonly accountId: pulumi.Input<string>;
  /** `aws` (default), `aws-us-gov` or `aws-cn`. */
  readonly partition?: string;
  /** CONTINUOUS (default; PCI DSS 11.5.2 change detection) or DAILY (cheaper; dev). */
  readonly recordingFrequency?: RecordingFrequency;
  /** `include` (default, primary region): record IAM and other global types. `exclude`: secondary regions. */
  readonly globalResources?: "include" | "exclude";
  /** How often a configuration snapshot is delivered. Default TwentyFour_Hours. */
  readonly snapshotFrequency?: SnapshotFrequency;
  /** Days configuration items are kept: 30 to 2557. Default 2557 (7 years). */
  readonly retentionDays?: number;
  /** `create` (default): create AWSServiceRoleForConfig. `existing`: the account already has it (e.g. from Security Hub or Control Tower). */
  readonly serviceLinkedRole?: "create" | "existing";
  /** `retain` (default): the recorder and delivery channel are protected, so a destroy cannot silently stop recording. */
  readonly protection?: Protection;
}

export function configRecorderArgsProblems(args: ConfigRecorderArgs): readonly string[] {
  return collectProblems((p) => {
    if (args.deliveryPrefix !== undefined && !/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(args.deliveryPrefix)) {
      p.add(
        "deliveryPrefix",
        `use letters, digits, - _ and / between segments (no leading or trailing /); got ${JSON.stringify(args.deliveryPrefix)}`,
      );
    }
    if (args.recordingFrequency !== undefined && !RECORDING_FREQUENCIES.includes(args.recordingFrequency)) {
      p.add("recordingFrequency", `expected CONTINUOUS or DAILY; got ${JSON.stringify(args.recordingFrequency)}`);
    }
    if (
      args.globalResources !== undefined &&
      args.globalResources !== "include" &&
      args.globalResources !== "exclude"
    ) {
      p.add(
        "globalResources",
        `expected include (primary region) or exclude; got ${JSON.stringify(args.globalResources)}`,
      );
    }
    if (args.snapshotFrequency !== undefined && !SNAPSHOT_FREQUENCIES.includes(args.snapshotFrequency)) {
      p.add(
        "snapshotFrequency",
        `expected one of ${SNAPSHOT_FREQUENCIES.join(", ")}; got ${JSON.stringify(args.snapshotFrequency)}`,
      );
    }
    const days = args.retentionDays;
    if (days !== undefined && (!Number.isInteger(days) || days < 30 || days > 2557))
      p.add("retentionDays", `must be a whole number from 30 to 2557; got ${days}`);
    if (
      args.serviceLinkedRole !== undefined &&
      args.serviceLinkedRole !== "create" &&
      args.serviceLinkedRole !== "existing"
    ) {
      p.add("serviceLinkedRole", `expected create or existing; got ${JSON.stringify(args.serviceLinkedRole)}`);
    }
    if (args.protection !== undefined && !PROTECTIONS.includes(args.protection))
      p.add("protection", `expected retain or disposable; got ${JSON.stringify(args.protection)}`);
    if (known(args.deliveryBucket) && args.deliveryBucket === "") p.add("deliveryBucket", "must name the audit bucket");
  });
}

export class ConfigRecorder extends pulumi.ComponentResource {
  readonly recorderName: pulumi.Output<string>;
  readonly roleArn: pulumi.Output<string>;
  readonly deliveryChannelName: pulumi.Output<string>;
  /** Turned-on status; depend on it before creating Config rules. */
  readonly status: aws.cfg.RecorderStatus;

  constructor(name: string, args: ConfigRecorderArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:compliance:ConfigRecorder", name, {}, opts);
    assertValid("platform:compliance:ConfigRecorder", name, configRecorderArgsProblems(args));
    const partition = args.partition ?? "aws";
    const stateful = { parent: this, ...statefulOptions(args.protection ?? "retain") };

    let roleArn: pulumi.Output<string>;
    if ((args.serviceLinkedRole ?? "create") === "create") {
      const role = new aws.iam.ServiceLinkedRole(
        `${name}-service-role`,
        { awsServiceName: "config.amazonaws.com", description: "AWS Config recording (platform)" },
        { parent: this },
      );
      roleArn = role.arn;
    } else {
      roleArn = pulumi.interpolate`arn:${partition}:iam::${args.accountId}:role/${CONFIG_SERVICE_LINKED_ROLE}`;
    }

    const recorder = new aws.cfg.Recorder(
      `${name}-recorder`,
      {
        roleArn,
        recordingGroup: {
          allSupported: true,
          includeGlobalResourceTypes: (args.globalResources ?? "include") === "include",
        },
        recordingMode: { recordingFrequency: args.recordingFrequency ?? "CONTINUOUS" },
      },
      stateful,
    );

    const channel = new aws.cfg.DeliveryChannel(
      `${name}-delivery`,
      {
        s3BucketName: args.deliveryBucket,
        s3KeyPrefix: args.deliveryPrefix ?? "config",
        s3KmsKeyArn: args.deliveryKeyArn,
        snapshotDeliveryProperties: { deliveryFrequency: args.snapshotFrequency ?? "TwentyFour_Hours" },
      },
      // AWS refuses a delivery channel before a recorder exists.
      { ...stateful, dependsOn: [recorder, args.deliveryBucketPolicy] },
    );

    // Recording starts only once the channel can deliver.
    this.status = new aws.cfg.RecorderStatus(
      `${name}-status`,
      { name: recorder.name, isEnabled: true },
      { parent: this, dependsOn: [channel] },
    );

    new aws.cfg.RetentionConfiguration(
      `${name}-retention`,
      { retentionPeriodInDays: args.retentionDays ?? 2557 },
      { parent: this, dependsOn: [recorder] },
    );

    this.recorderName = recorder.name;
    this.roleArn = roleArn;
    this.deliveryChannelName = channel.name;
    this.registerOutputs({
      recorderName: this.recorderName,
      roleArn: this.roleArn,
      deliveryChannelName: this.deliveryChannelName,
      status: this.status,
    });
  }
}
