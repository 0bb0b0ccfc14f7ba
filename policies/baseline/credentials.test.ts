import { describeCases } from "../testing/cases";
import { resource, urnOf } from "../testing/fixtures";

const SECRET = "aws:secretsmanager/secret:Secret";
const ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
const rotation = (rules: Record<string, unknown>) =>
  resource(
    ROTATION,
    "rot",
    { secretId: "arn", rotationLambdaArn: "fn", rotationRules: rules },
    { propertyDependencies: { secretId: [urnOf(SECRET, "s")] } },
  );
describeCases("secrets-manager-rotation", [
  {
    should: "pass a secret rotated every 30 days",
    resources: [resource(SECRET, "s", {}), rotation({ automaticallyAfterDays: 30 })],
    violation: null,
  },
  {
    should: "accept a rate() schedule",
    resources: [resource(SECRET, "s", {}), rotation({ scheduleExpression: "rate(10 days)" })],
    violation: null,
  },
  { should: "report a secret that never rotates", resources: [resource(SECRET, "s", {})], violation: /never rotates/ },
  {
    should: "report a rotation interval above 90 days",
    resources: [resource(SECRET, "s", {}), rotation({ automaticallyAfterDays: 180 })],
    violation: /rotates every 180 days/,
  },
]);

describeCases("key-vault-expiry", [
  {
    should: "pass a secret with an expiry",
    resources: [
      resource("azure-native:keyvault:Secret", "s", {
        properties: { value: "x", attributes: { expires: 1893456000 } },
      }),
    ],
    violation: null,
  },
  {
    should: "report a secret without an expiry",
    resources: [resource("azure-native:keyvault:Secret", "s", { properties: { value: "x" } })],
    violation: /never expires/,
  },
  {
    should: "pass a key whose rotation policy sets expiryTime",
    resources: [
      resource("azure-native:keyvault:Key", "k", {
        properties: { kty: "RSA", rotationPolicy: { attributes: { expiryTime: "P730D" } } },
      }),
    ],
    violation: null,
  },
  {
    should: "report a key without any expiry",
    resources: [resource("azure-native:keyvault:Key", "k", { properties: { kty: "RSA" } })],
    violation: /key never expires/,
  },
]);

const LAMBDA = "aws:lambda/function:Function";
const env = (variables: Record<string, string>) =>
  resource(LAMBDA, "fn", { runtime: "nodejs22.x", kmsKeyArn: "k", environment: { variables } });
describeCases("no-secrets-in-environment", [
  {
    should: "pass references and ordinary settings",
    resources: [
      env({
        DB_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:1:secret:db",
        API_KEYS_TABLE: "keys",
        DB_HOST: "db.example",
      }),
    ],
    violation: null,
  },
  {
    should: "report an AWS access key in a value",
    resources: [env({ AWS_KEY_ID: "AKIAIOSFODNN7EXAMPLE" })],
    violation: /an AWS access key id/,
  },
  {
    should: "report a literal password by name",
    resources: [env({ DB_PASSWORD: "hunter2hunter2" })],
    violation: /DB_PASSWORD holds a literal value/,
  },
  {
    should: "report a connection string carrying a password",
    resources: [env({ DATABASE_URL: "postgres://app:s3cr3t@db:5432/fx" })],
    violation: /a URL with a password/,
  },
  {
    should: "pass a Key Vault reference in a Function app setting",
    resources: [
      resource("azure-native:web:WebApp", "app", {
        siteConfig: {
          appSettings: [
            {
              name: "DATABASE_PASSWORD",
              value: "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/db)",
            },
            { name: "AzureWebJobsStorage__credential", value: "managedidentity" },
          ],
        },
      }),
    ],
    violation: null,
  },
  {
    should: "report an account key in WebAppApplicationSettings",
    resources: [
      resource("azure-native:web:WebAppApplicationSettings", "settings", {
        name: "app",
        resourceGroupName: "rg",
        properties: { AzureWebJobsStorage: "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abc123==" },
      }),
    ],
    violation: /connection string with a key/,
  },
]);
