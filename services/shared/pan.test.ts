import assert from "node:assert/strict";
import { containsPan, maskPans, passesLuhn } from "./pan";

describe("pan", () => {
  it("should pass the Luhn check for well-known test card numbers", async () => {
    assert.deepEqual(["4111111111111111", "5500005555555559", "378282246310005"].map(passesLuhn), [true, true, true]);
  });

  it("should find a PAN written plain, with spaces or with dashes", async () => {
    assert.deepEqual(["4111111111111111", "4111 1111 1111 1111", "x-4111-1111-1111-1111/y"].map(containsPan), [
      true,
      true,
      true,
    ]);
  });

  it("should not flag digit runs that fail Luhn or are outside 13–19 digits", async () => {
    assert.deepEqual(["4111111111111112", "411111111111", "ACC-1", "2025-03-01T09:30:00.123Z"].map(containsPan), [
      false,
      false,
      false,
      false,
    ]);
  });

  it("should find an Amex number in its 4-6-5 grouping but not digits joined across other separators", async () => {
    assert.equal(containsPan("3782 822463 10005"), true);
    // 41111-11111111-111 passes Luhn when joined, but no card is printed that way.
    assert.equal(containsPan("k-41111-11111111-111"), false);
  });

  it("should flag a 13-digit run only when it starts with 4, leaving epoch milliseconds alone", async () => {
    assert.deepEqual([containsPan("4222222222222"), containsPan("order-1764583200001")], [true, false]);
  });

  it("should mask a PAN down to its last four digits and leave other text alone", async () => {
    assert.equal(maskPans("card 4111 1111 1111 1111 ok"), "card ************1111 ok");
  });
});
