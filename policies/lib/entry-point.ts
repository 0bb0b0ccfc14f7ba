/**
 * A declared public entry point: the one place (an internet-facing load balancer's security
 * group, the front-door subnet's NSG) allowed to take HTTPS from the internet. Declared with a
 * tag so the declaration sits on the resource and shows in every inventory.
 */
import { PUBLIC_ENTRY_POINT_TAG } from "../../platform-rules/entry-point";
import { asObject, peek } from "./props";
import type { PolicyResource } from "./types";

export { PUBLIC_ENTRY_POINT_TAG };

export function isPublicEntryPoint(r: Pick<PolicyResource, "props">): boolean {
  return String(asObject(peek(r.props, "tags"))?.[PUBLIC_ENTRY_POINT_TAG] ?? "").toLowerCase() === "true";
}
