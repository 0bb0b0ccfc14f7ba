import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ConfigError, parseStackConfig } from "./index";
import { windowMinutes, windowsOverlap } from "./data";

const root = join(__dirname, "..", "..");
const stackFile = (stack: string): Record<string, unknown> =>
  (parse(readFileSync(join(root, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> }).config;

function problemsWith(stack: string, key: string, fields: Record<string, unknown>): string[] {
  const base = stackFile(stack);
  try {
    parseStackConfig("platform", stack, { ...base, [key]: { ...(base[key] as object), ...fields } });
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return [...err.problems];
  }
  return [];
}
const problemFor = (stack: string, key: string, fields: Record<string, unknown>, name: string) =>
  problemsWith(stack, key, fields).find((p) => p.startsWith(`${name}: `)) ?? "(no problem names it)";

describe("platform:aurora config", () => {
  it("should default readerInstances to 1, the Aurora component's default, when the stack file omits it", async () => {
    const base = stackFile("dev");
    const { readerInstances: _omitted, ...aurora } = base["platform:aurora"] as Record<string, unknown>;
    const config = parseStackConfig("platform", "dev", { ...base, "platform:aurora": aurora });
    assert.equal(config.aurora.readerInstances, 1);
  });

  it("should name platform:aurora.logRetentionDays when it is under 365", async () => {
    assert.match(
      problemFor("prod", "platform:aurora", { logRetentionDays: 180 }, "platform:aurora.logRetentionDays"),
      /at least 365/,
    );
  });

  it("should name platform:aurora.logRetentionDays when CloudWatch Logs does not accept it", async () => {
    assert.match(
      problemFor("prod", "platform:aurora", { logRetentionDays: 500 }, "platform:aurora.logRetentionDays"),
      /periods CloudWatch Logs accepts/,
    );
  });

  it("should name platform:aurora.preferredBackupWindow when it is under 30 minutes", async () => {
    assert.match(
      problemFor(
        "prod",
        "platform:aurora",
        { preferredBackupWindow: "03:00-03:20" },
        "platform:aurora.preferredBackupWindow",
      ),
      /at least 30 minutes/,
    );
  });

  it("should name platform:aurora.preferredMaintenanceWindow when it overlaps the backup window", async () => {
    assert.match(
      problemFor(
        "prod",
        "platform:aurora",
        { preferredMaintenanceWindow: "sun:03:30-sun:04:30" },
        "platform:aurora.preferredMaintenanceWindow",
      ),
      /overlaps preferredBackupWindow \(03:00-04:00 daily\)/,
    );
  });

  it("should accept the prod stack's windows", async () => {
    assert.deepEqual(problemsWith("prod", "platform:aurora", {}), []);
  });
});

describe("platform:buckets config", () => {
  it("should name platform:buckets.transitionDays when it is 0", async () => {
    assert.match(
      problemFor("dev", "platform:buckets", { transitionDays: 0 }, "platform:buckets.transitionDays"),
      /greater than 0/,
    );
  });

  it("should default platform:buckets.transitionDays to 90 when it is not set", async () => {
    const base = stackFile("dev");
    const { transitionDays: _omit, ...rest } = base["platform:buckets"] as Record<string, unknown>;
    assert.equal(parseStackConfig("platform", "dev", { ...base, "platform:buckets": rest }).buckets.transitionDays, 90);
  });
});

describe("platform:network config", () => {
  it("should name platform:network.interfaceEndpoints when there is no NAT and no endpoint", async () => {
    assert.match(
      problemFor(
        "dev",
        "platform:network",
        { natStrategy: "none", interfaceEndpoints: [] },
        "platform:network.interfaceEndpoints",
      ),
      /natStrategy none leaves the app tier no way to reach AWS APIs/,
    );
  });

  it("should accept no NAT when endpoints are listed", async () => {
    assert.deepEqual(
      problemsWith("dev", "platform:network", { natStrategy: "none", interfaceEndpoints: ["kms", "sts"] }),
      [],
    );
  });
});

describe("windowsOverlap", () => {
  it("should find an overlap when a daily window runs past midnight into a Monday window", async () => {
    assert.equal(windowsOverlap(windowMinutes("23:30-00:30")!, windowMinutes("mon:00:00-mon:01:00")!), true);
  });

  it("should find no overlap when the windows are apart", async () => {
    assert.equal(windowsOverlap(windowMinutes("03:00-04:00")!, windowMinutes("sun:04:30-sun:05:30")!), false);
  });
});
