import { describeCases } from "../testing/cases";
import { CMK, resource } from "../testing/fixtures";

const AWS_MANAGED = "alias/aws/sqs";

describeCases("dynamodb-table-cmk", [
  {
    should: "pass a table encrypted with a CMK",
    resources: [resource("aws:dynamodb/table:Table", "t", { serverSideEncryption: { enabled: true, kmsKeyArn: CMK } })],
    violation: null,
  },
  {
    should: "report a table with SSE enabled but no CMK (AWS-managed key)",
    resources: [resource("aws:dynamodb/table:Table", "t", { serverSideEncryption: { enabled: true } })],
    violation: /kmsKeyArn to a CMK ARN/,
  },
  {
    should: "report a table without serverSideEncryption",
    resources: [resource("aws:dynamodb/table:Table", "t", {})],
    violation: /not encrypted with a customer-managed key/,
  },
]);

describeCases("sqs-queue-cmk", [
  {
    should: "pass a queue with a CMK",
    resources: [resource("aws:sqs/queue:Queue", "q", { kmsMasterKeyId: CMK })],
    violation: null,
  },
  {
    should: "report a queue on the AWS-managed alias/aws/sqs key",
    resources: [resource("aws:sqs/queue:Queue", "q", { kmsMasterKeyId: AWS_MANAGED })],
    violation: /kmsMasterKeyId/,
  },
  {
    should: "report a queue with only SQS-managed SSE",
    resources: [resource("aws:sqs/queue:Queue", "q", { sqsManagedSseEnabled: true })],
    violation: /kmsMasterKeyId/,
  },
]);

describeCases("sns-topic-cmk", [
  {
    should: "pass a topic with a CMK",
    resources: [resource("aws:sns/topic:Topic", "t", { kmsMasterKeyId: CMK })],
    violation: null,
  },
  {
    should: "report a topic on an AWS-managed key ARN alias",
    resources: [
      resource("aws:sns/topic:Topic", "t", { kmsMasterKeyId: "arn:aws:kms:us-east-1:111122223333:alias/aws/sns" }),
    ],
    violation: /not alias\/aws\/sns/,
  },
  {
    should: "report an unencrypted topic",
    resources: [resource("aws:sns/topic:Topic", "t", {})],
    violation: /kmsMasterKeyId/,
  },
]);

describeCases("log-group-cmk", [
  {
    should: "pass a log group with a CMK",
    resources: [resource("aws:cloudwatch/logGroup:LogGroup", "l", { kmsKeyId: CMK })],
    violation: null,
  },
  {
    should: "report a log group without kmsKeyId",
    resources: [resource("aws:cloudwatch/logGroup:LogGroup", "l", { retentionInDays: 400 })],
    violation: /kmsKeyId/,
  },
]);

describeCases("lambda-environment-cmk", [
  {
    should: "pass a function with environment variables and a CMK",
    resources: [
      resource("aws:lambda/function:Function", "f", { environment: { variables: { A: "1" } }, kmsKeyArn: CMK }),
    ],
    violation: null,
  },
  {
    should: "pass a function without environment variables",
    resources: [resource("aws:lambda/function:Function", "f", {})],
    violation: null,
  },
  {
    should: "report a function with environment variables and no CMK",
    resources: [resource("aws:lambda/function:Function", "f", { environment: { variables: { A: "1" } } })],
    violation: /kmsKeyArn/,
  },
]);

describeCases("secret-cmk", [
  {
    should: "pass a secret with a CMK",
    resources: [resource("aws:secretsmanager/secret:Secret", "s", { kmsKeyId: CMK })],
    violation: null,
  },
  {
    should: "report a secret on the default key",
    resources: [resource("aws:secretsmanager/secret:Secret", "s", {})],
    violation: /kmsKeyId/,
  },
]);

describeCases("backup-vault-cmk", [
  {
    should: "pass a vault with a CMK",
    resources: [resource("aws:backup/vault:Vault", "v", { kmsKeyArn: CMK })],
    violation: null,
  },
  {
    should: "report a vault without kmsKeyArn",
    resources: [resource("aws:backup/vault:Vault", "v", {})],
    violation: /kmsKeyArn/,
  },
]);

