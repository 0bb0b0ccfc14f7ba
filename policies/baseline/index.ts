/**
 * The CrossGuard entry point: `pulumi preview --policy-pack policies/baseline`. Constructing a
 * PolicyPack starts the analyzer's gRPC server, so nothing else may import this file; tests,
 * docs and the offline runner import ./pack instead.
 */
import { PolicyPack } from "@pulumi/policy";
import { baselinePack } from "./pack";

new PolicyPack(baselinePack.name, {
  description: baselinePack.description,
  enforcementLevel: "mandatory",
  policies: baselinePack.policies.map((p) => p.policy),
});
