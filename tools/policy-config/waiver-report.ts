/**
 * The stack's waivers as `npm run plan` and `npm run policy:check` show them: every waiver in the
 * pack configs, whether its approval is provisional (no named person yet), the day it holds until,
 * whether it has expired and how many findings it waived in this run. A waiver that waives nothing
 * is shown too: the resource was fixed or renamed, and the entry should go.
 */
import type { PlanFinding, PlanWaiver } from "../../platform-rules/plan-format";
import { PROVISIONAL_WAIVERS_HOLD_UNTIL } from "../../platform-rules/policy-waivers";
import { holdsUntil, isExpired, isProvisional, waiverApplies, waiversOf } from "../../policies/lib/waivers";

const WAIVED_MARK = "\n[waived] ";

/** Every waiver of `packConfig` (pack → policy → { waivers }), with what it does in the run that produced `findings`. */
export function waiverReport(
  packConfig: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  findings: readonly PlanFinding[],
  now: Date = new Date(),
): PlanWaiver[] {
  return Object.values(packConfig).flatMap((pack) =>
    Object.entries(pack).flatMap(([policy, config]) =>
      waiversOf(config).map((w) => ({
        policy,
        resource: w.resource,
        ...(w.type !== undefined ? { type: w.type } : {}),
        reason: w.reason,
        approver: w.approver,
        expires: w.expires,
        holdsUntil: holdsUntil(w),
        provisional: isProvisional(w),
        expired: isExpired(w, now),
        waivedFindings: findings.filter(
          (f) => f.policy === policy && !!f.urn && f.message.includes(WAIVED_MARK) && waiverApplies(w, f.urn),
        ).length,
      })),
    ),
  );
}

/** Human lines for the plan and policy:check output. */
export function renderWaivers(waivers: readonly PlanWaiver[]): string[] {
  if (waivers.length === 0) return ["Waivers (platform:policyWaivers): none"];
  const provisional = waivers.filter((w) => w.provisional).length;
  const head = `Waivers (platform:policyWaivers): ${waivers.length}, ${provisional} provisional${
    provisional > 0
      ? ` (no named person has accepted the risk; each holds at most until ${PROVISIONAL_WAIVERS_HOLD_UNTIL})`
      : ""
  }`;
  return [
    head,
    ...waivers.flatMap((w) => {
      const tag = w.expired ? "expired" : w.provisional ? "provisional" : "waiver";
      const until = `holds until ${w.holdsUntil}${w.holdsUntil === w.expires ? "" : ` (entered ${w.expires})`}`;
      const effect =
        w.waivedFindings === 0
          ? "waives nothing (remove it?)"
          : `waives ${w.waivedFindings} finding${w.waivedFindings === 1 ? "" : "s"}`;
      return [
        `  [${tag}] ${w.policy} on ${w.resource}${w.type ? ` (${w.type})` : ""}: approver ${w.approver}, ${until}, ${effect}`,
        `      ${w.reason}`,
      ];
    }),
  ];
}
