import { inputsPolicy } from "../../lib/inputs-policy";
import { asArray, asString } from "../../lib/props";

/** The CloudWatch Logs exports each engine family needs for an audit trail. */
function requiredExports(engine: string): string[] {
  if (engine.includes("postgres")) return ["postgresql"];
  if (engine.includes("mysql") || engine.includes("mariadb")) return ["audit", "error"];
  return [];
}

export const rdsLogExports = inputsPolicy({
  name: "rds-log-exports",
  description:
    "Aurora clusters and RDS instances export their database logs to CloudWatch Logs (PostgreSQL: postgresql; MySQL/MariaDB: audit and error).",
  pci: ["10.2.1", "10.2.1.2", "10.3.3"],
  types: ["aws:rds/cluster:Cluster", "aws:rds/instance:Instance"],
  fix: 'Set enabledCloudwatchLogsExports to ["postgresql"] (MySQL: ["audit", "error", ...]) and keep the parameter group\'s log settings on.',
  covers: {
    checkov: ["CKV_AWS_129", "CKV_AWS_324", "CKV_AWS_325", "CKV2_AWS_27", "CKV2_AWS_30"],
    cdkNag: ["PCIDSS321RDSLoggingEnabled", "AwsSolutions-RDS16"],
  },
  problems: (props, type) => {
    const engine = asString(props["engine"]) ?? "";
    // An Aurora instance's logs are exported by its cluster.
    if (type === "aws:rds/instance:Instance" && engine.startsWith("aurora")) return [];
    const missing = requiredExports(engine).filter((e) => !asArray(props["enabledCloudwatchLogsExports"]).includes(e));
    return missing.length > 0
      ? [`Database logs ${missing.join(", ")} are not exported: add them to enabledCloudwatchLogsExports.`]
      : [];
  },
});
