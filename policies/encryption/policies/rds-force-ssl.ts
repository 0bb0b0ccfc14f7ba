import { judgeEach } from "../../lib/judge";
import { asArray, asObject, asString, linkedThrough, peek } from "../../lib/props";
import { stackPolicy, type PolicyResource } from "../../lib/types";

const CLUSTER = "aws:rds/cluster:Cluster";
const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER_GROUP = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
const INSTANCE_GROUP = "aws:rds/parameterGroup:ParameterGroup";

/** The parameter that makes each engine family refuse unencrypted connections. */
function tlsParameter(engine: string): { name: string; on: readonly string[] } | undefined {
  if (engine.includes("postgres")) return { name: "rds.force_ssl", on: ["1"] };
  if (engine.includes("mysql") || engine.includes("mariadb"))
    return { name: "require_secure_transport", on: ["1", "ON", "on"] };
  return undefined;
}

function enforces(group: PolicyResource, parameter: { name: string; on: readonly string[] }): boolean {
  return asArray(group.props["parameters"]).some((raw) => {
    const p = asObject(raw);
    return p?.["name"] === parameter.name && parameter.on.includes(String(p["value"]));
  });
}

export const rdsForceSsl = stackPolicy({
  name: "rds-force-ssl",
  description:
    "Aurora clusters and RDS instances use a parameter group, defined in the stack, that rejects non-TLS connections.",
  enforcementLevel: "mandatory",
  pci: ["4.2.1", "2.2.7"],
  resourceTypes: [CLUSTER, INSTANCE, CLUSTER_GROUP, INSTANCE_GROUP],
  fix: "Give the cluster a ClusterParameterGroup (instances: a ParameterGroup) with rds.force_ssl = 1 (MySQL: require_secure_transport = 1) and reference it.",
  covers: { checkov: ["CKV2_AWS_69"] },
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    judgeEach(
      args.resources.filter((r) => r.type === CLUSTER || r.type === INSTANCE),
      report,
      (db) => {
        const parameter = tlsParameter(asString(db.props["engine"]) ?? "");
        if (!parameter) return;
        const [prop, groupType] =
          db.type === CLUSTER ? ["dbClusterParameterGroupName", CLUSTER_GROUP] : ["parameterGroupName", INSTANCE_GROUP];
        const groups = linkedThrough(
          db,
          prop,
          args.resources.filter((r) => r.type === groupType),
          (g) => [peek(g.props, "name"), peek(g.props, "id")],
        );
        if (groups.length === 0) {
          report(
            `${db.name} uses a parameter group this stack does not define, so TLS cannot be verified: ` +
              `set ${prop} to a ${groupType.split(":").pop()} with ${parameter.name} = ` +
              `${parameter.on[0]}.`,
            db.urn,
          );
        } else if (!groups.some((g) => enforces(g, parameter))) {
          report(
            `${db.name} accepts unencrypted connections: add ${parameter.name} = ${parameter.on[0]} to the parameters of ${groups[0].name}.`,
            groups[0].urn,
          );
        }
      },
    );
  },
});
