import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { json, runProgram } from "../testing/harness";
import { ArgsError } from "../common";
import { Keys, keysArgsProblems } from "./keys";
import { KEY_DOMAINS } from "./domains";
import type { KeyPolicyDocument } from "./policy";

const args = { aliasPrefix: "platform-test" };

describe("Keys", () => {
  it("should create one key per domain when no domains are given", async () => {
    const plan = await runProgram(() => new Keys("keys", args));
    assert.equal(plan.ofType("aws:kms/key:Key").length, KEY_DOMAINS.length);
  });

  it("should enable rotation on every key when created", async () => {
    const plan = await runProgram(() => new Keys("keys", args));
    assert.ok(plan.ofType("aws:kms/key:Key").every((k) => k.inputs.enableKeyRotation === true));
  });

  it("should name the alias alias/<prefix>-<domain> when a key is created", async () => {
    const plan = await runProgram(() => new Keys("keys", args));
    assert.equal(plan.named("keys-logs-alias").inputs.name, "alias/platform-test-logs");
  });

  it("should default the deletion window to 30 days when none is given", async () => {
    const plan = await runProgram(() => new Keys("keys", args));
    assert.equal(plan.named("keys-database").inputs.deletionWindowInDays, 30);
  });

  it("should protect and retain keys when protection is left at its default", async () => {
    const plan = await runProgram(() => new Keys("keys", args));
    const key = plan.named("keys-database");
    assert.deepEqual([key.protect, key.options.retainOnDelete], [true, true]);
  });

  it("should leave keys unprotected when protection is disposable", async () => {
    const plan = await runProgram(() => new Keys("keys", { ...args, protection: "disposable" }));
    assert.equal(plan.named("keys-database").protect, false);
  });

  it("should parent every key to the component when created", async () => {
    const plan = await runProgram(() => new Keys("keys", { ...args, domains: ["logs"] }));
    assert.equal(plan.named("keys-logs").parent, plan.named("keys").urn);
  });

  it("should grant the account root in the key policy when a key is created", async () => {
    const plan = await runProgram(() => new Keys("keys", { ...args, domains: ["database"] }));
    const policy = json<KeyPolicyDocument>(plan.named("keys-database").inputs.policy);
    assert.equal(policy.Statement[0].Principal.AWS, "arn:aws:iam::123456789012:root");
  });

  it("should add caller statements to the domain's key policy when additionalStatements are given", async () => {
    const extra = {
      Sid: "Extra",
      Effect: "Allow" as const,
      Principal: { AWS: "arn:aws:iam::210987654321:root" },
      Action: "kms:Decrypt",
      Resource: "*" as const,
    };
    const plan = await runProgram(
      () => new Keys("keys", { ...args, domains: ["backup"], additionalStatements: { backup: [extra] } }),
    );
    const policy = json<KeyPolicyDocument>(plan.named("keys-backup").inputs.policy);
    assert.ok(policy.Statement.some((s) => s.Sid === "Extra"));
  });

  it("should throw an ArgsError naming every field when args are invalid", async () => {
    assert.throws(
      () => new Keys("keys", { aliasPrefix: "aws-x", deletionWindowDays: 3 }),
      (e: unknown) => e instanceof ArgsError && e.problems.length === 2,
    );
  });

  it("should throw when a domain's key is asked for but not created", async () => {
    let error: unknown;
    await runProgram(() => {
      try {
        new Keys("keys", { ...args, domains: ["logs"] }).key("storage");
      } catch (e) {
        error = e;
      }
    });
    assert.match(String(error), /no key for domain storage/);
  });
});

describe("keysArgsProblems", () => {
  it("should report aliasPrefix when it starts with aws", async () => {
    assert.match(keysArgsProblems({ aliasPrefix: "aws-platform" }).join(), /^aliasPrefix: .*do not start with "aws"/);
  });

  it("should report aliasPrefix when it has characters aliases do not allow", async () => {
    assert.match(keysArgsProblems({ aliasPrefix: "platform dev" }).join(), /^aliasPrefix: /);
  });

  it("should report domains when the list is empty", async () => {
    assert.deepEqual(keysArgsProblems({ ...args, domains: [] }), ["domains: list at least one domain"]);
  });

  it("should report the index when a domain is unknown", async () => {
    assert.match(
      keysArgsProblems({ ...args, domains: ["cache" as never] }).join(),
      /^domains\[0\]: unknown domain "cache"/,
    );
  });

  it("should report the index when a domain is listed twice", async () => {
    assert.deepEqual(keysArgsProblems({ ...args, domains: ["logs", "logs"] }), ["domains[1]: logs is listed twice"]);
  });

  it("should report deletionWindowDays when it is below the KMS minimum", async () => {
    assert.match(
      keysArgsProblems({ ...args, deletionWindowDays: 6 }).join(),
      /^deletionWindowDays: must be a whole number from 7 to 30/,
    );
  });

  it("should report deletionWindowDays when it is above the KMS maximum", async () => {
    assert.match(keysArgsProblems({ ...args, deletionWindowDays: 31 }).join(), /^deletionWindowDays: /);
  });

  it("should skip deletionWindowDays when it is not known yet", async () => {
    assert.deepEqual(keysArgsProblems({ ...args, deletionWindowDays: pulumi.output(3) }), []);
  });

  it("should report protection when it is not retain or disposable", async () => {
    assert.match(
      keysArgsProblems({ ...args, protection: "keep" as never }).join(),
      /^protection: expected retain or disposable/,
    );
  });

  it("should report additionalStatements when they target a domain without a key", async () => {
    const extra = {
      Sid: "X",
      Effect: "Allow" as const,
      Principal: { AWS: "a" },
      Action: "kms:Decrypt",
      Resource: "*" as const,
    };
    assert.deepEqual(keysArgsProblems({ ...args, domains: ["logs"], additionalStatements: { storage: [extra] } }), [
      "additionalStatements.storage: no key is created for this domain",
    ]);
  });
});
