/**
 * Systematic mutants of a plan: for each resource type present, each protected property is
 * broken on one resource of that type (drop a tag or the CMK, open public access, move region,
 * weaken TLS). Every mutant must draw a new mandatory finding.
 */
import type { PlanResource } from "../../platform-rules/plan-format";
import { DEFAULT_AWS_GLOBAL_TYPES, DEFAULT_AZURE_PAIRED_LOCATIONS, DEFAULT_AZURE_PAIRED_REGION_TYPES, isGlobalType } from "../lib/regions";
import { isTaggable } from "../lib/tags";
import { asArray, asObject, parseJsonish, typeMatches } from "../lib/props";

/** The paired location(s) only geo-backup types may use: any other type moved there must be caught. */
const PAIRED = [...new Set(Object.values(DEFAULT_AZURE_PAIRED_LOCATIONS).flat())];

type Inputs = Record<string, any>;
export interface Mutant {
  readonly label: string;
  readonly resources: PlanResource[];
}

/** type → property label → how to break it (returns false when the resource lacks the property). */
const BREAKERS: Readonly<Record<string, Readonly<Record<string, (i: Inputs) => boolean>>>> = {
  "aws:sqs/queue:Queue": { kmsMasterKeyId: (i) => del(i, "kmsMasterKeyId") },
  "aws:sns/topic:Topic": { kmsMasterKeyId: (i) => del(i, "kmsMasterKeyId") },
  "aws:dynamodb/table:Table": { "serverSideEncryption.kmsKeyArn": (i) => del(i.serverSideEncryption, "kmsKeyArn") },
  "aws:cloudwatch/logGroup:LogGroup": { kmsKeyId: (i) => del(i, "kmsKeyId") },
  "aws:lambda/function:Function": { kmsKeyArn: (i) => !!asObject(i.environment?.variables) && Object.keys(i.environment.variables).length > 0 && del(i, "kmsKeyArn") },
  "aws:secretsmanager/secret:Secret": { kmsKeyId: (i) => del(i, "kmsKeyId") },
  "aws:kms/key:Key": { enableKeyRotation: (i) => (i.keySpec ?? i.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT") === "SYMMETRIC_DEFAULT" && set(i, "enableKeyRotation", false) },
  "aws:rds/cluster:Cluster": { storageEncrypted: (i) => set(i, "storageEncrypted", false), kmsKeyId: (i) => del(i, "kmsKeyId") },
  "aws:rds/clusterInstance:ClusterInstance": { publiclyAccessible: (i) => set(i, "publiclyAccessible", true) },
  "aws:rds/clusterParameterGroup:ClusterParameterGroup": {
    "rds.force_ssl": (i) => asArray(i.parameters).some((p: any) => p?.name === "rds.force_ssl" && set(p, "value", "0")),
  },
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": {
    sseAlgorithm: (i) => asArray(i.rules).some((r: any) => !!r?.applyServerSideEncryptionByDefault && set(r.applyServerSideEncryptionByDefault, "sseAlgorithm", "AES256")),
    kmsMasterKeyId: (i) => asArray(i.rules).some((r: any) => del(r?.applyServerSideEncryptionByDefault, "kmsMasterKeyId")),
  },
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": { blockPublicPolicy: (i) => set(i, "blockPublicPolicy", false) },
  "aws:s3/bucketPolicy:BucketPolicy": { secureTransportDeny: (i) => "policy" in i && set(i, "policy", JSON.stringify({ Version: "2012-10-17", Statement: [] })) },
  "aws:apigateway/domainName:DomainName": { securityPolicy: (i) => set(i, "securityPolicy", "TLS_1_0") },
  "aws:apigatewayv2/domainName:DomainName": { securityPolicy: (i) => !!i.domainNameConfiguration && set(i.domainNameConfiguration, "securityPolicy", "TLS_1_0") },
  "aws:lb/listener:Listener": { sslPolicy: (i) => "sslPolicy" in i && set(i, "sslPolicy", "ELBSecurityPolicy-2016-08") },
  "aws:kinesis/stream:Stream": { encryptionType: (i) => set(i, "encryptionType", "NONE") },
  "aws:backup/vault:Vault": { kmsKeyArn: (i) => del(i, "kmsKeyArn") },
  "azure-native:storage:StorageAccount": {
    publicNetworkAccess: (i) => set(i, "publicNetworkAccess", "Enabled"),
    allowBlobPublicAccess: (i) => set(i, "allowBlobPublicAccess", true),
    minimumTlsVersion: (i) => set(i, "minimumTlsVersion", "TLS1_0"),
    "encryption.keySource": (i) => !!i.encryption && set(i.encryption, "keySource", "Microsoft.Storage"),
    "encryption.requireInfrastructureEncryption": (i) => !!i.encryption && set(i.encryption, "requireInfrastructureEncryption", false),
  },
  "azure-native:dbforpostgresql:Server": {
    "network.publicNetworkAccess": (i) => set((i.network ??= {}), "publicNetworkAccess", "Enabled"),
    dataEncryption: (i) => (i.createMode ?? "Default").toLowerCase() !== "replica" && del(i, "dataEncryption"),
  },
  "azure-native:dbforpostgresql:Configuration": {
    ssl_min_protocol_version: (i) => i.configurationName === "ssl_min_protocol_version" && set(i, "value", "TLSv1.0"),
  },
  "azure-native:keyvault:Vault": { enablePurgeProtection: (i) => !!i.properties && set(i.properties, "enablePurgeProtection", false) },
  "azure-native:web:WebApp": { httpsOnly: (i) => set(i, "httpsOnly", false) },
  // A failover TTL of an hour blows any RTO the DR health check is tagged with (dr-recovery-objectives).
  "aws:route53/record:Record": { "failover ttl": (i) => asArray(i.failoverRoutingPolicies).length > 0 && set(i, "ttl", 3600) },
  "aws:route53/healthCheck:HealthCheck": {
    DrReplicationLagAlarmSeconds: (i) => !!asObject(i.tags)?.DrRpoMinutes && set(i.tags, "DrReplicationLagAlarmSeconds", String(Number(i.tags.DrRpoMinutes) * 60)),
  },
};

/** False when there is nothing to change, so the next resource of the type gets the mutant. */
function set(o: Inputs | undefined, key: string, value: unknown): boolean {
  if (!o || typeof o !== "object" || o[key] === value) return false;
  o[key] = value;
  return true;
}

function del(o: Inputs | undefined, key: string): boolean {
  if (!o || typeof o !== "object" || !(key in o)) return false;
  delete o[key];
  return true;
}

function replaced(plan: readonly PlanResource[], index: number, inputs: Inputs): PlanResource[] {
  return plan.map((r, i) => (i === index ? { ...r, inputs } : r));
}

export function generateMutants(plan: readonly PlanResource[]): Mutant[] {
  const mutants: Mutant[] = [];
  const seen = new Set<string>();
  const once = (key: string): boolean => !seen.has(key) && !!seen.add(key);
  plan.forEach((r, index) => {
    const clone = (): Inputs => structuredClone(r.inputs) as Inputs;
    for (const [prop, breakIt] of Object.entries(BREAKERS[r.type] ?? {})) {
      const inputs = clone();
      if (!seen.has(`${r.type}/${prop}`) && breakIt(inputs) && once(`${r.type}/${prop}`)) mutants.push({ label: `${r.type} ${r.name}: break ${prop}`, resources: replaced(plan, index, inputs) });
    }
    if (r.type === "pulumi:providers:aws") {
      mutants.push({ label: `${r.name}: region eu-west-1`, resources: replaced(plan, index, { ...clone(), region: "eu-west-1" }) });
      const tags = asObject(asObject(parseJsonish(r.inputs.defaultTags))?.tags);
      const users = plan.some((u) => u.provider?.startsWith(`${r.urn}::`) && isTaggable(u.type) && !asObject(u.inputs.tags)?.Owner);
      if (tags && users) {
        const { Owner: _dropped, ...rest } = tags;
        mutants.push({ label: `${r.name}: drop defaultTags Owner`, resources: replaced(plan, index, { ...clone(), defaultTags: JSON.stringify({ tags: rest }) }) });
      }
    }
    if (r.type.startsWith("aws:") && !isGlobalType(r.type, DEFAULT_AWS_GLOBAL_TYPES) && r.type !== "aws:wafv2/webAcl:WebAcl" && once(`${r.type}/region`)) {
      mutants.push({ label: `${r.type} ${r.name}: region us-west-2`, resources: replaced(plan, index, { ...clone(), region: "us-west-2" }) });
    }
    if (r.type.startsWith("azure-native:")) {
      if (typeof r.inputs.location === "string" && r.inputs.location.toLowerCase() !== "global" && once(`${r.type}/location`)) {
        mutants.push({ label: `${r.type} ${r.name}: location westeurope`, resources: replaced(plan, index, { ...clone(), location: "westeurope" }) });
      }
      const pairedOk = typeMatches(r.type, DEFAULT_AZURE_PAIRED_REGION_TYPES);
      for (const paired of PAIRED) {
        if (typeof r.inputs.location === "string" && r.inputs.location.toLowerCase() !== "global" && !pairedOk && r.inputs.location !== paired && once(`${r.type}/location-${paired}`)) {
          mutants.push({ label: `${r.type} ${r.name}: location ${paired}`, resources: replaced(plan, index, { ...clone(), location: paired }) });
        }
      }
      const tags = asObject(r.inputs.tags);
      if (tags && "Owner" in tags && once(`${r.type}/tags`)) {
        const { Owner: _dropped, ...rest } = tags;
        mutants.push({ label: `${r.type} ${r.name}: drop tag Owner`, resources: replaced(plan, index, { ...clone(), tags: rest }) });
      }
    }
  });
  return mutants;
}
