/**
 * Lines of a file as it streams in: strict UTF-8 (a leading BOM dropped), LF or CRLF, counted
 * against the size limit as bytes arrive. Memory is bounded by one chunk plus one line: a line
 * longer than `maxLineChars` is reported (and skipped to its end) instead of being buffered.
 */

/** The stream passed the size limit; reading stopped there. */
export class StreamTooLargeError extends Error {
  constructor(
    readonly bytesRead: number,
    readonly limit: number,
  ) {
    super(`more than ${limit} bytes`);
  }
}

/** The bytes are not valid UTF-8; reading stopped there. */
export class StreamEncodingError extends Error {}

export type StreamLine =
  { readonly line: number; readonly text: string } | { readonly line: number; readonly tooLong: true };

/** A market-data row is about 100 bytes; anything near this is not one. */
export const MAX_LINE_CHARS = 64 * 1024;

export async function* readLines(
  chunks: AsyncIterable<Uint8Array>,
  options: { readonly maxBytes: number; readonly maxLineChars?: number },
): AsyncGenerator<StreamLine> {
  const maxLine = options.maxLineChars ?? MAX_LINE_CHARS;
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  let bytes = 0;
  let line = 1;
  let partial = "";
  let skipping = false; // inside a line already reported as too long
  const decode = (chunk?: Uint8Array): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new StreamEncodingError(`the file is not valid UTF-8 (at line ${line})`);
    }
  };
  function* take(text: string, final: boolean): Generator<StreamLine> {
    let start = 0;
    for (;;) {
      const newline = text.indexOf("\n", start);
      if (newline === -1) break;
      if (!skipping) {
        const full = partial + text.slice(start, newline);
        yield { line, text: full.endsWith("\r") ? full.slice(0, -1) : full };
      }
      partial = "";
      skipping = false;
      line += 1;
      start = newline + 1;
    }
    if (!skipping) partial += text.slice(start);
    if (!skipping && partial.length > maxLine) {
      yield { line, tooLong: true };
      partial = "";
      skipping = true;
    }
    if (final && !skipping && partial !== "") {
      yield { line, text: partial.endsWith("\r") ? partial.slice(0, -1) : partial };
      partial = "";
    }
  }
  for await (const chunk of chunks) {
    bytes += chunk.byteLength;
    if (bytes > options.maxBytes) throw new StreamTooLargeError(bytes, options.maxBytes);
    yield* take(decode(chunk), false);
  }
  yield* take(decode(), true);
}
