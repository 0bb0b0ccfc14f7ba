import assert from "node:assert/strict";
import * as path from "node:path";
import { decodeSecrets, InputFileError, loadInput, parseInput } from "./input-file";
import { ENCRYPTED_SECRET } from "./proxy";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";
const FIXTURE = path.join(__dirname, "..", "fixtures", "stack-export.prod.json");

describe("input-file", () => {
  it("should decode a plaintext secret from its JSON text", async () => {
    assert.deepEqual(decodeSecrets({ a: { [SIG]: SECRET, plaintext: '{"variables":{"X":"1"}}' } }), {
      a: { variables: { X: "1" } },
    });
  });

  it("should mark a ciphertext secret as unreadable rather than guess its value", async () => {
    assert.deepEqual(decodeSecrets([{ [SIG]: SECRET, ciphertext: "v1:abc" }]), [ENCRYPTED_SECRET]);
  });

  it("should read a stack export's stack and project from its URNs", async () => {
    const input = loadInput(FIXTURE);
    assert.deepEqual([input.format, input.stack, input.project], ["stack-export", "prod", "platform"]);
  });

  it("should leave out resources pending deletion", async () => {
    assert.equal(
      loadInput(FIXTURE).resources.some((r) => r.name === "old-queue"),
      false,
    );
  });

  it("should take the logical name from the URN and keep the provider reference", async () => {
    const q = loadInput(FIXTURE).resources.find((r) => r.type === "aws:sqs/queue:Queue")!;
    assert.deepEqual(
      [q.name, q.provider?.startsWith("urn:pulumi:prod::platform::pulumi:providers:aws::aws-primary::")],
      ["audit-events", true],
    );
  });

  it("should read an offline plan document", async () => {
    const input = parseInput(
      { schemaVersion: 1, stack: "dev", project: "platform", resources: [], findings: [] },
      "plan.json",
    );
    assert.deepEqual([input.format, input.stack], ["plan", "dev"]);
  });

  it("should reject a document that is neither a plan nor a stack export", async () => {
    assert.throws(() => parseInput({ resources: [] }, "x.json"), /x.json is neither an offline plan/);
  });

  it("should reject an unsupported stack export version", async () => {
    assert.throws(
      () => parseInput({ version: 2, deployment: {} }, "x.json"),
      /unsupported stack export version 2; expected 3/,
    );
  });

  it("should name the resource index and field of a malformed resource", async () => {
    assert.throws(
      () => parseInput({ version: 3, deployment: { resources: [{ urn: "not-a-urn", type: 4 }] } }, "x.json"),
      /deployment\.resources\[0\]\.urn: expected a Pulumi URN string/,
    );
  });

  it("should say the file is missing", async () => {
    assert.throws(
      () => loadInput("/nonexistent/plan.json"),
      (e: Error) => e instanceof InputFileError && /no such file/.test(e.message),
    );
  });
});
