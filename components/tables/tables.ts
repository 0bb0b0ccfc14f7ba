/**
 * DynamoDB tables described by args: on-demand, encrypted with a CMK, point-in-time recovery,
 * deletion protection and Pulumi protection unless `protection: "disposable"`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PROTECTIONS, assertValid, collectProblems, nameTag, statefulOptions, type Protection } from "../common";

export type AttributeType = "S" | "N" | "B";
export type StreamView = "NEW_AND_OLD_IMAGES" | "NEW_IMAGE" | "OLD_IMAGE" | "KEYS_ONLY";

export interface KeyAttribute {
  /** Attribute name: 1 to 255 characters. */
  readonly name: string;
  /** S (string), N (number) or B (binary). */
  readonly type: AttributeType;
}

export interface TableSpec {
  /** Logical key, unique within the component; the child is `${name}-${key}`. Lower-case letters, digits and -. */
  readonly key: string;
  /** Partition (hash) key. Required. */
  readonly partitionKey: KeyAttribute;
  /** Sort (range) key. Default none; must differ from the partition key. */
  readonly sortKey?: KeyAttribute;
  /** Attribute holding the expiry epoch seconds; turns TTL on. Default none; must not be a key attribute. */
  readonly ttlAttribute?: string;
  /** Stream view type; turns the stream on. Default no stream. */
  readonly stream?: StreamView;
}

export interface TablesArgs {
  /** The tables. At least one; keys unique. */
  readonly tables: readonly TableSpec[];
  /** CMK ARN that encrypts every table (and its stream). Required. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** `retain` (default): deletion protection, protect and retain on delete. `disposable`: dev only. */
  readonly protection?: Protection;
  /** Extra tags on the stateful tables (e.g. BackupPlan, which AWS Backup selects by). Default none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface TableOutputs {
  readonly name: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;
  /** Present when the spec asked for a stream. */
  readonly streamArn?: pulumi.Output<string | undefined>;
}

const ATTRIBUTE_TYPES: readonly AttributeType[] = ["S", "N", "B"];
const STREAM_VIEWS: readonly StreamView[] = ["NEW_AND_OLD_IMAGES", "NEW_IMAGE", "OLD_IMAGE", "KEYS_ONLY"];
const ATTRIBUTE_NAME = /^.{1,255}$/s;

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function tablesArgsProblems(args: TablesArgs): readonly string[] {
  return collectProblems((p) => {
    if (args.tables.length === 0) p.add("tables", "list at least one table");
    const seen = new Set<string>();
    args.tables.forEach((t, i) => {
      const at = `tables[${i}]`;
      if (!/^[a-z][a-z0-9-]{0,62}$/.test(t.key))
        p.add(
          `${at}.key`,
          `${JSON.stringify(t.key)} must be lower-case letters, digits and - (starting with a letter)`,
        );
      else if (seen.has(t.key)) p.add(`${at}.key`, `${t.key} is used by another table; keys must be unique`);
      seen.add(t.key);
      for (const [field, attr] of [
        ["partitionKey", t.partitionKey],
        ["sortKey", t.sortKey],
      ] as const) {
        if (field === "partitionKey" && !attr) {
          p.add(`${at}.partitionKey`, "is required");
          continue;
        }
        if (!attr) continue;
        if (!ATTRIBUTE_NAME.test(attr.name)) p.add(`${at}.${field}.name`, "must be 1 to 255 characters");
        if (!ATTRIBUTE_TYPES.includes(attr.type))
          p.add(`${at}.${field}.type`, `expected S, N or B; got ${JSON.stringify(attr.type)}`);
      }
      if (t.sortKey && t.partitionKey && t.sortKey.name === t.partitionKey.name)
        p.add(`${at}.sortKey.name`, `must differ from the partition key (${t.partitionKey.name})`);
      if (t.ttlAttribute !== undefined) {
        if (!ATTRIBUTE_NAME.test(t.ttlAttribute)) p.add(`${at}.ttlAttribute`, "must be 1 to 255 characters");
        else if (t.ttlAttribute === t.partitionKey?.name || t.ttlAttribute === t.sortKey?.name) {
          p.add(`${at}.ttlAttribute`, `${t.ttlAttribute} is a key attribute; TTL needs its own numeric attribute`);
        }
      }
      if (t.stream !== undefined && !STREAM_VIEWS.includes(t.stream))
        p.add(`${at}.stream`, `expected one of ${STREAM_VIEWS.join(", ")}; got ${JSON.stringify(t.stream)}`);
    });
    if (args.protection !== undefined && !PROTECTIONS.includes(args.protection))
      p.add("protection", `expected retain or disposable; got ${JSON.stringify(args.protection)}`);
  });
}

export class Tables extends pulumi.ComponentResource {
  /** Outputs by table key. */
  readonly tables: Readonly<Record<string, TableOutputs>>;

  constructor(name: string, args: TablesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:tables:Tables", name, {}, opts);
    assertValid("platform:tables:Tables", name, tablesArgsProblems(args));
    const protection = args.protection ?? "retain";

    const tables: Record<string, TableOutputs> = {};
    for (const spec of args.tables) {
      const keys = [spec.partitionKey, ...(spec.sortKey ? [spec.sortKey] : [])];
      const table = new aws.dynamodb.Table(
        `${name}-${spec.key}`,
        {
          billingMode: "PAY_PER_REQUEST",
          hashKey: spec.partitionKey.name,
          rangeKey: spec.sortKey?.name,
          // Only key attributes are declared; DynamoDB rejects unused attribute definitions.
          attributes: keys.map((k) => ({ name: k.name, type: k.type })),
          ttl: spec.ttlAttribute ? { enabled: true, attributeName: spec.ttlAttribute } : undefined,
          streamEnabled: spec.stream !== undefined,
          streamViewType: spec.stream,
          serverSideEncryption: { enabled: true, kmsKeyArn: args.kmsKeyArn },
          pointInTimeRecovery: { enabled: true },
          deletionProtectionEnabled: protection === "retain",
          tags: nameTag(`${name}-${spec.key}`, args.tags),
        },
        { parent: this, ...statefulOptions(protection) },
      );
      tables[spec.key] = { name: table.name, arn: table.arn, ...(spec.stream ? { streamArn: table.streamArn } : {}) };
    }
    this.tables = tables;
    this.registerOutputs({ tables });
  }
}
