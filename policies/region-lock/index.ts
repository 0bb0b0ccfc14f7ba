/**
 * The CrossGuard entry point: `pulumi preview --policy-pack policies/region-lock`. Constructing a
 * PolicyPack starts the analyzer's gRPC server, so nothing else may import this file; tests,
 * docs and the offline runner import ./pack instead.
 */
import { PolicyPack } from "@pulumi/policy";
import { regionLockPack } from "./pack";

new PolicyPack(regionLockPack.name, {
  description: regionLockPack.description,
  enforcementLevel: "mandatory",
  policies: regionLockPack.policies.map((p) => p.policy),
});
