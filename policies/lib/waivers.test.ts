import assert from "node:assert/strict";
import { PolicyConfigError } from "../runner";
import { findingsOf, resource } from "../testing/fixtures";
import { holdsUntil, isExpired, isProvisional, urnParts } from "./waivers";

const QUEUE = "aws:sqs/queue:Queue";
const BUCKET = "aws:s3/bucket:Bucket";
const plain = resource(QUEUE, "events", {});
const waiver = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  resource: "events",
  reason: "Queue holds no cardholder data; SSE-SQS compensates",
  approver: "compliance-team",
  expires: "2999-12-31",
  ...overrides,
});
const config = (policy: string, ...waivers: Record<string, unknown>[]) => ({ [policy]: { waivers } });

describe("waivers", () => {
  it("should report a waived resource policy violation as an advisory naming reason, approver and expiry", async () => {
    const findings = await findingsOf("sqs-queue-cmk", [plain], config("sqs-queue-cmk", waiver()));
    assert.deepEqual(
      findings.map((f) => f.enforcementLevel),
      ["advisory"],
    );
    assert.match(
      findings[0].message,
      /\[waived\] Queue is not encrypted .* Waiver: Queue holds no cardholder data; SSE-SQS compensates \(approved by compliance-team, expires 2999-12-31\)/,
    );
  });

  it("should keep the violation mandatory and add a finding when the waiver has expired", async () => {
    const findings = await findingsOf(
      "sqs-queue-cmk",
      [plain],
      config("sqs-queue-cmk", waiver({ expires: "2020-01-31" })),
    );
    assert.deepEqual(
      findings.map((f) => [f.enforcementLevel, /expired on 2020-01-31/.test(f.message)]),
      [
        ["mandatory", true],
        ["mandatory", false],
      ],
    );
  });

  it("should report an expired waiver even when the resource has since been fixed", async () => {
    const fixed = resource(QUEUE, "events", { kmsMasterKeyId: "alias/platform" });
    const findings = await findingsOf(
      "sqs-queue-cmk",
      [fixed],
      config("sqs-queue-cmk", waiver({ expires: "2020-01-31" })),
    );
    assert.deepEqual(
      findings.map((f) => f.enforcementLevel),
      ["mandatory"],
    );
  });

  it("should waive only the named resource", async () => {
    const other = resource(QUEUE, "other", {});
    const findings = await findingsOf("sqs-queue-cmk", [plain, other], config("sqs-queue-cmk", waiver()));
    assert.deepEqual(
      findings.map((f) => [f.enforcementLevel, f.urn]),
      [
        ["advisory", plain.urn],
        ["mandatory", other.urn],
      ],
    );
  });

  it("should match a waiver by full URN and respect its type", async () => {
    const byUrn = await findingsOf("sqs-queue-cmk", [plain], config("sqs-queue-cmk", waiver({ resource: plain.urn })));
    const wrongType = await findingsOf(
      "sqs-queue-cmk",
      [plain],
      config("sqs-queue-cmk", waiver({ type: "aws:sns/topic:Topic" })),
    );
    assert.deepEqual([byUrn[0].enforcementLevel, wrongType[0].enforcementLevel], ["advisory", "mandatory"]);
  });

  it("should waive a stack policy's violation on the named resource", async () => {
    const findings = await findingsOf(
      "s3-bucket-public-access-block",
      [resource(BUCKET, "events", { bucket: "events" })],
      config("s3-bucket-public-access-block", waiver()),
    );
    assert.deepEqual(
      findings.map((f) => f.enforcementLevel),
      ["advisory"],
    );
  });

  for (const missing of ["reason", "approver", "expires"]) {
    it(`should refuse a waiver without ${missing}`, async () => {
      const { [missing]: _dropped, ...incomplete } = waiver();
      await assert.rejects(
        findingsOf("sqs-queue-cmk", [plain], config("sqs-queue-cmk", incomplete)),
        (e: Error) => e instanceof PolicyConfigError && e.message.includes(`missing required property ${missing}`),
      );
    });
  }

  it("should refuse an expiry that is not a YYYY-MM-DD date", async () => {
    await assert.rejects(
      findingsOf("sqs-queue-cmk", [plain], config("sqs-queue-cmk", waiver({ expires: "next year" }))),
      /waivers\[0\]\.expires: must match/,
    );
  });

  it("should hold a waiver through its expiry day", async () => {
    assert.deepEqual(
      [
        isExpired(waiver() as never, new Date("2999-12-31T23:59:00Z")),
        isExpired(waiver() as never, new Date("3000-01-01T00:00:00Z")),
      ],
      [false, true],
    );
  });

  it("should treat an approver marked (provisional) as a provisional approval", async () => {
    assert.deepEqual(
      [
        isProvisional(waiver({ approver: "compliance-team (provisional)" }) as never),
        isProvisional(waiver({ approver: "J. Doe, compliance-team" }) as never),
      ],
      [true, false],
    );
  });

  it("should hold a provisional waiver no later than 2027-01-31 when its entry says later", async () => {
    const provisional = waiver({ approver: "compliance-team (provisional)", expires: "2027-11-30" }) as never;
    assert.deepEqual(
      [
        holdsUntil(provisional),
        isExpired(provisional, new Date("2027-01-31T12:00:00Z")),
        isExpired(provisional, new Date("2027-02-01T00:00:00Z")),
      ],
      ["2027-01-31", false, true],
    );
  });

  it("should keep a provisional waiver's own expiry when it is earlier than 2027-01-31", async () => {
    assert.equal(holdsUntil(waiver({ approver: "ops (provisional)", expires: "2026-12-15" }) as never), "2026-12-15");
  });

  it("should name a provisional approval as such in the waived finding", async () => {
    const findings = await findingsOf(
      "sqs-queue-cmk",
      [plain],
      config("sqs-queue-cmk", waiver({ approver: "compliance-team (provisional)", expires: "2999-12-31" })),
    );
    assert.match(
      findings[0]?.message ?? "",
      /Waiver: .*\(PROVISIONAL approval by compliance-team \(provisional\): no named person has accepted this risk; holds until 2027-01-31, not 2999-12-31 as entered\)/,
    );
  });

  it("should read name and type from a nested URN", async () => {
    assert.deepEqual(
      urnParts(
        "urn:pulumi:prod::platform::platform:services:TradeApiGateway$aws:apigateway/method:Method::api-get-health",
      ),
      {
        name: "api-get-health",
        type: "aws:apigateway/method:Method",
      },
    );
  });
});
