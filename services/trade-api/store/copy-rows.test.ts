import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { CopyFormatError, readCopyBinary, type CopyTuple } from "./copy-rows";

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");

/** A binary COPY stream of `tuples` (null: a NULL field), with a header extension of `extension` bytes. */
function copyStream(tuples: (Buffer | null)[][], extension = 0, end = true): Buffer {
  const parts: Buffer[] = [SIGNATURE, Buffer.alloc(4), Buffer.from([0, 0, 0, extension]), Buffer.alloc(extension, 7)];
  for (const t of tuples) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(t.length);
    parts.push(count);
    for (const f of t) {
      const length = Buffer.alloc(4);
      length.writeInt32BE(f === null ? -1 : f.length);
      parts.push(length, ...(f ? [f] : []));
    }
  }
  if (end) parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

/** Every tuple as its fields' text (null for NULL). */
async function read(chunks: Buffer[], maxFields = 3): Promise<(string | null)[][]> {
  const out: (string | null)[][] = [];
  await readCopyBinary(Readable.from(chunks), maxFields, (t: CopyTuple) => {
    out.push(
      Array.from({ length: t.fields }, (_, i) =>
        (t.length[i] as number) < 0
          ? null
          : t.data.toString("utf8", t.start[i], (t.start[i] as number) + (t.length[i] as number)),
      ),
    );
  });
  return out;
}

const TUPLES = [
  [Buffer.from("a"), null, Buffer.from("€ 日本")],
  [Buffer.from(""), Buffer.from("x".repeat(300)), Buffer.from("z")],
  [Buffer.from("last")],
];
const EXPECTED = [["a", null, "€ 日本"], ["", "x".repeat(300), "z"], ["last"]];

describe("readCopyBinary", () => {
  it("should read every tuple when the stream arrives in one chunk", async () => {
    assert.deepEqual(await read([copyStream(TUPLES, 3)]), EXPECTED);
  });

  it("should read every tuple when the stream is split at any byte", async () => {
    const whole = copyStream(TUPLES, 3);
    for (let cut = 1; cut < whole.length; cut += 1) {
      assert.deepEqual(await read([whole.subarray(0, cut), whole.subarray(cut)]), EXPECTED, `cut at ${cut}`);
    }
  });

  it("should read every tuple when the stream arrives one byte at a time", async () => {
    const whole = copyStream(TUPLES);
    assert.deepEqual(await read(Array.from(whole, (b) => Buffer.from([b]))), EXPECTED);
  });

  it("should reject a stream that is not binary COPY", async () => {
    await assert.rejects(read([Buffer.from("chain\tsequence\n1\t2\n".repeat(2))]), CopyFormatError);
  });

  it("should reject a stream that ends without its end marker", async () => {
    await assert.rejects(read([copyStream(TUPLES, 0, false)]), /without its end marker/);
  });

  it("should reject a tuple with more fields than the caller reads", async () => {
    await assert.rejects(read([copyStream(TUPLES)], 2), /tuple of 3 fields \(at most 2\)/);
  });
});
