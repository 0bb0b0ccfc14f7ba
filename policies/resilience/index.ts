/**
 * The CrossGuard entry point: `pulumi preview --policy-pack policies/resilience`. Constructing a
 * PolicyPack starts the analyzer's gRPC server, so nothing else may import this file; tests,
 * docs and the offline runner import ./pack instead.
 */
import { PolicyPack } from "@pulumi/policy";
import { resiliencePack } from "./pack";

new PolicyPack(resiliencePack.name, {
  description: resiliencePack.description,
  enforcementLevel: "mandatory",
  policies: resiliencePack.policies.map((p) => p.policy),
});
