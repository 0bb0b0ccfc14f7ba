/**
 * Physical names must fit the service's length and character rules, and Pulumi's auto-naming
 * makes them longer than the logical name: the AWS provider appends "-" and 7 random hex
 * characters (`<name>-1a2b3c4`), azure-native appends 8 random characters without a separator
 * and without lower-casing (`MyAccountab50c96d`). The provider does not shorten a name to fit, so
 * a long logical name fails at create time ("'accountName' is too long (29): at most 24
 * characters allowed"; "Storage account name must be between 3 and 24 characters in length and
 * use numbers and lower-case letters only"). The analyzer sees the auto-name after the provider's
 * check; offline, the name is computed the provider's way.
 *
 * Sources: pulumi/pulumi-azure-native#4294 and #3665 (auto-names too long / not lower-cased),
 * https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules,
 * AWS API references: Lambda CreateFunction FunctionName (64), IAM CreateRole RoleName (64),
 * ELBv2 CreateLoadBalancer/CreateTargetGroup Name (32), SQS CreateQueue QueueName (80),
 * EventBridge PutRule Name (64), RDS DBClusterIdentifier (63), S3 bucket naming rules (3-63).
 */
import { asString, baseType, peek } from "../../lib/props";
import { resourcePolicy } from "../../lib/types";

export interface NameRule {
  /** The input holding the physical name. */
  readonly field: string;
  readonly min: number;
  readonly max: number;
  /** Allowed characters (whole name). */
  readonly pattern: RegExp;
  /** What the pattern means, for the message. */
  readonly allowed: string;
  /** Whether Pulumi auto-names the field when it is left unset. */
  readonly autoNamed: boolean;
}

const aws = (field: string, max: number, pattern: RegExp, allowed: string, min = 1, autoNamed = true): NameRule => ({
  field,
  min,
  max,
  pattern,
  allowed,
  autoNamed,
});
const az = (field: string, min: number, max: number, pattern: RegExp, allowed: string): NameRule => ({
  field,
  min,
  max,
  pattern,
  allowed,
  autoNamed: true,
});

