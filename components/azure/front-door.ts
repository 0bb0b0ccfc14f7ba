/**
 * The standby's front door (issue 12, item 15; PCI DSS 6.4.2): Azure Front Door Premium with a
 * WAF policy in Prevention mode (Microsoft_DefaultRuleSet 2.1, the OWASP-CRS-based managed set,
 * plus the bot manager set, both Premium-only) and a per-client-IP rate limit, in front of the
 * Function App. HTTPS only end to end; the default *.azurefd.net domain serves TLS 1.2+ and the
 * failover name's custom domain is bound with `minimumTlsVersion: TLS12`.
 *
 * Why Front Door and not Application Gateway WAF_v2: Front Door is global (its edge and WAF do
 * not depend on the standby region or on any AWS region), needs no certificate for its own
 * endpoint (so the first `pulumi up` of a new environment completes; the failover name's
 * certificate is the second phase, `platform:dr.certificate`), and has no subnet or instance
 * count to size. Application Gateway would need its listener certificate from day one and a
 * regional deployment that is itself a failure domain.
 *
 * The origin is the app's public host name: Flex Consumption's site and SCM endpoints share
 * `publicNetworkAccess`, and CI deploys through SCM, so the app cannot be private. Instead the
 * app is locked to this profile (origin-lock.ts): its access restrictions admit only the
 * AzureFrontDoor.Backend service tag with this profile's `X-Azure-FDID` and deny the rest
 * (https://learn.microsoft.com/azure/frontdoor/origin-security), written by an ARM deployment of
 * the site's config/web because a Flex app cannot carry siteConfig.
 */
import * as cdn from "@pulumi/azure-native/cdn";
import * as frontdoor from "@pulumi/azure-native/frontdoor";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, collectProblems } from "../common";
import { sendDiagnostics } from "./diagnostics";
import { lockOriginToFrontDoor } from "./origin-lock";
import { DEFAULT_RBAC_PROPAGATION_SECONDS, grant, propagationSecondsProblem, propagationWait } from "./roles";

export interface StandbyFrontDoorArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly tags: Readonly<Record<string, string>>;
  readonly subscriptionId: pulumi.Input<string>;
  /**
   * Name of the WAF policy: Front Door WAF policy names allow letters and digits only, starting
   * with a letter (auto-naming would add a hyphen). Required.
   */
  readonly wafPolicyName: string;
  /** The Function App's default host name (`<app>.azurewebsites.net`). Required. */
  readonly originHostName: pulumi.Input<string>;
  /**
   * The Function App's name, in `resourceGroupName`: its access restrictions are locked to this
   * profile (origin-lock.ts). Required.
   */
  readonly originAppName: pulumi.Input<string>;
  /** Health path Front Door probes on the origin. Required. */
  readonly healthPath: string;
  /** Requests per client IP per minute before the WAF blocks. Default 1000. */
  readonly rateLimitPerMinute?: number;
  /**
   * The failover name on Front Door with the operators' certificate (the second phase): only when
   * given. `vaultId` + `certificateName` name the Key Vault certificate Front Door reads.
   */
  readonly customDomain?: {
    readonly hostName: string;
    readonly vaultId: pulumi.Input<string>;
    readonly certificateName: string;
  };
  readonly workspaceId: pulumi.Input<string>;
  /**
   * Seconds to wait after Front Door's Key Vault role before it reads the certificate (RBAC
   * propagates eventually): 1 to 1800. Default 120.
   */
  readonly rbacPropagationSeconds?: number;
}

