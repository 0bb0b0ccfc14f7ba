import assert from "node:assert/strict";
import reference from "../platform-rules/config-rules/aws-pci-conformance-packs.json";
import { PLATFORM_RESOURCE_TYPES, RULE_CATALOG, findRule } from "../platform-rules/config-rules";
import { REQUIREMENTS_TAG } from "../components/compliance/pci-config-rules";
import { json, runStack, type RecordedPlan } from "./offline/harness";
import type { PlanResource } from "../platform-rules/plan-format";
import { readStackConfig } from "./offline/stack-file";
import { stackRuleSelection } from "./compose/compliance";
import { parseStackConfig } from "./config";

const RULE = "aws:cfg/rule:Rule";
const prodPlan = () => runStack("prod");
const devPlan = () => runStack("dev");

function configOf(stack: "dev" | "prod") {
  return parseStackConfig("platform", stack, readStackConfig(stack));
}

function dependsOn(plan: RecordedPlan, resource: PlanResource, type: string): boolean {
  return plan.ofType(type).some((d) => resource.dependencies.includes(d.urn));
}

function ruleNamed(plan: RecordedPlan, identifier: string): PlanResource {
  const found = plan
    .ofType(RULE)
    .find((r) => (r.inputs.source as { sourceIdentifier: string }).sourceIdentifier === identifier);
  if (!found) throw new Error(`no Config rule for ${identifier}`);
  return found;
}

