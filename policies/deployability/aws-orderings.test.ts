import type { PlanResource } from "../../platform-rules/plan-format";
import { resource } from "../testing/fixtures";
import { describeCases } from "./testing";

const BUCKET = "aws:s3/bucket:Bucket";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const TRAIL = "aws:cloudtrail/trail:Trail";
const CHANNEL = "aws:cfg/deliveryChannel:DeliveryChannel";
const RECORDER = "aws:cfg/recorder:Recorder";
const STATUS = "aws:cfg/recorderStatus:RecorderStatus";
const RULE = "aws:cfg/rule:Rule";

/** Adds explicit dependsOn URNs to a resource. */
const after = (r: PlanResource, ...deps: PlanResource[]): PlanResource => ({
  ...r,
  dependencies: [...r.dependencies, ...deps.map((d) => d.urn)],
});

const bucket = resource(BUCKET, "audit-bucket", { bucket: "audit-123" });
const policy = resource(
  POLICY,
  "audit-policy",
  { bucket: "audit-123", policy: "{}" },
  { propertyDependencies: { bucket: [bucket.urn] } },
);
const trail = resource(
  TRAIL,
  "trail",
  { s3BucketName: "audit-123" },
  { propertyDependencies: { s3BucketName: [bucket.urn] } },
);
const channel = resource(
  CHANNEL,
  "delivery",
  { s3BucketName: "audit-123" },
  { propertyDependencies: { s3BucketName: [bucket.urn] } },
);

describeCases("log-delivery-after-bucket-policy", [
  {
    should:
      "report a trail ordered after its bucket but not after the bucket policy (InsufficientS3BucketPolicyException)",
    resources: [bucket, policy, trail],
    violations: [
      /trail may be created before audit-policy, the policy of its bucket audit-bucket: CloudTrail then fails with InsufficientS3BucketPolicyException and the provider does not retry\. Add audit-policy to trail's dependsOn/,
    ],
  },
  {
    should: "pass a trail that depends on the bucket policy",
    resources: [bucket, policy, after(trail, policy)],
    violations: [],
  },
  {
    should: "pass a trail that waits for the policy through another resource",
    resources: [
      bucket,
      policy,
      after(resource("aws:iam/role:Role", "r", {}), policy),
      after(trail, resource("aws:iam/role:Role", "r", {})),
    ],
    violations: [],
  },
  {
    should: "pass a trail whose dependsOn names the component that owns the bucket policy",
    resources: (() => {
      const component = {
        ...resource("platform:buckets:SecureBucket", "audit", {}),
        custom: false,
        provider: undefined,
      };
      const owned = { ...policy, parent: component.urn };
      return [bucket, component, owned, after(trail, component)];
    })(),
    violations: [],
  },
  {
    should: "report a Config delivery channel not ordered after the policy (InsufficientDeliveryPolicyException)",
    resources: [bucket, policy, channel],
    violations: [/delivery may be created before audit-policy.*InsufficientDeliveryPolicyException/],
  },
  {
    should: "report a trail writing to a stack bucket that has no bucket policy at all",
    resources: [bucket, trail],
    violations: [/which has no aws.s3.BucketPolicy in this stack/],
  },
  {
    should: "relate the trail to its bucket by name when no dependency was recorded",
    resources: [bucket, policy, resource(TRAIL, "trail", { s3BucketName: "audit-123" })],
    violations: [/before audit-policy/],
  },
  {
    should: "leave a trail writing to a bucket outside the stack alone",
    resources: [resource(TRAIL, "trail", { s3BucketName: "org-trail-bucket" })],
    violations: [],
  },
]);

const recorder = resource(RECORDER, "recorder", { roleArn: "arn" });
const okChannel = after(resource(CHANNEL, "delivery", { s3BucketName: "b" }), recorder);
const status = resource(
  STATUS,
  "status",
  { isEnabled: true, name: "recorder" },
  { propertyDependencies: { name: [recorder.urn] } },
);
const okStatus = after(status, okChannel);
const rule = (name: string, ...deps: PlanResource[]) =>
  after(
    resource(RULE, name, { name, source: { owner: "AWS", sourceIdentifier: "S3_BUCKET_VERSIONING_ENABLED" } }),
    ...deps,
  );