const WAF_NAME = /^[a-zA-Z][a-zA-Z0-9]{0,127}$/;
/** The Key Vault certificate (and its secret) operators import for the failover name unless told otherwise. */
export const DEFAULT_CERTIFICATE_NAME = "api-tls";

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function standbyFrontDoorArgsProblems(args: StandbyFrontDoorArgs): readonly string[] {
  return collectProblems((p) => {
    if (!WAF_NAME.test(args.wafPolicyName))
      p.add(
        "wafPolicyName",
        `Front Door WAF policy names are 1 to 128 letters and digits, starting with a letter; got ${JSON.stringify(args.wafPolicyName)}`,
      );
    const rate = args.rateLimitPerMinute;
    if (rate !== undefined && !(Number.isInteger(rate) && rate >= 10 && rate <= 1_000_000))
      p.add("rateLimitPerMinute", `must be a whole number from 10 to 1000000; got ${rate}`);
    if (!args.healthPath.startsWith("/")) p.add("healthPath", "must start with /");
    const wait = args.rbacPropagationSeconds;
    const waitProblem = wait !== undefined ? propagationSecondsProblem(wait) : undefined;
    if (waitProblem) p.add("rbacPropagationSeconds", waitProblem);
  });
}

/** The WAF's managed rule sets (Premium): OWASP-CRS-based default rules blocking, and bot protection. */
export const MANAGED_RULE_SETS = [
  { ruleSetType: "Microsoft_DefaultRuleSet", ruleSetVersion: "2.1", ruleSetAction: "Block" },
  { ruleSetType: "Microsoft_BotManagerRuleSet", ruleSetVersion: "1.1" },
] as const;

export class StandbyFrontDoor extends pulumi.ComponentResource {
  /** `<endpoint>-<hash>.z01.azurefd.net`: the SECONDARY failover target and the standby probe's host. */
  readonly endpointHostName: pulumi.Output<string>;
  /** The profile's id that Front Door sends as `X-Azure-FDID`. */
  readonly frontDoorId: pulumi.Output<string>;
  readonly wafPolicyId: pulumi.Output<string>;
  /** `_dnsauth.<host>` TXT value proving the custom domain (when one is given). */
  readonly domainValidationToken: pulumi.Output<string> | undefined;