describeCases("kinesis-cmk", [
  {
    should: "pass a stream with KMS and a CMK",
    resources: [resource("aws:kinesis/stream:Stream", "s", { encryptionType: "KMS", kmsKeyId: CMK })],
    violation: null,
  },
  {
    should: "report a stream on alias/aws/kinesis",
    resources: [resource("aws:kinesis/stream:Stream", "s", { encryptionType: "KMS", kmsKeyId: "alias/aws/kinesis" })],
    violation: /encryptionType to "KMS"/,
  },
  {
    should: "report an unencrypted stream",
    resources: [resource("aws:kinesis/stream:Stream", "s", { encryptionType: "NONE" })],
    violation: /Stream is not encrypted/,
  },
  {
    should: "pass a Firehose with a customer-managed CMK",
    resources: [
      resource("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "f", {
        serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: CMK },
      }),
    ],
    violation: null,
  },
  {
    should: "pass a Firehose reading from a Kinesis stream (it inherits the stream's key)",
    resources: [
      resource("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "f", {
        kinesisSourceConfiguration: { kinesisStreamArn: "arn" },
      }),
    ],
    violation: null,
  },
  {
    should: "report a Firehose on an AWS-owned key",
    resources: [
      resource("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "f", {
        serverSideEncryption: { enabled: true, keyType: "AWS_OWNED_CMK" },
      }),
    ],
    violation: /CUSTOMER_MANAGED_CMK/,
  },
]);

describeCases("ebs-volume-cmk", [
  {
    should: "pass an encrypted volume with a CMK",
    resources: [resource("aws:ebs/volume:Volume", "v", { encrypted: true, kmsKeyId: CMK })],
    violation: null,
  },
  {
    should: "report an unencrypted volume",
    resources: [resource("aws:ebs/volume:Volume", "v", { encrypted: false })],
    violation: /Volume is not encrypted/,
  },
  {
    should: "pass an instance whose root and data devices use a CMK",
    resources: [
      resource("aws:ec2/instance:Instance", "i", {
        rootBlockDevice: { encrypted: true, kmsKeyId: CMK },
        ebsBlockDevices: [{ encrypted: true, kmsKeyId: CMK }],
      }),
    ],
    violation: null,
  },
  {
    should: "report an instance with an unencrypted data device",
    resources: [
      resource("aws:ec2/instance:Instance", "i", {
        rootBlockDevice: { encrypted: true, kmsKeyId: CMK },
        ebsBlockDevices: [{ encrypted: false }],
      }),
    ],
    violation: /Instance block devices/,
  },
  {
    should: "report an instance whose root device is not declared encrypted",
    resources: [resource("aws:ec2/instance:Instance", "i", {})],
    violation: /rootBlockDevice/,
  },
  {
    should: "pass a launch template whose devices use a CMK",
    resources: [
      resource("aws:ec2/launchTemplate:LaunchTemplate", "lt", {
        blockDeviceMappings: [{ ebs: { encrypted: "true", kmsKeyId: CMK } }],
      }),
    ],
    violation: null,
  },
  {
    should: "report a launch template with an unencrypted device",
    resources: [
      resource("aws:ec2/launchTemplate:LaunchTemplate", "lt", {
        blockDeviceMappings: [{ ebs: { encrypted: "false" } }],
      }),
    ],
    violation: /Launch template/,
  },
]);

describeCases("kms-key-rotation", [
  {
    should: "pass a symmetric key with rotation on",
    resources: [resource("aws:kms/key:Key", "k", { enableKeyRotation: true })],
    violation: null,
  },
  {
    should: "report a symmetric key without rotation",
    resources: [resource("aws:kms/key:Key", "k", {})],
    violation: /enableKeyRotation/,
  },
  {
    should: "skip an asymmetric key, which cannot rotate automatically",
    resources: [resource("aws:kms/key:Key", "k", { customerMasterKeySpec: "RSA_4096" })],
    violation: null,
  },
  {
    should: "skip an asymmetric key given with keySpec",
    resources: [resource("aws:kms/key:Key", "k", { keySpec: "ECC_NIST_P256", keyUsage: "SIGN_VERIFY" })],
    violation: null,
  },
  {
    should: "skip an HMAC key given with keySpec",
    resources: [resource("aws:kms/key:Key", "k", { keySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" })],
    violation: null,
  },
  {
    should: "report a symmetric key given with keySpec and no rotation",
    resources: [resource("aws:kms/key:Key", "k", { keySpec: "SYMMETRIC_DEFAULT" })],
    violation: /enableKeyRotation/,
  },
  {
    should: "pass an Azure Key Vault key with a Rotate lifetime action",
    resources: [
      resource("azure-native:keyvault:Key", "k", {
        properties: {
          rotationPolicy: { lifetimeActions: [{ action: { type: "rotate" }, trigger: { timeAfterCreate: "P90D" } }] },
        },
      }),
    ],
    violation: null,
  },
  {
    should: "report an Azure Key Vault key without a rotation policy",
    resources: [resource("azure-native:keyvault:Key", "k", { properties: { kty: "RSA" } })],
    violation: /rotationPolicy/,
  },
]);
