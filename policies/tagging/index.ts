/**
 * The CrossGuard entry point: `pulumi preview --policy-pack policies/tagging`. Constructing a
 * PolicyPack starts the analyzer's gRPC server, so nothing else may import this file; tests,
 * docs and the offline runner import ./pack instead.
 */
import { PolicyPack } from "@pulumi/policy";
import { taggingPack } from "./pack";

new PolicyPack(taggingPack.name, {
  description: taggingPack.description,
  enforcementLevel: "mandatory",
  policies: taggingPack.policies.map((p) => p.policy),
});
