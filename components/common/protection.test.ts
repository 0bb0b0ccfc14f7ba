import assert from "node:assert/strict";
import { statefulOptions } from "./protection";
import { nameTag } from "./naming";

describe("statefulOptions", () => {
  it("should protect and retain on delete when protection is retain", async () => {
    assert.deepEqual(statefulOptions("retain"), { protect: true, retainOnDelete: true });
  });

  it("should neither protect nor retain when protection is disposable", async () => {
    assert.deepEqual(statefulOptions("disposable"), { protect: false, retainOnDelete: false });
  });
});

describe("nameTag", () => {
  it("should put Name first and keep extra tags when extras are given", async () => {
    assert.deepEqual(nameTag("vpc", { Tier: "data" }), { Name: "vpc", Tier: "data" });
  });
});
