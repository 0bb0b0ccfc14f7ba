/** AuditStore on the DynamoDB audit table (partition key `event_id`, sort key `timestamp`, both strings). */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { toDependencyError } from "../processing/aws-errors";
import type { AuditRecord, AuditStore, StoredVersion } from "./store";

/** More versions than this under one id means something is badly wrong; the first few suffice to judge. */
const MAX_VERSIONS_READ = 10;

export class DynamoDbAuditStore implements AuditStore {
  readonly #documents: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.#documents = DynamoDBDocumentClient.from(client);
  }

  async findByEventId(eventId: string): Promise<readonly StoredVersion[]> {
    try {
      const result = await this.#documents.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: "event_id = :id",
          ExpressionAttributeNames: { "#ts": "timestamp" },
          ExpressionAttributeValues: { ":id": eventId },
          ProjectionExpression: "#ts, content_sha256",
          ConsistentRead: true,
          Limit: MAX_VERSIONS_READ,
        }),
      );
      return (result.Items ?? []).map((item) => ({
        timestamp: String(item["timestamp"]),
        contentSha256: String(item["content_sha256"] ?? ""),
      }));
    } catch (error) {
      throw toDependencyError("dynamodb", "Query", error);
    }
  }

  async putIfAbsent(record: AuditRecord): Promise<"written" | "exists"> {
    try {
      await this.#documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...record },
          ConditionExpression: "attribute_not_exists(event_id)",
        }),
      );
      return "written";
    } catch (error) {
      if ((error as { name?: unknown }).name === "ConditionalCheckFailedException") return "exists";
      throw toDependencyError("dynamodb", "PutItem", error);
    }
  }
}
