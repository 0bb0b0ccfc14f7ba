/** Azure warm standby, cross-cloud VPN and failover DNS (issue #7). */
import type { CoreOutputs, ServicesOutputs, StackContext } from "./contracts";

// Placeholder until the DR components land.
export function composeDr(_ctx: StackContext, _core: CoreOutputs, _services: ServicesOutputs): { exports: Record<string, unknown> } {
  return { exports: {} };
}
