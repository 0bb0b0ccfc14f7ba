/** The compliance documents rendered from code; `npm run docs` writes them, tests check them. */
import { renderConfigRulesDoc, renderControlsDoc } from "./render";

export const CONTROL_DOCS: readonly { readonly path: string; readonly render: () => string }[] = [
  { path: "docs/compliance/controls.md", render: renderControlsDoc },
  { path: "docs/compliance/config-rules.md", render: renderConfigRulesDoc },
];
