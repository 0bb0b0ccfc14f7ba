/**
 * Every file rendered from code (documents, and data one layer needs from a layer it may not
 * import): `npm run docs` writes them, documents.test.ts and `npm run docs -- --check` check them.
 */
import { README, renderReadme } from "./config-table";
import { renderConfigRulesDoc, renderControlsDoc } from "./controls";
import { priceCatalogJsonSchema } from "../../platform-rules/cost/catalog";
import { renderFailoverRunbook } from "../../stacks/docs/failover-timeline";
import { MIGRATIONS_FILE, renderMigrationsFile } from "./migrations";
import { renderPoliciesDoc } from "./policies";
import { PACKS } from "../../policies/catalog";
import { configFile, packConfigsForStack, renderConfigFile, STACKS } from "../policy-config";

export interface GeneratedDoc {
  /** Path from the repository root. */
  readonly path: string;
  readonly render: () => string;
}

export const GENERATED_DOCS: readonly GeneratedDoc[] = [
  { path: "docs/policies.md", render: renderPoliciesDoc },
  { path: "docs/compliance/controls.md", render: renderControlsDoc },
  { path: "docs/compliance/config-rules.md", render: renderConfigRulesDoc },
  {
    path: "platform-rules/cost/price-catalog.schema.json",
    render: () => JSON.stringify(priceCatalogJsonSchema(), null, 2) + "\n",
  },
  { path: "docs/runbooks/failover.md", render: renderFailoverRunbook },
  { path: MIGRATIONS_FILE, render: renderMigrationsFile },
  { path: README, render: () => renderReadme() },
  // Each stack's --policy-pack-config per pack, derived from Pulumi.<stack>.yaml (tools/policy-config).
  ...STACKS.flatMap((stack) =>
    PACKS.map((pack) => ({
      path: configFile(stack, pack.name),
      render: () => renderConfigFile(packConfigsForStack(stack)[pack.name]!),
    })),
  ),
];
