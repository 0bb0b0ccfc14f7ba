/**
 * Provider functions (invokes) the offline engine answers. Anything else fails loudly: a new
 * invoke in a component needs a realistic answer here first, or the plan would be fiction.
 */
import { createHash } from "node:crypto";
import { FAKE_ACCOUNT_ID, FAKE_SUBSCRIPTION_ID, FAKE_TENANT_ID } from "./fake-cloud";

/**
 * The public hosted zones the fake account holds (the DNS bootstrap created them): the stack
 * files' zones, plus any other zone looked up by name. Zone ids are derived from the name, so
 * a lookup by id finds the zone of that id or fails like the provider ("no matching Route 53
 * Hosted Zone found").
 */
export const FAKE_ZONE_NAMES = ["fx.example.com", "dev.fx.example.com"] as const;
export function fakeZoneId(name: string): string {
  return `Z${createHash("sha256").update(`zone/${name}`).digest("hex").slice(0, 20).toUpperCase()}`;
}

function fakeZone(name: string): Record<string, unknown> {
  const zoneId = fakeZoneId(name);
  return {
    id: zoneId,
    zoneId,
    name,
    arn: `arn:aws:route53:::hostedzone/${zoneId}`,
    privateZone: false,
    nameServers: [1, 2, 3, 4].map((n) => `ns-${n}.awsdns-0${n}.offline`),
    primaryNameServer: "ns-1.awsdns-01.offline",
    resourceRecordSetCount: 2,
    comment: "",
    callerReference: "offline",
    tags: {},
  };
}

type Invoke = (inputs: Record<string, unknown>, region: string) => Record<string, unknown>;

export const KNOWN_INVOKES: Readonly<Record<string, Invoke>> = {
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({
    accountId: FAKE_ACCOUNT_ID,
    arn: `arn:aws:iam::${FAKE_ACCOUNT_ID}:role/offline-plan`,
    userId: "AROAOFFLINEPLAN:offline",
    id: FAKE_ACCOUNT_ID,
  }),
  "aws:index/getRegion:getRegion": (_i, region) => ({
    name: region,
    region,
    id: region,
    description: region,
    endpoint: `ec2.${region}.amazonaws.com`,
  }),
  "aws:index/getPartition:getPartition": () => ({
    partition: "aws",
    dnsSuffix: "amazonaws.com",
    reverseDnsPrefix: "com.amazonaws",
    id: "aws",
  }),
  "aws:index/getAvailabilityZones:getAvailabilityZones": (_i, region) => ({
    names: ["a", "b", "c", "d", "e", "f"].map((z) => `${region}${z}`),
    zoneIds: [1, 2, 3, 4, 5, 6].map((n) => `use1-az${n}`),
    id: region,
    state: "available",
  }),
  "aws:ec2/getRouteTable:getRouteTable": (inputs) => {
    const subnetId = String(inputs.subnetId ?? inputs.routeTableId ?? "unknown");
    const routeTableId = `rtb-${createHash("sha256").update(subnetId).digest("hex").slice(0, 17)}`;
    return {
      id: routeTableId,
      routeTableId,
      subnetId,
      vpcId: "vpc-offline",
      ownerId: FAKE_ACCOUNT_ID,
      routes: [],
      associations: [],
      propagatingVgws: [],
      tags: {},
    };
  },
  "aws:route53/getZone:getZone": (inputs) => {
    if (typeof inputs.zoneId === "string") {
      const name = FAKE_ZONE_NAMES.find((n) => fakeZoneId(n) === inputs.zoneId);
      if (!name) throw new Error(`no matching Route 53 Hosted Zone found (zone id ${inputs.zoneId})`);
      return fakeZone(name);
    }
    return fakeZone(String(inputs.name ?? "").replace(/\.$/, ""));
  },
  // A secret's value is not knowable offline: a placeholder of the right shape, never a real one.
  "aws:secretsmanager/getSecretVersion:getSecretVersion": (inputs, region) => {
    const secretId = String(inputs.secretId ?? "unknown");
    const suffix = createHash("sha256").update(secretId).digest("hex").slice(0, 6);
    const arn = secretId.startsWith("arn:")
      ? secretId
      : `arn:aws:secretsmanager:${region}:${FAKE_ACCOUNT_ID}:secret:${secretId}-${suffix}`;
    return {
      id: `${arn}|AWSCURRENT`,
      arn,
      secretId,
      secretString: `https://offline.invalid/secret/${encodeURIComponent(secretId)}`,
      versionId: "offline",
      versionStages: ["AWSCURRENT"],
      createdDate: "2026-01-01T00:00:00Z",
    };
  },
  "aws:ec2/getSubnet:getSubnet": (inputs) => {
    // A stable /24 inside the offline VPC (10.0.0.0/16) per subnet id.
    const id = String(inputs.id ?? "unknown");
    const third = parseInt(createHash("sha256").update(id).digest("hex").slice(0, 2), 16);
    return {
      id,
      cidrBlock: `10.0.${third}.0/24`,
      vpcId: "vpc-offline",
      availabilityZone: "us-east-1a",
      ownerId: FAKE_ACCOUNT_ID,
      tags: {},
    };
  },
  "azure-native:authorization:getClientConfig": () => ({
    clientId: "22222222-2222-2222-2222-222222222222",
    objectId: "33333333-3333-3333-3333-333333333333",
    subscriptionId: FAKE_SUBSCRIPTION_ID,
    tenantId: FAKE_TENANT_ID,
  }),
};

export class UnknownInvokeError extends Error {
  /** The SDK reports a failed invoke by the gRPC error's `details`. */
  readonly details: string;

  constructor(token: string) {
    super(
      `offline engine: no answer for invoke ${token}. Add a realistic result to KNOWN_INVOKES in ` +
        `components/testing/invokes.ts, or build the value without an invoke (e.g. pulumi.jsonStringify ` +
        `for IAM policy documents).`,
    );
    this.name = "UnknownInvokeError";
    this.details = this.message;
  }
}