  constructor(name: string, args: StandbyFrontDoorArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:azure:StandbyFrontDoor", name, {}, opts);
    assertValid("platform:azure:StandbyFrontDoor", name, standbyFrontDoorArgsProblems(args));
    const child = { parent: this };
    const rg = args.resourceGroupName;

    const profile = new cdn.Profile(
      `${name}-profile`,
      {
        resourceGroupName: rg,
        location: "global",
        tags: { ...args.tags },
        sku: { name: "Premium_AzureFrontDoor" },
        originResponseTimeoutSeconds: 60,
        // Reads the failover name's certificate from Key Vault (second phase).
        identity: { type: "SystemAssigned" },
      },
      child,
    );
    const profileName = profile.name;
    const endpoint = new cdn.AFDEndpoint(
      `${name}-endpoint`,
      { resourceGroupName: rg, profileName, location: "global", tags: { ...args.tags }, enabledState: "Enabled" },
      child,
    );
    const originGroup = new cdn.AFDOriginGroup(
      `${name}-origins`,
      {
        resourceGroupName: rg,
        profileName,
        healthProbeSettings: {
          probePath: args.healthPath,
          probeProtocol: "Https",
          probeRequestType: "GET",
          probeIntervalInSeconds: 30,
        },
        loadBalancingSettings: { sampleSize: 4, successfulSamplesRequired: 3, additionalLatencyInMilliseconds: 50 },
      },
      child,
    );
    const origin = new cdn.AFDOrigin(
      `${name}-app`,
      {
        resourceGroupName: rg,
        profileName,
        originGroupName: originGroup.name,
        hostName: args.originHostName,
        originHostHeader: args.originHostName,
        httpsPort: 443,
        httpPort: 80,
        enforceCertificateNameCheck: true,
        enabledState: "Enabled",
        priority: 1,
        weight: 1000,
      },
      child,
    );

    const domains: { id: pulumi.Input<string> }[] = [{ id: endpoint.id }];
    let customDomain: cdn.AFDCustomDomain | undefined;
    if (args.customDomain) {
      const cert = args.customDomain;
      // Front Door reads the certificate's secret with its own identity.
      const reader = grant(
        `${name}-kv-secrets-user`,
        {
          subscriptionId: args.subscriptionId,
          role: "keyVaultSecretsUser",
          scope: args.customDomain.vaultId,
          principalId: profile.identity.apply((i) => i?.principalId ?? ""),
        },
        child,
      );
      const secret = new cdn.Secret(
        `${name}-certificate`,
        {
          resourceGroupName: rg,
          profileName,
          parameters: {
            type: "CustomerCertificate",
            secretSource: { id: pulumi.interpolate`${cert.vaultId}/secrets/${cert.certificateName}` },
            useLatestVersion: true,
          },
        },
        {
          ...child,
          dependsOn: [
            reader,
            propagationWait(
              `${name}-kv-secrets-user-wait`,
              { secretsUser: reader },
              args.rbacPropagationSeconds ?? DEFAULT_RBAC_PROPAGATION_SECONDS,
              child,
            ),
          ],
        },
      );
      customDomain = new cdn.AFDCustomDomain(
        `${name}-domain`,
        {
          resourceGroupName: rg,
          profileName,
          hostName: cert.hostName,
          tlsSettings: {
            certificateType: "CustomerCertificate",
            minimumTlsVersion: "TLS12",
            secret: { id: secret.id },
          },
        },
        child,
      );
      domains.push({ id: customDomain.id });
    }
    const route = new cdn.Route(
      `${name}-route`,
      {
        resourceGroupName: rg,
        profileName,
        endpointName: endpoint.name,
        originGroup: { id: originGroup.id },
        customDomains: customDomain ? [{ id: customDomain.id }] : [],
        supportedProtocols: ["Https"],
        httpsRedirect: "Disabled",
        forwardingProtocol: "HttpsOnly",
        linkToDefaultDomain: "Enabled",
        patternsToMatch: ["/*"],
        enabledState: "Enabled",
      },
      { ...child, dependsOn: [origin] },
    );

    const waf = new frontdoor.Policy(
      `${name}-waf`,
      {
        resourceGroupName: rg,
        location: "Global",
        policyName: args.wafPolicyName,
        tags: { ...args.tags },
        sku: { name: "Premium_AzureFrontDoor" },
        policySettings: {
          enabledState: "Enabled",
          mode: "Prevention",
          requestBodyCheck: "Enabled",
          customBlockResponseStatusCode: 403,
        },
        managedRules: { managedRuleSets: MANAGED_RULE_SETS.map((set) => ({ ...set })) },
        customRules: {
          rules: [
            {
              name: "RateLimitPerClientIp",
              priority: 100,
              enabledState: "Enabled",
              ruleType: "RateLimitRule",
              action: "Block",
              rateLimitDurationInMinutes: 1,
              rateLimitThreshold: args.rateLimitPerMinute ?? 1000,
              groupBy: [{ variableName: "SocketAddr" }],
              matchConditions: [{ matchVariable: "RequestUri", operator: "Any", matchValue: [] }],
            },
          ],
        },
      },
      child,
    );
    new cdn.SecurityPolicy(
      `${name}-security`,
      {
        resourceGroupName: rg,
        profileName,
        parameters: {
          type: "WebApplicationFirewall",
          wafPolicy: { id: waf.id },
          associations: [{ domains, patternsToMatch: ["/*"] }],
        },
      },
      child,
    );
    sendDiagnostics(`${name}-profile`, profile.id, args.workspaceId, "logs-and-metrics", child);
    // After the route exists, so the origin never denies Front Door while it is being wired.
    lockOriginToFrontDoor(
      `${name}-origin-lock`,
      { resourceGroupName: rg, siteName: args.originAppName, frontDoorId: profile.frontDoorId, tags: args.tags },
      { ...child, dependsOn: [route] },
    );

    this.endpointHostName = endpoint.hostName;
    this.frontDoorId = profile.frontDoorId;
    this.wafPolicyId = waf.id;
    this.domainValidationToken = customDomain?.validationProperties.apply((v) => v?.validationToken ?? "");
    this.registerOutputs({
      endpointHostName: this.endpointHostName,
      frontDoorId: this.frontDoorId,
      wafPolicyId: this.wafPolicyId,
    });
  }
}
