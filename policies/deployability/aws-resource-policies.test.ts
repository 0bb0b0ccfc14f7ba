import { resource } from "../testing/fixtures";
import { UNKNOWN_STRING } from "../runner/proxy";
import assert from "node:assert/strict";
import { describeCases, findingsOf } from "./testing";

const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const deny = (action: unknown) => ({
  Sid: "DenyInsecureTransport",
  Effect: "Deny",
  Principal: "*",
  Action: action,
  Resource: "arn",
  Condition: { Bool: { "aws:SecureTransport": "false" } },
});

describeCases("resource-policy-action-scope", [
  {
    should: 'report an SNS topic policy denying Action "*" (SNS: "Policy statement action out of service scope!")',
    resources: [resource("aws:sns/topicPolicy:TopicPolicy", "t", { arn: "arn", policy: doc(deny("*")) })],
    violations: [/SNS policy statement 1 \(Sid DenyInsecureTransport\): "\*" is outside SNS's scope \(SNS refuses it/],
  },
  {
    should: 'report an SNS topic policy with "sns:*", which SNS refuses too',
    resources: [resource("aws:sns/topicPolicy:TopicPolicy", "t", { arn: "arn", policy: doc(deny("sns:*")) })],
    violations: [/"sns:\*" is not an action SNS accepts in a topic policy .* use only sns:AddPermission/],
  },
  {
    should: "pass an SNS topic policy that lists SNS's own actions",
    resources: [
      resource("aws:sns/topicPolicy:TopicPolicy", "t", {
        arn: "arn",
        policy: doc(deny(["sns:Publish", "sns:Subscribe", "sns:GetTopicAttributes"])),
      }),
    ],
    violations: [],
  },
  {
    should: "report a foreign action in the policy input of an SNS topic itself",
    resources: [
      resource("aws:sns/topic:Topic", "t", {
        policy: doc({ Effect: "Allow", Principal: "*", Action: "sqs:SendMessage" }),
      }),
    ],
    violations: [/"sqs:SendMessage" belongs to another service: a SNS resource policy only takes sns: actions/],
  },
  {
    should: 'report an SQS queue policy with Action "*" and name the sqs:* form',
    resources: [resource("aws:sqs/queuePolicy:QueuePolicy", "q", { queueUrl: "u", policy: doc(deny("*")) })],
    violations: [/"\*" is outside SQS's scope: list the sqs: actions you mean, or write "sqs:\*"/],
  },
  {
    should: "pass an SQS queue policy with sqs:*",
    resources: [resource("aws:sqs/queuePolicy:QueuePolicy", "q", { queueUrl: "u", policy: doc(deny("sqs:*")) })],
    violations: [],
  },
  {
    should: 'accept a bare "*" on SQS when allowBareWildcard lists sqs',
    resources: [resource("aws:sqs/queuePolicy:QueuePolicy", "q", { queueUrl: "u", policy: doc(deny("*")) })],
    violations: [],
    config: { "resource-policy-action-scope": { allowBareWildcard: ["sqs"] } },
  },
  {
    should: "report a KMS key policy granting an S3 action",
    resources: [
      resource("aws:kms/key:Key", "k", {
        policy: doc({
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::1:root" },
          Action: ["kms:*", "s3:GetObject"],
          Resource: "*",
        }),
      }),
    ],
    violations: [/KMS policy statement 1: "s3:GetObject" belongs to another service/],
  },
  {
    should: "pass a KMS key policy with kms:* for the account root",
    resources: [
      resource("aws:kms/key:Key", "k", {
        policy: doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:root" }, Action: "kms:*", Resource: "*" }),
      }),
    ],
    violations: [],
  },
  {
    should: "check NotAction entries as well (an S3 bucket policy with NotAction iam:*)",
    resources: [
      resource("aws:s3/bucketPolicy:BucketPolicy", "b", {
        bucket: "b",
        policy: doc({ Effect: "Deny", Principal: "*", NotAction: "iam:PassRole", Resource: "*" }),
      }),
    ],
    violations: [/"iam:PassRole" belongs to another service: a S3 resource policy only takes s3: actions/],
  },
  {
    should: "pass an S3 bucket policy on s3:* with case-insensitive prefixes",
    resources: [resource("aws:s3/bucketPolicy:BucketPolicy", "b", { bucket: "b", policy: doc(deny("S3:*")) })],
    violations: [],
  },
  {
    should: "report every out-of-scope action, one finding each",
    resources: [resource("aws:sqs/queue:Queue", "q", { policy: doc(deny(["*", "sns:Publish"])) })],
    violations: [/"\*" is outside SQS's scope/, /"sns:Publish" belongs to another service/],
  },
  {
    should: "leave a topic without a policy alone",
    resources: [resource("aws:sns/topic:Topic", "t", {})],
    violations: [],
  },
]);

describe("resource-policy-action-scope (preview)", () => {
  it("should skip with an advisory finding while the policy document is unknown", async () => {
    const findings = await findingsOf("resource-policy-action-scope", [
      resource("aws:sns/topicPolicy:TopicPolicy", "t", { arn: "arn", policy: UNKNOWN_STRING }),
    ]);
    assert.deepEqual(
      findings.map((f) => f.enforcementLevel),
      ["advisory"],
    );
  });
});

describeCases("sns-tracing-xray-policy", [
  {
    should: "report a topic with active tracing and no X-Ray resource policy",
    resources: [resource("aws:sns/topic:Topic", "audit", { tracingConfig: "Active" })],
    violations: [
      /audit sets tracingConfig Active, but no aws.xray.ResourcePolicy lets sns.amazonaws.com call xray:PutTraceSegments/,
    ],
  },
  {
    should: "report a topic whose X-Ray policy names another service",
    resources: [
      resource("aws:sns/topic:Topic", "audit", { tracingConfig: "Active" }),
      resource("aws:xray/resourcePolicy:ResourcePolicy", "x", {
        policyName: "x",
        policyDocument: doc({
          Effect: "Allow",
          Principal: { Service: "lambda.amazonaws.com" },
          Action: "xray:PutTraceSegments",
          Resource: "*",
        }),
      }),
    ],
    violations: [/no aws.xray.ResourcePolicy/],
  },
  {
    should: "pass a traced topic with an X-Ray policy allowing sns.amazonaws.com",
    resources: [
      resource("aws:sns/topic:Topic", "audit", { tracingConfig: "Active" }),
      resource("aws:xray/resourcePolicy:ResourcePolicy", "x", {
        policyName: "x",
        policyDocument: doc({
          Effect: "Allow",
          Principal: { Service: "sns.amazonaws.com" },
          Action: ["xray:PutTraceSegments", "xray:GetSamplingRules", "xray:GetSamplingTargets"],
          Resource: "*",
        }),
      }),
    ],
    violations: [],
  },
  {
    should: "pass a topic in PassThrough mode without any X-Ray policy",
    resources: [resource("aws:sns/topic:Topic", "audit", { tracingConfig: "PassThrough" })],
    violations: [],
  },
]);
