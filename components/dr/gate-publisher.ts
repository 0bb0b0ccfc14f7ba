/**
 * Who may move the failover gate (components/dr/failover-dns.ts): one IAM role, assumed with
 * AssumeRoleWithWebIdentity by the Azure jump host's managed identity (an Entra ID token; IAM
 * trusts the tenant's issuer `https://sts.windows.net/<tenant>/` for exactly that identity's
 * object id and the gate's audience), allowed only `cloudwatch:PutMetricData` into Platform/DR
 * in the gate region. The promote and failback steps run on that jump host, so publishing the
 * gate needs neither us-east-1 nor long-lived AWS keys: STS's regional endpoint in the gate region
 * issues the session (IAM's control plane, in us-east-1, is only used when this is deployed).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, collectProblems, nameTag } from "../common";
import { PROMOTED_METRIC } from "./failover-dns";

export interface GatePublisherArgs {
  /** The Entra tenant id of the standby. */
  readonly tenantId: pulumi.Input<string>;
  /** Object (principal) id of the jump host's user-assigned identity. */
  readonly principalId: pulumi.Input<string>;
  /** Application ID URI of the Entra app the identity requests its token for. Required. */
  readonly audience: string;
  /** The gate region (the only region PutMetricData is allowed in). */
  readonly region: string;
}

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function gatePublisherArgsProblems(args: GatePublisherArgs): readonly string[] {
  return collectProblems((p) => {
    if (!/^(api:\/\/|https:\/\/)\S+$/.test(args.audience))
      p.add(
        "audience",
        `expected the Entra app's Application ID URI, e.g. api://fx-dr-gate; got ${JSON.stringify(args.audience)}`,
      );
  });
}

export class GatePublisher extends pulumi.ComponentResource {
  readonly roleArn: pulumi.Output<string>;

  constructor(name: string, args: GatePublisherArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:dr:GatePublisher", name, {}, opts);
    assertValid("platform:dr:GatePublisher", name, gatePublisherArgsProblems(args));
    const child = { parent: this };
    const issuer = pulumi.interpolate`sts.windows.net/${args.tenantId}/`;
    const provider = new aws.iam.OpenIdConnectProvider(
      `${name}-entra`,
      {
        url: pulumi.interpolate`https://${issuer}`,
        clientIdLists: [args.audience],
        tags: nameTag(`${name}-entra`),
      },
      child,
    );
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        description: "Publishes Platform/DR StandbyPromoted in the failover gate region, from the Azure DR jump host",
        maxSessionDuration: 3600,
        assumeRolePolicy: pulumi.all([provider.arn, args.tenantId, args.principalId]).apply(([arn, tenant, sub]) =>
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: { Federated: arn },
                Action: "sts:AssumeRoleWithWebIdentity",
                // Only the jump host's identity, only with a token minted for the gate's audience.
                Condition: {
                  StringEquals: {
                    [`sts.windows.net/${tenant}/:aud`]: args.audience,
                    [`sts.windows.net/${tenant}/:sub`]: sub,
                  },
                },
              },
            ],
          }),
        ),
        tags: nameTag(`${name}-role`),
      },
      child,
    );
    // A customer-managed policy, not an inline one (IAM_NO_INLINE_POLICY_CHECK, baseline iam-no-inline-policies).
    const putMetric = new aws.iam.Policy(
      `${name}-put-metric`,
      {
        description: "PutMetricData for the DR gate's StandbyPromoted metric only, in the gate region only",
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              // PutMetricData has no resource-level permissions: the namespace and region conditions scope it.
              Sid: "PublishGate",
              Effect: "Allow",
              Action: "cloudwatch:PutMetricData",
              Resource: "*",
              Condition: {
                StringEquals: { "cloudwatch:namespace": PROMOTED_METRIC.namespace, "aws:RequestedRegion": args.region },
              },
            },
          ],
        }),
        tags: nameTag(`${name}-put-metric`),
      },
      child,
    );
    new aws.iam.RolePolicyAttachment(
      `${name}-put-metric-attachment`,
      { role: role.name, policyArn: putMetric.arn },
      child,
    );
    this.roleArn = role.arn;
    this.registerOutputs({ roleArn: this.roleArn });
  }
}
