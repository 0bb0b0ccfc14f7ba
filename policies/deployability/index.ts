/**
 * The CrossGuard entry point: `pulumi preview --policy-pack policies/deployability`. Constructing a
 * PolicyPack starts the analyzer's gRPC server, so nothing else may import this file; tests,
 * docs and the offline runner import ./pack instead.
 */
import { PolicyPack } from "@pulumi/policy";
import { deployabilityPack } from "./pack";

new PolicyPack(deployabilityPack.name, {
  description: deployabilityPack.description,
  enforcementLevel: "mandatory",
  policies: deployabilityPack.policies.map((p) => p.policy),
});
