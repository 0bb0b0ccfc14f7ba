/**
 * With automatic minor version upgrades on (the RDS default), AWS moves the engine to a newer
 * minor in a maintenance window. A program that pins the minor ("17.4") then asks for a
 * downgrade on every later `pulumi up`, which RDS refuses: "InvalidParameterCombination: Cannot
 * upgrade aurora-postgresql from 17.7 to 17.4". Pin only the major ("17"), ignore engineVersion
 * changes, or turn automatic minor upgrades off and upgrade deliberately.
 *
 * Sources: terraform-aws-modules/terraform-aws-rds-aurora#228, hashicorp/terraform-provider-aws#45026,
 * boundless-xyz/boundless#2014 (the same failure on Pulumi with 17.4), issue 11 Found 7;
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_UpgradeDBInstance.PostgreSQL.MinorUpgrade.html.
 */
import { asString, peek } from "../../lib/props";
import { stackPolicy, type PolicyResource } from "../../lib/types";

const CLUSTER = "aws:rds/cluster:Cluster";
const CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const INSTANCE = "aws:rds/instance:Instance";

/** Version parts that name only the major: PostgreSQL "17"; MySQL/MariaDB "8.0". */
function majorParts(engine: string): number {
  return /mysql|mariadb/.test(engine) ? 2 : 1;
}

/** True when the version names a minor (or patch) under the major, e.g. "17.4", "8.0.35". */
export function pinsMinor(engine: string | undefined, version: string | undefined): boolean {
  if (!version) return false;
  return version.split(".").length > majorParts(engine ?? "");
}

const ignoresVersion = (r: PolicyResource): boolean => (r.opts.ignoreChanges ?? []).includes("engineVersion");
const autoUpgrades = (r: PolicyResource): boolean => peek(r.props, "autoMinorVersionUpgrade") !== false;

function members(cluster: PolicyResource, all: readonly PolicyResource[]): PolicyResource[] {
  const id = peek(cluster.props, "clusterIdentifier");
  return all.filter(
    (r) =>
      r.type === CLUSTER_INSTANCE &&
      ((r.propertyDependencies["clusterIdentifier"] ?? []).some((d) => d.urn === cluster.urn) ||
        (id !== undefined && peek(r.props, "clusterIdentifier") === id)),
  );
}

export const pinnedEngineVersionAutoUpgrade = stackPolicy({
  name: "pinned-engine-version-auto-upgrade",
  description:
    "RDS and Aurora engine versions pin no minor version while automatic minor version upgrades are on (AWS upgrades, and the next update would downgrade).",
  enforcementLevel: "mandatory",
  pci: ["6.3.3"],
  resourceTypes: [CLUSTER, CLUSTER_INSTANCE, INSTANCE],
  fix:
    'Set engineVersion to the major only (e.g. "17"), or add engineVersion to ignoreChanges on ' +
    "the cluster and its instances, or set autoMinorVersionUpgrade: false and upgrade " +
    "deliberately.",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    for (const r of args.resources.filter((x) => [CLUSTER, CLUSTER_INSTANCE, INSTANCE].includes(x.type))) {
      const engine = asString(peek(r.props, "engine"));
      const version = asString(peek(r.props, "engineVersion"));
      if (!pinsMinor(engine, version) || ignoresVersion(r)) continue;
      const upgraders =
        r.type === CLUSTER
          ? [r, ...members(r, args.resources)].filter((m) =>
              m === r ? peek(r.props, "autoMinorVersionUpgrade") === true : autoUpgrades(m),
            )
          : autoUpgrades(r)
            ? [r]
            : [];
      if (upgraders.length === 0) continue;
      const who =
        r.type === CLUSTER ? `its instance(s) ${upgraders.map((u) => u.name).join(", ")} upgrade` : "it upgrades";
      report(
        `${r.name} pins ${engine ?? "the engine"} ${version} while ${who} minor versions automatically: after AWS's first automatic upgrade every update fails ("Cannot upgrade ${engine ?? "engine"} from ${version!.split(".")[0]}.x to ${version}"). Set engineVersion "${version!
          .split(".")
          .slice(0, majorParts(engine ?? ""))
          .join(".")}", or ignoreChanges ["engineVersion"], or autoMinorVersionUpgrade: false.`,
        r.urn,
      );
    }
  },
});
