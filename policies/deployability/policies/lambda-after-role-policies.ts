/**
 * Lambda checks the execution role's permissions when some resources are created, not when they
 * are used: CreateEventSourceMapping fails with "InvalidParameterValueException: The provided
 * execution role does not have permissions to call ReceiveMessage on SQS" (or GetRecords on a
 * stream), and CreateFunction with a VPC config with "... does not have permissions to call
 * CreateNetworkInterface on EC2", when the role's policies are attached in parallel. Both must
 * wait for every policy attached to the function's role.
 *
 * Sources: aws-amplify/amplify-cli#4759 (event source mapping before its policy),
 * serverless/serverless#3997 (stream mapping before the role update),
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#configuration-vpc-permissions.
 */
import { asString, peek } from "../../lib/props";
import { stackPolicy, type PolicyResource } from "../../lib/types";
import { DependencyGraph } from "../support/graph";

const FUNCTION = "aws:lambda/function:Function";
const MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICIES = [
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive",
  "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
];

const IAM_POLICY = "aws:iam/policy:Policy";
const ENI_MANAGED_POLICIES = /AWSLambdaVPCAccessExecutionRole|AWSLambdaENIManagementAccess/;

const dependsVia = (r: PolicyResource, field: string, type: string): PolicyResource[] =>
  (r.propertyDependencies[field] ?? []).filter((d) => d.type === type);

/** The policies attached to a role: their `role` (or `roleName`) input comes from it or names it. */
function policiesOf(role: PolicyResource, all: readonly PolicyResource[]): PolicyResource[] {
  const name = peek(role.props, "name");
  return all.filter(
    (p) =>
      ROLE_POLICIES.includes(p.type) &&
      ["role", "roleName"].some(
        (f) =>
          dependsVia(p, f, ROLE).some((r) => r.urn === role.urn) || (name !== undefined && peek(p.props, f) === name),
      ),
  );
}

/** True when a role policy grants the ENI actions a VPC function needs (inline, customer-managed or the AWS-managed VPC policies). */
function grantsEni(policy: PolicyResource): boolean {
  const mentions = (doc: unknown): boolean =>
    JSON.stringify(doc ?? "")
      .toLowerCase()
      .includes("ec2:createnetworkinterface");
  if (policy.type === "aws:iam/rolePolicy:RolePolicy") return mentions(peek(policy.props, "policy"));
  if (ENI_MANAGED_POLICIES.test(asString(peek(policy.props, "policyArn")) ?? "")) return true;
  return dependsVia(policy, "policyArn", IAM_POLICY).some((p) => mentions(peek(p.props, "policy")));
}

export const lambdaAfterRolePolicies = stackPolicy({
  name: "lambda-after-role-policies",
  description:
    "Lambda event source mappings are created after every policy of the function's execution " +
    "role, and VPC functions after the policy granting ec2:CreateNetworkInterface: Lambda " +
    "checks both at create time.",
  enforcementLevel: "mandatory",
  pci: ["7.2.1"],
  resourceTypes: [MAPPING, FUNCTION, ...ROLE_POLICIES],
  fix: "Add the execution role's RolePolicyAttachment/RolePolicy resources to the event source mapping's (and a VPC function's) dependsOn.",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const mappings = args.resources.filter((r) => r.type === MAPPING);
    const vpcFunctions = args.resources.filter((r) => r.type === FUNCTION && peek(r.props, "vpcConfig") !== undefined);
    if (mappings.length === 0 && vpcFunctions.length === 0) return;
    const graph = new DependencyGraph(args.resources);
    const check = (
      subject: PolicyResource,
      fn: PolicyResource,
      why: string,
      relevant: (p: PolicyResource) => boolean = () => true,
    ): void => {
      for (const role of dependsVia(fn, "role", ROLE)) {
        for (const policy of policiesOf(role, args.resources).filter(
          (p) => relevant(p) && !graph.waitsFor(subject, p),
        )) {
          report(
            `${subject.name} may be created before ${policy.name}, a policy of ${fn.name}'s role ` +
              `${role.name}: Lambda checks ${why} at create time ("The provided execution role does not ` +
              `have permissions to call ..."). Add ${policy.name} to ${subject.name}'s dependsOn.`,
            subject.urn,
          );
        }
      }
    };
    for (const fn of vpcFunctions) check(fn, fn, "the ENI permissions (ec2:CreateNetworkInterface)", grantsEni);
    for (const mapping of mappings) {
      const name = asString(peek(mapping.props, "functionName"));
      const fns = args.resources.filter(
        (r) =>
          r.type === FUNCTION &&
          (dependsVia(mapping, "functionName", FUNCTION).some((f) => f.urn === r.urn) ||
            (name !== undefined && peek(r.props, "name") === name)),
      );
      for (const fn of fns) check(mapping, fn, "the event source permissions");
    }
  },
});