const ALNUM_DASH_UNDERSCORE = /^[A-Za-z0-9_-]+$/;
const IAM = /^[\w+=,.@-]+$/;
const RDS_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Name rules of the types this platform creates (and the common ones it may). */
export const NAME_RULES: Readonly<Record<string, NameRule>> = {
  "aws:lambda/function:Function": aws("name", 64, ALNUM_DASH_UNDERSCORE, "letters, digits, - and _"),
  "aws:iam/role:Role": aws("name", 64, IAM, "letters, digits and +=,.@-_"),
  "aws:iam/policy:Policy": aws("name", 128, IAM, "letters, digits and +=,.@-_"),
  "aws:iam/instanceProfile:InstanceProfile": aws("name", 128, IAM, "letters, digits and +=,.@-_"),
  "aws:lb/loadBalancer:LoadBalancer": aws(
    "name",
    32,
    /^[A-Za-z0-9](-?[A-Za-z0-9])*$/,
    "letters, digits and inner hyphens",
  ),
  "aws:alb/loadBalancer:LoadBalancer": aws(
    "name",
    32,
    /^[A-Za-z0-9](-?[A-Za-z0-9])*$/,
    "letters, digits and inner hyphens",
  ),
  "aws:lb/targetGroup:TargetGroup": aws(
    "name",
    32,
    /^[A-Za-z0-9](-?[A-Za-z0-9])*$/,
    "letters, digits and inner hyphens",
  ),
  "aws:alb/targetGroup:TargetGroup": aws(
    "name",
    32,
    /^[A-Za-z0-9](-?[A-Za-z0-9])*$/,
    "letters, digits and inner hyphens",
  ),
  "aws:sqs/queue:Queue": aws("name", 80, /^[A-Za-z0-9_-]+(\.fifo)?$/, "letters, digits, - and _ (plus .fifo)"),
  "aws:sns/topic:Topic": aws("name", 256, /^[A-Za-z0-9_-]+(\.fifo)?$/, "letters, digits, - and _ (plus .fifo)"),
  "aws:cloudwatch/eventRule:EventRule": aws("name", 64, /^[.\-_A-Za-z0-9]+$/, "letters, digits and .-_"),
  "aws:cloudwatch/logGroup:LogGroup": aws("name", 512, /^[.\-_/#A-Za-z0-9]+$/, "letters, digits and .-_/#"),
  "aws:cloudwatch/metricAlarm:MetricAlarm": aws("name", 255, /^\P{Cc}+$/u, "printable characters"),
  "aws:cloudwatch/dashboard:Dashboard": aws(
    "dashboardName",
    255,
    /^[A-Za-z0-9_-]+$/,
    "letters, digits, - and _",
    1,
    false,
  ),
  "aws:s3/bucket:Bucket": aws(
    "bucket",
    63,
    /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/,
    "lower-case letters, digits, . and - (starting and ending with a letter or digit)",
    3,
  ),
  "aws:s3/bucketV2:BucketV2": aws(
    "bucket",
    63,
    /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/,
    "lower-case letters, digits, . and - (starting and ending with a letter or digit)",
    3,
  ),
  "aws:rds/cluster:Cluster": aws(
    "clusterIdentifier",
    63,
    RDS_ID,
    "lower-case letters, digits and single inner hyphens, starting with a letter",
  ),
  "aws:rds/clusterInstance:ClusterInstance": aws(
    "identifier",
    63,
    RDS_ID,
    "lower-case letters, digits and single inner hyphens, starting with a letter",
  ),
  "aws:rds/instance:Instance": aws(
    "identifier",
    63,
    RDS_ID,
    "lower-case letters, digits and single inner hyphens, starting with a letter",
  ),
  "aws:rds/clusterParameterGroup:ClusterParameterGroup": aws(
    "name",
    255,
    /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/,
    "lower-case letters, digits and single inner hyphens, starting with a letter",
  ),
  "aws:rds/subnetGroup:SubnetGroup": aws("name", 255, /^[a-z0-9 ._-]+$/, "lower-case letters, digits, spaces and ._-"),
  "aws:secretsmanager/secret:Secret": aws("name", 512, /^[A-Za-z0-9/_+=.@-]+$/, "letters, digits and /_+=.@-"),
  "aws:wafv2/webAcl:WebAcl": aws("name", 128, /^[\w-]+$/, "letters, digits, - and _"),
  "aws:cloudtrail/trail:Trail": aws(
    "name",
    128,
    /^[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]$/,
    "letters, digits and ._- (starting and ending with a letter or digit)",
    3,
  ),
  "aws:cfg/rule:Rule": aws("name", 128, /^.+$/, "any characters"),
  "aws:backup/vault:Vault": aws("name", 50, /^[A-Za-z0-9_-]+$/, "letters, digits, - and _", 2),
  "aws:backup/plan:Plan": aws("name", 50, /^[A-Za-z0-9_.-]+$/, "letters, digits and ._-"),
  "aws:sfn/stateMachine:StateMachine": aws("name", 80, /^[A-Za-z0-9_-]+$/, "letters, digits, - and _"),
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": aws(
    "name",
    64,
    /^[A-Za-z0-9_.-]+$/,
    "letters, digits and ._-",
  ),
  "azure-native:storage:StorageAccount": az("accountName", 3, 24, /^[a-z0-9]+$/, "lower-case letters and digits only"),
  "azure-native:keyvault:Vault": az(
    "vaultName",
    3,
    24,
    /^[A-Za-z](-?[A-Za-z0-9])*$/,
    "letters, digits and single inner hyphens, starting with a letter",
  ),
  "azure-native:keyvault:Secret": az("secretName", 1, 127, /^[A-Za-z0-9-]+$/, "letters, digits and -"),
  "azure-native:keyvault:Key": az("keyName", 1, 127, /^[A-Za-z0-9-]+$/, "letters, digits and -"),
  "azure-native:dbforpostgresql:Server": az(
    "serverName",
    3,
    63,
    /^[a-z0-9](-?[a-z0-9])*$/,
    "lower-case letters, digits and inner hyphens",
  ),
  "azure-native:web:WebApp": az("name", 2, 60, /^[A-Za-z0-9](-?[A-Za-z0-9])*$/, "letters, digits and inner hyphens"),
  "azure-native:web:AppServicePlan": az("name", 1, 60, /^[A-Za-z0-9-]+$/, "letters, digits and -"),
  "azure-native:resources:ResourceGroup": az(
    "resourceGroupName",
    1,
    90,
    /^[\w.()-]*[\w()-]$/,
    "letters, digits and ._()- (not ending in .)",
  ),
  "azure-native:operationalinsights:Workspace": az(
    "workspaceName",
    4,
    63,
    /^[A-Za-z0-9](-?[A-Za-z0-9])*$/,
    "letters, digits and inner hyphens",
  ),
  "azure-native:applicationinsights:Component": az("resourceName", 1, 260, /^[^%&\\?/]+$/, "any characters but %&\\?/"),
  "azure-native:managedidentity:UserAssignedIdentity": az(
    "resourceName",
    3,
    128,
    /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
    "letters, digits, - and _ (starting with a letter or digit)",
  ),
  "azure-native:storage:BlobContainer": az(
    "containerName",
    3,
    63,
    /^[a-z0-9](-?[a-z0-9])*$/,
    "lower-case letters, digits and single inner hyphens",
  ),
  "azure-native:network:VirtualNetwork": az(
    "virtualNetworkName",
    2,
    64,
    /^[A-Za-z0-9][\w.-]*\w$/,
    "letters, digits and ._- (starting with a letter or digit, ending with a letter, digit or _)",
  ),
  "azure-native:network:NetworkSecurityGroup": az(
    "networkSecurityGroupName",
    1,
    80,
    /^[A-Za-z0-9]([\w.-]*\w)?$/,
    "letters, digits and ._-",
  ),
  "azure-native:network:PublicIPAddress": az(
    "publicIpAddressName",
    1,
    80,
    /^[A-Za-z0-9]([\w.-]*\w)?$/,
    "letters, digits and ._-",
  ),
  "azure-native:network:PrivateEndpoint": az(
    "privateEndpointName",
    2,
    64,
    /^[A-Za-z0-9][\w.-]*\w$/,
    "letters, digits and ._-",
  ),
  "azure-native:network:NatGateway": az(
    "natGatewayName",
    1,
    80,
    /^[A-Za-z0-9]([\w.-]*\w)?$/,
    "letters, digits and ._-",
  ),
  "azure-native:network:VirtualNetworkGateway": az(
    "virtualNetworkGatewayName",
    1,
    80,
    /^[A-Za-z0-9]([\w.-]*\w)?$/,
    "letters, digits and ._-",
  ),
  "azure-native:network:LocalNetworkGateway": az(
    "localNetworkGatewayName",
    1,
    80,
    /^[A-Za-z0-9]([\w.-]*\w)?$/,
    "letters, digits and ._-",
  ),
  // https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftresources
  "azure-native:resources:Deployment": az("deploymentName", 1, 64, /^[\w.()-]+$/, "letters, digits and _.()-"),
  "azure-native:network:VirtualNetworkGatewayConnection": az(
    "virtualNetworkGatewayConnectionName",
    1,
    80,
    /^[A-Za-z0-9]([\w.-]*\w)?$/,
    "letters, digits and ._-",
  ),
};

const TYPES = Object.keys(NAME_RULES);

/** terraform-plugin-sdk's id.PrefixedUniqueId: prefix + 26 characters (timestamp and counter). */
const UNIQUE_ID_LENGTH = 26;

/** The name the provider will use: the explicit input, else the logical name plus the provider's suffix. */
export function physicalName(
  type: string,
  logical: string,
  explicit: string | undefined,
): { name: string; auto: boolean } {
  if (explicit !== undefined) return { name: explicit, auto: false };
  return type.startsWith("azure-native:")
    ? { name: `${logical}xxxxxxxx`, auto: true } // 8 random characters, no separator
    : { name: `${logical}-xxxxxxx`, auto: true }; // "-" + 7 random hex characters
}

/** pulumi-aws lower-cases these auto-names (S3 bucket names, RDS identifiers); azure-native lower-cases none. */
const LOWER_CASED_AUTO_NAMES = new Set([
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketV2:BucketV2",
  "aws:rds/cluster:Cluster",
  "aws:rds/clusterInstance:ClusterInstance",
  "aws:rds/instance:Instance",
]);

/** Auto-names' random characters are lower-case hex on AWS and alphanumeric on Azure: judge the characters with a stand-in. */
function sampleOf(type: string, name: string, auto: boolean): string {
  if (!auto) return name;
  const sample = name.replace(/x+$/, (s) => "a".repeat(s.length));
  return LOWER_CASED_AUTO_NAMES.has(type) ? sample.toLowerCase() : sample;
}

export function nameProblems(type: string, logical: string, props: Readonly<Record<string, unknown>>): string[] {
  const rule = NAME_RULES[type];
  const prefix = asString(peek(props, rule.field === "bucket" ? "bucketPrefix" : "namePrefix"));
  const explicit = asString(peek(props, rule.field));
  if (explicit === undefined && prefix !== undefined && type.startsWith("aws:")) {
    // The AWS provider completes a namePrefix with a 26-character unique id.
    const length = prefix.length + UNIQUE_ID_LENGTH;
    return length > rule.max
      ? [
          `${rule.field} from namePrefix "${prefix}" will be ${length} characters (the provider ` +
            `appends a ${UNIQUE_ID_LENGTH}-character id); ${type} allows at most ${rule.max}: shorten ` +
            `the prefix to ${rule.max - UNIQUE_ID_LENGTH} characters.`,
        ]
      : [];
  }
  if (explicit === undefined && !rule.autoNamed) return [];
  const { name, auto } = physicalName(type, logical, explicit);
  const how = auto
    ? `auto-named from "${logical}" (the provider appends ${type.startsWith("azure-native:") ? "8 random characters" : '"-" and 7 hex characters'}), `
    : "";
  const problems: string[] = [];
  if (name.length > rule.max || name.length < rule.min) {
    const fit = auto
      ? ` shorten the logical name to at most ${rule.max - (name.length - logical.length)} characters or set ${rule.field} explicitly`
      : ` shorten ${rule.field}`;
    problems.push(
      `${rule.field} ${auto ? `"${name.replace(/x+$/, "…")}"` : `"${name}"`} is ` +
        `${how}${name.length} characters; ${type} allows ${rule.min}-${rule.max}:${fit}.`,
    );
  }
  const sample = sampleOf(type, name, auto);
  if (!rule.pattern.test(sample)) {
    problems.push(
      `${rule.field} "${auto ? name.replace(/x+$/, "…") : name}" is ${how}not valid for ${type}: ` +
        `use ${rule.allowed}${auto ? ` (change the logical name or set ${rule.field})` : ""}.`,
    );
  }
  return problems;
}

export const physicalNameLimits = resourcePolicy({
  name: "physical-name-limits",
  description:
    "Physical names, including Pulumi's auto-names (AWS: name-1a2b3c4; Azure: name + 8 characters), fit each service's length and character rules.",
  enforcementLevel: "mandatory",
  pci: ["6.5.1"],
  resourceTypes: TYPES,
  fix: "Shorten the logical name (auto-naming adds 8 characters) or set the name input explicitly within the service's limits.",
  configSchema: { properties: {} },
  validateResource: (args, report) => {
    const type = baseType(args.type);
    if (!(type in NAME_RULES)) args.notApplicable("no name rule for this type");
    for (const problem of nameProblems(type, args.name, args.props)) report(problem);
  },
});
(
  physicalNameLimits.policy as { validateResource: { __policyTypes?: readonly string[] } }
).validateResource.__policyTypes = TYPES;