describe("compliance stack part (prod)", () => {
  it("should record every supported resource type including global ones", async () => {
    const recorder = (await prodPlan()).one("aws:cfg/recorder:Recorder");
    assert.deepEqual(recorder.inputs.recordingGroup, { allSupported: true, includeGlobalResourceTypes: true });
  });

  it("should record continuously in prod", async () => {
    const recorder = (await prodPlan()).one("aws:cfg/recorder:Recorder");
    assert.deepEqual(recorder.inputs.recordingMode, { recordingFrequency: "CONTINUOUS" });
  });

  it("should record as the Config service-linked role", async () => {
    const plan = await prodPlan();
    const role = plan.one("aws:iam/serviceLinkedRole:ServiceLinkedRole", "config-service-role");
    assert.equal(role.inputs.awsServiceName, "config.amazonaws.com");
    assert.ok(plan.one("aws:cfg/recorder:Recorder").propertyDependencies.roleArn?.includes(role.urn));
  });

  it("should deliver to the audit bucket encrypted with the storage key", async () => {
    const plan = await prodPlan();
    const channel = plan.one("aws:cfg/deliveryChannel:DeliveryChannel");
    const auditBucket = plan.one("aws:s3/bucket:Bucket", "audit-bucket");
    assert.equal(channel.inputs.s3BucketName, auditBucket.inputs.bucket);
    assert.ok(
      channel.propertyDependencies.s3KmsKeyArn?.some((urn) => urn.endsWith("::storage") || urn.includes("storage")),
      JSON.stringify(channel.propertyDependencies),
    );
  });

  it("should create the delivery channel after the recorder", async () => {
    const plan = await prodPlan();
    assert.ok(dependsOn(plan, plan.one("aws:cfg/deliveryChannel:DeliveryChannel"), "aws:cfg/recorder:Recorder"));
  });

  it("should turn the recorder on after the delivery channel exists", async () => {
    const plan = await prodPlan();
    const status = plan.one("aws:cfg/recorderStatus:RecorderStatus");
    assert.equal(status.inputs.isEnabled, true);
    assert.ok(dependsOn(plan, status, "aws:cfg/deliveryChannel:DeliveryChannel"));
  });

  it("should deploy exactly the selected PCI rules and print how they compare with the reference", async () => {
    const plan = await prodPlan();
    const selection = stackRuleSelection(configOf("prod"));
    const applicable = [...RULE_CATALOG.values()].filter((r) =>
      r.evaluates.some((t) => PLATFORM_RESOURCE_TYPES.includes(t)),
    ).length;
    const deployed = plan
      .ofType(RULE)
      .map((r) => (r.inputs.source as { sourceIdentifier: string }).sourceIdentifier)
      .sort();
    console.log(
      `      prod: ${Object.keys(reference.rules).length} reference rules, ${applicable} apply to the platform, ` +
        `${deployed.length} deployed, ${selection.excluded.length} excluded (${selection.excluded.map((e) => e.rule.identifier).join(", ")})`,
    );
    assert.deepEqual(deployed, selection.deployed.map((r) => r.identifier).sort());
  });

  it("should create every rule after the recorder is on", async () => {
    const plan = await prodPlan();
    const late = plan.ofType(RULE).filter((r) => !dependsOn(plan, r, "aws:cfg/recorderStatus:RecorderStatus"));
    assert.deepEqual(
      late.map((r) => r.name),
      [],
    );
  });

  it("should tag every rule with its PCI DSS v4.0.1 requirements", async () => {
    const untagged = (await prodPlan())
      .ofType(RULE)
      .filter((r) => !/^\d/.test((r.inputs.tags as Record<string, string>)[REQUIREMENTS_TAG] ?? ""));
    assert.deepEqual(
      untagged.map((r) => r.name),
      [],
    );
  });

  it("should scope each change-triggered rule to its catalog resource types", async () => {
    const wrong = (await prodPlan()).ofType(RULE).filter((r) => {
      const rule = findRule((r.inputs.source as { sourceIdentifier: string }).sourceIdentifier)!;
      const scope = (r.inputs.scope as { complianceResourceTypes?: string[] } | undefined)?.complianceResourceTypes;
      return JSON.stringify(scope) !== JSON.stringify(rule.scope);
    });
    assert.deepEqual(
      wrong.map((r) => r.name),
      [],
    );
  });

  it("should pass the corrected password policy parameters", async () => {
    const params = json<Record<string, string>>(
      ruleNamed(await prodPlan(), "IAM_PASSWORD_POLICY").inputs.inputParameters,
    );
    assert.equal(params.MinimumPasswordLength, "12");
  });

  it("should pass the platform VPC as the one allowed an internet gateway", async () => {
    // The value is core's network.vpcId (components/compliance/pci-config-rules.test.ts checks it flows through).
    const params = json<Record<string, string>>(
      ruleNamed(await prodPlan(), "INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY").inputs.inputParameters,
    );
    assert.ok("AuthorizedVpcIds" in params, JSON.stringify(params));
  });

  it("should allow the default route to the internet gateway in the public subnets' route tables only", async () => {
    // One route table per public subnet (3 AZs in prod); app and data tables stay NON_COMPLIANT if they ever get one.
    const params = json<Record<string, string>>(
      ruleNamed(await prodPlan(), "NO_UNRESTRICTED_ROUTE_TO_IGW").inputs.inputParameters,
    );
    assert.equal(params.routeTableIds?.split(",").filter((id) => id.startsWith("rtb-")).length, 3);
  });

  it("should name every rule with the stack's report prefix", async () => {
    const names = (await prodPlan()).ofType(RULE).map((r) => r.inputs.name as string);
    assert.deepEqual(
      names.filter((n) => !n.startsWith("pci-prod-")),
      [],
    );
  });

  it("should create rules with the primary-region provider", async () => {
    const plan = await prodPlan();
    const providers = new Set(plan.ofType(RULE).map((r) => plan.providerOf(r)?.name));
    assert.deepEqual([...providers], ["aws-primary"]);
  });

  it("should run a multi-region trail with global events and log-file validation", async () => {
    const t = (await prodPlan()).one("aws:cloudtrail/trail:Trail").inputs;
    assert.deepEqual(
      [t.isMultiRegionTrail, t.includeGlobalServiceEvents, t.enableLogFileValidation],
      [true, true, true],
    );
  });

  it("should create the trail and the delivery channel after the audit bucket's policy", async () => {
    const plan = await prodPlan();
    const policy = plan.named("audit-policy", "aws:s3/bucketPolicy:BucketPolicy");
    const waiting = ["aws:cloudtrail/trail:Trail", "aws:cfg/deliveryChannel:DeliveryChannel"].map((t) =>
      plan.one(t).dependencies.includes(policy.urn),
    );
    assert.deepEqual(waiting, [true, true]);
  });

  it("should encrypt the trail with the storage key", async () => {
    const plan = await prodPlan();
    const trail = plan.one("aws:cloudtrail/trail:Trail");
    assert.ok(
      trail.propertyDependencies.kmsKeyId?.some((urn) => urn.includes("storage")),
      JSON.stringify(trail.propertyDependencies.kmsKeyId),
    );
  });

  it("should log all management events, read and write", async () => {
    const selectors = (await prodPlan()).one("aws:cloudtrail/trail:Trail").inputs.advancedEventSelectors as {
      fieldSelectors: { field: string; equals?: string[] }[];
    }[];
    assert.deepEqual(selectors[0].fieldSelectors, [{ field: "eventCategory", equals: ["Management"] }]);
  });

  it("should log S3 data events for the ingestion, analytics and archive buckets", async () => {
    const plan = await prodPlan();
    const selectors = plan.one("aws:cloudtrail/trail:Trail").inputs.advancedEventSelectors as {
      fieldSelectors: { field: string; startsWiths?: string[] }[];
    }[];
    const arns = selectors[1].fieldSelectors.find((f) => f.field === "resources.ARN")?.startsWiths ?? [];
    const expected = ["ingestion", "analytics", "archival"].map(
      (b) => `arn:aws:s3:::${plan.one("aws:s3/bucket:Bucket", `${b}-bucket`).inputs.bucket}/`,
    );
    assert.deepEqual([...arns].sort(), expected.sort());
  });

  it("should log who reads the access-log bucket's objects (its Config exceptions' compensating control)", async () => {
    const plan = await prodPlan();
    const selectors = plan.one("aws:cloudtrail/trail:Trail").inputs.advancedEventSelectors as {
      name: string;
      fieldSelectors: { field: string; equals?: string[]; startsWiths?: string[] }[];
    }[];
    const reads = selectors.find((s) =>
      s.fieldSelectors.some((f) => f.field === "readOnly" && f.equals?.[0] === "true"),
    );
    assert.deepEqual(reads?.fieldSelectors.find((f) => f.field === "resources.ARN")?.startsWiths, [
      `arn:aws:s3:::${plan.one("aws:s3/bucket:Bucket", "access-logs-bucket").inputs.bucket}/`,
    ]);
  });

  it("should deliver the trail to an encrypted log group kept at least a year", async () => {
    const plan = await prodPlan();
    const group = plan.named("cloudtrail-logs", "aws:cloudwatch/logGroup:LogGroup");
    assert.ok(
      (group.inputs.retentionInDays as number) >= 365 &&
        group.propertyDependencies.kmsKeyId?.some((u) => u.includes("logs")),
    );
  });

  it("should let only CloudTrail assume the log delivery role", async () => {
    const role = (await prodPlan()).named("cloudtrail-to-logs", "aws:iam/role:Role");
    const trust = json<{ Statement: { Principal: { Service: string } }[] }>(role.inputs.assumeRolePolicy);
    assert.deepEqual(
      trust.Statement.map((s) => s.Principal.Service),
      ["cloudtrail.amazonaws.com"],
    );
  });

  it("should protect the trail, recorder and delivery channel in prod", async () => {
    const plan = await prodPlan();
    const types = [
      "aws:cloudtrail/trail:Trail",
      "aws:cfg/recorder:Recorder",
      "aws:cfg/deliveryChannel:DeliveryChannel",
    ];
    assert.deepEqual(
      types.map((t) => plan.one(t).protect),
      [true, true, true],
    );
  });
});

