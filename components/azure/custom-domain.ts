/**
 * The failover name (`api.<zone>`) on the standby Function App, with its TLS certificate, so
 * clients that Route 53 sends to Azure get a certificate for the name they called instead of
 * `*.azurewebsites.net`.
 *
 * Why a Key Vault certificate and not an App Service managed one: Flex Consumption does not
 * support managed certificates (only site-scoped certificates, in preview for new apps), and a
 * managed certificate is issued and renewed only while the name's CNAME points straight at the
 * app, whereas this name points at AWS except during a failover, so it would never be issued or
 * would silently stop renewing. Operators import the certificate (the same one, or one from the
 * same CA, as the API Gateway custom domain) into the standby vault; this binds it by SNI.
 * Flex Consumption binds site-scoped certificates (`Microsoft.Web/sites/certificates`), not
 * resource-group ones. See docs/components/dr.md, "TLS for the failover name".
 */
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, collectProblems } from "../common";

export interface StandbyCustomDomainArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** The app's location (the certificate lives with it). Required. */
  readonly location: string;
  /** Required tags; put on the certificate. */
  readonly tags: Readonly<Record<string, string>>;
  /** The Function App to bind to. Required. */
  readonly appName: pulumi.Input<string>;
  /** The failover FQDN clients call, e.g. api.fx.example.com: a subdomain (the record is a CNAME). Required. */
  readonly hostName: string;
  /** The `asuid.<hostName>` TXT record; Azure checks it when binding, so the binding waits for it. Required. */
  readonly domainVerification: pulumi.Resource;
  /** The standby Key Vault holding the certificate. Required. */
  readonly vaultId: pulumi.Input<string>;
  /** Name of the Key Vault certificate (and of its secret), imported by operators. Default `api-tls`. */
  readonly certificateName?: string;
}

/** The certificate operators import into the standby vault unless told otherwise. */
export const DEFAULT_CERTIFICATE_NAME = "api-tls";
const FQDN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
const VAULT_OBJECT_NAME = /^[A-Za-z0-9-]{1,127}$/;

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function standbyCustomDomainArgsProblems(args: StandbyCustomDomainArgs): readonly string[] {
  return collectProblems((p) => {
    if (!FQDN.test(args.hostName) || args.hostName.split(".").length < 3) p.add("hostName", `expected a subdomain like api.fx.example.com; got ${JSON.stringify(args.hostName)}`);
    const cert = args.certificateName;
    if (cert !== undefined && !VAULT_OBJECT_NAME.test(cert)) p.add("certificateName", `Key Vault object names are 1 to 127 of A-Z, a-z, 0-9 and -; got ${JSON.stringify(cert)}`);
  });
}

export class StandbyCustomDomain extends pulumi.ComponentResource {
  readonly hostName: string;
  readonly certificateThumbprint: pulumi.Output<string>;

  constructor(name: string, args: StandbyCustomDomainArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:azure:StandbyCustomDomain", name, {}, opts);
    assertValid("platform:azure:StandbyCustomDomain", name, standbyCustomDomainArgsProblems(args));
    const child = { parent: this };
    const certificateName = args.certificateName ?? DEFAULT_CERTIFICATE_NAME;
    const certificate = new web.SiteCertificate(`${name}-certificate`, {
      resourceGroupName: args.resourceGroupName,
      name: args.appName,
      certificateName,
      location: args.location,
      tags: { ...args.tags },
      keyVaultId: args.vaultId,
      keyVaultSecretName: certificateName,
    }, child);
    new web.WebAppHostNameBinding(`${name}-binding`, {
      resourceGroupName: args.resourceGroupName,
      name: args.appName,
      siteName: args.appName,
      hostName: args.hostName,
      hostNameType: "Verified",
      customHostNameDnsRecordType: "CName",
      sslState: "SniEnabled",
      thumbprint: certificate.thumbprint,
    }, { ...child, dependsOn: [args.domainVerification] });

    this.hostName = args.hostName;
    this.certificateThumbprint = certificate.thumbprint;
    this.registerOutputs({ hostName: this.hostName, certificateThumbprint: this.certificateThumbprint });
  }
}
