/**
 * Reads rules, their compliance and non-compliant resources from AWS Config with the SDK's
 * paginators. Throttling is the client's job (retryMode "adaptive", see client.ts); this file
 * only walks pages.
 */
import {
  paginateDescribeComplianceByConfigRule,
  paginateDescribeConfigRules,
  paginateGetComplianceDetailsByConfigRule,
  type ConfigServiceClient,
} from "@aws-sdk/client-config-service";
import type { NonCompliantResource, RuleFacts } from "./report";

export interface CollectOptions {
  /** Only rules whose name starts with this. */
  readonly rulesPrefix?: string;
  /** Upper bound of non-compliant resources listed per rule (the count is always exact up to Config's cap). Default 500. */
  readonly maxResourcesPerRule?: number;
  /** Called with a short status line as work progresses. */
  readonly onProgress?: (message: string) => void;
}

/** The AWS Config API calls (IAM actions) the collector makes; the Lambda's role allows exactly these. */
export const REQUIRED_ACTIONS = [
  "config:DescribeConfigRules",
  "config:DescribeComplianceByConfigRule",
  "config:GetComplianceDetailsByConfigRule",
] as const;

export async function collectRuleFacts(
  client: ConfigServiceClient,
  options: CollectOptions = {},
): Promise<RuleFacts[]> {
  const progress = options.onProgress ?? (() => undefined);
  const prefix = options.rulesPrefix ?? "";
  const max = options.maxResourcesPerRule ?? 500;

  const rules: { name: string; identifier?: string; description?: string }[] = [];
  let page = 0;
  for await (const out of paginateDescribeConfigRules({ client }, {})) {
    progress(`Reading rules (page ${++page})`);
    for (const r of out.ConfigRules ?? []) {
      if (!r.ConfigRuleName?.startsWith(prefix)) continue;
      rules.push({
        name: r.ConfigRuleName,
        identifier: r.Source?.Owner === "AWS" ? r.Source.SourceIdentifier : undefined,
        description: r.Description,
      });
    }
  }

  const compliance = new Map<string, { type?: string; count?: number }>();
  page = 0;
  for await (const out of paginateDescribeComplianceByConfigRule({ client }, {})) {
    progress(`Reading compliance (page ${++page})`);
    for (const c of out.ComplianceByConfigRules ?? []) {
      if (c.ConfigRuleName)
        compliance.set(c.ConfigRuleName, {
          type: c.Compliance?.ComplianceType,
          count: c.Compliance?.ComplianceContributorCount?.CappedCount,
        });
    }
  }

  const facts: RuleFacts[] = [];
  const failing = rules.filter((r) => compliance.get(r.name)?.type === "NON_COMPLIANT");
  let done = 0;
  for (const rule of rules) {
    const c = compliance.get(rule.name);
    let resources: NonCompliantResource[] = [];
    if (c?.type === "NON_COMPLIANT") {
      progress(`Reading non-compliant resources (${++done}/${failing.length}) ${rule.name}`);
      resources = await nonCompliantResources(client, rule.name, max);
    }
    facts.push({ ...rule, compliance: c?.type, nonCompliantCount: c?.count, nonCompliantResources: resources });
  }
  return facts;
}

async function nonCompliantResources(
  client: ConfigServiceClient,
  ruleName: string,
  max: number,
): Promise<NonCompliantResource[]> {
  const out: NonCompliantResource[] = [];
  const pages = paginateGetComplianceDetailsByConfigRule(
    { client, pageSize: 100 },
    { ConfigRuleName: ruleName, ComplianceTypes: ["NON_COMPLIANT"] },
  );
  for await (const page of pages) {
    for (const e of page.EvaluationResults ?? []) {
      const q = e.EvaluationResultIdentifier?.EvaluationResultQualifier;
      out.push({
        resourceType: q?.ResourceType ?? "unknown",
        resourceId: q?.ResourceId ?? "unknown",
        annotation: e.Annotation,
        recordedAt: e.ResultRecordedTime?.toISOString(),
      });
      if (out.length >= max) return out;
    }
  }
  return out;
}
