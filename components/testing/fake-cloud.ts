/**
 * Realistic state for the mock engine: the ids, ARNs and names a cloud provider would fill in.
 * Values are placeholders (account 123456789012, a fixed subscription); the plan says so.
 */
import { createHash } from "node:crypto";

export const FAKE_ACCOUNT_ID = "123456789012";
export const FAKE_SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";
export const FAKE_TENANT_ID = "11111111-1111-1111-1111-111111111111";

type State = Record<string, unknown>;

/** Deterministic short suffix, like the random suffix Pulumi's auto-naming adds. */
export function suffix(seed: string, length = 7): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

/** `aws:s3/bucketV2:BucketV2` → { service: "s3", kind: "bucketV2" }. */
function awsParts(type: string): { service: string; kind: string } {
  const [, module = "", kind = ""] = type.split(":");
  const service = module.split("/")[0];
  return { service, kind: kind.charAt(0).toLowerCase() + kind.slice(1) };
}

/** ARN service names that differ from Pulumi module names; the rest are the same. */
const ARN_SERVICE: Readonly<Record<string, string>> = {
  cloudwatch: "logs",
  cfg: "config",
};

export function awsState(type: string, name: string, inputs: State, region: string): { id: string; state: State } {
  const { service, kind } = awsParts(type);
  const physical = (inputs.name as string | undefined) ?? `${name}-${suffix(type + name)}`;
  const arnService = ARN_SERVICE[service] ?? service;
  const regional = service === "iam" || service === "route53" || service === "s3" ? "" : region;
  const account = service === "s3" ? "" : FAKE_ACCOUNT_ID;
  const arn = `arn:aws:${arnService}:${regional}:${account}:${kind}/${physical}`;
  const id = `${physical}`;
  const base: State = { ...inputs, id, arn, name: physical };
  const special = AWS_SPECIAL[type]?.({ name, physical, arn, region, inputs }) ?? {};
  const state = { ...base, ...special };
  return { id: (special.id as string | undefined) ?? id, state };
}

interface Ctx {
  readonly name: string;
  readonly physical: string;
  readonly arn: string;
  readonly region: string;
  readonly inputs: State;
}

