import { asArray, asObject, asString, at, forTypes, type Props } from "../../lib/props";
import { resourcePolicy } from "../../lib/types";

const LAMBDA = "aws:lambda/function:Function";
const WEB_APP = "azure-native:web:WebApp";
const APP_SETTINGS = "azure-native:web:WebAppApplicationSettings";

/** Names that announce a credential (suffix match: API_KEYS_TABLE or DB_SECRET_ARN are not credentials). */
const SECRET_NAME =
  /(^|[_.-])(SECRET|PASSWORD|PASSWD|PWD|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|SECRET_?ACCESS_?KEY|CLIENT_?SECRET|CREDENTIALS?|AUTH_?TOKEN|CONNECTION_?STRING|SAS)$/i;
/** Values that name a mechanism, not a secret (AzureWebJobsStorage__credential: managedidentity). */
const BENIGN =
  /^(managedidentity|managed[-_ ]?identity|systemassigned|userassigned|workloadidentity|azuread|aad|iam|none|true|false|enabled|disabled)$/i;
/** Values that are references to a secret store, not the secret. */
const REFERENCE = [
  /^@Microsoft\.KeyVault\(/i,
  /^arn:aws[a-z-]*:(secretsmanager|ssm|kms):/,
  /^\{\{resolve:/,
  /^https:\/\/[^/]+\.vault\.azure\.net\//i,
  /^\/[\w./-]+$/,
];
/** Shapes of credentials that must never sit in plain configuration. */
const SECRET_VALUE: readonly [RegExp, string][] = [
  [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/, "an AWS access key id"],
  [/-----BEGIN (RSA |EC |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/, "a private key"],
  [/(^|;)\s*(AccountKey|SharedAccessKey|Password|Pwd)\s*=\s*[^;\s]+/i, "a connection string with a key or password"],
  [/\b(ghp|gho|github_pat|glpat|xox[abprs])[-_][A-Za-z0-9_-]{10,}/, "an access token"],
  [/^eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}$/, "a JSON web token"],
  [/^[a-z]+:\/\/[^:/\s]+:[^@/\s]+@/, "a URL with a password"],
];

function problemsOf(name: string, value: unknown, where: string): string[] {
  if (typeof value !== "string" || value === "") return [];
  if (REFERENCE.some((r) => r.test(value)) || BENIGN.test(value.trim())) return [];
  const shape = SECRET_VALUE.find(([r]) => r.test(value));
  if (shape)
    return [`${where} ${name} holds ${shape[1]}: store it in Secrets Manager / Key Vault and pass a reference.`];
  if (SECRET_NAME.test(name))
    return [
      `${where} ${name} holds a literal value that looks like a credential: store it in Secrets Manager / Key Vault and pass its ARN or a Key Vault reference.`,
    ];
  return [];
}

function settingsOf(type: string, props: Props): [string, unknown][] {
  if (type === LAMBDA) return Object.entries(asObject(at(props, "environment.variables")) ?? {});
  if (type === APP_SETTINGS) return Object.entries(asObject(props["properties"]) ?? {});
  return asArray(at(props, "siteConfig.appSettings")).map((s) => [
    asString(asObject(s)?.["name"]) ?? "",
    asObject(s)?.["value"],
  ]);
}

export const noSecretsInEnvironment = resourcePolicy({
  name: "no-secrets-in-environment",
  description:
    "Lambda environment variables and App Service / Function app settings hold no credentials: " +
    "no values shaped like keys, tokens or passwords, and nothing named like a credential " +
    "unless it is a Secrets Manager ARN or Key Vault reference.",
  enforcementLevel: "mandatory",
  pci: ["8.3.2", "8.6.2", "3.6.1"],
  resourceTypes: [LAMBDA, WEB_APP, APP_SETTINGS],
  fix: "Keep the secret in Secrets Manager (pass its ARN and read it at start) or Key Vault (an @Microsoft.KeyVault(SecretUri=...) reference).",
  covers: { checkov: ["CKV_AWS_45"], cdkNag: [] },
  configSchema: { properties: {} },
  validateResource: forTypes([LAMBDA, WEB_APP, APP_SETTINGS], (props, args, report) => {
    const where = args.type === LAMBDA ? "Environment variable" : "App setting";
    for (const [name, value] of settingsOf(args.type, props)) for (const p of problemsOf(name, value, where)) report(p);
  }),
});
