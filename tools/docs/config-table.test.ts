import assert from "node:assert/strict";
import { configKeys, renderConfigTable, undescribedKeys } from "./config-table";

describe("renderConfigTable", () => {
  it("should find a description for every config key (add .describe() in stacks/config)", async () => {
    assert.deepEqual(undescribedKeys(), []);
  });

  it("should list every config key of the schema once", async () => {
    const table = renderConfigTable();
    assert.deepEqual(
      configKeys()
        .filter((k) => table.split(`| \`${k.key}\` |`).length !== 2)
        .map((k) => k.key),
      [],
    );
  });

  it("should show each stack file's value, or (default) where the stack leaves the key out", async () => {
    const row = renderConfigTable()
      .split("\n")
      .find((l) => l.startsWith("| `platform:aurora.readerInstances` |"));
    assert.match(row ?? "", /\| `1` \| whole number 0 to 15 \| `0` \| `1` \|$/);
  });

  it("should name the allowed values of an enum key", async () => {
    const row = renderConfigTable()
      .split("\n")
      .find((l) => l.startsWith("| `platform:protection` |"));
    assert.match(row ?? "", /`retain`, `disposable`/);
  });
});
