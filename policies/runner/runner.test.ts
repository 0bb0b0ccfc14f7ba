import assert from "node:assert/strict";
import type { PlanResource } from "../../platform-rules/plan-format";
import type { PackDefinition, PolicyResource, ResourceValidationArgs, StackValidationArgs } from "../lib/types";
import { resourcePolicy, stackPolicy } from "../lib/types";
import { awsProvider, resource, urnOf, withProviders } from "../testing/fixtures";
import { PolicyConfigError, PolicyRuntimeError, runPolicyPacks } from ".";
import { ENCRYPTED_SECRET, UNKNOWN_STRING } from "./proxy";

const QUEUE = "aws:sqs/queue:Queue";

/** A one-policy pack whose validation records the args it saw and reports what it is told. */
function probePack(
  onResource: (args: ResourceValidationArgs, report: (m: string, urn?: string) => void) => void,
  extra: Partial<Parameters<typeof resourcePolicy>[0]> = {},
): PackDefinition {
  return {
    name: "probe",
    description: "test pack",
    policies: [
      resourcePolicy({
        name: "probe-policy",
        description: "Probe.",
        enforcementLevel: "mandatory",
        pci: ["1.1.1"],
        resourceTypes: ["*"],
        fix: "n/a",
        configSchema: { properties: { limit: { type: "number", minimum: 1, default: 5 } } },
        validateResource: onResource,
        ...extra,
      }),
    ],
  };
}

function stackProbe(
  onStack: (args: StackValidationArgs, report: (m: string, urn?: string) => void) => void,
): PackDefinition {
  return {
    name: "probe",
    description: "test pack",
    policies: [
      stackPolicy({
        name: "stack-probe",
        description: "Stack probe.",
        enforcementLevel: "mandatory",
        pci: ["1.1.1"],
        resourceTypes: ["*"],
        fix: "n/a",
        configSchema: { properties: {} },
        validateStack: onStack,
      }),
    ],
  };
}

const run = (resources: readonly PlanResource[], pack: PackDefinition, config?: Record<string, unknown>) =>
  runPolicyPacks(withProviders(resources), {
    stack: "dev",
    project: "platform",
    packs: [pack],
    ...(config ? { config } : {}),
  });

