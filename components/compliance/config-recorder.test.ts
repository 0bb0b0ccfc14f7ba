import assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { runProgram } from "../testing/harness";
import { ConfigRecorder, configRecorderArgsProblems, type ConfigRecorderArgs } from "./config-recorder";

type Given = Omit<ConfigRecorderArgs, "deliveryBucketPolicy">;
const given: Given = {
  deliveryBucket: "audit",
  deliveryKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k",
  accountId: "123456789012",
};
/** The args with a bucket policy resource, created inside the program under test. */
const withPolicy = (args: Given = given): ConfigRecorderArgs => ({
  ...args,
  deliveryBucketPolicy: new aws.s3.BucketPolicy("audit-policy", { bucket: "audit", policy: "{}" }),
});
const problems = (patch: Partial<Record<keyof ConfigRecorderArgs, unknown>>) =>
  configRecorderArgsProblems({ ...given, ...patch } as ConfigRecorderArgs);

describe("ConfigRecorder", () => {
  it("should accept the defaults when only the required args are given", async () => {
    assert.deepEqual(problems({}), []);
  });

  it("should name deliveryPrefix when it starts with a slash", async () => {
    assert.match(problems({ deliveryPrefix: "/config" })[0], /^deliveryPrefix: use letters, digits/);
  });

  it("should name recordingFrequency when it is unknown", async () => {
    assert.deepEqual(problems({ recordingFrequency: "HOURLY" }), [
      'recordingFrequency: expected CONTINUOUS or DAILY; got "HOURLY"',
    ]);
  });

  it("should name globalResources when it is not include or exclude", async () => {
    assert.match(
      problems({ globalResources: "yes" })[0],
      /^globalResources: expected include \(primary region\) or exclude/,
    );
  });

  it("should name snapshotFrequency when it is not a Config frequency", async () => {
    assert.match(problems({ snapshotFrequency: "Daily" })[0], /^snapshotFrequency: expected one of One_Hour/);
  });

  it("should name retentionDays when it exceeds seven years", async () => {
    assert.deepEqual(problems({ retentionDays: 3000 }), [
      "retentionDays: must be a whole number from 30 to 2557; got 3000",
    ]);
  });

  it("should name serviceLinkedRole when it is neither create nor existing", async () => {
    assert.match(problems({ serviceLinkedRole: "import" })[0], /^serviceLinkedRole: expected create or existing/);
  });

  it("should name protection when it is unknown", async () => {
    assert.match(problems({ protection: "keep" })[0], /^protection: expected retain or disposable/);
  });

  it("should name deliveryBucket when it is empty", async () => {
    assert.deepEqual(problems({ deliveryBucket: "" }), ["deliveryBucket: must name the audit bucket"]);
  });

  it("should collect every problem at once when several args are wrong", async () => {
    assert.equal(problems({ recordingFrequency: "X", retentionDays: 1, protection: "x" }).length, 3);
  });

  it("should skip recording global types when globalResources is exclude", async () => {
    const plan = await runProgram(() => new ConfigRecorder("c", withPolicy({ ...given, globalResources: "exclude" })));
    assert.equal(
      (plan.one("aws:cfg/recorder:Recorder").inputs.recordingGroup as { includeGlobalResourceTypes: boolean })
        .includeGlobalResourceTypes,
      false,
    );
  });

  it("should use the existing service-linked role without creating one when told it exists", async () => {
    const plan = await runProgram(
      () => new ConfigRecorder("c", withPolicy({ ...given, serviceLinkedRole: "existing" })),
    );
    assert.equal(plan.has("aws:iam/serviceLinkedRole:ServiceLinkedRole"), false);
    assert.equal(
      plan.one("aws:cfg/recorder:Recorder").inputs.roleArn,
      "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
    );
  });

  it("should keep configuration items seven years by default", async () => {
    const plan = await runProgram(() => new ConfigRecorder("c", withPolicy()));
    assert.equal(plan.one("aws:cfg/retentionConfiguration:RetentionConfiguration").inputs.retentionPeriodInDays, 2557);
  });

  it("should deliver under the config prefix by default", async () => {
    const plan = await runProgram(() => new ConfigRecorder("c", withPolicy()));
    assert.equal(plan.one("aws:cfg/deliveryChannel:DeliveryChannel").inputs.s3KeyPrefix, "config");
  });

  it("should create the delivery channel after the bucket policy when the policy is given", async () => {
    // PutDeliveryChannel fails with InsufficientDeliveryPolicyException before the policy exists.
    const plan = await runProgram(() => new ConfigRecorder("c", withPolicy()));
    const policy = plan.one("aws:s3/bucketPolicy:BucketPolicy");
    assert.ok(plan.one("aws:cfg/deliveryChannel:DeliveryChannel").dependencies.includes(policy.urn));
  });
});
