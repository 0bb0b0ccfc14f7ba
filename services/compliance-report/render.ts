/** The report as Markdown, JSON or a self-contained HTML page. Every value from AWS is escaped. */
import type { ComplianceReport, ComplianceType, NonCompliantResource, RuleResult } from "./report";

export const FORMATS = ["md", "json", "html"] as const;
export type Format = (typeof FORMATS)[number];

export function render(report: ComplianceReport, format: Format): string {
  if (format === "json") return `${JSON.stringify(report, null, 2)}\n`;
  if (format === "html") return renderHtml(report);
  return renderMarkdown(report);
}

const LABEL: Readonly<Record<ComplianceType, string>> = {
  COMPLIANT: "COMPLIANT",
  NON_COMPLIANT: "NON_COMPLIANT",
  NOT_APPLICABLE: "NOT_APPLICABLE",
  INSUFFICIENT_DATA: "INSUFFICIENT_DATA",
};

/** Escapes text for a Markdown table cell: pipes, backslashes, line breaks, HTML. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/[*_`[\]]/g, (c) => `\\${c}`)
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r?\n/g, " ");
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function summaryLine(r: ComplianceReport): string {
  const s = r.summary;
  const only = s.onlyExceptions > 0 ? ` (${s.onlyExceptions} of them only on documented exceptions)` : "";
  return (
    `${s.rules} rules: ${s.NON_COMPLIANT} non-compliant${only}, ${s.COMPLIANT} compliant, ` +
    `${s.INSUFFICIENT_DATA} insufficient data, ${s.NOT_APPLICABLE} not applicable`
  );
}

/** The exception next to its NON_COMPLIANT resource: what an assessor reads instead of a bare failure. */
function exceptionText(res: NonCompliantResource): string | undefined {
  const e = res.exception;
  if (!e) return undefined;
  return (
    `DOCUMENTED EXCEPTION (platform-rules/config-rules/exceptions.ts): ${e.reason} ` +
    `Compensating control: ${e.compensatingControl} Approved by ${e.approver}; review by ${e.reviewBy}.`
  );
}

const complianceLabel = (rule: RuleResult) =>
  rule.onlyExceptions ? `${LABEL[rule.compliance]} (documented exceptions only)` : LABEL[rule.compliance];

function markdownRules(rules: readonly RuleResult[]): string[] {
  const lines = ["| Rule | Managed rule | Compliance | Non-compliant resources |", "| --- | --- | --- | --- |"];
  for (const rule of rules) {
    lines.push(
      `| ${escapeMarkdown(rule.name)} | ${escapeMarkdown(rule.identifier ?? "custom")} | ${complianceLabel(rule)} | ${rule.nonCompliantCount} |`,
    );
  }
  const failing = rules.filter((r) => r.nonCompliantResources.length > 0);
  for (const rule of failing) {
    lines.push("", `Non-compliant resources of ${escapeMarkdown(rule.name)}:`, "");
    for (const res of rule.nonCompliantResources) {
      const exception = exceptionText(res);
      lines.push(
        `- ${escapeMarkdown(res.resourceType)} \`${res.resourceId.replace(/`/g, "'")}\`${res.annotation ? `: ${escapeMarkdown(res.annotation)}` : ""}` +
          `${exception ? ` — ${escapeMarkdown(exception)}` : ""}`,
      );
    }
  }
  return lines;
}

function renderMarkdown(r: ComplianceReport): string {
  const lines = [
    `# PCI DSS v${r.pciDssVersion} compliance report (AWS Config)`,
    "",
    `Region ${escapeMarkdown(r.region)}${r.rulesPrefix ? `, rules named ${escapeMarkdown(r.rulesPrefix)}*` : ""}; generated ${r.generatedAt}.`,
    "",
    `**${summaryLine(r)}.**`,
    "",
    "| Requirement | Title | Status | Rules |",
    "| --- | --- | --- | --- |",
    ...r.requirements.map(
      (s) => `| ${s.requirement} | ${escapeMarkdown(s.title)} | ${LABEL[s.status]} | ${s.rules.length} |`,
    ),
  ];
  // Appended one by one, never spread into push(): an account with 200,000 rules would pass
  // more arguments than a call may take (RangeError).
  const append = (more: readonly string[]) => {
    for (const line of more) lines.push(line);
  };
  for (const s of r.requirements) {
    append(["", `## ${s.requirement} ${escapeMarkdown(s.title)}`, "", `Status: ${LABEL[s.status]}`, ""]);
    append(markdownRules(s.rules));
  }
  if (r.unmapped.length > 0) {
    append(["", "## Rules without a PCI DSS requirement", ""]);
    append(markdownRules(r.unmapped));
  }
  if (r.summary.rules === 0)
    lines.push(
      "",
      "No AWS Config rules found. Deploy the stack's compliance part, or check --region and --rules-prefix.",
    );
  return `${lines.join("\n")}\n`;
}

function htmlRules(rules: readonly RuleResult[]): string {
  const rows = rules
    .map((rule) => {
      const resources = rule.nonCompliantResources
        .map(
          (res) =>
            `<li><code>${escapeHtml(res.resourceType)}</code> ` +
            `<code>${escapeHtml(res.resourceId)}</code>${res.annotation ? ` – ${escapeHtml(res.annotation)}` : ""}` +
            `${exceptionText(res) ? `<br><em>${escapeHtml(exceptionText(res)!)}</em>` : ""}</li>`,
        )
        .join("");
      return (
        `<tr class="${rule.compliance.toLowerCase()}"><td>${escapeHtml(rule.name)}</td><td>${escapeHtml(rule.identifier ?? "custom")}</td>` +
        `<td>${complianceLabel(rule)}</td><td>${rule.nonCompliantCount}${resources ? `<ul>${resources}</ul>` : ""}</td></tr>`
      );
    })
    .join("\n");
  return (
    `<table><thead><tr><th>Rule</th><th>Managed rule</th><th>Compliance</th><th>Non-compliant ` +
    `resources</th></tr></thead><tbody>\n${rows}\n</tbody></table>`
  );
}

function renderHtml(r: ComplianceReport): string {
  const sections = r.requirements
    .map(
      (s) =>
        `<section><h2>${escapeHtml(s.requirement)} ${escapeHtml(s.title)}</h2><p>Status: ` +
        `<strong>${LABEL[s.status]}</strong></p>${htmlRules(s.rules)}</section>`,
    )
    .join("\n");
  const unmapped =
    r.unmapped.length > 0
      ? `<section><h2>Rules without a PCI DSS requirement</h2>${htmlRules(r.unmapped)}</section>`
      : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>PCI DSS v${escapeHtml(r.pciDssVersion)} compliance report</title>
<style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem;vertical-align:top}
tr.non_compliant td:nth-child(3){color:#a00;font-weight:bold}tr.compliant td:nth-child(3){color:#070}</style></head>
<body><h1>PCI DSS v${escapeHtml(r.pciDssVersion)} compliance report (AWS Config)</h1>
<p>Region ${escapeHtml(r.region)}${r.rulesPrefix ? `, rules named ${escapeHtml(r.rulesPrefix)}*` : ""}; generated ${escapeHtml(r.generatedAt)}.</p>
<p><strong>${escapeHtml(summaryLine(r))}.</strong></p>
${sections}
${unmapped}
</body></html>
`;
}