/** Outputs that components read and that the generic rule above cannot guess. */
const AWS_SPECIAL: Readonly<Record<string, (c: Ctx) => State>> = {
  "aws:kms/key:Key": (c) => {
    const keyId = `${suffix(c.name, 8)}-1111-2222-3333-${suffix(c.name + "k", 12)}`;
    return { id: keyId, keyId, arn: `arn:aws:kms:${c.region}:${FAKE_ACCOUNT_ID}:key/${keyId}` };
  },
  "aws:kms/alias:Alias": (c) => ({
    arn: `arn:aws:kms:${c.region}:${FAKE_ACCOUNT_ID}:${c.inputs.name ?? "alias/" + c.name}`,
  }),
  "aws:s3/bucket:Bucket": (c) => {
    const bucket = (c.inputs.bucket as string | undefined) ?? `${c.name}-${suffix(c.name, 7)}`;
    return {
      id: bucket,
      bucket,
      arn: `arn:aws:s3:::${bucket}`,
      bucketDomainName: `${bucket}.s3.amazonaws.com`,
      bucketRegionalDomainName: `${bucket}.s3.${c.region}.amazonaws.com`,
    };
  },
  "aws:s3/bucketV2:BucketV2": (c) => AWS_SPECIAL["aws:s3/bucket:Bucket"](c),
  "aws:rds/cluster:Cluster": (c) => ({
    id: c.inputs.clusterIdentifier ?? c.physical,
    clusterIdentifier: c.inputs.clusterIdentifier ?? c.physical,
    arn: `arn:aws:rds:${c.region}:${FAKE_ACCOUNT_ID}:cluster:${c.physical}`,
    endpoint: `${c.physical}.cluster-abcdefghijkl.${c.region}.rds.amazonaws.com`,
    readerEndpoint: `${c.physical}.cluster-ro-abcdefghijkl.${c.region}.rds.amazonaws.com`,
    port: 5432,
    clusterResourceId: `cluster-${suffix(c.name, 26).toUpperCase()}`,
    masterUserSecrets: [
      {
        kmsKeyId: c.inputs.masterUserSecretKmsKeyId,
        secretArn: `arn:aws:secretsmanager:${c.region}:${FAKE_ACCOUNT_ID}:secret:rds!cluster-${suffix(c.name, 8)}`,
        secretStatus: "active",
      },
    ],
  }),
  "aws:rds/proxyEndpoint:ProxyEndpoint": (c) => ({
    endpoint: `${String(c.inputs.dbProxyEndpointName ?? c.physical)}.endpoint.proxy-abcdefghijkl.${c.region}.rds.amazonaws.com`,
  }),
  "aws:rds/clusterInstance:ClusterInstance": (c) => ({
    arn: `arn:aws:rds:${c.region}:${FAKE_ACCOUNT_ID}:db:${c.physical}`,
    endpoint: `${c.physical}.abcdefghijkl.${c.region}.rds.amazonaws.com`,
  }),
  "aws:sqs/queue:Queue": (c) => ({
    id: `https://sqs.${c.region}.amazonaws.com/${FAKE_ACCOUNT_ID}/${c.physical}`,
    url: `https://sqs.${c.region}.amazonaws.com/${FAKE_ACCOUNT_ID}/${c.physical}`,
    arn: `arn:aws:sqs:${c.region}:${FAKE_ACCOUNT_ID}:${c.physical}`,
  }),
  "aws:sns/topic:Topic": (c) => ({
    id: `arn:aws:sns:${c.region}:${FAKE_ACCOUNT_ID}:${c.physical}`,
    arn: `arn:aws:sns:${c.region}:${FAKE_ACCOUNT_ID}:${c.physical}`,
  }),
  "aws:lambda/function:Function": (c) => {
    const arn = `arn:aws:lambda:${c.region}:${FAKE_ACCOUNT_ID}:function:${c.physical}`;
    return {
      arn,
      invokeArn: `arn:aws:apigateway:${c.region}:lambda:path/2015-03-31/functions/${arn}/invocations`,
      qualifiedArn: `${arn}:$LATEST`,
      version: "$LATEST",
    };
  },
  "aws:cloudwatch/logGroup:LogGroup": (c) => ({
    id: c.physical,
    arn: `arn:aws:logs:${c.region}:${FAKE_ACCOUNT_ID}:log-group:${c.physical}`,
  }),
  "aws:iam/role:Role": (c) => ({
    arn: `arn:aws:iam::${FAKE_ACCOUNT_ID}:role/${c.physical}`,
    uniqueId: `AROA${suffix(c.name, 17).toUpperCase()}`,
  }),
  "aws:iam/policy:Policy": (c) => ({
    id: `arn:aws:iam::${FAKE_ACCOUNT_ID}:policy/${c.physical}`,
    arn: `arn:aws:iam::${FAKE_ACCOUNT_ID}:policy/${c.physical}`,
  }),
  "aws:apigateway/restApi:RestApi": (c) => {
    const id = suffix(c.name, 10);
    return {
      id,
      rootResourceId: suffix(c.name + "root", 10),
      executionArn: `arn:aws:execute-api:${c.region}:${FAKE_ACCOUNT_ID}:${id}`,
      arn: `arn:aws:apigateway:${c.region}::/restapis/${id}`,
    };
  },
  "aws:apigateway/stage:Stage": (c) => ({
    invokeUrl: `https://${suffix(c.name, 10)}.execute-api.${c.region}.amazonaws.com/${c.inputs.stageName}`,
    executionArn: `arn:aws:execute-api:${c.region}:${FAKE_ACCOUNT_ID}:${suffix(c.name, 10)}/${c.inputs.stageName}`,
    arn: `arn:aws:apigateway:${c.region}::/restapis/${c.inputs.restApi}/stages/${c.inputs.stageName}`,
  }),
  "aws:apigateway/domainName:DomainName": (c) => ({
    regionalDomainName: `d-${suffix(c.name, 10)}.execute-api.${c.region}.amazonaws.com`,
    regionalZoneId: "Z1UJRXOUMOOFQ8",
  }),
  "aws:acm/certificate:Certificate": (c) => {
    const domainName = String(c.inputs.domainName ?? c.physical);
    const token = suffix(c.name + domainName, 32);
    return {
      arn: `arn:aws:acm:${c.region}:${FAKE_ACCOUNT_ID}:certificate/${suffix(c.name, 8)}-1111-2222-3333-${suffix(c.name, 12)}`,
      domainValidationOptions: [
        {
          domainName,
          resourceRecordName: `_${token}.${domainName}.`,
          resourceRecordType: "CNAME",
          resourceRecordValue: `_${suffix(token, 32)}.acm-validations.aws.`,
        },
      ],
    };
  },
  "aws:route53/record:Record": (c) => ({ fqdn: String(c.inputs.name ?? c.physical).replace(/\.$/, "") }),
  "aws:apigateway/apiKey:ApiKey": (c) => ({ id: suffix(c.name, 10), value: `offline-${suffix(c.name, 32)}` }),
  "aws:wafv2/webAcl:WebAcl": (c) => ({
    arn: `arn:aws:wafv2:${c.region}:${FAKE_ACCOUNT_ID}:regional/webacl/${c.physical}/${suffix(c.name, 8)}`,
  }),
  "aws:ec2/securityGroup:SecurityGroup": (c) => ({ id: `sg-${suffix(c.name, 17)}` }),
  "aws:ec2/vpcEndpoint:VpcEndpoint": (c) => ({ id: `vpce-${suffix(c.name, 17)}` }),
  "aws:route53/zone:Zone": (c) => ({
    id: `Z${suffix(c.name, 13).toUpperCase()}`,
    zoneId: `Z${suffix(c.name, 13).toUpperCase()}`,
    nameServers: ["ns-1.awsdns-01.org"],
  }),
  "aws:route53/healthCheck:HealthCheck": (c) => ({ id: `${suffix(c.name, 8)}-aaaa-bbbb-cccc-${suffix(c.name, 12)}` }),
  "aws:ec2/vpnGateway:VpnGateway": (c) => ({ id: `vgw-${suffix(c.name, 17)}` }),
  "aws:ec2/customerGateway:CustomerGateway": (c) => ({ id: `cgw-${suffix(c.name, 17)}` }),
  "aws:ec2/vpnConnection:VpnConnection": (c) => ({
    id: `vpn-${suffix(c.name, 17)}`,
    tunnel1Address: "203.0.113.10",
    tunnel2Address: "203.0.113.11",
    tunnel1CgwInsideAddress: "169.254.10.2",
    tunnel1VgwInsideAddress: "169.254.10.1",
  }),
  "aws:dynamodb/table:Table": (c) => ({
    id: c.physical,
    streamArn: c.inputs.streamEnabled
      ? `arn:aws:dynamodb:${c.region}:${FAKE_ACCOUNT_ID}:table/${c.physical}/stream/2026-01-01T00:00:00.000`
      : undefined,
    arn: `arn:aws:dynamodb:${c.region}:${FAKE_ACCOUNT_ID}:table/${c.physical}`,
  }),
  "aws:secretsmanager/secret:Secret": (c) => ({
    id: `arn:aws:secretsmanager:${c.region}:${FAKE_ACCOUNT_ID}:secret:${c.physical}-AbCdEf`,
    arn: `arn:aws:secretsmanager:${c.region}:${FAKE_ACCOUNT_ID}:secret:${c.physical}-AbCdEf`,
  }),
  "aws:cloudtrail/trail:Trail": (c) => ({
    arn: `arn:aws:cloudtrail:${c.region}:${FAKE_ACCOUNT_ID}:trail/${c.physical}`,
  }),
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": (c) => ({
    arn: `arn:aws:firehose:${c.region}:${FAKE_ACCOUNT_ID}:deliverystream/${c.physical}`,
  }),
};

