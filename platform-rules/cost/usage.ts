/**
 * Usage assumptions: what the usage-based half of a cost estimate multiplies prices by. Each
 * stack has documented defaults (usage/<stack>.yaml); a `--usage` file replaces the keys it
 * names, and every key it names must exist here (a typo is an error, not a silent default).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

const count = z.number().finite().nonnegative();
const section = <T extends z.ZodRawShape>(shape: T) => z.object(shape).strict();

export const UsageSchema = section({
  applyFreeTier: z.boolean().describe("Deduct always-free allowances (per account; off: an organization shares them)"),
  api: section({ requestsPerMonth: count.describe("Trade API calls (REST API and WAF requests)") }),
  lambda: section({
    avgDurationMs: count.describe("Average billed duration of an invocation"),
    invocationsPerMonth: z
      .record(z.string(), count)
      .refine((r) => "default" in r, "needs a `default` entry")
      .describe("Per function (its logical name without -function), `default` for the rest"),
  }),
  aurora: section({
    averageAcuAboveMinimum: count.describe("Average ACUs the writer runs above its minimum (0 when paused)"),
    storageGb: count,
    ioMillionsPerMonth: count,
  }),
  dynamodb: section({
    writeMillionsPerMonth: count,
    readMillionsPerMonth: count,
    storageGb: count.describe("All tables"),
  }),
  s3: section({ storedGb: count.describe("All buckets"), putThousandsPerMonth: count, getThousandsPerMonth: count }),
  logs: section({ ingestedGbPerMonth: count.describe("All log groups"), storedGb: count }),
  config: section({ configurationItemsPerMonth: count, ruleEvaluationsPerMonth: count }),
  natGateway: section({ processedGbPerMonth: count }),
  interfaceEndpoints: section({ processedGbPerMonth: count }),
  kms: section({ requestsPerMonth: count }),
  sns: section({ publishesPerMonth: count }),
  sqs: section({ requestsPerMonth: count }),
  secretsManager: section({ apiCallsPerMonth: count }),
  route53: section({ queriesMillionsPerMonth: count }),
  cloudtrail: section({ dataEventsPerMonth: count }),
  backup: section({ auroraGb: count.describe("Aurora recovery points kept"), dynamodbGb: count, s3Gb: count }),
  azure: section({
    functions: section({ executionsPerMonth: count, avgDurationMs: count, memoryGb: count }),
    logAnalytics: section({ ingestedGbPerMonth: count, retainedGb: count.describe("GB kept beyond the 31 free days") }),
    storage: section({ storedGb: count }),
  }),
});

export type Usage = z.infer<typeof UsageSchema>;

/** A bad usage file or value; `problems` name each key (`lambda.avgDurationMs: …`). */
export class UsageError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source}:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "UsageError";
  }
}

const USAGE_DIR = join(__dirname, "usage");

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deep merge where `override` replaces leaves and whole records it names. */
function merge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = key in base ? merge(base[key], value) : value;
  return out;
}

function validate(doc: unknown, source: string): Usage {
  const result = UsageSchema.safeParse(doc);
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => {
    const at = issue.path.join(".");
    if (issue.code === "unrecognized_keys") return issue.keys.map((k) => `${at ? `${at}.` : ""}${k}: unknown key`);
    return [`${at || "(root)"}: ${issue.message}`];
  });
  throw new UsageError(source, problems);
}

function readYaml(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new UsageError(path, [`cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`]);
  }
  try {
    return parseYaml(text, { uniqueKeys: true }) ?? {};
  } catch (err) {
    throw new UsageError(path, [`not valid YAML: ${(err as Error).message.split("\n")[0]}`]);
  }
}

/** The stack's default usage, with a `--usage` file (if any) laid over it and validated. */
export function loadUsage(stack: string, overridePath?: string): Usage {
  const defaultsPath = join(USAGE_DIR, `${stack}.yaml`);
  if (!existsSync(defaultsPath)) {
    throw new UsageError(defaultsPath, [
      `no usage defaults for stack "${stack}": add platform-rules/cost/usage/${stack}.yaml`,
    ]);
  }
  const defaults = readYaml(defaultsPath);
  if (!overridePath) return validate(defaults, defaultsPath);
  const override = readYaml(overridePath);
  if (!isPlainObject(override)) throw new UsageError(overridePath, ["(root): must be a mapping of usage keys"]);
  return validate(merge(defaults, override), overridePath);
}
