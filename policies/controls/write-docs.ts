/** Writes docs/compliance/controls.md and config-rules.md from code (`npm run docs` writes controls.md too). */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderConfigRulesDoc, renderControlsDoc } from "./render";

export const CONTROL_DOCS: readonly { readonly path: string; readonly render: () => string }[] = [
  { path: "docs/compliance/controls.md", render: renderControlsDoc },
  { path: "docs/compliance/config-rules.md", render: renderConfigRulesDoc },
];

if (require.main === module) {
  const root = join(__dirname, "../..");
  for (const doc of CONTROL_DOCS) {
    writeFileSync(join(root, doc.path), doc.render());
    process.stdout.write(`wrote ${doc.path}\n`);
  }
}
