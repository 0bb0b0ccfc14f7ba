/**
 * The SQS batch handler: every record goes through processAuditMessage in parallel (copies of
 * one event id in sequence), and the Powertools BatchProcessor turns thrown records into
 * `batchItemFailures` so only they are redelivered. Requires `ReportBatchItemFailures` on the
 * event source mapping.
 */
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { KeyedQueue } from "../processing/keyed-queue";
import { processAuditMessage, type AuditProcessorDeps } from "./process-message";

export type AuditHandlerDeps = Omit<AuditProcessorDeps, "queue">;

export type AuditHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

function receiveCount(record: SQSRecord): number {
  const n = Number(record.attributes?.ApproximateReceiveCount);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

export function createAuditHandler(deps: AuditHandlerDeps): AuditHandler {
  return async (event, context) => {
    const processor = new BatchProcessor(EventType.SQS);
    const queue = new KeyedQueue();
    const handleRecord = (record: SQSRecord) =>
      processAuditMessage(
        { messageId: record.messageId, body: record.body, receiveCount: receiveCount(record) },
        { ...deps, queue },
      );
    // A fully failed batch is still answered with every messageId (not thrown): same redelivery,
    // but the function's Errors metric stays meaningful for real crashes.
    const response = await processPartialResponse(event, handleRecord, processor, {
      context,
      throwOnFullBatchFailure: false,
    });
    deps.telemetry.log.info("audit batch processed", {
      records: event.Records.length,
      failed: response.batchItemFailures.length,
    });
    return response;
  };
}
