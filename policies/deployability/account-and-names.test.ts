import { awsProvider, resource } from "../testing/fixtures";
import { describeCases } from "./testing";

const west = awsProvider("us-west-2", undefined, "aws-west");

describeCases("account-singletons", [
  {
    should: "report a second AWS Config recorder in the same region",
    resources: [resource("aws:cfg/recorder:Recorder", "a", {}), resource("aws:cfg/recorder:Recorder", "b", {})],
    violations: [
      /b: the AWS Config configuration recorder is declared again; AWS allows it once per account and region \(us-east-1\) \(also a\)/,
    ],
  },
  {
    should: "pass one recorder per region",
    resources: [
      west,
      resource("aws:cfg/recorder:Recorder", "a", {}),
      resource("aws:cfg/recorder:Recorder", "b", {}, { provider: west }),
    ],
    violations: [],
  },
  {
    should: "count a resource's own region input over the provider's",
    resources: [
      resource("aws:apigateway/account:Account", "a", {}),
      resource("aws:apigateway/account:Account", "b", { region: "us-west-2" }),
    ],
    violations: [],
  },
  {
    should: "report two API Gateway account settings in one region",
    resources: [
      resource("aws:apigateway/account:Account", "a", {}),
      resource("aws:apigateway/account:Account", "b", {}),
    ],
    violations: [/b: the API Gateway account settings \(CloudWatch Logs role\) is declared again/],
  },
  {
    should: "report the same service-linked role twice even through providers in two regions (IAM is per account)",
    resources: [
      west,
      resource("aws:iam/serviceLinkedRole:ServiceLinkedRole", "a", { awsServiceName: "config.amazonaws.com" }),
      resource(
        "aws:iam/serviceLinkedRole:ServiceLinkedRole",
        "b",
        { awsServiceName: "config.amazonaws.com" },
        { provider: west },
      ),
    ],
    violations: [
      /b: the service-linked role \[config\.amazonaws\.com\] is declared again; AWS allows it once per account/,
    ],
  },
  {
    should: "pass service-linked roles of different services",
    resources: [
      resource("aws:iam/serviceLinkedRole:ServiceLinkedRole", "a", { awsServiceName: "config.amazonaws.com" }),
      resource("aws:iam/serviceLinkedRole:ServiceLinkedRole", "b", { awsServiceName: "ops.apigateway.amazonaws.com" }),
    ],
    violations: [],
  },
  {
    should: "report a second GuardDuty detector, delivery channel and retention configuration",
    resources: [
      "aws:guardduty/detector:Detector",
      "aws:cfg/deliveryChannel:DeliveryChannel",
      "aws:cfg/retentionConfiguration:RetentionConfiguration",
    ].flatMap((t) => [resource(t, `${t}-1`, {}), resource(t, `${t}-2`, {})]),
    violations: [/GuardDuty detector/, /delivery channel/, /retention configuration/],
  },
  {
    should: "report a second multi-region trail (a billed duplicate) but not a single-region one",
    resources: [
      resource("aws:cloudtrail/trail:Trail", "org", { isMultiRegionTrail: true }),
      resource("aws:cloudtrail/trail:Trail", "app", { isMultiRegionTrail: true }),
      resource("aws:cloudtrail/trail:Trail", "local", { isMultiRegionTrail: false }),
    ],
    violations: [
      /app: the account's multi-region management-event trail \(a second one is a billed duplicate\) \[multi-region\] is declared again/,
    ],
  },
]);

const FN = "aws:lambda/function:Function";

describeCases("physical-name-limits", [
  {
    should: "report a Lambda logical name whose auto-name passes 64 characters",
    resources: [resource(FN, "a".repeat(57), {})],
    violations: [
      /name "a{57}-…" is auto-named from "a{57}" \(the provider appends "-" and 7 hex characters\), 65 characters; aws:lambda\/function:Function allows 1-64: shorten the logical name to at most 56 characters/,
    ],
  },
  {
    should: "pass a Lambda logical name of 56 characters (64 with the suffix)",
    resources: [resource(FN, "a".repeat(56), {})],
    violations: [],
  },
  {
    should: "judge an explicit name as written",
    resources: [resource(FN, "f", { name: "x".repeat(65) })],
    violations: [/name "x{65}" is 65 characters; .* shorten name/],
  },
  {
    should: "report an IAM role namePrefix the provider's 26-character id pushes past 64",
    resources: [resource("aws:iam/role:Role", "r", { namePrefix: "p".repeat(39) })],
    violations: [/namePrefix "p{39}" will be 65 characters .* shorten the prefix to 38/],
  },
  {
    should: "report a target group auto-name past 32 characters",
    resources: [resource("aws:lb/targetGroup:TargetGroup", "trade-api-blue-green-tg-1", {})],
    violations: [/33 characters; aws:lb\/targetGroup:TargetGroup allows 1-32/],
  },
  {
    should: "report an ARM deployment logical name whose auto-name passes 64 characters",
    resources: [resource("azure-native:resources:Deployment", "d".repeat(57), { properties: { mode: "Incremental" } })],
    violations: [/65 characters; azure-native:resources:Deployment allows 1-64/],
  },
  {
    should: "report an SQS queue name with a character SQS refuses",
    resources: [resource("aws:sqs/queue:Queue", "q", { name: "orders.dlq" })],
    violations: [/name "orders\.dlq" is not valid for aws:sqs\/queue:Queue/],
  },
  {
    should: "pass a FIFO queue name",
    resources: [resource("aws:sqs/queue:Queue", "q", { name: "orders.fifo" })],
    violations: [],
  },
  {
    should: "report an Azure storage account auto-named from a hyphenated logical name",
    resources: [resource("azure-native:storage:StorageAccount", "dr-store", {})],
    violations: [
      /accountName "dr-store…" is auto-named .* not valid for azure-native:storage:StorageAccount: use lower-case letters and digits only/,
    ],
  },
  {
    should: "report an Azure storage account whose auto-name passes 24 characters",
    resources: [resource("azure-native:storage:StorageAccount", "standbystorageacct", {})],
    violations: [/26 characters; azure-native:storage:StorageAccount allows 3-24/],
  },
  {
    should: "pass an explicit storage account name of 17 lower-case characters",
    resources: [resource("azure-native:storage:StorageAccount", "s", { accountName: "fxprod064ddrstore" })],
    violations: [],
  },
  {
    should: "report a Key Vault name past 24 characters",
    resources: [resource("azure-native:keyvault:Vault", "v", { vaultName: "fx-production-dr-keyvault" })],
    violations: [/vaultName "fx-production-dr-keyvault" is 25 characters/],
  },
  {
    should: "report an upper-case S3 bucket name but not an auto-name (the provider lower-cases it)",
    resources: [
      resource("aws:s3/bucket:Bucket", "Audit", {}),
      resource("aws:s3/bucket:Bucket", "b", { bucket: "Audit-Logs" }),
    ],
    violations: [/bucket "Audit-Logs" is not valid/],
  },
  {
    should: "leave types without a name rule alone",
    resources: [resource("aws:ec2/vpcEndpoint:VpcEndpoint", "x".repeat(300), {})],
    violations: [],
  },
]);
