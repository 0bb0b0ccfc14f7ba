/**
 * Invokes a function when objects are created under a prefix of a bucket: an S3 event
 * notification plus the Lambda permission S3 needs, pinned to that bucket and account (so no
 * other account's bucket of the same name can invoke it).
 *
 * S3 keeps one notification configuration per bucket: this component owns the bucket's whole
 * configuration, so nothing else may add a BucketNotification to the same bucket.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, collectProblems } from "../common";

export interface BucketTriggerArgs {
  /** Bucket name. Required. */
  readonly bucket: pulumi.Input<string>;
  /** Bucket ARN (the permission's sourceArn). Required. */
  readonly bucketArn: pulumi.Input<string>;
  /** Account owning the bucket (the permission's sourceAccount). Required. */
  readonly accountId: pulumi.Input<string>;
  /** The function's ARN. Required. */
  readonly functionArn: pulumi.Input<string>;
  /** Key prefix that triggers, e.g. `incoming/`; must end with `/`, so the function's own writes elsewhere never trigger it. Required. */
  readonly filterPrefix: string;
  /** S3 event types. Default `["s3:ObjectCreated:*"]`. */
  readonly events?: readonly string[];
}

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function bucketTriggerArgsProblems(args: BucketTriggerArgs): readonly string[] {
  return collectProblems((p) => {
    if (!/^[^/].*\/$/.test(args.filterPrefix)) {
      p.add(
        "filterPrefix",
        `must be a key prefix ending with / and not starting with / (e.g. incoming/); got ${JSON.stringify(args.filterPrefix)}`,
      );
    }
    const events = args.events ?? ["s3:ObjectCreated:*"];
    if (events.length === 0) p.add("events", "list at least one S3 event type, e.g. s3:ObjectCreated:*");
    events.forEach((e, i) => {
      if (!/^s3:[A-Za-z]+:[A-Za-z*]+$/.test(e))
        p.add(`events[${i}]`, `expected an S3 event type like s3:ObjectCreated:*; got ${JSON.stringify(e)}`);
    });
  });
}

export class BucketTrigger extends pulumi.ComponentResource {
  constructor(name: string, args: BucketTriggerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:services:BucketTrigger", name, {}, opts);
    assertValid("platform:services:BucketTrigger", name, bucketTriggerArgsProblems(args));
    const permission = new aws.lambda.Permission(
      `${name}-permission`,
      {
        action: "lambda:InvokeFunction",
        function: args.functionArn,
        principal: "s3.amazonaws.com",
        sourceArn: args.bucketArn,
        sourceAccount: args.accountId,
      },
      { parent: this },
    );
    new aws.s3.BucketNotification(
      `${name}-notification`,
      {
        bucket: args.bucket,
        lambdaFunctions: [
          {
            lambdaFunctionArn: args.functionArn,
            events: [...(args.events ?? ["s3:ObjectCreated:*"])],
            filterPrefix: args.filterPrefix,
          },
        ],
      },
      // S3 test-invokes the function when the configuration is saved.
      { parent: this, dependsOn: [permission] },
    );
    this.registerOutputs({});
  }
}
