/** Relates S3 buckets to the separate configuration resources @pulumi/aws v7 uses. */
import { linkedThrough, peek } from "./props";
import type { PolicyResource } from "./types";

export const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

export function buckets(resources: readonly PolicyResource[]): PolicyResource[] {
  return resources.filter((r) => BUCKET_TYPES.includes(r.type));
}

/**
 * The configuration resources of `types` that apply to `bucket`: their `bucket` input was
 * computed from the bucket (property dependency) or equals its name.
 */
export function configsFor(
  bucket: PolicyResource,
  resources: readonly PolicyResource[],
  types: readonly string[],
): PolicyResource[] {
  return resources
    .filter((r) => types.includes(r.type))
    .filter(
      (config) =>
        linkedThrough(config, "bucket", [bucket], (b) => [peek(b.props, "bucket"), peek(b.props, "id")]).length > 0,
    );
}

export function bucketLabel(bucket: PolicyResource): string {
  return `Bucket ${bucket.name}`;
}
