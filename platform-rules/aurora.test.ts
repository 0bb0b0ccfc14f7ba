import assert from "node:assert/strict";
import { proxyPool, proxyPinningReason, proxyPoolConnections, serverlessV2MaxConnections } from "./aurora";

describe("serverlessV2MaxConnections", () => {
  it("should give 5,000 when the minimum is 1 ACU or more and the maximum 32 or more", async () => {
    assert.deepEqual([serverlessV2MaxConnections(1, 32), serverlessV2MaxConnections(2, 64)], [5000, 5000]);
  });

  it("should give 3,360 when the minimum is 1 ACU or more and the maximum 16", async () => {
    assert.equal(serverlessV2MaxConnections(1, 16), 3360);
  });

  it("should give 2,000 when the minimum is below 1 ACU and the maximum 16 or more", async () => {
    assert.deepEqual([serverlessV2MaxConnections(0, 16), serverlessV2MaxConnections(0.5, 128)], [2000, 2000]);
  });

  it("should be undefined when the range is one the published figures do not cover", async () => {
    assert.deepEqual([serverlessV2MaxConnections(0, 4), serverlessV2MaxConnections(1, 24)], [undefined, undefined]);
  });
});

describe("proxyPoolConnections", () => {
  it("should open four connections per vCPU when the writer has 2 vCPUs", async () => {
    assert.equal(proxyPoolConnections(2), 8);
  });

  it("should open one vCPU's worth when the writer has less than one vCPU", async () => {
    assert.equal(proxyPoolConnections(0.5), 4);
  });
});

describe("proxyPool", () => {
  it("should give 2 % when the range is prod's 2-64 ACU (64 connections wanted of 5,000)", async () => {
    assert.equal(proxyPool(2, 64)?.percent, 2);
  });

  it("should give at least 1 % when the pool wanted is below one percent of max_connections", async () => {
    assert.equal(proxyPool(1, 32)?.percent, 1);
  });

  it("should open 100 connections when the range is prod's 2-64 ACU", async () => {
    assert.equal(proxyPool(2, 64)?.connections, 100);
  });

  it("should give 6.25 connections per vCPU when the range is prod's 2-64 ACU (100 for 16 vCPU)", async () => {
    assert.equal(proxyPool(2, 64)?.perVcpu, 6.25);
  });

  it("should be undefined when max_connections is not known for the range", async () => {
    assert.equal(proxyPool(0, 4), undefined);
  });
});

describe("proxyPinningReason", () => {
  it("should name SET LOCAL inside a multi-statement transaction", async () => {
    assert.equal(
      proxyPinningReason("begin; set local synchronous_commit = off; commit"),
      "a SET command (SET LOCAL too)",
    );
  });

  it("should name a session-level advisory lock", async () => {
    assert.equal(proxyPinningReason("select pg_try_advisory_lock(1)"), "a session-level advisory lock");
  });

  it("should name pg_advisory_unlock_all", async () => {
    assert.equal(proxyPinningReason("select pg_advisory_unlock_all()"), "a session-level advisory lock");
  });

  it("should name UNLISTEN", async () => {
    assert.equal(proxyPinningReason("unlisten *"), "LISTEN or UNLISTEN");
  });

  it("should name a statement text over 16 KB", async () => {
    assert.equal(proxyPinningReason(`select '${"x".repeat(16 * 1024)}'`), "statement text over 16 KB");
  });

  it("should accept a transaction-level advisory lock", async () => {
    assert.equal(proxyPinningReason("select pg_advisory_xact_lock($1)"), undefined);
  });

  it("should accept an UPDATE that sets columns", async () => {
    assert.equal(
      proxyPinningReason("update trade.audit_outbox set published_at = now() where event_id = $1"),
      undefined,
    );
  });
});
