/**
 * Parity with the real analyzer: starts the encryption and region-lock packs exactly as the
 * Pulumi CLI does (their index.ts constructs a PolicyPack, which serves gRPC on 127.0.0.1),
 * sends the stack-export fixture's resources as the engine would, and compares the real
 * diagnostics with what the offline runner reports for the same resources.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import type { PlanFinding, PlanResource } from "../../platform-rules/plan-format";
import { PACKS } from "../catalog";
import { runPolicyPacks } from ".";
import { loadInput } from "./input-file";
import { UNKNOWN_STRING } from "./proxy";
import { providerUrn } from "./resources";

const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const load = (m: string): any => require(require.resolve(m, { paths: [pulumiDir] }));
const grpc = load("@grpc/grpc-js");
const pb = load("@pulumi/pulumi/proto/analyzer_pb");
const rpc = load("@pulumi/pulumi/proto/analyzer_grpc_pb");
const { Struct } = load("google-protobuf/google/protobuf/struct_pb");

const LEVELS = ["advisory", "mandatory", "disabled", "remediate"];
const FIXTURE = path.join(__dirname, "..", "fixtures", "stack-export.prod.json");

async function startPack(pack: string): Promise<{ child: ChildProcess; client: any }> {
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "index.ts"], {
    cwd: path.join(__dirname, "..", pack),
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim()));
    child.once("exit", (code) => reject(new Error(`pack ${pack} exited ${code}`)));
  });
  return { child, client: new rpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) };
}

function options(r: PlanResource): any {
  const o = new pb.AnalyzerResourceOptions();
  o.setProtect(r.protect);
  if (r.parent) o.setParent(r.parent);
  return o;
}

function provider(r: PlanResource, all: readonly PlanResource[]): any {
  const p = r.provider ? all.find((x) => x.urn === providerUrn(r.provider!)) : undefined;
  if (!p) return undefined;
  const msg = new pb.AnalyzerProviderResource();
  msg.setType(p.type);
  msg.setUrn(p.urn);
  msg.setName(p.name);
  msg.setProperties(Struct.fromJavaScript(p.inputs));
  return msg;
}

const call = (client: any, method: string, req: any): Promise<any> =>
  new Promise((resolve, reject) =>
    client[method](req, (err: Error | null, res: any) => (err ? reject(err) : resolve(res))),
  );

const describeDiag = (d: any): string =>
  `${d.getPolicyname()}|${LEVELS[d.getEnforcementlevel()]}|${d.getUrn()}|${d.getMessage()}`;
const describeFinding = (f: PlanFinding, urn: string): string =>
  `${f.policy}|${f.enforcementLevel}|${f.urn ?? urn}|${f.message}`;

/** The fixture plus violations for every code path: a stack-policy breach, an unknown value, a tag problem. */
function parityResources(): PlanResource[] {
  const fixture = loadInput(FIXTURE).resources;
  const queue = fixture.find((r) => r.type === "aws:sqs/queue:Queue")!;
  const extra: PlanResource[] = [
    {
      ...queue,
      urn: queue.urn.replace("audit-events", "pending-key"),
      name: "pending-key",
      inputs: { kmsMasterKeyId: UNKNOWN_STRING },
    },
    {
      ...queue,
      urn: queue.urn.replace("audit-events", "moved"),
      name: "moved",
      inputs: { kmsMasterKeyId: "alias/aws/sqs", region: "eu-west-1", tags: { Environment: "qa" } },
    },
  ];
  return [
    ...fixture.map((r) => (r.name === "trade-archive-tls" ? { ...r, inputs: { ...r.inputs, policy: "{}" } } : r)),
    ...extra,
  ];
}

for (const pack of ["tagging", "encryption", "region-lock"]) {
  describe(`runner parity with the real analyzer (${pack} pack)`, () => {
    let served: { child: ChildProcess; client: any };
    const resources = parityResources();
    before(async () => {
      served = await startPack(pack);
    });
    after(async () => {
      served?.client.close();
      served?.child.kill();
    });

    it("should report the same resource-policy diagnostics as the analyzer, unknown values included", async () => {
      const real: string[] = [];
      for (const r of resources) {
        const req = new pb.AnalyzeRequest();
        req.setType(r.type);
        req.setUrn(r.urn);
        req.setName(r.name);
        req.setProperties(Struct.fromJavaScript(r.inputs));
        req.setOptions(options(r));
        const p = provider(r, resources);
        if (p) req.setProvider(p);
        const res = await call(served.client, "analyze", req);
        real.push(
          ...res.getDiagnosticsList().map((d: any) => describeDiag(d).replace(/^([^|]*\|[^|]*\|)\|/, `$1${r.urn}|`)),
        );
      }
      const definition = PACKS.find((p) => p.name === pack)!;
      const resourceOnly = { ...definition, policies: definition.policies.filter((d) => d.kind === "resource") };
      const ours = (await runPolicyPacks(resources, { stack: "prod", project: "platform", packs: [resourceOnly] })).map(
        (f) => describeFinding(f, ""),
      );
      assert.deepEqual([ours.sort(), real.length > 0], [real.sort(), true]);
    });

    it("should report the same stack-policy diagnostics as the analyzer", async () => {
      const req = new pb.AnalyzeStackRequest();
      req.setResourcesList(
        resources.map((r) => {
          const m = new pb.AnalyzerResource();
          m.setType(r.type);
          m.setUrn(r.urn);
          m.setName(r.name);
          m.setProperties(Struct.fromJavaScript(r.inputs));
          m.setOptions(options(r));
          if (r.parent) m.setParent(r.parent);
          m.setDependenciesList([...r.dependencies]);
          for (const [k, urns] of Object.entries(r.propertyDependencies)) {
            const deps = new pb.AnalyzerPropertyDependencies();
            deps.setUrnsList([...urns]);
            m.getPropertydependenciesMap().set(k, deps);
          }
          const p = provider(r, resources);
          if (p) m.setProvider(p);
          return m;
        }),
      );
      const res = await call(served.client, "analyzeStack", req);
      const real = res.getDiagnosticsList().map(describeDiag);
      const definition = PACKS.find((p) => p.name === pack)!;
      const stackOnly = { ...definition, policies: definition.policies.filter((d) => d.kind === "stack") };
      const ours = (await runPolicyPacks(resources, { stack: "prod", project: "platform", packs: [stackOnly] })).map(
        (f) => describeFinding(f, ""),
      );
      assert.deepEqual(ours.sort(), real.sort());
    });
  });
}
