/** Human-readable rendering of an offline plan: the resource tree, counts and findings. */
import type { PlanDocument, PlanFinding, PlanResource } from "../../platform-rules/plan-format";
import { renderWaivers } from "../policy-config/waiver-report";

export function renderPlan(plan: PlanDocument): string {
  const lines: string[] = [];
  const protectedCount = plan.resources.filter((r) => r.protect).length;
  lines.push(`Offline plan for stack "${plan.stack}" (project ${plan.project})`);
  lines.push(
    "Values the cloud computes (ids, ARNs, endpoints, generated passwords) are unknown offline;",
    "the mock engine fills in placeholders (account 123456789012). `pulumi preview` against the",
    "cloud shows them as known after apply.",
    "",
    `Resources: ${plan.resources.length} (${plan.resources.filter((r) => r.custom).length} cloud resources, ${protectedCount} protected [P])`,
  );
  lines.push(...renderTree(plan.resources));
  lines.push("", "Counts by type:");
  for (const [type, count] of countByType(plan.resources)) lines.push(`  ${String(count).padStart(4)}  ${type}`);
  lines.push("", ...renderFindings(plan.findings, plan.resources));
  if (plan.waivers) lines.push("", ...renderWaivers(plan.waivers));
  return lines.join("\n");
}

function renderTree(resources: readonly PlanResource[]): string[] {
  const children = new Map<string, PlanResource[]>();
  const roots: PlanResource[] = [];
  const known = new Set(resources.map((r) => r.urn));
  for (const r of resources) {
    if (r.parent && known.has(r.parent)) {
      const list = children.get(r.parent) ?? [];
      list.push(r);
      children.set(r.parent, list);
    } else {
      roots.push(r);
    }
  }
  const out: string[] = [];
  const walk = (r: PlanResource, prefix: string, last: boolean, depth: number) => {
    const branch = depth === 0 ? "" : last ? "└─ " : "├─ ";
    out.push(`${prefix}${branch}${r.type}  ${r.name}${r.protect ? "  [P]" : ""}`);
    const kids = children.get(r.urn) ?? [];
    const nextPrefix = depth === 0 ? "" : prefix + (last ? "   " : "│  ");
    kids.forEach((k, i) => walk(k, nextPrefix, i === kids.length - 1, depth + 1));
  };
  roots.forEach((r, i) => walk(r, "", i === roots.length - 1, 0));
  return out;
}

function countByType(resources: readonly PlanResource[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function renderFindings(findings: readonly PlanFinding[], resources: readonly PlanResource[]): string[] {
  const names = new Map(resources.map((r) => [r.urn, `${r.type} ${r.name}`]));
  const mandatory = findings.filter((f) => f.enforcementLevel === "mandatory").length;
  const advisory = findings.filter((f) => f.enforcementLevel === "advisory").length;
  const out = [`Policy findings: ${mandatory} mandatory, ${advisory} advisory`];
  if (findings.length === 0) out.push("  none: every policy pack in policies/ passed.");
  const byPack = new Map<string, PlanFinding[]>();
  for (const f of findings) byPack.set(f.pack, [...(byPack.get(f.pack) ?? []), f]);
  for (const [pack, list] of byPack) {
    out.push(`  ${pack}:`);
    for (const f of list) {
      const where = f.urn ? ` on ${names.get(f.urn) ?? f.urn}` : "";
      out.push(`    [${f.enforcementLevel}] ${f.policy}${where}`, `      ${f.message}`);
    }
  }
  return out;
}
