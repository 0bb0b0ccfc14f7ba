/**
 * Builds the arguments CrossGuard hands to policies from offline plan resources, mirroring
 * @pulumi/policy's server.js: props behind the unknown-checking proxy, the provider as
 * {type, props, urn, name}, options with the analyzer's defaults, and for stack policies the
 * parent and dependencies resolved to resource objects.
 */
import type { PlanResource } from "../../platform-rules/plan-format";
import type { PolicyResource } from "../lib/types";
import { unknownCheckingProxy } from "./proxy";

export interface ProviderView {
  readonly type: string;
  readonly props: PolicyResource["props"];
  readonly urn: string;
  readonly name: string;
}

export interface ResourceView {
  readonly source: PlanResource;
  readonly props: PolicyResource["props"];
  readonly provider?: ProviderView;
  readonly opts: PolicyResource["opts"];
}

/** `<urn>::<id>` → urn (URNs contain `::` themselves, so split at the last one). */
export function providerUrn(reference: string): string {
  const at = reference.lastIndexOf("::");
  return at < 0 ? reference : reference.slice(0, at);
}

/** Mirrors `isTypeOf`: a class with a `__pulumiType`, else its `isInstance`. */
export function isTypeOf(type: string, resourceClass: unknown): boolean {
  const cls = resourceClass as { __pulumiType?: unknown; isInstance?: (o: unknown) => boolean } | undefined;
  if (typeof cls?.__pulumiType === "string" && cls.__pulumiType.length > 0) return cls.__pulumiType === type;
  return typeof cls?.isInstance === "function" && cls.isInstance({ __pulumiType: type }) === true;
}

function options(r: PlanResource): PolicyResource["opts"] {
  const opts: PolicyResource["opts"] = {
    protect: r.protect,
    ignoreChanges: [...(r.options.ignoreChanges ?? [])],
    aliases: [...(r.options.aliases ?? [])],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [...(r.options.additionalSecretOutputs ?? [])],
  };
  if (r.options.deleteBeforeReplace !== undefined) opts.deleteBeforeReplace = r.options.deleteBeforeReplace;
  if (r.parent) opts.parent = r.parent;
  return opts;
}

/** One view per resource; props proxies are shared by every policy that reads the resource. */
export function buildViews(resources: readonly PlanResource[]): ResourceView[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const providers = new Map<string, ProviderView>();
  const providerFor = (reference: string | undefined): ProviderView | undefined => {
    if (!reference) return undefined;
    const urn = providerUrn(reference);
    const cached = providers.get(urn);
    if (cached) return cached;
    const p = byUrn.get(urn);
    if (!p) return undefined;
    const view = {
      type: p.type,
      props: unknownCheckingProxy(p.inputs as PolicyResource["props"]),
      urn: p.urn,
      name: p.name,
    };
    providers.set(urn, view);
    return view;
  };
  return resources.map((r) => ({
    source: r,
    props: unknownCheckingProxy(r.inputs as PolicyResource["props"]),
    provider: providerFor(r.provider),
    opts: options(r),
  }));
}

/** The stack-policy view: every resource with its parent and dependencies as objects. */
export function buildPolicyResources(views: readonly ResourceView[]): PolicyResource[] {
  const built = views.map((v): PolicyResource => {
    const type = v.source.type;
    const resource: PolicyResource = {
      type,
      props: v.props,
      urn: v.source.urn,
      name: v.source.name,
      opts: v.opts,
      dependencies: [],
      propertyDependencies: {},
      isType: (cls) => isTypeOf(type, cls),
      asType: ((cls: unknown) => (isTypeOf(type, cls) ? v.props : undefined)) as PolicyResource["asType"],
    };
    if (v.provider) resource.provider = v.provider;
    return resource;
  });
  const byUrn = new Map(built.map((r) => [r.urn, r]));
  views.forEach((v, i) => {
    const r = built[i];
    const parent = v.source.parent ? byUrn.get(v.source.parent) : undefined;
    if (parent) r.parent = parent;
    r.dependencies = v.source.dependencies.flatMap((u) => byUrn.get(u) ?? []);
    for (const [key, urns] of Object.entries(v.source.propertyDependencies)) {
      r.propertyDependencies[key] = urns.flatMap((u) => byUrn.get(u) ?? []);
    }
  });
  return built;
}