describe("compliance report schedule (prod)", () => {
  const statementsOf = async () => {
    const plan = await prodPlan();
    const policy = plan.named("compliance-report-fn-policy");
    const raw = json<{ Statement: { Effect: string; Action?: string | string[]; Resource?: string | string[] }[] }>(
      policy.inputs.policy,
    ).Statement;
    // Allow statements only (the region guard is a Deny), with Action and Resource as arrays.
    return raw
      .filter((s) => s.Effect === "Allow")
      .map((s) => ({ Action: [s.Action ?? []].flat(), Resource: [s.Resource ?? []].flat() }));
  };

  it("should run on the schedule from platform:compliance.reportSchedule", async () => {
    const rule = (await prodPlan()).named("compliance-report-schedule", "aws:cloudwatch/eventRule:EventRule");
    assert.equal(rule.inputs.scheduleExpression, configOf("prod").compliance.reportSchedule);
  });

  it("should let only that schedule invoke the function", async () => {
    const plan = await prodPlan();
    const permission = plan.named("compliance-report-invoke", "aws:lambda/permission:Permission");
    const rule = plan.named("compliance-report-schedule", "aws:cloudwatch/eventRule:EventRule");
    assert.equal(permission.inputs.principal, "events.amazonaws.com");
    assert.ok(permission.propertyDependencies.sourceArn?.includes(rule.urn));
  });

  it("should target the report function from the schedule", async () => {
    const plan = await prodPlan();
    const target = plan.named("compliance-report-target", "aws:cloudwatch/eventTarget:EventTarget");
    const fn = plan.named("compliance-report-fn-function", "aws:lambda/function:Function");
    assert.ok(target.propertyDependencies.arn?.includes(fn.urn));
  });

  it("should run on arm64 with Node.js 22", async () => {
    const fn = (await prodPlan()).named("compliance-report-fn-function", "aws:lambda/function:Function");
    assert.deepEqual([fn.inputs.architectures, fn.inputs.runtime], [["arm64"], "nodejs22.x"]);
  });

  it("should grant only read-only Config actions on Config rules", async () => {
    const config = (await statementsOf()).filter((s) => s.Action.some((a) => a.startsWith("config:")));
    assert.deepEqual(
      config.map((s) => [s.Action.sort(), s.Resource.map((r) => r.replace(/\d{12}/, "ACCOUNT"))]),
      [
        [
          [
            "config:DescribeComplianceByConfigRule",
            "config:DescribeConfigRules",
            "config:GetComplianceDetailsByConfigRule",
          ],
          ["arn:aws:config:us-east-1:ACCOUNT:config-rule/*"],
        ],
      ],
    );
  });

  it("should allow writing reports only under compliance-reports/ of the audit bucket", async () => {
    const plan = await prodPlan();
    const audit = plan.one("aws:s3/bucket:Bucket", "audit-bucket").inputs.bucket;
    const s3 = (await statementsOf()).filter((s) => s.Action.some((a) => a.startsWith("s3:")));
    assert.deepEqual(
      s3.map((s) => [s.Action, s.Resource]),
      [[["s3:PutObject"], [`arn:aws:s3:::${audit}/compliance-reports/*`]]],
    );
  });

  it("should allow data keys only from the key the reports are encrypted with", async () => {
    const fn = (await prodPlan()).named("compliance-report-fn-function", "aws:lambda/function:Function");
    const reportKey = (fn.inputs.environment as { variables: Record<string, string> }).variables.REPORT_KMS_KEY_ARN;
    const dataKeys = (await statementsOf()).filter((s) => s.Action.includes("kms:GenerateDataKey"));
    assert.deepEqual(
      dataKeys.map((s) => s.Resource),
      [[reportKey]],
    );
  });

  it("should report only the stack's rules", async () => {
    const fn = (await prodPlan()).named("compliance-report-fn-function", "aws:lambda/function:Function");
    assert.equal((fn.inputs.environment as { variables: Record<string, string> }).variables.RULES_PREFIX, "pci-prod-");
  });
});

