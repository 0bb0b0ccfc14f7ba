import { describeCases } from "../testing/cases";
import { resource } from "../testing/fixtures";

const POLICY = "aws:iam/policy:Policy";
const ROLE = "aws:iam/role:Role";
const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const policy = (...statements: Record<string, unknown>[]) => resource(POLICY, "p", { policy: doc(...statements) });
const trust = (...statements: Record<string, unknown>[]) =>
  resource(ROLE, "r", { assumeRolePolicy: doc(...statements) });

describeCases("iam-no-admin-access", [
  {
    should: "pass a scoped policy",
    resources: [policy({ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::b/*" })],
    violation: null,
  },
  {
    should: "report Action * on Resource *",
    resources: [policy({ Effect: "Allow", Action: "*", Resource: "*" })],
    violation: /allows Action "\*" on Resource "\*"/,
  },
  {
    should: "report Action * even on one resource",
    resources: [policy({ Effect: "Allow", Action: ["*"], Resource: "arn:aws:s3:::b" })],
    violation: /allows Action "\*"/,
  },
  {
    should: "report an Allow with NotAction",
    resources: [policy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })],
    violation: /NotAction/,
  },
  {
    should: "report iam:* on *",
    resources: [policy({ Effect: "Allow", Action: "iam:*", Resource: "*" })],
    violation: /full IAM access/,
  },
  {
    should: "pass a Deny of everything",
    resources: [policy({ Effect: "Deny", Action: "*", Resource: "*" })],
    violation: null,
  },
  {
    should: "report an inline role policy granting *",
    resources: [
      resource(ROLE, "r", {
        assumeRolePolicy: doc(),
        inlinePolicies: [{ name: "all", policy: doc({ Effect: "Allow", Action: "*", Resource: "*" }) }],
      }),
    ],
    violation: /inlinePolicies\[0\] all allows/,
  },
  {
    should: "report attaching AdministratorAccess",
    resources: [
      resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a", {
        role: "r",
        policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
      }),
    ],
    violation: /attaches arn:aws:iam::aws:policy\/AdministratorAccess/,
  },
]);

describeCases("iam-no-passrole-wildcard", [
  {
    should: "pass iam:PassRole on a named role",
    resources: [policy({ Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::111122223333:role/app" })],
    violation: null,
  },
  {
    should: "report iam:PassRole on *",
    resources: [policy({ Effect: "Allow", Action: ["iam:PassRole"], Resource: "*" })],
    violation: /iam:PassRole on Resource "\*"/,
  },
  {
    should: "report iam:Pass* on * (wildcard actions count)",
    resources: [policy({ Effect: "Allow", Action: "iam:Pass*", Resource: "*" })],
    violation: /iam:PassRole/,
  },
]);

describeCases("iam-trust-policy-restricted", [
  {
    should: "pass a trust to lambda.amazonaws.com",
    resources: [trust({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" })],
    violation: null,
  },
  {
    should: "report a trust to any principal",
    resources: [trust({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" })],
    violation: /any principal/,
  },
  {
    should: "pass a trust to any principal of our organization",
    resources: [
      trust({
        Effect: "Allow",
        Principal: "*",
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } },
      }),
    ],
    violation: null,
  },
  {
    should: "report a flow-logs trust without source conditions",
    resources: [
      trust({ Effect: "Allow", Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Action: "sts:AssumeRole" }),
    ],
    violation: /vpc-flow-logs\.amazonaws\.com has no aws:SourceArn/,
  },
  {
    should: "pass a flow-logs trust with aws:SourceAccount",
    resources: [
      trust({
        Effect: "Allow",
        Principal: { Service: "vpc-flow-logs.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
      }),
    ],
    violation: null,
  },
]);

describeCases("iam-no-inline-policies", [
  {
    should: "pass a role without inline policies",
    resources: [trust({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" })],
    violation: null,
  },
  {
    should: "report an aws.iam.RolePolicy",
    resources: [resource("aws:iam/rolePolicy:RolePolicy", "inline", { role: "r", policy: doc() })],
    violation: /inline is an inline policy/,
  },
  {
    should: "report a role's inlinePolicies",
    resources: [
      resource(ROLE, "r", {
        assumeRolePolicy: doc(),
        inlinePolicies: [{ name: "x", policy: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }) }],
      }),
    ],
    violation: /1 inline policy/,
  },
]);

describeCases("iam-no-users", [
  { should: "report an IAM user", resources: [resource("aws:iam/user:User", "alice", {})], violation: /IAM User/ },
  {
    should: "report an access key",
    resources: [resource("aws:iam/accessKey:AccessKey", "key", { user: "alice" })],
    violation: /IAM AccessKey/,
  },
  {
    should: "pass a role",
    resources: [trust({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" })],
    violation: null,
  },
]);

const PERMISSION = "aws:lambda/permission:Permission";
describeCases("resource-policy-not-public", [
  {
    should: "pass an SQS policy for one service with a source condition",
    resources: [
      resource("aws:sqs/queuePolicy:QueuePolicy", "qp", {
        queueUrl: "q",
        policy: doc({
          Effect: "Allow",
          Principal: { Service: "sns.amazonaws.com" },
          Action: "sqs:SendMessage",
          Resource: "*",
          Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:sns:us-east-1:1:t" } },
        }),
      }),
    ],
    violation: null,
  },
  {
    should: "report an SQS policy open to *",
    resources: [
      resource("aws:sqs/queuePolicy:QueuePolicy", "qp", {
        queueUrl: "q",
        policy: doc({ Effect: "Allow", Principal: "*", Action: "sqs:*", Resource: "*" }),
      }),
    ],
    violation: /Principal "\*" without a scoping condition/,
  },
  {
    should: "report an SNS topic policy open to AWS:*",
    resources: [
      resource("aws:sns/topicPolicy:TopicPolicy", "tp", {
        arn: "t",
        policy: doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sns:Publish", Resource: "*" }),
      }),
    ],
    violation: /Principal "\*"/,
  },
  {
    should: "report a KMS key policy with a wildcard principal",
    resources: [
      resource("aws:kms/key:Key", "k", {
        enableKeyRotation: true,
        policy: doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:*", Resource: "*" }),
      }),
    ],
    violation: /Principal "\*"/,
  },
  {
    should: "pass a public deny (the TLS deny of a bucket policy)",
    resources: [
      resource("aws:s3/bucketPolicy:BucketPolicy", "bp", {
        bucket: "b",
        policy: doc({
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: "*",
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        }),
      }),
    ],
    violation: null,
  },
  {
    should: "report a bucket policy letting anyone read",
    resources: [
      resource("aws:s3/bucketPolicy:BucketPolicy", "bp", {
        bucket: "b",
        policy: doc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }),
      }),
    ],
    violation: /s3:GetObject to Principal "\*"/,
  },
  {
    should: "report a Secrets Manager secret policy open to *",
    resources: [
      resource("aws:secretsmanager/secretPolicy:SecretPolicy", "sp", {
        secretArn: "s",
        policy: doc({
          Effect: "Allow",
          Principal: { AWS: "*" },
          Action: "secretsmanager:GetSecretValue",
          Resource: "*",
        }),
      }),
    ],
    violation: /Principal "\*"/,
  },
  {
    should: "pass a public statement pinned to our organization",
    resources: [
      resource("aws:sns/topicPolicy:TopicPolicy", "tp", {
        arn: "t",
        policy: doc({
          Effect: "Allow",
          Principal: "*",
          Action: "sns:Publish",
          Resource: "*",
          Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } },
        }),
      }),
    ],
    violation: null,
  },
  {
    should: "report a Lambda permission for principal *",
    resources: [resource(PERMISSION, "perm", { action: "lambda:InvokeFunction", function: "f", principal: "*" })],
    violation: /lets any principal invoke/,
  },
  {
    should: "report principal * even with a source ARN",
    resources: [
      resource(PERMISSION, "perm", {
        action: "lambda:InvokeFunction",
        function: "f",
        principal: "*",
        sourceArn: "arn:aws:events:us-east-1:1:rule/r",
      }),
    ],
    violation: /lets any principal invoke/,
  },
  {
    should: "pass principal * pinned to our organization",
    resources: [
      resource(PERMISSION, "perm", {
        action: "lambda:InvokeFunction",
        function: "f",
        principal: "*",
        principalOrgId: "o-abc",
      }),
    ],
    violation: null,
  },
  {
    should: "report a Lambda permission for a service without a source",
    resources: [
      resource(PERMISSION, "perm", { action: "lambda:InvokeFunction", function: "f", principal: "s3.amazonaws.com" }),
    ],
    violation: /on behalf of any account/,
  },
  {
    should: "pass a Lambda permission for a service with its source ARN",
    resources: [
      resource(PERMISSION, "perm", {
        action: "lambda:InvokeFunction",
        function: "f",
        principal: "events.amazonaws.com",
        sourceArn: "arn:aws:events:us-east-1:1:rule/r",
      }),
    ],
    violation: null,
  },
]);
