/**
 * The API's custom domain: an ACM certificate validated through DNS in the given hosted zone,
 * and a REGIONAL API Gateway domain name that negotiates TLS 1.2 or newer only. Route 53
 * records pointing at it (simple alias, or DR's failover pair) are created by the caller.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, collectProblems, nameTag } from "../common";
import { addTlsProblems, tlsProperties, type ApiTlsPolicy, type EndpointAccessMode } from "./api-tls";

export { API_TLS_POLICIES, type ApiTlsPolicy } from "./api-tls";

export interface ApiDomainArgs {
  /** Fully qualified domain name, e.g. `api.fx.example.com`. Required. */
  readonly domainName: string;
  /** Route 53 hosted zone (public) that holds the ACM validation record. Required. */
  readonly zoneId: pulumi.Input<string>;
  /** TLS security policy: TLS_1_2 (default) or an enhanced SecurityPolicy_* one (api-tls.ts); nothing older exists here. */
  readonly securityPolicy?: ApiTlsPolicy;
  /** With an enhanced policy only: STRICT (default: SNI must match the host) or BASIC. */
  readonly endpointAccessMode?: EndpointAccessMode;
}

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function apiDomainArgsProblems(args: ApiDomainArgs): readonly string[] {
  return collectProblems((p) => {
    if (!/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/.test(args.domainName)) {
      p.add(
        "domainName",
        `expected a lower-case fully qualified name like api.fx.example.com; got ${JSON.stringify(args.domainName)}`,
      );
    }
    addTlsProblems(p, args.securityPolicy, args.endpointAccessMode);
  });
}

export class ApiDomain extends pulumi.ComponentResource {
  readonly domain: aws.apigateway.DomainName;
  readonly domainName: pulumi.Output<string>;
  /** Target of an alias record: the API Gateway regional endpoint for this name. */
  readonly regionalDomainName: pulumi.Output<string>;
  /** Hosted zone id of that endpoint (for alias records). */
  readonly regionalZoneId: pulumi.Output<string>;
  readonly certificateArn: pulumi.Output<string>;

  constructor(name: string, args: ApiDomainArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:services:ApiDomain", name, {}, opts);
    assertValid("platform:services:ApiDomain", name, apiDomainArgsProblems(args));

    const certificate = new aws.acm.Certificate(
      `${name}-certificate`,
      {
        domainName: args.domainName,
        validationMethod: "DNS",
        keyAlgorithm: "RSA_2048",
        tags: nameTag(args.domainName),
      },
      { parent: this },
    );
    // One domain name, no SANs: exactly one validation record.
    const option = certificate.domainValidationOptions.apply((options) => options[0]);
    const record = new aws.route53.Record(
      `${name}-validation`,
      {
        zoneId: args.zoneId,
        name: option.apply((o) => o.resourceRecordName),
        type: option.apply((o) => o.resourceRecordType),
        records: [option.apply((o) => o.resourceRecordValue)],
        ttl: 300,
        allowOverwrite: true,
      },
      { parent: this },
    );
    const validation = new aws.acm.CertificateValidation(
      `${name}-validation`,
      { certificateArn: certificate.arn, validationRecordFqdns: [record.fqdn] },
      { parent: this },
    );
    this.domain = new aws.apigateway.DomainName(
      `${name}-domain`,
      {
        domainName: args.domainName,
        regionalCertificateArn: validation.certificateArn,
        endpointConfiguration: { types: "REGIONAL" },
        // An enhanced policy comes with its endpointAccessMode, which API Gateway requires.
        ...tlsProperties(args.securityPolicy, args.endpointAccessMode),
        tags: nameTag(args.domainName),
      },
      { parent: this },
    );
    this.domainName = this.domain.domainName;
    this.regionalDomainName = this.domain.regionalDomainName;
    this.regionalZoneId = this.domain.regionalZoneId;
    this.certificateArn = certificate.arn;
    this.registerOutputs({
      domainName: this.domainName,
      regionalDomainName: this.regionalDomainName,
      regionalZoneId: this.regionalZoneId,
      certificateArn: this.certificateArn,
    });
  }
}
