import assert from "node:assert/strict";
import { json, runProgram } from "../testing/harness";
import { DeadLetterQueue, deadLetterQueueArgsProblems } from "./queues";
import { MESSAGING_KEY } from "./testing";

describe("DeadLetterQueue", () => {
  it("should encrypt the queue with the given key", async () => {
    const p = await runProgram(() => new DeadLetterQueue("dlq", { keyArn: MESSAGING_KEY, protection: "disposable" }));
    assert.equal(p.named("dlq-queue").inputs.kmsMasterKeyId, MESSAGING_KEY);
  });

  it("should keep failed events 14 days", async () => {
    const p = await runProgram(() => new DeadLetterQueue("dlq", { keyArn: MESSAGING_KEY, protection: "disposable" }));
    assert.equal(p.named("dlq-queue").inputs.messageRetentionSeconds, 1209600);
  });

  it("should deny non-TLS access", async () => {
    const p = await runProgram(() => new DeadLetterQueue("dlq", { keyArn: MESSAGING_KEY, protection: "disposable" }));
    const policy = json<{ Statement: { Effect: string; Condition?: { Bool?: Record<string, string> } }[] }>(
      p.named("dlq-policy").inputs.policy,
    );
    assert.ok(
      policy.Statement.some((s) => s.Effect === "Deny" && s.Condition?.Bool?.["aws:SecureTransport"] === "false"),
    );
  });

  it("should allow the given roles to send when senderRoleArns is set", async () => {
    const role = "arn:aws:iam::123456789012:role/fn";
    const p = await runProgram(
      () => new DeadLetterQueue("dlq", { keyArn: MESSAGING_KEY, senderRoleArns: [role], protection: "disposable" }),
    );
    const policy = json<{ Statement: { Sid?: string; Principal?: { AWS: string[] } }[] }>(
      p.named("dlq-policy").inputs.policy,
    );
    assert.deepEqual(policy.Statement.find((s) => s.Sid === "AllowFailureDestinations")?.Principal, { AWS: [role] });
  });

  it("should protect the queue by default", async () => {
    const p = await runProgram(() => new DeadLetterQueue("dlq", { keyArn: MESSAGING_KEY }));
    assert.equal(p.named("dlq-queue").protect, true);
  });
});

describe("deadLetterQueueArgsProblems", () => {
  it("should report protection when it is unknown", async () => {
    assert.match(
      deadLetterQueueArgsProblems({ keyArn: MESSAGING_KEY, protection: "keep" as never })[0],
      /^protection: expected retain or disposable; got "keep"/,
    );
  });
});
