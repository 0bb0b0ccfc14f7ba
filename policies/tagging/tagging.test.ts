import assert from "node:assert/strict";
import { awsProvider, findingsOf, mandatoryOf, REQUIRED_TAGS, resource } from "../testing/fixtures";

const QUEUE = "aws:sqs/queue:Queue";
const STORAGE = "azure-native:storage:StorageAccount";

describe("required-tags", () => {
  it("should pass an AWS resource when the provider's defaultTags carry every required tag", async () => {
    assert.deepEqual(await mandatoryOf("required-tags", [resource(QUEUE, "q", {})]), []);
  });

  it("should report the missing keys when neither the resource nor the provider carries them", async () => {
    const bare = awsProvider("us-east-1", { Environment: "dev" }, "bare");
    const [f, ...rest] = await mandatoryOf("required-tags", [bare, resource(QUEUE, "q", {}, { provider: bare })]);
    assert.equal(rest.length, 0);
    assert.match(f.message, /Missing required tag\(s\) CostCenter, Owner, Compliance, DataClassification/);
  });

  it("should count the resource's own tags together with the provider's defaultTags", async () => {
    const partial = awsProvider("us-east-1", { Environment: "dev", CostCenter: "c", Owner: "o" }, "partial");
    const q = resource(
      QUEUE,
      "q",
      { tags: { Compliance: "PCI-DSS", DataClassification: "internal" } },
      { provider: partial },
    );
    assert.deepEqual(await mandatoryOf("required-tags", [partial, q]), []);
  });

  it("should treat an empty tag value as missing", async () => {
    const q = resource(QUEUE, "q", { tags: { Owner: " " } });
    const [f] = await mandatoryOf("required-tags", [q]);
    assert.match(f.message, /Owner/);
  });

  it("should require Azure resources to carry the tags themselves, since Azure has no default tags", async () => {
    const [f] = await mandatoryOf("required-tags", [resource(STORAGE, "s", { tags: { Owner: "o" } })]);
    assert.match(f.message, /Azure has no provider-level default tags/);
  });

  it("should pass an Azure resource that carries every required tag", async () => {
    assert.deepEqual(await mandatoryOf("required-tags", [resource(STORAGE, "s", { tags: REQUIRED_TAGS })]), []);
  });

  it("should skip resource types whose inputs take no tags", async () => {
    const bare = awsProvider("us-east-1", {}, "bare");
    const pab = resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "pab", {}, { provider: bare });
    assert.deepEqual(await findingsOf("required-tags", [bare, pab]), []);
  });

  it("should honour a configured list of required tags", async () => {
    const q = resource(QUEUE, "q", {});
    const [f] = await mandatoryOf("required-tags", [q], { "required-tags": { requiredTags: ["Team"] } });
    assert.match(f.message, /Missing required tag\(s\) Team:/);
  });

  it("should report as advisory when the config lowers its enforcement level", async () => {
    const bare = awsProvider("us-east-1", {}, "bare");
    const findings = await findingsOf("required-tags", [bare, resource(QUEUE, "q", {}, { provider: bare })], {
      "required-tags": "advisory",
    });
    assert.deepEqual(
      findings.map((f) => f.enforcementLevel),
      ["advisory"],
    );
  });
});

describe("allowed-tag-values", () => {
  it("should pass tags whose values are in the allowed lists", async () => {
    assert.deepEqual(await mandatoryOf("allowed-tag-values", [resource(QUEUE, "q", {})]), []);
  });

  it("should report an Environment value outside dev, staging and prod", async () => {
    const [f] = await mandatoryOf("allowed-tag-values", [resource(QUEUE, "q", { tags: { Environment: "qa" } })]);
    assert.match(f.message, /Environment="qa" is not allowed: use one of dev, staging, prod/);
  });

  it("should report a bad value inherited from the provider's defaultTags", async () => {
    const p = awsProvider("us-east-1", { ...REQUIRED_TAGS, Compliance: "SOX" }, "sox");
    const [f] = await mandatoryOf("allowed-tag-values", [p, resource(QUEUE, "q", {}, { provider: p })]);
    assert.match(f.message, /Compliance="SOX"/);
  });

  it("should check Azure resource tags", async () => {
    const [f] = await mandatoryOf("allowed-tag-values", [
      resource(STORAGE, "s", { tags: { ...REQUIRED_TAGS, DataClassification: "secret" } }),
    ]);
    assert.match(f.message, /DataClassification="secret"/);
  });

  it("should use the configured vocabulary instead of the default", async () => {
    const q = resource(QUEUE, "q", { tags: { Environment: "qa" } });
    const config = { "allowed-tag-values": { allowedValues: { Environment: ["qa"] } } };
    assert.deepEqual(await mandatoryOf("allowed-tag-values", [q], config), []);
  });
});
