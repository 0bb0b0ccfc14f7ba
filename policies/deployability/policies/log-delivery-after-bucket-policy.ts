/**
 * CloudTrail and AWS Config check the destination bucket's policy when the trail or delivery
 * channel is created: CreateTrail fails with InsufficientS3BucketPolicyException ("Incorrect S3
 * bucket policy is detected for bucket") and PutDeliveryChannel with
 * InsufficientDeliveryPolicyException when the policy granting the service is not in place yet.
 * The bucket reference alone orders them after the bucket, not after its policy, and the AWS
 * provider does not retry either error, so the first `pulumi up` fails at random.
 *
 * Sources: hashicorp/terraform-provider-aws#26392, cloudposse/terraform-aws-cloudtrail-s3-bucket#90,
 * zoitech/terraform-aws-account#5 (trail created in parallel with the policy),
 * hashicorp/terraform-provider-aws#8655 (delivery channel), issue 11 Found 5.
 */
import { peek } from "../../lib/props";
import { configsFor, buckets } from "../../lib/s3";
import { stackPolicy, type PolicyResource } from "../../lib/types";
import { DependencyGraph } from "../support/graph";

const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";

/** Writers that validate their bucket's policy at create time, with the input naming the bucket. */
export const BUCKET_POLICY_CHECKERS: Readonly<
  Record<string, { readonly service: string; readonly field: string; readonly error: string }>
> = {
  "aws:cloudtrail/trail:Trail": {
    service: "CloudTrail",
    field: "s3BucketName",
    error: "InsufficientS3BucketPolicyException",
  },
  "aws:cfg/deliveryChannel:DeliveryChannel": {
    service: "AWS Config",
    field: "s3BucketName",
    error: "InsufficientDeliveryPolicyException",
  },
};

/** The stack's buckets a writer's bucket-name input refers to (dependency or equal name). */
function destinationBuckets(writer: PolicyResource, field: string, all: readonly PolicyResource[]): PolicyResource[] {
  const urns = new Set((writer.propertyDependencies[field] ?? []).map((r) => r.urn));
  const name = peek(writer.props, field);
  return buckets(all).filter(
    (b) =>
      urns.has(b.urn) || (name !== undefined && (peek(b.props, "bucket") === name || peek(b.props, "id") === name)),
  );
}

export const logDeliveryAfterBucketPolicy = stackPolicy({
  name: "log-delivery-after-bucket-policy",
  description:
    "CloudTrail trails and AWS Config delivery channels are created after the bucket policy of the bucket they write to.",
  enforcementLevel: "mandatory",
  pci: ["10.2.1", "10.5.1"],
  resourceTypes: [...Object.keys(BUCKET_POLICY_CHECKERS), BUCKET_POLICY],
  fix: "Add the destination bucket's aws.s3.BucketPolicy to the trail's (or delivery channel's) dependsOn.",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const writers = args.resources.filter((r) => r.type in BUCKET_POLICY_CHECKERS);
    if (writers.length === 0) return;
    const graph = new DependencyGraph(args.resources);
    for (const writer of writers) {
      const { service, field, error } = BUCKET_POLICY_CHECKERS[writer.type];
      for (const bucket of destinationBuckets(writer, field, args.resources)) {
        const policies = configsFor(bucket, args.resources, [BUCKET_POLICY]);
        if (policies.length === 0) {
          report(
            `${writer.name} writes to bucket ${bucket.name}, which has no aws.s3.BucketPolicy in this ` +
              `stack: ${service} fails with ${error} unless the policy grants it; add one and put it in ` +
              `${writer.name}'s dependsOn.`,
            writer.urn,
          );
        }
        for (const policy of policies.filter((p) => !graph.waitsFor(writer, p))) {
          report(
            `${writer.name} may be created before ${policy.name}, the policy of its bucket ` +
              `${bucket.name}: ${service} then fails with ${error} and the provider does not retry. Add ` +
              `${policy.name} to ${writer.name}'s dependsOn.`,
            writer.urn,
          );
        }
      }
    }
  },
});
