/** Shared fixtures for the services component tests: realistic ARNs and ids, no cloud calls. */
import * as pulumi from "@pulumi/pulumi";
import type { LambdaFunctionArgs } from "./lambda-function";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const LAMBDA_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-1111-1111-1111-111111111111`;
export const LOGS_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/22222222-2222-2222-2222-222222222222`;
export const MESSAGING_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/33333333-3333-3333-3333-333333333333`;
export const STORAGE_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/44444444-4444-4444-4444-444444444444`;
export const TABLE_ARN = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/audit-events`;

/** Minimal valid LambdaFunction args; tests override one field at a time. */
export function lambdaArgs(overrides: Partial<LambdaFunctionArgs> = {}): LambdaFunctionArgs {
  return {
    code: new pulumi.asset.AssetArchive({
      "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({});"),
    }),
    environmentKeyArn: LAMBDA_KEY,
    logsKeyArn: LOGS_KEY,
    allowedRegions: [REGION],
    vpc: { subnetIds: ["subnet-a", "subnet-b"], securityGroupIds: ["sg-app"] },
    protection: "disposable",
    ...overrides,
  };
}

/** The Statement array of an IAM policy document JSON string. */
export function statementsOf(document: unknown): Array<Record<string, unknown>> {
  if (typeof document !== "string") throw new Error(`expected a policy document string, got ${typeof document}`);
  return (JSON.parse(document) as { Statement: Array<Record<string, unknown>> }).Statement;
}
