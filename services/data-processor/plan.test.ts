import assert from "node:assert/strict";
import { outputKey, quarantineKeys, sourceFingerprint } from "./keys";
import { planObject } from "./plan";
import { GOOD_CSV } from "./testing/fixtures";

const ref = { bucket: "ingest", key: "in/quotes 2025-03-01.csv", eTag: "etag-1", size: 200 };
const bytes = new TextEncoder().encode(GOOD_CSV);

describe("plan", () => {
  it("should write one output object per UTC date, named from the source", async () => {
    const plan = planObject(ref, bytes, "market-data/");
    const fp = sourceFingerprint(ref);
    assert.deepEqual(plan.kind === "publish" && plan.outputs.map((o) => [o.key, o.rows]), [
      [`market-data/date=2025-03-01/quotes_2025-03-01-${fp}.jsonl`, 2],
      [`market-data/date=2025-03-02/quotes_2025-03-01-${fp}.jsonl`, 1],
    ]);
  });

  it("should plan byte-identical output for the same source version", async () => {
    assert.deepEqual(planObject(ref, bytes, "p/"), planObject({ ...ref }, bytes, "p/"));
  });

  it("should carry lineage on every output row", async () => {
    const plan = planObject({ ...ref, versionId: "v7" }, bytes, "p/");
    const first = JSON.parse(plan.kind === "publish" ? plan.outputs[0]!.body.split("\n")[0]! : "{}");
    assert.deepEqual(
      [first.source_key, first.source_version, first.source_line],
      ["in/quotes 2025-03-01.csv", "v7", 2],
    );
  });

  it("should quarantine a key without a supported extension", async () => {
    const plan = planObject({ ...ref, key: "in/quotes.xlsx" }, bytes, "p/");
    assert.equal(plan.kind === "quarantine" && plan.reason.code, "unsupported-format");
  });

  it("should name outputs differently for different versions of one key", async () => {
    assert.notEqual(
      outputKey("p/", "2025-03-01", { ...ref, versionId: "a" }),
      outputKey("p/", "2025-03-01", { ...ref, versionId: "b" }),
    );
  });

  it("should put the quarantine copy and its reason under the prefix, next to each other", async () => {
    assert.deepEqual(quarantineKeys("quarantine/", ref), {
      copy: "quarantine/in/quotes 2025-03-01.csv",
      reason: "quarantine/in/quotes 2025-03-01.csv.reason.json",
    });
  });

  it("should fall back to a fingerprint name when the quarantine key would exceed 1024 bytes", async () => {
    const long = { ...ref, key: `in/${"x".repeat(1015)}.csv` };
    assert.equal(quarantineKeys("quarantine/", long).copy, `quarantine/long-keys/${sourceFingerprint(long)}`);
  });
});
