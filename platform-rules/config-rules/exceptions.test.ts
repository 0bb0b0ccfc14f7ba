import assert from "node:assert/strict";
import { exceptionFor, type ConfigRuleException } from "./exceptions";
import { PROVISIONAL_WAIVERS_HOLD_UNTIL } from "../policy-waivers";

const entry = (approver: string, reviewBy: string): ConfigRuleException => ({
  rule: "S3_BUCKET_LOGGING_ENABLED",
  resourceType: "AWS::S3::Bucket",
  resourceIdPattern: "^logs$",
  logicalName: "logs",
  reason: "r",
  compensatingControl: "c",
  approver,
  reviewBy,
});
const find = (e: ConfigRuleException, day: string) =>
  exceptionFor("S3_BUCKET_LOGGING_ENABLED", "AWS::S3::Bucket", "logs", new Date(`${day}T12:00:00Z`), [e]);

describe("exceptionFor", () => {
  it("should stop applying a provisional exception after the provisional cap, whatever its review date", async () => {
    assert.equal(find(entry("compliance-team (provisional)", "2027-12-31"), "2027-06-01"), undefined);
  });

  it("should apply a provisional exception up to the provisional cap", async () => {
    assert.ok(find(entry("compliance-team (provisional)", "2027-12-31"), PROVISIONAL_WAIVERS_HOLD_UNTIL));
  });

  it("should apply a named approver's exception until its own review date", async () => {
    assert.ok(find(entry("Jane Doe (CISO)", "2027-12-31"), "2027-06-01"));
  });

  it("should stop applying an exception after its review date", async () => {
    assert.equal(find(entry("Jane Doe (CISO)", "2027-03-31"), "2027-04-01"), undefined);
  });
});
