import type { PackDefinition } from "../lib/types";
import { drRecoveryObjectives } from "./policies/dr-recovery-objectives";

export const resiliencePack: PackDefinition = {
  name: "resilience",
  description: "The DR failover DNS (health-check detection and record TTL) and the replication-lag alarm fit the recovery time and point objectives (PCI DSS v4.0.1 12.10.1).",
  policies: [drRecoveryObjectives],
};
