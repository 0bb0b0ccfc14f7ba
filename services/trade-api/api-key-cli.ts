/**
 * `npm run api-key -- <command>`: onboarding of trade API clients (docs/components/services.md).
 *
 *   issue --client <id> --table <api-keys table> [--usage-key <value>] [--region <r>] [--endpoint <url>]
 *       Makes a key (fxk_ + 32 random bytes, base64url), stores only its SHA-256 with the client
 *       id and the client's usage-plan key value, and prints the key once on stdout. Without
 *       --usage-key a separate random usage-plan value is made; the API Gateway commands that
 *       register it with the usage plan are printed on stderr.
 *   generate [--prefix <p>]
 *       Prints a new key without storing it (e.g. LOCAL_API_KEY for `npm run dev:api`).
 *
 * Exit codes: 0 done, 1 the table refused the write, 2 bad usage. The key never reaches a log.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { parseArgs } from "node:util";
import { putApiKey } from "./api-keys-admin";
import { generateApiKey, WeakApiKeyError } from "./api-key-strength";

export interface ApiKeyCliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Default: a DynamoDB client for the region and endpoint flags. */
  readonly dynamo?: (options: { region?: string; endpoint?: string }) => DynamoDBClient;
}

const USAGE = `usage: npm run api-key -- issue --client <id> --table <api-keys table> [--usage-key <value>] [--region <region>] [--endpoint <url>]
       npm run api-key -- generate [--prefix <prefix>]`;

/** The client id goes into the authorizer context, logs and audit events: keep it a plain identifier. */
const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** API Gateway API key values are 20 to 128 characters (CreateApiKey). */
const USAGE_KEY = /^[A-Za-z0-9_-]{20,128}$/;

class UsageError extends Error {}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        client: { type: "string" },
        table: { type: "string" },
        "usage-key": { type: "string" },
        region: { type: "string" },
        endpoint: { type: "string" },
        prefix: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    // parseArgs names the flag; it never echoes a value.
    throw new UsageError((err as Error).message);
  }
}

async function issue(values: ReturnType<typeof parse>["values"], io: ApiKeyCliIo): Promise<number> {
  const problems: string[] = [];
  if (!values.client || !CLIENT_ID.test(values.client))
    problems.push("--client must be 1 to 64 of A-Z a-z 0-9 . _ - (starting with a letter or digit)");
  if (!values.table || !/^[A-Za-z0-9_.-]{3,255}$/.test(values.table))
    problems.push("--table must name the api-keys table (stack output tableNames.apiKeys)");
  if (values["usage-key"] !== undefined && !USAGE_KEY.test(values["usage-key"]))
    problems.push("--usage-key must be 20 to 128 of A-Z a-z 0-9 _ - (an API Gateway API key value)");
  if (values.endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(values.endpoint))
    problems.push("--endpoint must be an http(s) URL");
  if (problems.length > 0) throw new UsageError(problems.join("\n"));

  const key = generateApiKey();
  // A value of its own: the usage plan's key identifies the client for throttling only.
  const usageKey = values["usage-key"] ?? generateApiKey("fxu");
  const dynamo = (io.dynamo ?? ((o) => new DynamoDBClient(o)))({
    ...(values.region ? { region: values.region } : {}),
    ...(values.endpoint ? { endpoint: values.endpoint } : {}),
  });
  try {
    await putApiKey(dynamo, values.table!, key, values.client!, { usageKey });
  } catch (err) {
    io.err(`api-key: could not store the key's hash in ${values.table}: ${(err as Error).message}`);
    return 1;
  } finally {
    dynamo.destroy();
  }
  io.out(key);
  io.err(
    [
      `api-key: stored SHA-256 of a new key for ${values.client} in ${values.table}; the key above is shown once and stored nowhere.`,
      "  Hand it to the client over the agreed secure channel; it goes in the x-api-key header.",
      ...(values["usage-key"] === undefined
        ? [
            "  Register the client's usage-plan key (a different value, never used to authenticate):",
            `    aws apigateway create-api-key --name ${values.client} --enabled --value ${usageKey}`,
            "    aws apigateway create-usage-plan-key --usage-plan-id <stack output apiUsagePlanId> --key-type API_KEY --key-id <id printed above>",
          ]
        : []),
    ].join("\n"),
  );
  return 0;
}

/** Runs one command; never throws, never prints a stack trace. */
export async function main(argv: readonly string[], io: ApiKeyCliIo): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    const [command, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`unexpected argument${rest.length === 1 ? "" : "s"} after ${command}`);
    if (command === "issue") return await issue(values, io);
    if (command === "generate") {
      if (values.prefix !== undefined && !/^[a-z][a-z0-9]{1,15}$/.test(values.prefix))
        throw new UsageError("--prefix must be 2 to 16 of a-z 0-9, starting with a letter");
      io.out(generateApiKey(values.prefix ?? "fxlocal"));
      return 0;
    }
    throw new UsageError(
      command === undefined ? "a command is required" : "unknown command (expected issue or generate)",
    );
  } catch (err) {
    if (err instanceof UsageError || err instanceof WeakApiKeyError) {
      io.err(`api-key: ${(err as Error).message}\n${USAGE}`);
      return 2;
    }
    io.err(`api-key: ${(err as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  }).then((code) => process.exit(code));
}
