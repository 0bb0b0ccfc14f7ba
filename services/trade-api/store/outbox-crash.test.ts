/**
 * The outbox's promise on real engines: a process killed (SIGKILL) after the booking committed
 * and before its audit event was published loses nothing. The sweeper publishes the event from
 * the outbox, and the audit processor (services/audit-processor, on dynalite) stores it exactly
 * once, also when it is delivered a second time.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ScanCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import type { Pool } from "pg";
import { buildAuditLambda } from "../../audit-processor/handler";
import { createAuditTable, sqsRecord } from "../../audit-processor/testing/fixtures";
import { lambdaContext, QUIET_TEST_ENV, withEnv } from "../../processing/testing/lambda-env";
import type { AuditEvent } from "../../shared/audit-event";
import { startDynalite, type RunningDynalite } from "../../shared/testing/dynalite";
import { startPostgres, type RunningPostgres } from "../../testing/embedded-postgres";
import { TS_REGISTER } from "../../testing/ts-loader";
import { SnsAuditPublisher } from "../audit";
import { migrate } from "./migrations";
import { sweepOutbox } from "./outbox";

const CHILD = join(__dirname, "..", "testing", "book-then-crash.ts");
const TABLE = "audit-crash";

interface ChildExit {
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
}

function runChild(databaseUrl: string): Promise<ChildExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-r", TS_REGISTER, CHILD], {
      env: { ...process.env, ...QUIET_TEST_ENV, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (_code, signal) => resolve({ signal, stdout }));
  });
}

describe("audit outbox", () => {
  let pg: RunningPostgres;
  let pool: Pool;
  let dynalite: RunningDynalite;
  let ddb: DynamoDBClient;
  let child: ChildExit;
  /** SNS as the audit queue's subscription delivers it (raw message) to the real audit processor. */
  let publisher: SnsAuditPublisher;
  before(async function () {
    this.timeout(120_000);
    pg = await startPostgres();
    pool = pg.pool().on("error", () => undefined);
    await migrate(pool);
    dynalite = await startDynalite();
    ddb = dynalite.client();
    await createAuditTable(ddb, TABLE);
    // The SDK reads region, credentials and endpoint from the environment when it sends.
    const env = { ...QUIET_TEST_ENV, AUDIT_TABLE_NAME: TABLE, AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint };
    const lambda = await withEnv(env, async () => buildAuditLambda(env));
    const sns = {
      async send(command: PublishCommand) {
        const record = sqsRecord(command.input.Message ?? "");
        const res = await withEnv(env, () => lambda({ Records: [record] }, lambdaContext));
        if (res.batchItemFailures.length > 0) throw new Error("the audit processor refused the event");
        return {};
      },
    } as unknown as SNSClient;
    publisher = new SnsAuditPublisher(sns, "arn:aws:sns:us-east-1:123456789012:audit-events");
    child = await runChild(pg.connectionString());
  });
  after(async () => {
    ddb?.destroy();
    await dynalite?.stop();
    await pool?.end();
    await pg?.stop();
  });

  const storedBookings = async () => {
    const { Items = [] } = await ddb.send(new ScanCommand({ TableName: TABLE }));
    return Items.filter((i) => i.action?.S === "order.book" && i.outcome?.S === "SUCCESS");
  };

  it("should have been killed by SIGKILL when the relay was about to publish", async () => {
    assert.deepEqual([child.signal, child.stdout], ["SIGKILL", "crashing-before-publish\n"]);
  });

  it("should have committed the booking when the process died before publishing", async () => {
    const { rows } = await pool.query<{ n: string }>("select count(*) as n from trade.ledger_entries");
    assert.equal(rows[0]?.n, "1");
  });

  it("should hold the committed booking's event unpublished in the outbox when the process died", async () => {
    const { rows } = await pool.query<{ published_at: Date | null }>("select published_at from trade.audit_outbox");
    assert.deepEqual(rows, [{ published_at: null }]);
  });

  it("should carry the entry's ledger position in the stored event", async () => {
    const { rows } = await pool.query<{ chain: number; sequence: string; hash: string; event: AuditEvent }>(
      `select e.chain, e.sequence, e.hash, o.event from trade.audit_outbox o
       join trade.ledger_entries e on e.order_id::text = o.event->'data'->>'orderId'`,
    );
    const row = rows[0];
    const data = row?.event.data as Record<string, unknown>;
    assert.deepEqual(
      [data.ledgerChain, data.ledgerSequence, data.ledgerHash],
      [row?.chain, Number(row?.sequence), row?.hash],
    );
  });

  it("should store the event in the audit table exactly once when the sweeper ran twice and it was delivered again", async () => {
    const first = await sweepOutbox(pool, publisher, { olderThanMs: 0 });
    const second = await sweepOutbox(pool, publisher, { olderThanMs: 0 });
    // A second delivery of the same event (relay and sweeper racing, or SNS redelivering).
    const { rows } = await pool.query<{ event: AuditEvent }>("select event from trade.audit_outbox");
    await publisher.publish(rows[0]?.event as AuditEvent);
    const stored = await storedBookings();
    assert.deepEqual(
      [first.published, second.published, stored.length, stored[0]?.event_id?.S],
      [1, 0, 1, rows[0]?.event.event_id],
    );
  });
});
