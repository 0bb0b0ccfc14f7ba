/** Text renderings of a cost estimate and of the delta between two estimates. */
import type { CostEstimate, ResourceCost } from "../../platform-rules/cost/estimate-types";

const usd = (n: number): string =>
  `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const signed = (n: number): string => `${n < 0 ? "-" : "+"}${usd(Math.abs(n))}`;
/** Unit prices keep their catalog precision ($0.0000133334), amounts are cents. */
const unitUsd = (n: number): string => `$${n.toLocaleString("en-US", { maximumSignificantDigits: 8 })}`;
const qty = (n: number): string =>
  Number.isInteger(n) ? n.toLocaleString("en-US") : n.toLocaleString("en-US", { maximumFractionDigits: 4 });

export interface RenderOptions {
  /** Also list resources whose monthly amount is $0.00. Default false. */
  readonly all?: boolean;
}

export function renderEstimate(e: CostEstimate, options: RenderOptions = {}): string {
  const lines: string[] = [
    `Monthly cost of stack ${e.stack} (USD, list prices as of ${e.pricesAsOf})`,
    `  total ${usd(e.monthly.total)} = fixed (idle) ${usd(e.monthly.fixed)} + usage ${usd(e.monthly.usage)}`,
    "",
  ];
  const shown = e.resources.filter((r) => options.all || r.monthly > 0);
  for (const r of shown) {
    lines.push(`${usd(r.monthly).padStart(11)}  ${r.name} (${r.type})${r.fixed > 0 ? `, fixed ${usd(r.fixed)}` : ""}`);
    for (const c of r.components) {
      const free = c.freeQuantity ? ` - ${qty(c.freeQuantity)} free` : "";
      lines.push(
        `${"".padStart(13)}${c.kind === "fixed" ? "F" : "U"} ${c.name}: ${qty(c.quantity)}${free} × ${unitUsd(c.unitPrice)}/${c.unit} = ${usd(c.monthly)}`,
      );
    }
  }
  const hidden = e.resources.length - shown.length;
  if (hidden > 0) lines.push(`${"".padStart(13)}(${hidden} priced resources at $0.00 not shown: --all lists them)`);
  lines.push("", "F = fixed (billed with no traffic), U = usage (from the usage assumptions: --usage FILE)");
  if (e.notPriced.length > 0) {
    lines.push("", `NOT PRICED (${e.notPriced.length}): the totals above leave these out`);
    for (const n of e.notPriced) lines.push(`  ${n.type} ${n.urn.split("::").pop()}: ${n.reason}`);
  }
  return lines.join("\n");
}

export interface CostDelta {
  readonly total: number;
  readonly fixed: number;
  readonly changes: readonly {
    readonly urn: string;
    readonly name: string;
    readonly type: string;
    readonly before: number;
    readonly after: number;
  }[];
}

const cents = (n: number): number => Math.round(n * 100) / 100;

export function costDelta(before: CostEstimate, after: CostEstimate): CostDelta {
  const was = new Map<string, ResourceCost>(before.resources.map((r) => [r.urn, r]));
  const now = new Map<string, ResourceCost>(after.resources.map((r) => [r.urn, r]));
  const urns = [...new Set([...was.keys(), ...now.keys()])];
  const changes = urns
    .map((urn) => {
      const r = now.get(urn) ?? was.get(urn)!;
      return { urn, name: r.name, type: r.type, before: was.get(urn)?.monthly ?? 0, after: now.get(urn)?.monthly ?? 0 };
    })
    .filter((c) => Math.abs(c.after - c.before) >= 0.005)
    .sort((a, b) => Math.abs(b.after - b.before) - Math.abs(a.after - a.before));
  return {
    total: cents(after.monthly.total - before.monthly.total),
    fixed: cents(after.monthly.fixed - before.monthly.fixed),
    changes,
  };
}

/** The one-line summary a pull request shows, then the changed resources. */
export function renderDelta(before: CostEstimate, after: CostEstimate): string {
  const d = costDelta(before, after);
  const pct =
    before.monthly.total > 0
      ? ` (${d.total >= 0 ? "+" : ""}${((d.total / before.monthly.total) * 100).toFixed(1)} %)`
      : "";
  const lines = [
    `Stack ${after.stack}: ${usd(after.monthly.total)}/month, ${signed(d.total)}${pct} against ` +
      `${usd(before.monthly.total)}; fixed ${usd(after.monthly.fixed)} (${signed(d.fixed)})`,
  ];
  for (const c of d.changes) {
    const what = c.before === 0 && c.after > 0 ? "added" : c.after === 0 && c.before > 0 ? "removed" : "changed";
    lines.push(
      `  ${signed(c.after - c.before).padStart(11)}  ${c.name} (${c.type}) ${what}: ${usd(c.before)} -> ${usd(c.after)}`,
    );
  }
  if (d.changes.length === 0) lines.push("  no resource changed its cost");
  return lines.join("\n");
}