/** awsx.ec2.Vpc is a remote component: the engine, not the SDK, builds its children. */
export function awsxVpcState(name: string, inputs: State): State {
  const azCount =
    (inputs.numberOfAvailabilityZones as number | undefined) ??
    (inputs.availabilityZoneNames as string[] | undefined)?.length ??
    3;
  const azs = ["a", "b", "c", "d", "e", "f"].slice(0, azCount);
  const specs = (inputs.subnetSpecs as { type: string; name?: string }[] | undefined) ?? [
    { type: "Private" },
    { type: "Public" },
  ];
  const ids = (type: string) =>
    specs
      .filter((s) => s.type === type)
      .flatMap((s) =>
        azs.map((az) => `subnet-${(s.name ?? type).toLowerCase()}-${az}-${suffix(name + s.name + az, 8)}`),
      );
  return {
    ...inputs,
    vpcId: `vpc-${suffix(name, 17)}`,
    publicSubnetIds: ids("Public"),
    privateSubnetIds: ids("Private"),
    isolatedSubnetIds: ids("Isolated"),
    subnetLayout: specs.map((s) => ({ type: s.type, name: s.name })),
  };
}

export function azureState(type: string, name: string, inputs: State): { id: string; state: State } {
  // azure-native names resources from a `<resource>Name` input (e.g. accountName), else auto-names.
  const nameKey =
    type === "azure-native:resources:ResourceGroup"
      ? "resourceGroupName"
      : Object.keys(inputs).find(
          (k) => k.endsWith("Name") && k !== "resourceGroupName" && typeof inputs[k] === "string",
        );
  const physical =
    (nameKey ? (inputs[nameKey] as string | undefined) : undefined) ?? `${name}${suffix(type + name, 8)}`;
  const [, module = "", kind = ""] = type.split(":");
  const rg = (inputs.resourceGroupName as string | undefined) ?? physical;
  const id =
    type === "azure-native:resources:ResourceGroup"
      ? `/subscriptions/${FAKE_SUBSCRIPTION_ID}/resourceGroups/${physical}`
      : `/subscriptions/${FAKE_SUBSCRIPTION_ID}/resourceGroups/${rg}/providers/Microsoft.${module}/${kind}/${physical}`;
  const special = AZURE_SPECIAL[type]?.(physical, name) ?? {};
  return { id, state: { ...inputs, id, name: physical, ...special } };
}

