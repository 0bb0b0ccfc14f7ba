import { readConfig } from "../../lib/props";
import { resourcePolicy, type PolicyConfigSchema } from "../../lib/types";

interface Config {
  readonly allowedPackages: readonly string[];
}

const schema: PolicyConfigSchema = {
  properties: {
    allowedPackages: {
      type: "array",
      items: { type: "string", pattern: "^[a-z][a-z0-9-]*$" },
      uniqueItems: true,
      default: ["aws", "awsx", "azure-native", "random", "time", "pulumi", "platform"],
      description:
        "Packages (the type token's first segment) resources may come from; `pulumi` is the " +
        "engine's own (stack, providers: checked by the provider's package), `platform` this " +
        "repository's components; `random` and `time` (@pulumiverse/time: RBAC-propagation " +
        "waits) create nothing in a cloud. Every pack is written against these; anything else " +
        "would pass unchecked.",
    },
  },
};

/** `aws:s3/bucket:Bucket` → aws; `pulumi:providers:aws-native` → aws-native (a provider is judged by what it provides). */
export function packageOf(type: string): string {
  const [pkg, module, name] = type.split(":");
  return pkg === "pulumi" && module === "providers" && name ? name : pkg;
}

export const allowedProviderPackages = resourcePolicy({
  name: "allowed-provider-packages",
  description:
    "Every resource comes from a provider package the policy packs understand (aws, awsx, " +
    "azure-native, random, time, the engine and our components): aws-native, the classic azure " +
    "provider or any other package is refused, not waved through unchecked.",
  enforcementLevel: "mandatory",
  pci: ["12.5.1", "2.2.1", "6.3.2"],
  resourceTypes: ["*"],
  fix: "Declare the resource with @pulumi/aws or @pulumi/azure-native (or extend allowedPackages once every pack checks the new package).",
  covers: {},
  configSchema: schema,
  validateResource: (args, report) => {
    const { allowedPackages } = readConfig<Config>(args, schema);
    const pkg = packageOf(args.type);
    if (!allowedPackages.includes(pkg)) {
      report(
        `${args.type} comes from the ${pkg} package, which the policy packs do not check (no CMK, ` +
          `TLS, region or tag rule reads it): use ` +
          `${allowedPackages.filter((p) => !["pulumi", "platform", "random", "time"].includes(p)).join(" or ")} instead.`,
      );
    }
  },
});
