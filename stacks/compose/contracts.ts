/**
 * What each part of the stack hands to the next. The composition order is
 * core (network, keys, data) → services → compliance → DR; each compose function takes the
 * context and the outputs of the parts before it.
 */
import type * as aws from "@pulumi/aws";
import type { Provider as AzureProvider } from "@pulumi/azure-native/provider";
import type * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../config";

export interface StackContext {
  readonly config: PlatformConfig;
  /** The primary-region AWS provider; carries the required tags as defaultTags. */
  readonly aws: aws.Provider;
  /** AWS provider in `platform:dr.gateRegion` (the failover gate); only present when `platform:dr.enabled`. */
  readonly awsGate?: aws.Provider;
  /** The Azure provider; only present when `platform:dr.enabled`. */
  readonly azure?: AzureProvider;
  /** Whether stateful resources are protected (`platform:protection: retain`). */
  readonly retain: boolean;
}

/** Data domains with their own customer-managed KMS key. */
export type KeyDomain = "database" | "storage" | "dynamodb" | "lambda" | "logs" | "messaging" | "secrets" | "backup";

export interface KeyRef {
  readonly arn: pulumi.Output<string>;
  readonly keyId: pulumi.Output<string>;
}

export interface NetworkOutputs {
  readonly vpcId: pulumi.Output<string>;
  readonly cidr: string;
  readonly publicSubnetIds: pulumi.Output<string[]>;
  /** App tier: Lambdas; egress through NAT or endpoints. */
  readonly appSubnetIds: pulumi.Output<string[]>;
  /** Data tier: Aurora; no route to the internet. */
  readonly dataSubnetIds: pulumi.Output<string[]>;
  /** Route tables of the app and data subnets (for VPN route propagation). */
  readonly privateRouteTableIds: readonly pulumi.Output<string>[];
  /** Route tables of the public subnets: the only ones with a default route to the internet gateway. */
  readonly publicRouteTableIds: readonly pulumi.Output<string>[];
  readonly appSecurityGroupId: pulumi.Output<string>;
  readonly dataSecurityGroupId: pulumi.Output<string>;
}

export interface DatabaseOutputs {
  readonly clusterArn: pulumi.Output<string>;
  readonly clusterIdentifier: pulumi.Output<string>;
  readonly clusterResourceId: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  readonly readerEndpoint: pulumi.Output<string>;
  readonly port: number;
  readonly databaseName: string;
  /** Secrets Manager secret RDS manages for the master user. */
  readonly masterSecretArn: pulumi.Output<string>;
  /** The cluster component: `dependsOn` it to wait until its instances accept connections. */
  readonly cluster: pulumi.Resource;
}

export interface TableRef {
  readonly name: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;
  readonly streamArn?: pulumi.Output<string | undefined>;
}

export interface BucketRef {
  readonly bucket: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;
  /** The bucket policy: depend on it where a service checks it on create (CloudTrail, Config). */
  readonly policy: pulumi.Resource;
}

export interface CoreOutputs {
  readonly accountId: pulumi.Output<string>;
  readonly network: NetworkOutputs;
  readonly keys: Readonly<Record<KeyDomain, KeyRef>>;
  readonly database: DatabaseOutputs;
  readonly tables: Readonly<Record<"sessions" | "apiKeys" | "auditEvents" | "idempotency", TableRef>>;
  readonly buckets: Readonly<
    Record<"ingestion" | "analytics" | "archive" | "audit" | "accessLogs" | "ledgerDigests", BucketRef>
  >;
}

export interface ServicesOutputs {
  /** The API's public URL, `https://<apiDomainName>/` (the execute-api endpoint is disabled). */
  readonly apiUrl: pulumi.Output<string>;
  /**
   * `https://<recordName>-origin.<zoneName>/`: the same stage under an AWS-only custom domain
   * that never fails over, for DR's PRIMARY health check. Present when `platform:dr.enabled`.
   */
  readonly apiOriginUrl?: pulumi.Output<string>;
  /** Host name Route 53 should point PRIMARY at (API Gateway regional domain), if a custom domain exists. */
  readonly apiHealthCheckFqdn: pulumi.Output<string>;
  /** Hosted zone id of that regional domain name, for alias records to it. */
  readonly apiRegionalZoneId?: pulumi.Output<string>;
  /** The API's public name, `<platform:dr.dns.recordName>.<zoneName>` (custom domain, TLS 1.2+). */
  readonly apiDomainName?: string;
  readonly auditTopicArn: pulumi.Output<string>;
  readonly alarmTopicArn: pulumi.Output<string>;
  /** The existing Route 53 public hosted zone of `platform:dr.dns.zoneName` (looked up, never created). */
  readonly hostedZoneId?: pulumi.Output<string>;
}