describeCases("config-rules-after-recorder", [
  {
    should: "pass recorder → delivery channel → status → rules",
    resources: [recorder, okChannel, okStatus, rule("r1", okStatus)],
    violations: [],
  },
  {
    should: "report a rule that does not wait for the recorder to start",
    resources: [recorder, okChannel, okStatus, rule("r1")],
    violations: [
      /Config rule r1 may be created before the recorder is started by status \("You must create a configuration recorder before you can create or update a Config rule"\): add status to its dependsOn/,
    ],
  },
  {
    should: "report a rule that waits for the recorder but not for its start",
    resources: [recorder, okChannel, okStatus, rule("r1", recorder)],
    violations: [/r1 may be created before the recorder is started by status/],
  },
  {
    should: "accept a rule after the recorder when the stack does not start it",
    resources: [recorder, okChannel, rule("r1", recorder)],
    violations: [],
  },
  {
    should: "report a delivery channel created before the recorder (NoAvailableConfigurationRecorderException)",
    resources: [
      recorder,
      resource(CHANNEL, "delivery", {}),
      after(status, resource(CHANNEL, "delivery", {})),
      rule("r1", status),
    ],
    violations: [
      /Delivery channel delivery may be created before recorder recorder \(NoAvailableConfigurationRecorderException\)/,
    ],
  },
  {
    should: "report a recorder status started before the delivery channel (NoAvailableDeliveryChannelException)",
    resources: [recorder, okChannel, status, rule("r1", status)],
    violations: [
      /RecorderStatus status may start the recorder before delivery channel delivery exists \(NoAvailableDeliveryChannelException\)/,
    ],
  },
  {
    should: "not apply when a landing zone provides the recorder (no recorder in the stack)",
    resources: [rule("r1")],
    violations: [],
  },
  {
    should: "report a conformance pack that does not wait for the recorder",
    resources: [recorder, okChannel, okStatus, resource("aws:cfg/conformancePack:ConformancePack", "pack", {})],
    violations: [/Config rule pack may be created before/],
  },
]);

const ROLE = "aws:iam/role:Role";
const FN = "aws:lambda/function:Function";
const ATTACH = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const role = resource(ROLE, "consumer-role", { name: "consumer-role-1" });
const attach = resource(
  ATTACH,
  "consumer-policy",
  { role: "consumer-role-1", policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole" },
  { propertyDependencies: { role: [role.urn] } },
);
const sqsPolicy = resource("aws:iam/policy:Policy", "sqs-read", {
  policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: ["sqs:ReceiveMessage"], Resource: "*" }] }),
});
const sqsAttach = resource(
  ATTACH,
  "consumer-sqs-policy",
  { role: "consumer-role-1", policyArn: "arn:sqs-read" },
  { propertyDependencies: { role: [role.urn], policyArn: [sqsPolicy.urn] } },
);
const fn = (vpc: boolean, ...deps: PlanResource[]) =>
  after(
    resource(
      FN,
      "consumer",
      { name: "consumer-1", ...(vpc ? { vpcConfig: { subnetIds: ["s"], securityGroupIds: ["g"] } } : {}) },
      { propertyDependencies: { role: [role.urn] } },
    ),
    ...deps,
  );
const mapping = (target: PlanResource, ...deps: PlanResource[]) =>
  after(
    resource(
      "aws:lambda/eventSourceMapping:EventSourceMapping",
      "consumer-sqs",
      { functionName: "consumer-1", eventSourceArn: "arn:q" },
      { propertyDependencies: { functionName: [target.urn] } },
    ),
    ...deps,
  );

describeCases("lambda-after-role-policies", [
  {
    should: "report an event source mapping created in parallel with its role's policy (ReceiveMessage check)",
    resources: (() => {
      const f = fn(false);
      return [role, attach, f, mapping(f)];
    })(),
    violations: [
      /consumer-sqs may be created before consumer-policy, a policy of consumer's role consumer-role: Lambda checks the event source permissions at create time/,
    ],
  },
  {
    should: "pass a mapping that waits for the policy (through the function)",
    resources: (() => {
      const f = fn(false, attach);
      return [role, attach, f, mapping(f)];
    })(),
    violations: [],
  },
  {
    should: "report a VPC function created in parallel with its role's policy (CreateNetworkInterface check)",
    resources: [role, attach, fn(true)],
    violations: [/consumer may be created before consumer-policy.*ec2:CreateNetworkInterface/],
  },
  {
    should: "not hold a VPC function to role policies that grant no ENI action",
    resources: [role, attach, sqsPolicy, sqsAttach, fn(true, attach)],
    violations: [],
  },
  {
    should: "report a mapping that waits for the VPC policy but not for the SQS policy",
    resources: (() => {
      const f = fn(true, attach);
      return [role, attach, sqsPolicy, sqsAttach, f, mapping(f)];
    })(),
    violations: [/consumer-sqs may be created before consumer-sqs-policy/],
  },
  {
    should: "leave a function outside a VPC without mappings alone",
    resources: [role, attach, fn(false)],
    violations: [],
  },
]);
