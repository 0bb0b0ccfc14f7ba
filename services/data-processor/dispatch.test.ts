import assert from "node:assert/strict";
import { createServer } from "node:net";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { RecordingTelemetry } from "../processing/testing/recording-telemetry";
import { s3ClientAt, startS3rver, type RunningS3rver } from "../processing/testing/s3rver";
import { createDataHandler, RecordsFailedError } from "./dispatch";
import { sourceFingerprint } from "./keys";
import { DATA_METRICS, type DataProcessorSettings } from "./process-object";
import { S3ObjectStore } from "./s3-object-store";
import { GOOD_CSV, GOOD_JSONL, s3Event, type RecordSpec } from "./testing/fixtures";

const INGEST = "ingest";
const ANALYTICS = "analytics";
const settings: DataProcessorSettings = {
  ingestionBucket: INGEST,
  analyticsBucket: ANALYTICS,
  outputPrefix: "market-data/",
  quarantinePrefix: "quarantine/",
  maxObjectBytes: 4096,
};

describe("createDataHandler (on s3rver)", () => {
  let s3rver: RunningS3rver;
  let s3: S3Client;
  let telemetry: RecordingTelemetry;
  let n = 0;
  let dir: string;

  before(async () => {
    s3rver = await startS3rver([INGEST, ANALYTICS]);
    s3 = s3rver.client();
  });
  after(async () => {
    s3.destroy();
    await s3rver.stop();
  });
  beforeEach(() => {
    telemetry = new RecordingTelemetry();
    dir = `t${++n}`; // each test uses its own key space in the shared buckets
  });

  const handler = (client: S3Client = s3) =>
    createDataHandler({ store: new S3ObjectStore(client), telemetry, settings });
  const upload = async (key: string, body: string | Uint8Array): Promise<RecordSpec> => {
    const put = await s3.send(new PutObjectCommand({ Bucket: INGEST, Key: key, Body: body }));
    return {
      bucket: INGEST,
      key,
      size: typeof body === "string" ? Buffer.byteLength(body) : body.byteLength,
      eTag: put.ETag?.replace(/"/g, "") ?? "",
    };
  };
  const list = async (bucket: string, prefix: string) =>
    ((await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? [])
      .map((o) => o.Key ?? "")
      .sort();
  const read = async (bucket: string, key: string) =>
    (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString();

  it("should write normalized JSON lines partitioned by UTC date", async () => {
    const spec = await upload(`${dir}/quotes.csv`, GOOD_CSV);
    await handler()(s3Event(spec));
    const fp = sourceFingerprint(spec);
    assert.deepEqual(
      (await list(ANALYTICS, "market-data/")).filter((k) => k.includes(fp)),
      [`market-data/date=2025-03-01/quotes-${fp}.jsonl`, `market-data/date=2025-03-02/quotes-${fp}.jsonl`],
    );
  });

  it("should write each row with exact decimal strings, spread and lineage", async () => {
    const spec = await upload(`${dir}/quotes.jsonl`, GOOD_JSONL);
    await handler()(s3Event(spec));
    const body = await read(ANALYTICS, `market-data/date=2025-03-02/quotes-${sourceFingerprint(spec)}.jsonl`);
    assert.deepEqual(JSON.parse(body), {
      pair: "USD/JPY",
      bid: "149.85",
      ask: "149.87",
      spread: "0.02",
      timestamp: "2025-03-02T00:00:00.000Z",
      source_key: `${dir}/quotes.jsonl`,
      source_version: spec.eTag,
      source_line: 2,
    });
  });

  it("should find objects whose keys S3 URL-encoded (spaces as +, + as %2B)", async () => {
    const spec = await upload(`${dir}/EUR USD+spot 1.csv`, GOOD_CSV);
    const results = await handler()(s3Event(spec));
    assert.deepEqual(
      results.map((r) => r.status),
      ["published"],
    );
  });

  it("should rewrite the same objects with the same bytes when the event is redelivered", async () => {
    const spec = await upload(`${dir}/quotes.csv`, GOOD_CSV);
    await handler()(s3Event(spec));
    const before = await Promise.all(
      (await list(ANALYTICS, "market-data/")).map(async (k) => [k, await read(ANALYTICS, k)]),
    );
    await handler()(s3Event(spec));
    const after = await Promise.all(
      (await list(ANALYTICS, "market-data/")).map(async (k) => [k, await read(ANALYTICS, k)]),
    );
    assert.deepEqual(after, before);
  });

  it("should copy a bad file to the quarantine prefix with a reason naming the bad line", async () => {
    const spec = await upload(`${dir}/bad quotes.csv`, `${GOOD_CSV}EUR/USD,1.2,1.1,2025-03-01T00:00:00Z\n`);
    await handler()(s3Event(spec));
    const reason = JSON.parse(await read(INGEST, `quarantine/${dir}/bad quotes.csv.reason.json`));
    assert.deepEqual(
      { code: reason.code, problems: reason.problems, copy: await read(INGEST, `quarantine/${dir}/bad quotes.csv`) },
      {
        code: "bad-rows",
        problems: ['line 5: bid "1.2" is above ask "1.1"'],
        copy: `${GOOD_CSV}EUR/USD,1.2,1.1,2025-03-01T00:00:00Z\n`,
      },
    );
  });

  it("should publish nothing from a quarantined file", async () => {
    const spec = await upload(`${dir}/bad.csv`, "pair,bid\nEUR/USD,1\n");
    const outputsBefore = await list(ANALYTICS, "");
    await handler()(s3Event(spec));
    assert.deepEqual(await list(ANALYTICS, ""), outputsBefore);
  });

  it("should quarantine a file the event reports as over the size limit", async () => {
    const spec = await upload(`${dir}/big.csv`, "x".repeat(settings.maxObjectBytes + 1));
    const results = await handler()(s3Event(spec));
    assert.deepEqual(
      results.map((r) => r.status === "quarantined" && r.code),
      ["too-large"],
    );
  });

  it("should quarantine a file whose stored size exceeds the limit even if the event understates it", async () => {
    const spec = await upload(`${dir}/big2.csv`, "x".repeat(settings.maxObjectBytes + 1));
    const results = await handler()(s3Event({ ...spec, size: 10 }));
    assert.deepEqual(
      results.map((r) => r.status === "quarantined" && r.code),
      ["too-large"],
    );
  });

  it("should skip the processor's own quarantine copies", async () => {
    const results = await handler()(s3Event({ bucket: INGEST, key: "quarantine/x.csv", size: 5 }));
    assert.deepEqual(
      results.map((r) => r.status),
      ["skipped"],
    );
  });

  it("should skip, with a warning, an object deleted before it was processed", async () => {
    const spec = await upload(`${dir}/gone.csv`, GOOD_CSV);
    await s3.send(new DeleteObjectCommand({ Bucket: INGEST, Key: spec.key }));
    await handler()(s3Event(spec));
    assert.equal(telemetry.total(DATA_METRICS.skipped), 1);
  });

  it("should process the good record and then throw for a record from another bucket", async () => {
    const spec = await upload(`${dir}/quotes.csv`, GOOD_CSV);
    await assert.rejects(
      handler()(s3Event(spec, { bucket: "someone-elses", key: "x.csv" })),
      (e: unknown) => e instanceof RecordsFailedError && /someone-elses/.test(e.message),
    );
    assert.equal(telemetry.total(DATA_METRICS.published), 1);
  });

  it("should throw a retryable error when S3 is unreachable", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const unreachable = s3ClientAt(`http://127.0.0.1:${port}`);
    try {
      await assert.rejects(
        handler(unreachable)(s3Event({ bucket: INGEST, key: `${dir}/q.csv`, size: 5 })),
        (e: unknown) => e instanceof RecordsFailedError && e.retryable,
      );
    } finally {
      unreachable.destroy();
    }
  });
});
