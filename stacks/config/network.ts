/** `platform:network`: the VPC layout. */
import { z } from "zod";
import { cidrBlock, logRetentionDays, positiveInt } from "./common";

/** Interface endpoints the Lambdas may need when the app tier has no NAT. */
export const INTERFACE_ENDPOINT_SERVICES = [
  "kms",
  "secretsmanager",
  "sqs",
  "sns",
  "logs",
  "sts",
  "monitoring",
  "xray",
  "lambda",
  "rds",
  "execute-api",
  "ssm",
  "config",
] as const;

export const network = z
  .strictObject({
    cidr: cidrBlock(16, 24).default("10.0.0.0/16").describe("VPC CIDR; /16 to /24. Default 10.0.0.0/16."),
    availabilityZones: positiveInt(3)
      .default(3)
      .describe("Availability zones to spread the tiers across: 1 to 3 (prod: 3)."),
    natStrategy: z
      .enum(["none", "single", "one-per-az"], {
        error: () => "expected none, single or one-per-az",
      })
      .describe("none: no NAT (endpoints only); single: one shared NAT gateway; one-per-az: a NAT per zone (HA)."),
    interfaceEndpoints: z
      .array(
        z.enum(INTERFACE_ENDPOINT_SERVICES, {
          error: () => `expected one of ${INTERFACE_ENDPOINT_SERVICES.join(", ")}`,
        }),
      )
      .default([])
      .describe("Interface VPC endpoints to create in the app tier. Default none."),
    flowLogRetentionDays: logRetentionDays.default(365).describe("Days to keep VPC flow logs in CloudWatch Logs."),
  })
  .superRefine((n, ctx) => {
    if (n.natStrategy === "none" && n.interfaceEndpoints.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["interfaceEndpoints"],
        message:
          "natStrategy none leaves the app tier no way to reach AWS APIs; list the endpoints the Lambdas call (e.g. kms, secretsmanager, sqs, sns, logs, sts) or use a NAT",
      });
    }
  });
