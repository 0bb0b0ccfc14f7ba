/**
 * Reads `COPY … TO STDOUT (FORMAT binary)` as it streams in, tuple by tuple, without building a
 * row object or a string per field: the caller gets each tuple's field positions in the chunk
 * and decodes only what it needs. Format: PostgreSQL docs, "COPY", section "Binary Format"
 * (11-byte signature, flags, header extension; per tuple an int16 field count, then per field an
 * int32 length, -1 for NULL, and the bytes; an int16 -1 ends the data).
 */
import type { Readable } from "node:stream";

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");

/** Where one tuple's fields are: `start[i]`, `length[i]` (-1: NULL) within `data`. */
export interface CopyTuple {
  data: Buffer;
  fields: number;
  readonly start: Int32Array;
  readonly length: Int32Array;
}

export class CopyFormatError extends Error {}

/**
 * Finds the tuple at `data[at]`: its end (fields recorded in `tuple`), END at the end marker, or
 * INCOMPLETE when `data` stops inside it.
 */
function parseTuple(data: Buffer, at: number, tuple: CopyTuple, maxFields: number): number {
  if (data.length - at < 2) return INCOMPLETE;
  const count = data.readInt16BE(at);
  if (count === -1) return END;
  if (count < 0 || count > maxFields) throw new CopyFormatError(`tuple of ${count} fields (at most ${maxFields})`);
  let p = at + 2;
  for (let i = 0; i < count; i += 1) {
    if (data.length - p < 4) return INCOMPLETE;
    const length = data.readInt32BE(p);
    p += 4;
    if (length < -1) throw new CopyFormatError(`field of length ${length}`);
    tuple.start[i] = p;
    tuple.length[i] = length;
    if (length > 0) {
      if (data.length - p < length) return INCOMPLETE;
      p += length;
    }
  }
  tuple.fields = count;
  tuple.data = data;
  return p;
}

const INCOMPLETE = -1;
const END = -2;

/**
 * Calls `onTuple` for every tuple of the stream, in order. The tuple's `data` is only valid
 * during the call (it is the chunk being parsed). Resolves with the number of tuples at the end
 * marker; rejects on a malformed stream or the query's error.
 */
export async function readCopyBinary(
  stream: Readable,
  maxFields: number,
  onTuple: (tuple: CopyTuple) => void,
): Promise<number> {
  const tuple: CopyTuple = {
    data: Buffer.alloc(0),
    fields: 0,
    start: new Int32Array(maxFields),
    length: new Int32Array(maxFields),
  };
  /** The start of a header or tuple that the previous chunk ended inside of. */
  let pending: Buffer = Buffer.alloc(0);
  let headerDone = false;
  let ended = false;
  let tuples = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (ended) continue;
    let data = chunk;
    let at = 0;
    if (!headerDone) {
      data = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      if (data.length < SIGNATURE.length + 8 || data.length < SIGNATURE.length + 8 + data.readInt32BE(15)) {
        pending = data;
        continue;
      }
      if (!data.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new CopyFormatError("not a binary COPY stream");
      at = SIGNATURE.length + 8 + data.readInt32BE(SIGNATURE.length + 4);
      headerDone = true;
      pending = Buffer.alloc(0);
    } else if (pending.length > 0) {
      // Finish the tuple the last chunk ended inside of from as little of this one as it needs.
      let take = Math.min(chunk.length, 512);
      for (;;) {
        const joined = Buffer.concat([pending, chunk.subarray(0, take)]);
        const end = parseTuple(joined, 0, tuple, maxFields);
        if (end === END) {
          ended = true;
          break;
        }
        if (end !== INCOMPLETE) {
          onTuple(tuple);
          tuples += 1;
          at = end - pending.length;
          break;
        }
        if (take === chunk.length) {
          at = chunk.length;
          data = joined;
          break;
        }
        take = Math.min(chunk.length, take * 4);
      }
      if (ended) continue;
      if (data !== chunk) {
        pending = data;
        continue;
      }
      pending = Buffer.alloc(0);
    }
    for (;;) {
      const end = parseTuple(data, at, tuple, maxFields);
      if (end === END) {
        ended = true;
        break;
      }
      if (end === INCOMPLETE) break;
      onTuple(tuple);
      tuples += 1;
      at = end;
    }
    // A copy: the chunk itself may be a view of a buffer the stream reuses.
    if (!ended && at < data.length) pending = Buffer.from(data.subarray(at));
  }
  if (!ended) throw new CopyFormatError("binary COPY stream ended without its end marker");
  return tuples;
}