describe("runPolicyPacks", () => {
  it("should hand a resource policy the resource's type, name, urn and props", async () => {
    const seen: ResourceValidationArgs[] = [];
    await run(
      [resource(QUEUE, "q", { delaySeconds: 3 })],
      probePack((a) => void (a.type === QUEUE && seen.push(a))),
    );
    assert.deepEqual(
      [seen[0].type, seen[0].name, seen[0].urn, seen[0].props.delaySeconds],
      [QUEUE, "q", urnOf(QUEUE, "q"), 3],
    );
  });

  it("should hand the provider as {type, props, urn, name} with props readable", async () => {
    const seen: ResourceValidationArgs[] = [];
    await run(
      [resource(QUEUE, "q", {})],
      probePack((a) => void (a.type === QUEUE && seen.push(a))),
    );
    const p = seen[0].provider!;
    assert.deepEqual(
      [p.type, p.name, p.urn, p.props.region],
      ["pulumi:providers:aws", "aws", awsProvider().urn, "us-east-1"],
    );
  });

  it("should hand resource options with the analyzer's defaults", async () => {
    const seen: ResourceValidationArgs[] = [];
    const q = {
      ...resource(QUEUE, "q", {}, { protect: true }),
      options: { ignoreChanges: ["tags"], deleteBeforeReplace: true },
    };
    await run(
      [q],
      probePack((a) => void (a.type === QUEUE && seen.push(a))),
    );
    assert.deepEqual(seen[0].opts, {
      protect: true,
      ignoreChanges: ["tags"],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
      deleteBeforeReplace: true,
      parent: q.parent,
    });
  });

  it("should give getConfig the schema defaults overridden by the config, without enforcementLevel", async () => {
    const seen: unknown[] = [];
    await run(
      [resource(QUEUE, "q", {})],
      probePack((a) => void seen.push(a.getConfig())),
      { "probe-policy": { enforcementLevel: "advisory", limit: 9 } },
    );
    assert.deepEqual(seen[0], { limit: 9 });
  });

  it("should answer isType and asType from a class's __pulumiType", async () => {
    const seen: [boolean, boolean, unknown][] = [];
    const Queue = { __pulumiType: QUEUE } as unknown as new () => never;
    const Topic = { __pulumiType: "aws:sns/topic:Topic" } as unknown as new () => never;
    await run(
      [resource(QUEUE, "q", { a: 1 })],
      probePack(
        (a) =>
          void (
            a.type === QUEUE &&
            seen.push([
              a.isType(Queue as never),
              a.isType(Topic as never),
              (a.asType(Queue as never) as { a?: number })?.a,
            ])
          ),
      ),
    );
    assert.deepEqual(seen[0], [true, false, 1]);
  });

  it("should prefix each message with the policy description, as the analyzer does", async () => {
    const [f] = await run(
      [resource(QUEUE, "q", {})],
      probePack((a, report) => void (a.type === QUEUE && report("Fix it."))),
    );
    assert.equal(f.message, "Probe.\nFix it.");
  });

  it("should report nothing for a resource the policy declares not applicable", async () => {
    const findings = await run(
      [resource(QUEUE, "q", {})],
      probePack((a, report) => {
        a.notApplicable("not mine");
        report("unreachable");
      }),
    );
    assert.deepEqual(findings, []);
  });

  it("should turn a read of an unknown value into an advisory finding instead of judging it", async () => {
    const findings = await run(
      [resource(QUEUE, "q", { kmsMasterKeyId: UNKNOWN_STRING })],
      probePack((a, report) => {
        if (a.type === QUEUE && !a.props.kmsMasterKeyId) report("no key");
      }),
    );
    assert.deepEqual(
      findings.map((f) => [
        f.enforcementLevel,
        /string value at \.kmsMasterKeyId can't be known during preview/.test(f.message),
      ]),
      [["advisory", true]],
    );
  });

  it("should report a read of an encrypted stack-export secret at the policy's level, not as advisory", async () => {
    const findings = await run(
      [resource(QUEUE, "q", { kmsMasterKeyId: ENCRYPTED_SECRET })],
      probePack((a, report) => {
        if (a.type === QUEUE && !a.props.kmsMasterKeyId) report("no key");
      }),
    );
    assert.deepEqual(
      findings.map((f) => [
        f.enforcementLevel,
        /secret value at \.kmsMasterKeyId is encrypted .*--show-secrets/.test(f.message),
      ]),
      [["mandatory", true]],
    );
  });

  it("should take a violation object's own enforcement level, urn and message, as the analyzer does", async () => {
    const q = resource(QUEUE, "q", {});
    const findings = await run(
      [q],
      stackProbe((_a, report) => {
        (report as unknown as (v: object) => void)({ message: "later", urn: q.urn, enforcementLevel: "advisory" });
        report("now", q.urn);
      }),
    );
    assert.deepEqual(
      findings.map((f) => [f.enforcementLevel, f.message, f.type]),
      [
        ["advisory", "later", QUEUE],
        ["mandatory", "Stack probe.\nnow", QUEUE],
      ],
    );
  });

  it("should report remediate as mandatory, since nothing is remediated offline", async () => {
    const [f] = await run(
      [resource(QUEUE, "q", {})],
      probePack((a, r) => void (a.type === QUEUE && r("x"))),
      { "probe-policy": "remediate" },
    );
    assert.equal(f.enforcementLevel, "mandatory");
  });

  it("should skip a policy the config disables", async () => {
    assert.deepEqual(
      await run(
        [resource(QUEUE, "q", {})],
        probePack((_a, r) => r("x")),
        { "probe-policy": "disabled" },
      ),
      [],
    );
  });

  it('should apply an "all" enforcement level to every policy', async () => {
    const findings = await run(
      [resource(QUEUE, "q", {})],
      probePack((a, r) => void (a.type === QUEUE && r("x"))),
      { all: "advisory" },
    );
    assert.deepEqual(
      findings.map((f) => f.enforcementLevel),
      ["advisory"],
    );
  });

  it("should reject config for a policy no pack has, naming it", async () => {
    await assert.rejects(
      run(
        [],
        probePack(() => undefined),
        { "no-such-policy": "advisory" },
      ),
      (e: Error) => e instanceof PolicyConfigError && /"no-such-policy": no policy of that name/.test(e.message),
    );
  });

  it("should reject a config value that breaks the policy's configSchema, naming policy and property", async () => {
    await assert.rejects(
      run(
        [],
        probePack(() => undefined),
        { "probe-policy": { limit: 0 } },
      ),
      /probe\/probe-policy\.limit: must be at least 1/,
    );
  });

  it("should reject an unknown config property, listing the known ones", async () => {
    await assert.rejects(
      run(
        [],
        probePack(() => undefined),
        { "probe-policy": { limt: 3 } },
      ),
      /probe\/probe-policy\.limt: unknown property \(known: limit, waivers\)/,
    );
  });

  it("should reject an unknown enforcement level", async () => {
    await assert.rejects(
      run(
        [],
        probePack(() => undefined),
        { "probe-policy": "warn" },
      ),
      /enforcement level "warn" is not one of advisory, mandatory, remediate, disabled/,
    );
  });

  it("should fail loudly, naming policy and resource, when a policy throws", async () => {
    await assert.rejects(
      run(
        [resource(QUEUE, "q", {})],
        probePack(() => {
          throw new Error("boom");
        }),
      ),
      (e: Error) => e instanceof PolicyRuntimeError && /probe-policy.*boom/.test(e.message),
    );
  });

  it("should give stack policies every resource with its parent and property dependencies as objects", async () => {
    const seen: PolicyResource[][] = [];
    const key = resource("aws:kms/key:Key", "k", {});
    const q = resource(QUEUE, "q", {}, { propertyDependencies: { kmsMasterKeyId: [key.urn] } });
    const stack: PlanResource = {
      ...resource("pulumi:pulumi:Stack", "platform-dev", {}),
      parent: undefined,
      urn: q.parent!,
    };
    await run(
      [stack, key, q],
      stackProbe((a) => void seen.push(a.resources)),
    );
    const queue = seen[0].find((r) => r.urn === q.urn)!;
    assert.deepEqual(
      [queue.parent?.type, queue.propertyDependencies.kmsMasterKeyId?.[0]?.name, queue.dependencies.map((d) => d.name)],
      ["pulumi:pulumi:Stack", "k", ["k"]],
    );
  });

  it("should attach the type of the resource a stack policy names in its report", async () => {
    const q = resource(QUEUE, "q", {});
    const [f] = await run(
      [q],
      stackProbe((_a, report) => report("bad queue", q.urn)),
    );
    assert.deepEqual([f.urn, f.type], [q.urn, QUEUE]);
  });
});
