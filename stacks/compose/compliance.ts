/** AWS Config PCI-DSS rules, CloudTrail and the scheduled compliance report (issue #6). */
import type { CoreOutputs, StackContext } from "./contracts";

// Placeholder until the compliance components land.
export function composeCompliance(_ctx: StackContext, _core: CoreOutputs): { exports: Record<string, unknown> } {
  return { exports: {} };
}
