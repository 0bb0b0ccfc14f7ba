import { asObject, asString, at, baseType, forTypes, readConfig } from "../../lib/props";
import { resourcePolicy, type PolicyConfigSchema } from "../../lib/types";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

const LAMBDA = "aws:lambda/function:Function";
const WEB_APP = "azure-native:web:WebApp";

interface Deprecation {
  readonly runtime: string;
  /** The day the vendor stops patching it (YYYY-MM-DD); from then on it is refused. */
  readonly from: string;
}

interface Config {
  readonly lambdaRuntimes: readonly Deprecation[];
  readonly functionsRuntimes: readonly Deprecation[];
}

const deprecationList = (description: string, entries: readonly Deprecation[]): PolicyConfigJSONSchema => ({
  type: "array",
  items: {
    type: "object",
    required: ["runtime", "from"],
    additionalProperties: false,
    properties: {
      runtime: { type: "string", minLength: 1 },
      from: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
    },
  },
  default: [...entries],
  description,
});

const ANCIENT = "2000-01-01";

/** https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html (deprecation dates). */
const LAMBDA_DEPRECATIONS: readonly Deprecation[] = [
  ...[
    "nodejs",
    "nodejs4.3",
    "nodejs4.3-edge",
    "nodejs6.10",
    "nodejs8.10",
    "nodejs10.x",
    "nodejs12.x",
    "nodejs14.x",
    "python2.7",
    "python3.6",
    "python3.7",
    "ruby2.5",
    "ruby2.7",
  ].map((runtime) => ({ runtime, from: ANCIENT })),
  ...["dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet5.0", "dotnet7"].map((runtime) => ({
    runtime,
    from: ANCIENT,
  })),
  { runtime: "go1.x", from: "2024-01-08" },
  { runtime: "java8", from: "2024-01-08" },
  { runtime: "provided", from: "2024-01-08" },
  { runtime: "nodejs16.x", from: "2024-06-12" },
  { runtime: "python3.8", from: "2024-10-14" },
  { runtime: "dotnet6", from: "2024-12-20" },
  { runtime: "nodejs18.x", from: "2025-09-01" },
  { runtime: "python3.9", from: "2025-12-15" },
  { runtime: "ruby3.2", from: "2026-03-31" },
  { runtime: "nodejs20.x", from: "2026-04-30" },
  { runtime: "dotnet8", from: "2026-11-10" },
];

/** Azure Functions language support (name|version, as functionAppConfig.runtime or linuxFxVersion give it). */
const FUNCTIONS_DEPRECATIONS: readonly Deprecation[] = [
  ...[
    "node|8",
    "node|10",
    "node|12",
    "node|14",
    "node|16",
    "python|3.6",
    "python|3.7",
    "python|3.8",
    "dotnet|3.1",
    "dotnet-isolated|5.0",
    "dotnet-isolated|7.0",
    "powershell|7.0",
  ].map((runtime) => ({ runtime, from: ANCIENT })),
  { runtime: "dotnet|6.0", from: "2024-11-12" },
  { runtime: "dotnet-isolated|6.0", from: "2024-11-12" },
  { runtime: "powershell|7.2", from: "2024-11-08" },
  { runtime: "node|18", from: "2025-04-30" },
  { runtime: "python|3.9", from: "2025-10-31" },
  { runtime: "node|20", from: "2026-04-30" },
  { runtime: "dotnet-isolated|8.0", from: "2026-11-10" },
];

const schema: PolicyConfigSchema = {
  properties: {
    lambdaRuntimes: deprecationList("Lambda runtime identifiers and the day AWS deprecates each.", LAMBDA_DEPRECATIONS),
    functionsRuntimes: deprecationList(
      "Azure Functions runtimes as name|version (lower case) and the day Microsoft ends support.",
      FUNCTIONS_DEPRECATIONS,
    ),
  },
};

const today = (): string => new Date().toISOString().slice(0, 10);
const deprecated = (list: readonly Deprecation[], runtime: string): Deprecation | undefined =>
  list.find((d) => d.runtime === runtime && d.from <= today());

/** "Node|20", "node|20-lts", { name: "node", version: "20" } → "node|20". */
function functionsRuntime(props: Readonly<Record<string, unknown>>): string | undefined {
  const r = asObject(at(props, "functionAppConfig.runtime"));
  if (r && asString(r["name"])) return `${asString(r["name"])!.toLowerCase()}|${asString(r["version"]) ?? ""}`;
  const fx = asString(at(props, "siteConfig.linuxFxVersion"));
  if (!fx || !fx.includes("|")) return undefined;
  const [name, version] = fx.toLowerCase().split("|");
  return `${name}|${version.replace(/-lts$/, "")}`;
}

export const supportedRuntimes = resourcePolicy({
  name: "supported-runtimes",
  description:
    "Lambda functions and Azure Functions apps run a runtime the vendor still patches (none past its deprecation date).",
  enforcementLevel: "mandatory",
  pci: ["6.3.3", "12.3.4"],
  resourceTypes: [LAMBDA, WEB_APP],
  fix: "Move the function to a supported runtime (Lambda: nodejs22.x or later; Functions: node 22) and rebuild its package.",
  covers: { checkov: ["CKV_AWS_363"], cdkNag: ["AwsSolutions-L1"] },
  configSchema: schema,
  validateResource: forTypes([LAMBDA, WEB_APP], (props, args, report) => {
    const { lambdaRuntimes, functionsRuntimes } = readConfig<Config>(args, schema);
    if (baseType(args.type) === LAMBDA) {
      const runtime = asString(props["runtime"]);
      const d = runtime ? deprecated(lambdaRuntimes, runtime) : undefined;
      if (d)
        report(
          `Runtime ${runtime} is deprecated since ${d.from === ANCIENT ? "long ago" : d.from}: move to a supported runtime (nodejs22.x or later).`,
        );
      return;
    }
    const runtime = functionsRuntime(props);
    const d = runtime ? deprecated(functionsRuntimes, runtime) : undefined;
    if (d)
      report(
        `Functions runtime ${runtime} is out of support since ${d.from === ANCIENT ? "long ago" : d.from}: move to a supported version (node 22).`,
      );
  }),
});
