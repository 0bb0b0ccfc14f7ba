/**
 * The monthly cost of a stack from its plan: every custom resource is priced by its type's
 * pricer (pricers.ts) at the catalog's prices for its region, marked free or usage-only by the
 * catalog, or listed under `notPriced` with the reason — never a silent $0.
 */
import { loadPriceCatalog, type PriceCatalog } from "./catalog";
import type { CostComponent, CostEstimate, NotPriced, ResourceCost } from "./estimate-types";
import { PRICERS, Unpriceable, type CostInput, type PricerContext, type Quantity } from "./pricers";
import type { Usage } from "./usage";

export interface EstimateOptions {
  readonly stack: string;
  readonly usage: Usage;
  readonly catalog?: PriceCatalog;
}

/** Component resources the plan lists whose children it cannot see: priced from their args. */
const PRICED_COMPONENTS = new Set(["awsx:ec2:Vpc"]);

const cents = (usd: number): number => Math.round(usd * 100) / 100;

/** Which provider package serves a type: `awsx` components run on the `aws` provider. */
const packageOf = (type: string): string => {
  const pkg = type.split(":")[0] ?? "";
  return pkg === "awsx" ? "aws" : pkg;
};

function regionResolver(resources: readonly CostInput[]): (r: CostInput) => string | undefined {
  const providers = resources.filter((r) => r.type.startsWith("pulumi:providers:"));
  const byUrn = new Map(providers.map((p) => [p.urn, p]));
  const regionOfProvider = (p: CostInput | undefined): string | undefined => {
    const region = p?.inputs["region"] ?? p?.inputs["location"];
    return typeof region === "string" ? region : undefined;
  };
  const mainRegions = new Map<string, string | undefined>();
  const mainRegion = (pkg: string): string | undefined => {
    if (!mainRegions.has(pkg)) {
      const counts = new Map<string, number>();
      for (const u of resources) {
        const urn = u.provider?.split("::").slice(0, -1).join("::");
        const region = urn && packageOf(u.type) === pkg ? regionOfProvider(byUrn.get(urn)) : undefined;
        if (region) counts.set(region, (counts.get(region) ?? 0) + 1);
      }
      mainRegions.set(pkg, [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]);
    }
    return mainRegions.get(pkg);
  };
  return (r) => {
    if (typeof r.inputs["location"] === "string") return r.inputs["location"];
    const providerUrn = r.provider?.split("::").slice(0, -1).join("::");
    if (providerUrn) return regionOfProvider(byUrn.get(providerUrn));
    // Components take a provider map, not a provider: use the package's one region, or with
    // several (the DR gate's second AWS provider) the region most of the package's resources use,
    // the stack's primary.
    const regions = providers.filter((p) => p.type === `pulumi:providers:${packageOf(r.type)}`).map(regionOfProvider);
    if (new Set(regions).size <= 1) return regions[0];
    return mainRegion(packageOf(r.type));
  };
}

export function estimateCost(
  resources: readonly (CostInput & { custom?: boolean })[],
  options: EstimateOptions,
): CostEstimate {
  const catalog = options.catalog ?? loadPriceCatalog();
  const priceable = resources.filter((r) => r.custom !== false || PRICED_COMPONENTS.has(r.type));
  const counts = new Map<string, number>();
  for (const r of priceable) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  const ctx: PricerContext = {
    usage: options.usage,
    hoursPerMonth: catalog.hoursPerMonth,
    all: priceable,
    countOf: (type) => counts.get(type) ?? 0,
  };
  const regionOf = regionResolver(resources);

  const notPriced: NotPriced[] = [];
  const priced: { r: CostInput; quantities: (Quantity & { price: string })[] }[] = [];
  for (const r of [...priceable].sort((a, b) => a.urn.localeCompare(b.urn))) {
    const entry = catalog.types[r.type];
    if (!entry) {
      notPriced.push({
        urn: r.urn,
        type: r.type,
        reason: `type not in the price catalog (platform-rules/cost/price-catalog.json): add it as priced, free or usage-only`,
      });
      continue;
    }
    if (entry.class !== "priced") continue;
    const pricer = PRICERS[r.type];
    if (!pricer) {
      notPriced.push({
        urn: r.urn,
        type: r.type,
        reason: "marked priced in the catalog, but no pricer exists in platform-rules/cost/pricers.ts",
      });
      continue;
    }
    const region = regionOf(r);
    let raw: Quantity[];
    try {
      raw = pricer(r, ctx);
    } catch (err) {
      if (!(err instanceof Unpriceable)) throw err;
      notPriced.push({ urn: r.urn, type: r.type, reason: err.message });
      continue;
    }
    const quantities = raw.map((q) => ({ ...q, price: `${q.region ?? region ?? "unknown-region"}/${q.item}` }));
    const missing = quantities.filter((q) => !catalog.prices[q.price]).map((q) => q.price);
    if (missing.length > 0) {
      notPriced.push({ urn: r.urn, type: r.type, reason: `no catalog price for ${[...new Set(missing)].join(", ")}` });
      continue;
    }
    priced.push({ r, quantities });
  }

  // Always-free allowances are per account (one stack, one account), used up in URN order.
  const freeLeft = new Map<string, number>();
  const resourcesOut: ResourceCost[] = priced.map(({ r, quantities }) => {
    const components: CostComponent[] = quantities.map((q) => {
      const price = catalog.prices[q.price]!;
      let free = 0;
      if (options.usage.applyFreeTier && price.freePerMonth) {
        const left = freeLeft.get(q.price) ?? price.freePerMonth;
        free = Math.min(left, q.quantity);
        freeLeft.set(q.price, left - free);
      }
      const component: CostComponent = {
        name: q.name,
        kind: q.kind,
        unit: price.unit,
        quantity: q.quantity,
        ...(free > 0 ? { freeQuantity: free } : {}),
        unitPrice: price.usd,
        monthly: cents((q.quantity - free) * price.usd),
        price: q.price,
      };
      return component;
    });
    const sum = (kind?: string) =>
      cents(components.filter((c) => !kind || c.kind === kind).reduce((s, c) => s + c.monthly, 0));
    return { urn: r.urn, type: r.type, name: r.name, monthly: sum(), fixed: sum("fixed"), components };
  });
  resourcesOut.sort((a, b) => b.monthly - a.monthly || a.urn.localeCompare(b.urn));

  const fixed = cents(resourcesOut.reduce((s, r) => s + r.fixed, 0));
  const total = cents(resourcesOut.reduce((s, r) => s + r.monthly, 0));
  return {
    stack: options.stack,
    currency: "USD",
    pricesAsOf: catalog.pricesAsOf,
    monthly: { total, fixed, usage: cents(total - fixed) },
    resources: resourcesOut,
    notPriced,
  };
}
