import assert from "node:assert/strict";
import * as fs from "node:fs";
import { generateTaggableTypes, renderTaggableTypes, TAGGABLE_TYPES_FILE } from "./generate-taggable-types";
import { isTaggable } from "../policies/lib/tags";

describe("taggable-types.json", () => {
  it("should match what the installed @pulumi/aws and @pulumi/azure-native declare (re-run tools/generate-taggable-types.ts if not)", async () => {
    assert.equal(fs.readFileSync(TAGGABLE_TYPES_FILE, "utf8"), renderTaggableTypes(generateTaggableTypes()));
  });

  it("should count S3 buckets, KMS keys and Azure storage accounts as taggable", async () => {
    for (const t of [
      "aws:s3/bucket:Bucket",
      "aws:kms/key:Key",
      "azure-native:storage:StorageAccount",
      "azure-native:resources:ResourceGroup",
    ]) {
      assert.equal(isTaggable(t), true, t);
    }
  });

  it("should not count configuration resources without a tags input as taggable", async () => {
    for (const t of [
      "aws:s3/bucketPolicy:BucketPolicy",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      "azure-native:dbforpostgresql:Configuration",
    ]) {
      assert.equal(isTaggable(t), false, t);
    }
  });

  it("should leave out autoscaling groups, whose tags input is a list rather than a map", async () => {
    assert.equal(isTaggable("aws:autoscaling/group:Group"), false);
  });
});
