/**
 * The CrossGuard entry point: `pulumi preview --policy-pack policies/encryption`. Constructing a
 * PolicyPack starts the analyzer's gRPC server, so nothing else may import this file; tests,
 * docs and the offline runner import ./pack instead.
 */
import { PolicyPack } from "@pulumi/policy";
import { encryptionPack } from "./pack";

new PolicyPack(encryptionPack.name, {
  description: encryptionPack.description,
  enforcementLevel: "mandatory",
  policies: encryptionPack.policies.map((p) => p.policy),
});