describe("compliance stack part (dev)", () => {
  it("should record daily in dev to keep it cheap", async () => {
    const recorder = (await devPlan()).one("aws:cfg/recorder:Recorder");
    assert.deepEqual(recorder.inputs.recordingMode, { recordingFrequency: "DAILY" });
  });

  it("should leave the trail unprotected in dev so the stack can be torn down", async () => {
    assert.equal((await devPlan()).one("aws:cloudtrail/trail:Trail").protect, false);
  });

  it("should deploy the same PCI rule set in dev as in prod", async () => {
    const ids = (plan: RecordedPlan) =>
      plan
        .ofType(RULE)
        .map((r) => (r.inputs.source as { sourceIdentifier: string }).sourceIdentifier)
        .sort();
    assert.deepEqual(ids(await devPlan()), ids(await prodPlan()));
  });

  it("should leave out a rule when platform:compliance.excludeRules lists it", async () => {
    const section = {
      ...(readStackConfig("dev")["platform:compliance"] as object),
      excludeRules: ["S3_BUCKET_SSL_REQUESTS_ONLY"],
    };
    const plan = await runStack("dev", { configOverrides: { "platform:compliance": section } });
    assert.equal(
      plan
        .ofType(RULE)
        .some(
          (r) => (r.inputs.source as { sourceIdentifier: string }).sourceIdentifier === "S3_BUCKET_SSL_REQUESTS_ONLY",
        ),
      false,
    );
  });
});
