/**
 * "Does A wait for B?" over the stack's resources. The engine creates a resource only after
 * everything it depends on (explicit `dependsOn` and the resources its inputs come from) has
 * been created, so waiting is the transitive closure of `dependencies`. A dependency on a
 * component counts as one on each of its descendants (the SDKs expand it that way).
 */
import type { PolicyResource } from "../../lib/types";

export class DependencyGraph {
  private readonly byUrn: ReadonlyMap<string, PolicyResource>;
  private readonly children = new Map<string, PolicyResource[]>();
  private readonly closures = new Map<string, ReadonlySet<string>>();

  constructor(resources: readonly PolicyResource[]) {
    this.byUrn = new Map(resources.map((r) => [r.urn, r]));
    for (const r of resources) {
      const parent = r.parent?.urn;
      if (parent) this.children.set(parent, [...(this.children.get(parent) ?? []), r]);
    }
  }

  /** True when `resource` is created only after `prerequisite` (directly or through others). */
  waitsFor(resource: PolicyResource, prerequisite: PolicyResource): boolean {
    return this.closure(resource).has(prerequisite.urn);
  }

  private closure(resource: PolicyResource): ReadonlySet<string> {
    const cached = this.closures.get(resource.urn);
    if (cached) return cached;
    const seen = new Set<string>();
    const stack = this.direct(resource);
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next.urn)) continue;
      seen.add(next.urn);
      stack.push(...this.direct(next));
    }
    this.closures.set(resource.urn, seen);
    return seen;
  }

  /** Direct prerequisites: dependencies, with components expanded to their descendants. */
  private direct(resource: PolicyResource): PolicyResource[] {
    const out: PolicyResource[] = [];
    const expand = (r: PolicyResource): void => {
      out.push(r);
      for (const child of this.children.get(r.urn) ?? []) expand(child);
    };
    for (const dep of resource.dependencies) expand(this.byUrn.get(dep.urn) ?? dep);
    return out;
  }
}
