import { judgeEach } from "../../lib/judge";
import { asString, dependsThrough, peek } from "../../lib/props";
import { stackPolicy, type PolicyResource } from "../../lib/types";

const VPC = "aws:ec2/vpc:Vpc";
const AWSX_VPC = "awsx:ec2:Vpc";
const FLOW_LOG = "aws:ec2/flowLog:FlowLog";

export const vpcFlowLogsEnabled = stackPolicy({
  name: "vpc-flow-logs-enabled",
  description: "Every VPC has a flow log capturing ALL traffic (accepted and rejected).",
  enforcementLevel: "mandatory",
  pci: ["10.2.1", "10.2.1.1", "1.2.5"],
  resourceTypes: [VPC, AWSX_VPC, FLOW_LOG],
  fix: 'Add an aws.ec2.FlowLog with vpcId the VPC\'s id and trafficType "ALL" (CloudWatch Logs or S3 destination).',
  covers: { checkov: ["CKV2_AWS_11"], cdkNag: ["AwsSolutions-VPC7", "PCIDSS321VPCFlowLogsEnabled"] },
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const logs = args.resources.filter((r) => r.type === FLOW_LOG);
    /** A flow log names the VPC by id; awsx's Vpc component hands its child's id out, so either counts. */
    const covers = (log: PolicyResource, vpc: PolicyResource): boolean => {
      const deps = dependsThrough(log, "vpcId");
      if (deps.has(vpc.urn) || (vpc.parent?.type === AWSX_VPC && deps.has(vpc.parent.urn))) return true;
      const id = peek(log.props, "vpcId");
      return id !== undefined && id === peek(vpc.props, "id");
    };
    judgeEach(
      args.resources.filter((r) => r.type === VPC || r.type === AWSX_VPC),
      report,
      (vpc) => {
        const mine = logs.filter((l) => covers(l, vpc));
        if (mine.length === 0) {
          report(`${vpc.name} has no flow log: add an aws.ec2.FlowLog for it with trafficType "ALL".`, vpc.urn);
        } else if (!mine.some((l) => asString(l.props["trafficType"]) === "ALL")) {
          report(
            `${vpc.name}'s flow log captures ${mine.map((l) => asString(l.props["trafficType"]) ?? "unset").join(", ")} only: set trafficType to "ALL".`,
            mine[0].urn,
          );
        }
      },
    );
  },
});