const AZURE_SPECIAL: Readonly<Record<string, (physical: string, name: string) => State>> = {
  "azure-native:keyvault:Vault": (p) => ({ properties: { vaultUri: `https://${p}.vault.azure.net/` } }),
  "azure-native:keyvault:Key": (p) => ({
    keyUri: `https://vault.vault.azure.net/keys/${p}`,
    keyUriWithVersion: `https://vault.vault.azure.net/keys/${p}/0123456789abcdef`,
  }),
  "azure-native:managedidentity:UserAssignedIdentity": (_p, n) => ({
    principalId: `${suffix(n, 8)}-0000-4000-8000-${suffix(n + "p", 12)}`,
    clientId: `${suffix(n + "c", 8)}-0000-4000-8000-${suffix(n, 12)}`,
    tenantId: FAKE_TENANT_ID,
  }),
  "azure-native:storage:StorageAccount": (p) => ({ primaryEndpoints: { blob: `https://${p}.blob.core.windows.net/` } }),
  "azure-native:web:WebApp": (p) => ({ defaultHostName: `${p}.azurewebsites.net` }),
  "azure-native:web:SiteCertificate": (p) => ({ thumbprint: suffix(p, 40).toUpperCase() }),
  "azure-native:network:PublicIPAddress": () => ({ ipAddress: "198.51.100.20" }),
  "azure-native:dbforpostgresql:Server": (p) => ({ fullyQualifiedDomainName: `${p}.postgres.database.azure.com` }),
  "azure-native:insights:Component": (p) => ({
    connectionString: `InstrumentationKey=${suffix(p, 8)};IngestionEndpoint=https://eastus2.in.applicationinsights.azure.com/`,
    instrumentationKey: suffix(p, 32),
  }),
  "azure-native:operationalinsights:Workspace": (p) => ({
    customerId: `${suffix(p, 8)}-0000-4000-8000-${suffix(p, 12)}`,
  }),
};
