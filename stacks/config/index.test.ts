import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ConfigError, configKey, decodePulumiConfig, parseStackConfig } from "./index";

const root = join(__dirname, "..", "..");
const stackFile = (stack: string): Record<string, unknown> =>
  (parse(readFileSync(join(root, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> }).config;

/** The dev config with one section's fields replaced (or a whole key when `fields` is not an object). */
function devWith(key: string, fields: unknown, base = stackFile("dev")): Record<string, unknown> {
  const current = base[key];
  const merged =
    fields !== null && typeof fields === "object" && !Array.isArray(fields) && current && typeof current === "object"
      ? { ...(current as object), ...(fields as object) }
      : fields;
  return { ...base, [key]: merged };
}

function problems(raw: Record<string, unknown>, stack = "dev"): string[] {
  try {
    parseStackConfig("platform", stack, raw);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    return [...err.problems];
  }
  assert.fail("expected the config to be rejected");
}

function assertProblem(raw: Record<string, unknown>, key: string, pattern: RegExp, stack = "dev"): void {
  const found = problems(raw, stack);
  const match = found.find((p) => p.startsWith(`${key}: `));
  assert.ok(match, `no problem names ${key}; got:\n${found.join("\n")}`);
  assert.match(match, pattern);
}

describe("parseStackConfig", () => {
  it("should accept the dev stack file", async () => {
    assert.equal(parseStackConfig("platform", "dev", stackFile("dev")).environment, "dev");
  });

  it("should accept the prod stack file", async () => {
    assert.equal(parseStackConfig("platform", "prod", stackFile("prod")).protection, "retain");
  });

  it("should derive the required tags when the config is valid", async () => {
    const tags = parseStackConfig("platform", "prod", stackFile("prod")).tags;
    assert.deepEqual(Object.keys(tags).sort(), [
      "Compliance",
      "CostCenter",
      "DataClassification",
      "Environment",
      "Owner",
    ]);
  });

  it("should name aws:region when the region is unknown", async () => {
    assertProblem({ ...stackFile("dev"), "aws:region": "us-east-9" }, "aws:region", /unknown AWS region "us-east-9"/);
  });

  it("should name aws:region when the region is known but not allowed", async () => {
    assertProblem(
      { ...stackFile("dev"), "aws:region": "eu-west-1" },
      "aws:region",
      /not in platform:regions.allowedAwsRegions/,
    );
  });

  it("should name platform:aurora.minCapacity when it is above maxCapacity", async () => {
    assertProblem(
      devWith("platform:aurora", { minCapacity: 8, maxCapacity: 4, autoPauseSeconds: undefined }),
      "platform:aurora.minCapacity",
      /must not exceed maxCapacity \(4\)/,
    );
  });

  it("should name platform:aurora.maxCapacity when it is above 256", async () => {
    assertProblem(devWith("platform:aurora", { maxCapacity: 512 }), "platform:aurora.maxCapacity", /at most 256/);
  });

  it("should name platform:aurora.minCapacity when it is not a multiple of 0.5", async () => {
    assertProblem(
      devWith("platform:aurora", { minCapacity: 0.3, autoPauseSeconds: undefined }),
      "platform:aurora.minCapacity",
      /multiple of 0.5/,
    );
  });

  it("should name platform:aurora.engineVersion when the major is unsupported", async () => {
    assertProblem(
      devWith("platform:aurora", { engineVersion: "13.9" }),
      "platform:aurora.engineVersion",
      /major 13 is not supported/,
    );
  });

  it("should name platform:aurora.logicalReplication when it is enabled with minCapacity 0", async () => {
    assertProblem(
      devWith("platform:aurora", { logicalReplication: "enabled" }),
      "platform:aurora.logicalReplication",
      /keeps Aurora Serverless v2 from pausing/,
    );
  });

  it("should name platform:aurora.logicalReplication when DR is on and it is disabled", async () => {
    const prod = stackFile("prod");
    assertProblem(
      devWith("platform:aurora", { logicalReplication: "disabled" }, prod),
      "platform:aurora.logicalReplication",
      /must be enabled when platform:dr.enabled/,
      "prod",
    );
  });

  it("should name platform:aurora.engineVersion when scale to zero needs a newer minor", async () => {
    assertProblem(
      devWith("platform:aurora", { engineVersion: "16.2" }),
      "platform:aurora.engineVersion",
      /needs 16.3 or newer/,
    );
  });

  it("should name platform:aurora.autoPauseSeconds when minCapacity is 0 without it", async () => {
    assertProblem(
      devWith("platform:aurora", { autoPauseSeconds: undefined }),
      "platform:aurora.autoPauseSeconds",
      /required when minCapacity is 0/,
    );
  });

  it("should name platform:aurora.backupRetentionDays when it is negative", async () => {
    assertProblem(
      devWith("platform:aurora", { backupRetentionDays: -1 }),
      "platform:aurora.backupRetentionDays",
      /greater than 0/,
    );
  });

  it("should name platform:aurora.preferredBackupWindow when it is malformed", async () => {
    assertProblem(
      devWith("platform:aurora", { preferredBackupWindow: "3am" }),
      "platform:aurora.preferredBackupWindow",
      /hh24:mi-hh24:mi/,
    );
  });

  it("should name platform:network.cidr when the CIDR is malformed", async () => {
    assertProblem(devWith("platform:network", { cidr: "10.0.0.0/33" }), "platform:network.cidr", /malformed CIDR/);
  });

  it("should name platform:network.cidr when host bits are set", async () => {
    assertProblem(devWith("platform:network", { cidr: "10.0.0.1/16" }), "platform:network.cidr", /host bits zero/);
  });

  it("should name platform:network.natStrategy when the value is unknown", async () => {
    assertProblem(
      devWith("platform:network", { natStrategy: "per-az" }),
      "platform:network.natStrategy",
      /none, single or one-per-az/,
    );
  });

  it("should name platform:network.availabilityZones when it has the wrong type", async () => {
    assertProblem(
      devWith("platform:network", { availabilityZones: "two" }),
      "platform:network.availabilityZones",
      /wrong type; expected number, got string "two"/,
    );
  });

  it("should name platform:network.flowLogRetentionDays when it keeps flow logs under a year", async () => {
    assertProblem(
      devWith("platform:network", { flowLogRetentionDays: 90 }),
      "platform:network.flowLogRetentionDays",
      /at least 365 \(PCI DSS 10\.5\.1/,
    );
  });

  it("should name platform:network.flowLogRetentionDays when CloudWatch does not accept the period", async () => {
    assertProblem(
      devWith("platform:network", { flowLogRetentionDays: 100 }),
      "platform:network.flowLogRetentionDays",
      /periods CloudWatch Logs accepts/,
    );
  });

  it("should name platform:environment when it is missing", async () => {
    assertProblem(
      { ...stackFile("dev"), "platform:environment": undefined },
      "platform:environment",
      /^platform:environment: required/,
    );
  });

  it("should name platform:tags.Owner when a required tag value is missing", async () => {
    assertProblem(devWith("platform:tags", { Owner: undefined }), "platform:tags.Owner", /required/);
  });

  it("should name an unknown key inside a section", async () => {
    assertProblem(devWith("platform:aurora", { maxCapacty: 4 }), "platform:aurora.maxCapacty", /unknown key/);
  });

  it("should name an unknown key in the platform namespace", async () => {
    assertProblem({ ...stackFile("dev"), "platform:auroraa": {} }, "platform:auroraa", /unknown key/);
  });

  it("should name the array element when an allowed pair is malformed", async () => {
    const services = stackFile("dev")["platform:services"] as Record<string, unknown>;
    assertProblem(
      devWith("platform:services", { ...services, allowedPairs: ["EUR/USD", "EURUSD"] }),
      "platform:services.allowedPairs[1]",
      /ISO-4217 pair/,
    );
  });

  it("should name platform:services.logRetentionDays when it keeps audit logs under a year", async () => {
    assertProblem(
      devWith("platform:services", { logRetentionDays: 90 }),
      "platform:services.logRetentionDays",
      /at least 365/,
    );
  });

  it("should name platform:kms.deletionWindowDays when it is below the KMS minimum", async () => {
    assertProblem(devWith("platform:kms", { deletionWindowDays: 3 }), "platform:kms.deletionWindowDays", /at least 7/);
  });

  it("should name platform:dr.location when the location is unknown", async () => {
    assertProblem(
      devWith("platform:dr", { location: "moon-1" }),
      "platform:dr.location",
      /unknown Azure location "moon-1"/,
    );
  });

  it("should name platform:dr.vnetCidr when it overlaps the VPC", async () => {
    assertProblem(
      devWith("platform:dr", { vnetCidr: "10.0.128.0/17" }),
      "platform:dr.vnetCidr",
      /overlaps platform:network.cidr/,
    );
  });

  it("should name platform:dr.replicationLagAlarmSeconds when it is not below the RPO", async () => {
    assertProblem(
      devWith("platform:dr", { replicationLagAlarmSeconds: 300 }),
      "platform:dr.replicationLagAlarmSeconds",
      /below the RPO \(300 s\)/,
    );
  });

  it("should name platform:aurora.proxy when prod disables RDS Proxy", async () => {
    assertProblem(
      devWith("platform:aurora", { proxy: "disabled" }, stackFile("prod")),
      "platform:aurora.proxy",
      /must be enabled in prod/,
      "prod",
    );
  });

  it("should name platform:aurora.proxy when it is not enabled or disabled", async () => {
    assertProblem(
      devWith("platform:aurora", { proxy: "yes" }),
      "platform:aurora.proxy",
      /expected enabled or disabled/,
    );
  });

  it("should name platform:buckets.ledgerDigestLockMode when prod uses GOVERNANCE", async () => {
    assertProblem(
      devWith("platform:buckets", { ledgerDigestLockMode: "GOVERNANCE" }, stackFile("prod")),
      "platform:buckets.ledgerDigestLockMode",
      /must be COMPLIANCE in prod/,
      "prod",
    );
  });

  it("should name platform:services.ledgerDigestSchedule when rate(1 ...) has a plural unit", async () => {
    assertProblem(
      devWith("platform:services", { ledgerDigestSchedule: "rate(1 minutes)" }),
      "platform:services.ledgerDigestSchedule",
      /singular unit for 1/,
    );
  });

  it("should name platform:services.ledgerDigestSchedule when a rate is zero, which EventBridge refuses", async () => {
    assertProblem(
      devWith("platform:services", { ledgerDigestSchedule: "rate(0 minutes)" }),
      "platform:services.ledgerDigestSchedule",
      /the value must be at least 1/,
    );
  });

  it("should name platform:services.ledgerDigestSchedule when it is no schedule expression", async () => {
    assertProblem(
      devWith("platform:services", { ledgerDigestSchedule: "every minute" }),
      "platform:services.ledgerDigestSchedule",
      /EventBridge schedule/,
    );
  });

  it("should name platform:services.auditOutboxSchedule when it is no schedule expression", async () => {
    assertProblem(
      devWith("platform:services", { auditOutboxSchedule: "every minute" }),
      "platform:services.auditOutboxSchedule",
      /EventBridge schedule/,
    );
  });

  it("should name platform:services.auditOutboxSchedule when rate(5 ...) has a singular unit", async () => {
    assertProblem(
      devWith("platform:services", { auditOutboxSchedule: "rate(5 minute)" }),
      "platform:services.auditOutboxSchedule",
      /plural otherwise/,
    );
  });

  it("should name platform:protection when prod is disposable", async () => {
    assertProblem(
      { ...stackFile("prod"), "platform:protection": "disposable" },
      "platform:protection",
      /must be retain in prod/,
      "prod",
    );
  });

  it("should name platform:aurora.readerInstances when prod has no reader", async () => {
    assertProblem(
      devWith("platform:aurora", { readerInstances: 0 }, stackFile("prod")),
      "platform:aurora.readerInstances",
      /at least 1 in prod/,
      "prod",
    );
  });

  it("should name platform:aurora.backupRetentionDays when prod keeps fewer than 7 days", async () => {
    assertProblem(
      devWith("platform:aurora", { backupRetentionDays: 3 }, stackFile("prod")),
      "platform:aurora.backupRetentionDays",
      /at least 7 in prod/,
      "prod",
    );
  });

  it("should name platform:network.natStrategy when prod shares one NAT", async () => {
    assertProblem(
      devWith("platform:network", { natStrategy: "single" }, stackFile("prod")),
      "platform:network.natStrategy",
      /one-per-az in prod/,
      "prod",
    );
  });

  it("should list every problem in one error when several keys are wrong", async () => {
    const raw = devWith("platform:network", { cidr: "nope", natStrategy: "x" });
    assert.equal(problems({ ...raw, "aws:region": "mars-1" }).length, 3);
  });

  it("should tell the user how to set a value when it rejects the config", async () => {
    assert.throws(
      () => parseStackConfig("platform", "dev", {}),
      /pulumi config set --path '<key>' <value> --stack dev/,
    );
  });
});

describe("configKey", () => {
  it("should write array indexes in brackets when the path has them", async () => {
    assert.equal(configKey(["platform:services", "allowedPairs", 2]), "platform:services.allowedPairs[2]");
  });
});

describe("decodePulumiConfig", () => {
  it("should turn JSON-encoded structured values back into objects", async () => {
    assert.deepEqual(decodePulumiConfig({ "platform:kms": '{"deletionWindowDays":7}' }), {
      "platform:kms": { deletionWindowDays: 7 },
    });
  });

  it("should keep plain strings as strings", async () => {
    assert.deepEqual(decodePulumiConfig({ "platform:environment": "dev" }), { "platform:environment": "dev" });
  });
});
