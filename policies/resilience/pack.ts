import type { PackDefinition } from "../lib/types";
import { alarmActionsRouted } from "./policies/alarm-actions-routed";
import { alarmTopicsSubscribed } from "./policies/alarm-topics-subscribed";
import { drRecoveryObjectives } from "./policies/dr-recovery-objectives";

export const resiliencePack: PackDefinition = {
  name: "resilience",
  description:
    "The DR failover DNS (health-check detection and record TTL) and the replication-lag alarm " +
    "fit the recovery time and point objectives (PCI DSS v4.0.1 12.10.1), and every alarm " +
    "reaches someone (10.7.2, 12.10.5).",
  policies: [drRecoveryObjectives, alarmActionsRouted, alarmTopicsSubscribed],
};
