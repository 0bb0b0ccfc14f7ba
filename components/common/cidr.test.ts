import assert from "node:assert/strict";
import { cidrsOverlap, formatCidr, parseCidr } from "./cidr";

describe("parseCidr", () => {
  it("should return the network address and prefix when the block is well formed", async () => {
    assert.deepEqual(parseCidr("10.1.0.0/16"), { address: 10 * 2 ** 24 + 2 ** 16, prefix: 16 });
  });

  it("should refuse a block when host bits are set", async () => {
    assert.equal(parseCidr("10.0.0.1/16"), undefined);
  });

  it("should refuse a block when an octet is above 255", async () => {
    assert.equal(parseCidr("10.0.256.0/24"), undefined);
  });

  it("should refuse a block when the prefix is above 32", async () => {
    assert.equal(parseCidr("10.0.0.0/33"), undefined);
  });
});

describe("formatCidr", () => {
  it("should write the dotted form when given an address and prefix", async () => {
    assert.equal(formatCidr(parseCidr("192.168.4.0/22")!.address, 22), "192.168.4.0/22");
  });
});

describe("cidrsOverlap", () => {
  it("should report an overlap when one block contains the other", async () => {
    assert.equal(cidrsOverlap("10.0.0.0/16", "10.0.128.0/17"), true);
  });

  it("should report no overlap when the blocks are disjoint", async () => {
    assert.equal(cidrsOverlap("10.0.0.0/16", "10.1.0.0/16"), false);
  });
});
