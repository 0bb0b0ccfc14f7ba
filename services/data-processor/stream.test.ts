/**
 * The processor streams: rows are written while the file is still arriving, memory does not
 * depend on the file's size, and a late problem still publishes nothing.
 */
import assert from "node:assert/strict";
import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { RecordingTelemetry } from "../processing/testing/recording-telemetry";
import { startS3rver, type RunningS3rver } from "../processing/testing/s3rver";
import { sourceFingerprint } from "./keys";
import type { ObjectStore, ObjectWriter, OpenResult } from "./object-store";
import { planObject } from "./plan";
import { processObject, type DataProcessorSettings } from "./process-object";
import type { ObjectRef } from "./s3-event";
import { S3ObjectStore } from "./s3-object-store";

const settings: DataProcessorSettings = {
  ingestionBucket: "ingest",
  analyticsBucket: "analytics",
  outputPrefix: "market-data/",
  quarantinePrefix: "quarantine/",
  maxObjectBytes: 256 * 1024 * 1024,
};

const row = (i: number, day = 1) =>
  `{"pair":"EUR/USD","bid":"1.${String(10000 + (i % 80000)).padStart(5, "0")}","ask":"1.90000","timestamp":"2025-03-${String(day).padStart(2, "0")}T09:30:00.000Z"}\n`;

/** A store whose object arrives in chunks made on demand, recording what happened in which order. */
class ScriptedStore implements ObjectStore {
  readonly events: string[] = [];
  readonly written = new Map<string, string>();
  constructor(private readonly chunks: () => Iterable<string>) {}
  async open(): Promise<OpenResult> {
    const chunks = this.chunks;
    const events = this.events;
    return {
      kind: "stream",
      body: (async function* () {
        let n = 0;
        for (const chunk of chunks()) {
          events.push(`read ${++n}`);
          yield new TextEncoder().encode(chunk);
        }
        events.push("read end");
      })(),
      release: () => undefined,
    };
  }
  writer(_bucket: string, key: string): ObjectWriter {
    let text = "";
    return {
      write: async (t) => {
        if (text === "") this.events.push(`write ${key}`);
        text += t;
      },
      complete: async () => {
        this.events.push(`complete ${key}`);
        this.written.set(key, text);
      },
      abort: async () => {
        this.events.push(`abort ${key}`);
      },
    };
  }
  async put(_bucket: string, key: string): Promise<void> {
    this.events.push(`put ${key}`);
  }
  async copy(_ref: ObjectRef, key: string): Promise<void> {
    this.events.push(`copy ${key}`);
  }
}

const ref: ObjectRef = { bucket: "ingest", key: "in/quotes.jsonl", eTag: "e1" };

describe("processObject (streaming)", () => {
  it("should write the first row before the file has been read to the end", async () => {
    const store = new ScriptedStore(function* () {
      for (let c = 0; c < 50; c += 1) yield Array.from({ length: 100 }, (_, i) => row(c * 100 + i)).join("");
    });
    const outcome = await processObject(ref, { store, telemetry: new RecordingTelemetry(), settings });
    assert.equal(outcome.status, "published");
    const firstWrite = store.events.findIndex((e) => e.startsWith("write "));
    assert.ok(firstWrite !== -1 && firstWrite < store.events.indexOf("read end"), store.events.slice(0, 5).join(", "));
  });

  it("should abort every output, publish nothing and quarantine the file when a bad row comes last", async () => {
    const store = new ScriptedStore(function* () {
      yield Array.from({ length: 1000 }, (_, i) => row(i, 1 + (i % 2))).join("");
      yield '{"pair":"EUR/USD","bid":"2.0","ask":"1.0","timestamp":"2025-03-01T00:00:00Z"}\n';
    });
    const outcome = await processObject(ref, { store, telemetry: new RecordingTelemetry(), settings });
    assert.equal(outcome.status === "quarantined" && outcome.code, "bad-rows");
    assert.equal(store.events.filter((e) => e.startsWith("abort ")).length, 2);
    assert.deepEqual([...store.written.keys()], []);
  });

  it("should quarantine a file spanning more UTC dates than it may hold open", async () => {
    const store = new ScriptedStore(function* () {
      for (let day = 1; day <= 9; day += 1) yield row(day, day);
    });
    const outcome = await processObject(ref, { store, telemetry: new RecordingTelemetry(), settings });
    assert.equal(outcome.status === "quarantined" && outcome.code, "too-many-dates");
    assert.deepEqual([...store.written.keys()], []);
  });

  it("should quarantine a file that stops being UTF-8 halfway", async () => {
    const store = new ScriptedStore(function* () {
      yield row(1);
      yield "\uFFFF";
    });
    store.open = async () => ({
      kind: "stream",
      body: (async function* () {
        yield new TextEncoder().encode(row(1));
        yield new Uint8Array([0xff, 0xfe, 0x0a]);
      })(),
      release: () => undefined,
    });
    const outcome = await processObject(ref, { store, telemetry: new RecordingTelemetry(), settings });
    assert.equal(outcome.status === "quarantined" && outcome.code, "bad-encoding");
  });

  it("should report a line far longer than a row without buffering it", async () => {
    const store = new ScriptedStore(function* () {
      yield row(1);
      for (let i = 0; i < 64; i += 1) yield "x".repeat(64 * 1024);
      yield `\n${row(2)}`;
    });
    const outcome = await processObject(ref, { store, telemetry: new RecordingTelemetry(), settings });
    assert.equal(outcome.status === "quarantined" && outcome.code, "bad-rows");
  });

  describe("on s3rver", () => {
    let s3rver: RunningS3rver;
    let s3: S3Client;
    before(async () => {
      s3rver = await startS3rver(["ingest", "analytics"]);
      s3 = s3rver.client();
    });
    after(async () => {
      s3.destroy();
      await s3rver.stop();
    });

    it("should write an output of several 5 MiB parts with exactly the bytes of the in-memory plan", async () => {
      const body = Array.from({ length: 60_000 }, (_, i) => row(i)).join(""); // ~7.5 MiB in, ~14 MiB out
      const put = await s3.send(new PutObjectCommand({ Bucket: "ingest", Key: "in/big.jsonl", Body: body }));
      const big: ObjectRef = { bucket: "ingest", key: "in/big.jsonl", eTag: put.ETag?.replace(/"/g, "") ?? "" };
      const outcome = await processObject(big, {
        store: new S3ObjectStore(s3),
        telemetry: new RecordingTelemetry(),
        settings,
      });
      assert.equal(outcome.status, "published");
      const key = `market-data/date=2025-03-01/big-${sourceFingerprint(big)}.jsonl`;
      const stored = await (
        await s3.send(new GetObjectCommand({ Bucket: "analytics", Key: key }))
      ).Body!.transformToString();
      const plan = planObject(big, new TextEncoder().encode(body), "market-data/");
      assert.equal(plan.kind, "publish");
      assert.ok(stored.length > 10 * 1024 * 1024, `output is only ${stored.length} bytes`);
      assert.equal(stored === (plan.kind === "publish" ? plan.outputs[0]?.body : ""), true);
    });
  });
});
