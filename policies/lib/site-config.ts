/**
 * An App Service / Functions site's configuration as deployed. Most apps carry it in the WebApp's
 * `siteConfig`. A Flex Consumption app cannot (azure-native adds `netFrameworkVersion` to any
 * siteConfig and ARM rejects it on Flex: pulumi/pulumi-azure-native#4168), so its settings arrive
 * through an ARM deployment (`azure-native:resources:Deployment`) whose template PUTs the site's
 * `Microsoft.Web/sites/config` "web" resource. Both are read here, the template over siteConfig,
 * so a policy judges what is really deployed.
 */
import {
  asArray,
  asObject,
  asString,
  baseType,
  dependsThrough,
  parseJsonish,
  peek,
  tryRead,
  type Props,
} from "./props";
import type { PolicyResource } from "./types";

export const WEB_APP = "azure-native:web:WebApp";
export const APP_SERVICE_PLAN = "azure-native:web:AppServicePlan";
export const ARM_DEPLOYMENT = "azure-native:resources:Deployment";
const SITE_CONFIG_TYPE = "microsoft.web/sites/config";

function isFlexPlan(plan: PolicyResource): boolean {
  const sku = asObject(peek(plan.props, "sku"));
  return (
    asString(sku?.["tier"])?.toLowerCase() === "flexconsumption" || asString(sku?.["name"])?.toUpperCase() === "FC1"
  );
}

/**
 * A Flex Consumption site: `functionAppConfig` (only Flex sites take it) or a server farm that is
 * an FC1 / FlexConsumption plan.
 */
export function isFlexSite(site: PolicyResource, all: readonly PolicyResource[]): boolean {
  if (peek(site.props, "functionAppConfig") !== undefined) return true;
  const farm = dependsThrough(site, "serverFarmId");
  return all.some((r) => baseType(r.type) === APP_SERVICE_PLAN && farm.has(r.urn) && isFlexPlan(r));
}

/** `[parameters('x')]` → x; undefined for anything else. */
function parameterRef(expression: unknown): string | undefined {
  return /^\[\s*parameters\(\s*'([^']+)'\s*\)\s*\]$/.exec(asString(expression)?.trim() ?? "")?.[1];
}

/** The site a config resource's name points at: a literal `site/web`, or `[format('{0}/web', parameters('p'))]`. */
function configTarget(name: string): { literal?: string; parameter?: string } | undefined {
  const literal = /^([^[/][^/]*)\/web$/i.exec(name);
  if (literal) return { literal: literal[1] };
  const format = /^\[\s*format\(\s*'\{0\}\/web'\s*,\s*parameters\(\s*'([^']+)'\s*\)\s*\)\s*\]$/i.exec(name);
  if (format) return { parameter: format[1] };
  const concat = /^\[\s*concat\(\s*parameters\(\s*'([^']+)'\s*\)\s*,\s*'\/web'\s*\)\s*\]$/i.exec(name);
  return concat ? { parameter: concat[1] } : undefined;
}

/** A deployment's parameter value, when known. */
function parameterValue(deployment: PolicyResource, parameter: string): unknown {
  return tryRead(() => {
    const parameters = asObject(parseJsonish(asObject(deployment.props["properties"])?.["parameters"]));
    return asObject(parameters?.[parameter])?.["value"];
  });
}

/** Replaces `[parameters('x')]` strings (deep) by the deployment's known parameter values. */
function resolve(value: unknown, deployment: PolicyResource): unknown {
  if (Array.isArray(value)) return value.map((v) => resolve(v, deployment));
  const o = asObject(value);
  if (o) return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, resolve(v, deployment)]));
  const ref = parameterRef(value);
  if (ref === undefined) return value;
  const known = parameterValue(deployment, ref);
  return known === undefined ? value : known;
}

export interface DeployedSiteConfig {
  /** The Deployment whose template writes `<site>/web`. */
  readonly deployment: PolicyResource;
  /** The template's `properties` for the web config, parameter references resolved where known. */
  readonly properties: Props;
  /** The template resource's apiVersion. */
  readonly apiVersion: string | undefined;
}

/**
 * Every `Microsoft.Web/sites/config` "web" that an ARM Deployment in the stack writes for `site`:
 * matched by the site's name (a literal, or the parameter the name is formatted from) or, while
 * the name is not known yet, by the deployment's parameters depending on the site and no other.
 */
export function deployedSiteConfigs(site: PolicyResource, all: readonly PolicyResource[]): DeployedSiteConfig[] {
  const siteName = asString(peek(site.props, "name"));
  const out: DeployedSiteConfig[] = [];
  for (const deployment of all.filter((r) => baseType(r.type) === ARM_DEPLOYMENT)) {
    const template = tryRead(() => asObject(parseJsonish(asObject(deployment.props["properties"])?.["template"])));
    const siteDeps = all.filter(
      (r) => baseType(r.type) === WEB_APP && dependsThrough(deployment, "properties").has(r.urn),
    );
    for (const raw of asArray(template?.["resources"])) {
      const res = asObject(raw);
      if (asString(res?.["type"])?.toLowerCase() !== SITE_CONFIG_TYPE) continue;
      const target = configTarget(asString(res?.["name"]) ?? "");
      if (!target) continue;
      const named =
        target.literal ?? asString(target.parameter ? parameterValue(deployment, target.parameter) : undefined);
      const matches =
        named !== undefined
          ? (siteName !== undefined && named.toLowerCase() === siteName.toLowerCase()) ||
            (siteName === undefined && siteDeps.length === 1 && siteDeps[0].urn === site.urn)
          : siteDeps.length === 1 && siteDeps[0].urn === site.urn;
      if (!matches) continue;
      out.push({
        deployment,
        properties: asObject(resolve(asObject(res?.["properties"]) ?? {}, deployment)) ?? {},
        apiVersion: asString(res?.["apiVersion"]),
      });
    }
  }
  return out;
}

/** The site's effective web configuration: its `siteConfig`, then each deployed `config/web` over it. */
export function effectiveSiteConfig(site: PolicyResource, all: readonly PolicyResource[]): Props {
  let merged: Record<string, unknown> = { ...(asObject(peek(site.props, "siteConfig")) ?? {}) };
  for (const d of deployedSiteConfigs(site, all)) merged = { ...merged, ...d.properties };
  return merged;
}
