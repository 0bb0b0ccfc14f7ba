import { judgeEach } from "../../lib/judge";
import { asString, at, linkedThrough, peek, readConfig } from "../../lib/props";
import { stackPolicy, type PolicyConfigSchema } from "../../lib/types";

const SECRET = "aws:secretsmanager/secret:Secret";
const ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";

interface Config {
  readonly maximumDays: number;
}

const schema: PolicyConfigSchema = {
  properties: {
    maximumDays: {
      type: "integer",
      minimum: 1,
      maximum: 365,
      default: 90,
      description: "Longest rotation interval accepted (days).",
    },
  },
};

/** `rate(30 days)` → 30; cron schedules are accepted as at least daily. */
function scheduleDays(expression: string | undefined): number | undefined {
  if (!expression) return undefined;
  const rate = /^rate\((\d+)\s+(day|days|hour|hours)\)$/.exec(expression.trim());
  if (rate) return rate[2].startsWith("hour") ? Number(rate[1]) / 24 : Number(rate[1]);
  return expression.startsWith("cron(") ? 1 : undefined;
}

export const secretsManagerRotation = stackPolicy({
  name: "secrets-manager-rotation",
  description:
    "Every Secrets Manager secret declared in the stack rotates automatically at least every " +
    "90 days (RDS-managed master secrets rotate themselves and are not declared).",
  enforcementLevel: "mandatory",
  pci: ["8.3.9", "8.6.3", "3.7.4"],
  resourceTypes: [SECRET, ROTATION],
  fix:
    "Add an aws.secretsmanager.SecretRotation with secretId the secret, a rotation Lambda and " +
    "rotationRules.automaticallyAfterDays <= 90 (or a schedule expression).",
  covers: { checkov: ["CKV_AWS_304"], cdkNag: ["AwsSolutions-SMG4"] },
  configSchema: schema,
  validateStack: (args, report) => {
    const { maximumDays } = readConfig<Config>(args, schema);
    const rotations = args.resources.filter((r) => r.type === ROTATION);
    judgeEach(
      args.resources.filter((r) => r.type === SECRET),
      report,
      (secret) => {
        const mine = rotations.filter(
          (r) =>
            linkedThrough(r, "secretId", [secret], (s) => [
              peek(s.props, "arn"),
              peek(s.props, "id"),
              peek(s.props, "name"),
            ]).length > 0,
        );
        if (mine.length === 0) {
          report(
            `Secret ${secret.name} never rotates: add an aws.secretsmanager.SecretRotation with rotationRules.automaticallyAfterDays <= ${maximumDays}.`,
            secret.urn,
          );
          return;
        }
        for (const r of mine) {
          const days = at(r.props, "rotationRules.automaticallyAfterDays");
          const every =
            typeof days === "number" ? days : scheduleDays(asString(at(r.props, "rotationRules.scheduleExpression")));
          if (every === undefined || every > maximumDays)
            report(
              `Secret ${secret.name} rotates every ${every ?? "(unset)"} days: rotate at least every ${maximumDays} days.`,
              r.urn,
            );
        }
      },
    );
  },
});
