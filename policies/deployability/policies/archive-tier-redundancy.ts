/**
 * The Archive access tier exists only on LRS, GRS and RA-GRS storage accounts; ZRS, GZRS and
 * RA-GZRS accounts do not support it, so a lifecycle rule moving blobs to Archive on such an
 * account never applies (setting a blob's tier to Archive there is refused).
 *
 * Sources: https://learn.microsoft.com/en-us/azure/storage/blobs/access-tiers-overview ("Archive
 * tier ... supported only for ... LRS, GRS, or RA-GRS"; not ZRS, GZRS, RA-GZRS),
 * https://learn.microsoft.com/en-us/azure/storage/blobs/lifecycle-management-overview, issue 12 Found 14.
 */
import { asArray, asObject, asString, baseType, peek } from "../../lib/props";
import { judgeEach } from "../../lib/judge";
import { stackPolicy, type PolicyResource } from "../../lib/types";

const ACCOUNT = "azure-native:storage:StorageAccount";
const MANAGEMENT_POLICY = "azure-native:storage:ManagementPolicy";
export const NO_ARCHIVE_SKUS = [
  "Standard_ZRS",
  "Standard_GZRS",
  "Standard_RAGZRS",
  "Premium_ZRS",
  "Premium_LRS",
] as const;

/** Rules (by name) whose actions move anything to the Archive tier. */
export function archivingRules(policy: unknown): string[] {
  return asArray(asObject(policy)?.["rules"]).flatMap((raw) => {
    const rule = asObject(raw);
    const actions = asObject(asObject(rule?.["definition"])?.["actions"]) ?? {};
    const archives = Object.values(actions).some((a) => asObject(a)?.["tierToArchive"] !== undefined);
    return archives && rule?.["enabled"] !== false ? [asString(rule?.["name"]) ?? "(unnamed)"] : [];
  });
}

function accountOf(policy: PolicyResource, all: readonly PolicyResource[]): PolicyResource | undefined {
  const deps = new Set((policy.propertyDependencies["accountName"] ?? []).map((d) => d.urn));
  const name = peek(policy.props, "accountName");
  return all.find(
    (r) =>
      baseType(r.type) === ACCOUNT &&
      (deps.has(r.urn) || (name !== undefined && peek(r.props, "accountName") === name)),
  );
}

export const archiveTierRedundancy = stackPolicy({
  name: "archive-tier-redundancy",
  description:
    "Lifecycle rules move blobs to the Archive tier only on accounts whose redundancy supports it (LRS, GRS, RA-GRS; not ZRS, GZRS, RA-GZRS).",
  enforcementLevel: "mandatory",
  pci: ["10.5.1"],
  resourceTypes: [MANAGEMENT_POLICY, ACCOUNT],
  fix: "Use tierToCold (or tierToCool) instead of tierToArchive on a ZRS/GZRS/RA-GZRS account, or keep archived data in an LRS/GRS/RA-GRS account.",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    judgeEach(
      args.resources.filter((r) => baseType(r.type) === MANAGEMENT_POLICY),
      report,
      (mp) => {
        const account = accountOf(mp, args.resources);
        const sku = account ? asString(asObject(peek(account.props, "sku"))?.["name"]) : undefined;
        if (!account || !sku || !(NO_ARCHIVE_SKUS as readonly string[]).includes(sku)) return;
        const rules = archivingRules(peek(mp.props, "policy"));
        if (rules.length === 0) return;
        report(
          `${mp.name} moves blobs to Archive (rules ${rules.join(", ")}) on ${account.name}, a ` +
            `${sku} account, which has no Archive tier: use tierToCold, or keep archives in an ` +
            `LRS/GRS/RA-GRS account.`,
          mp.urn,
        );
      },
    );
  },
});
