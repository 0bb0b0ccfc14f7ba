import assert from "node:assert/strict";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { validateAgainst } from "./schema";

const SCHEMA: PolicyConfigJSONSchema = {
  type: "object",
  required: ["name"],
  additionalProperties: false,
  properties: {
    name: { type: "string", minLength: 2, maxLength: 4, pattern: "^[a-z]+$" },
    level: { type: "string", enum: ["low", "high"] },
    limit: { type: "integer", minimum: 1, maximum: 9 },
    tags: { type: "array", minItems: 1, maxItems: 2, uniqueItems: true, items: { type: "string" } },
    kind: { const: "fixed" },
  },
};

const problems = (value: unknown) => validateAgainst(value, SCHEMA, "pack/policy");

describe("validateAgainst", () => {
  it("should find no problem in a valid value", async () => {
    assert.deepEqual(problems({ name: "abc", level: "low", limit: 3, tags: ["a"], kind: "fixed" }), []);
  });

  it("should name the expected and the actual type, and only that, when the type is wrong", async () => {
    assert.deepEqual(problems({ name: 12 }), ["pack/policy.name: expected string, got integer"]);
  });

  it("should list the allowed values of an enum", async () => {
    assert.deepEqual(problems({ name: "ab", level: "mid" }), ['pack/policy.level: must be one of "low", "high"']);
  });

  it("should name a const's value", async () => {
    assert.deepEqual(problems({ name: "ab", kind: "other" }), ['pack/policy.kind: must be "fixed"']);
  });

  it("should name the bounds of a number", async () => {
    assert.deepEqual(
      [problems({ name: "ab", limit: 0 }), problems({ name: "ab", limit: 10 })],
      [["pack/policy.limit: must be at least 1"], ["pack/policy.limit: must be at most 9"]],
    );
  });

  it("should name the length limits and the pattern of a string", async () => {
    assert.deepEqual(
      [problems({ name: "a" }), problems({ name: "abcde" }), problems({ name: "AB" })],
      [
        ["pack/policy.name: must be at least 2 character(s)"],
        ["pack/policy.name: must be at most 4 characters"],
        ["pack/policy.name: must match ^[a-z]+$"],
      ],
    );
  });

  it("should name the item limits of an array and its duplicates", async () => {
    assert.deepEqual(
      [problems({ name: "ab", tags: [] }), problems({ name: "ab", tags: ["a", "b", "c"] })],
      [["pack/policy.tags: must have at least 1 item(s)"], ["pack/policy.tags: must have at most 2 items"]],
    );
  });

  it("should refuse duplicate items", async () => {
    assert.deepEqual(problems({ name: "ab", tags: ["a", "a"] }), ["pack/policy.tags: items must be unique"]);
  });

  it("should give an array item's index in the path", async () => {
    assert.deepEqual(problems({ name: "ab", tags: [1] }), ["pack/policy.tags[0]: expected string, got integer"]);
  });

  it("should name a missing required property", async () => {
    assert.deepEqual(problems({}), ["pack/policy: missing required property name"]);
  });

  it("should name a property the schema does not allow", async () => {
    assert.deepEqual(problems({ name: "ab", extra: 1 }), ["pack/policy.extra: is not allowed"]);
  });

  it("should report every problem at once", async () => {
    assert.equal(problems({ name: "A", level: "x", limit: 0, extra: true }).length, 5);
  });
});
