import assert from "node:assert/strict";
import { networkArgsProblems, type NetworkArgs } from "./args";

const args: NetworkArgs = { region: "us-east-1", logsKmsKeyArn: "arn:aws:kms:us-east-1:1:key/k" };
const problems = (over: Partial<NetworkArgs>) => networkArgsProblems({ ...args, ...over }).join("\n");

describe("networkArgsProblems", () => {
  it("should accept the defaults", async () => {
    assert.deepEqual(networkArgsProblems(args), []);
  });

  it("should report region when it is not a region name", async () => {
    assert.match(problems({ region: "US East" }), /^region: "US East" is not an AWS region name/);
  });

  it("should report cidr when it is malformed", async () => {
    assert.match(problems({ cidr: "10.0.0.1/16" }), /^cidr: malformed CIDR "10.0.0.1\/16"/);
  });

  it("should report cidr when its prefix is outside /16 to /24", async () => {
    assert.match(problems({ cidr: "10.0.0.0/8" }), /^cidr: prefix \/8 out of range; expected \/16 to \/24/);
  });

  it("should report availabilityZones when it is above 3", async () => {
    assert.match(problems({ availabilityZones: 4 }), /^availabilityZones: must be 1, 2 or 3; got 4/);
  });

  it("should report natStrategy when it is unknown", async () => {
    assert.match(problems({ natStrategy: "per-az" as never }), /^natStrategy: expected none, single or one-per-az/);
  });

  it("should report an interface endpoint that is not a service name", async () => {
    assert.match(
      problems({ interfaceEndpoints: ["KMS!"] }),
      /^interfaceEndpoints\[0\]: "KMS!" is not an endpoint service name/,
    );
  });

  it("should report an interface endpoint listed twice", async () => {
    assert.equal(problems({ interfaceEndpoints: ["kms", "sts", "kms"] }), "interfaceEndpoints[2]: kms is listed twice");
  });

  it("should report flowLogRetentionDays when CloudWatch Logs does not accept it", async () => {
    assert.match(
      problems({ flowLogRetentionDays: 100 }),
      /^flowLogRetentionDays: must be one of the periods CloudWatch Logs accepts/,
    );
  });

  it("should report flowLogRetentionDays when it keeps flow logs under a year (PCI DSS 10.5.1)", async () => {
    assert.match(
      problems({ flowLogRetentionDays: 90 }),
      /^flowLogRetentionDays: must be at least 365 \(PCI DSS 10\.5\.1/,
    );
  });

  it("should report a subnet mask that is not smaller than an AZ's share", async () => {
    assert.match(
      problems({ subnetMasks: { app: 18 } }),
      /^subnetMasks\.app: must be \/19 to \/28 for a 10\.0\.0\.0\/16 VPC across 3 AZs; got \/18/,
    );
  });

  it("should report subnetMasks when the tiers do not fit an AZ together", async () => {
    assert.match(
      problems({ cidr: "10.0.0.0/22", availabilityZones: 1, subnetMasks: { app: 23, data: 23, public: 24 } }),
      /^subnetMasks: the three tiers need 1280 addresses per AZ \(with alignment\) but each AZ has 1024/,
    );
  });

  it("should report databasePort when it is out of range", async () => {
    assert.match(problems({ databasePort: 70000 }), /^databasePort: must be 1 to 65535; got 70000/);
  });

  it("should report protection when it is not retain or disposable", async () => {
    assert.match(problems({ protection: "no" as never }), /^protection: expected retain or disposable/);
  });
});
