import assert from "node:assert/strict";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { mockClient, type AwsClientStub } from "aws-sdk-client-mock";
import { reportKeyStem } from "./publish";
import { startFakeConfigService, SAMPLE_RULES, type FakeConfigService } from "./testing/fake-config-service";

const ENV_KEYS = [
  "AWS_REGION",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_ENDPOINT_URL_CONFIG_SERVICE",
  "AWS_ENDPOINT_URL_S3",
  "REPORT_BUCKET",
  "REPORT_KMS_KEY_ARN",
  "RULES_PREFIX",
  "POWERTOOLS_LOG_LEVEL",
];
const KEY = "arn:aws:kms:us-east-1:123456789012:key/storage";
const event = { "detail-type": "Scheduled Event", source: "aws.events", time: "2026-01-01T06:00:00Z" };

describe("compliance report Lambda", () => {
  let fake: FakeConfigService;
  const saved: Record<string, string | undefined> = {};
  // Installed when the suite runs, not when the file loads: another file's restore() of an
  // S3Client mock would otherwise remove this one before these tests start.
  let s3: AwsClientStub<S3Client>;

  before(async () => {
    s3 = mockClient(S3Client);
    fake = await startFakeConfigService({ rules: SAMPLE_RULES });
    for (const k of ENV_KEYS) saved[k] = process.env[k];
    Object.assign(process.env, {
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_ENDPOINT_URL_CONFIG_SERVICE: fake.url,
      // Should the mock ever be missing, S3 calls still stay on this machine (port 9: discard).
      AWS_ENDPOINT_URL_S3: "http://127.0.0.1:9",
      REPORT_BUCKET: "audit-bucket",
      REPORT_KMS_KEY_ARN: KEY,
      RULES_PREFIX: "pci-test-",
      POWERTOOLS_LOG_LEVEL: "SILENT",
    });
  });
  afterEach(() => s3.reset());
  after(async () => {
    s3.restore();
    for (const k of ENV_KEYS)
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    await fake.close();
  });

  it("should write the JSON and Markdown report under compliance-reports/ for the scheduled day", async () => {
    s3.on(PutObjectCommand).resolves({});
    const { handler } = await import("./handler");
    await handler(event);
    const keys = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key);
    assert.deepEqual(keys, [
      "compliance-reports/2026/01/01/pci-dss-20260101T060000Z.json",
      "compliance-reports/2026/01/01/pci-dss-20260101T060000Z.md",
    ]);
  });

  it("should encrypt each report with the storage key", async () => {
    s3.on(PutObjectCommand).resolves({});
    const { handler } = await import("./handler");
    await handler(event);
    const keys = s3
      .commandCalls(PutObjectCommand)
      .map((c) => [c.args[0].input.ServerSideEncryption, c.args[0].input.SSEKMSKeyId]);
    assert.deepEqual(keys, [
      ["aws:kms", KEY],
      ["aws:kms", KEY],
    ]);
  });

  it("should report only the stack's rules when RULES_PREFIX is set", async () => {
    s3.on(PutObjectCommand).resolves({});
    const { handler } = await import("./handler");
    const result = await handler(event);
    assert.deepEqual([result.rules, result.nonCompliant], [4, 1]);
  });

  it("should refuse an event that is not a scheduled event", async () => {
    const { handler } = await import("./handler");
    await assert.rejects(handler({ hello: "world" }), /expected an EventBridge "Scheduled Event"/);
  });

  it("should fail the run when the report cannot be stored", async () => {
    s3.on(PutObjectCommand).rejects(Object.assign(new Error("Access Denied"), { name: "AccessDenied" }));
    const { handler } = await import("./handler");
    await assert.rejects(handler(event), { name: "AccessDenied" });
  });
});

describe("compliance report Lambda configuration", () => {
  it("should name every misconfigured variable at once", async () => {
    const { parseEnv } = await import("./handler");
    assert.throws(
      () => parseEnv({ AWS_REGION: "us-east-1", REPORT_BUCKET: "", REPORT_KMS_KEY_ARN: "key" }),
      (e: Error) =>
        /REPORT_BUCKET must name the audit bucket/.test(e.message) &&
        /REPORT_KMS_KEY_ARN must be the storage key ARN/.test(e.message),
    );
  });

  it("should refuse a report prefix with a slash", async () => {
    const { parseEnv } = await import("./handler");
    assert.throws(
      () =>
        parseEnv({ AWS_REGION: "us-east-1", REPORT_BUCKET: "audit", REPORT_KMS_KEY_ARN: KEY, REPORT_PREFIX: "a/b" }),
      /REPORT_PREFIX must be a single lowercase path segment/,
    );
  });

  it("should date the key stem from the event time in UTC", async () => {
    assert.equal(reportKeyStem("r", new Date("2026-12-31T23:59:59.500Z")), "r/2026/12/31/pci-dss-20261231T235959Z");
  });
});
