/** An in-memory Telemetry for tests: records every log line and counter total. */
import type { LogFields, Telemetry } from "../telemetry";

export interface LogLine {
  readonly level: "debug" | "info" | "warn" | "error";
  readonly message: string;
  readonly fields: LogFields;
}

export class RecordingTelemetry implements Telemetry {
  readonly lines: LogLine[] = [];
  readonly #totals = new Map<string, number>();

  readonly log = {
    debug: (message: string, fields: LogFields = {}) => void this.lines.push({ level: "debug", message, fields }),
    info: (message: string, fields: LogFields = {}) => void this.lines.push({ level: "info", message, fields }),
    warn: (message: string, fields: LogFields = {}) => void this.lines.push({ level: "warn", message, fields }),
    error: (message: string, fields: LogFields = {}) => void this.lines.push({ level: "error", message, fields }),
  };

  readonly counters = {
    count: (name: string, value = 1) => void this.#totals.set(name, this.total(name) + value),
  };

  total(name: string): number {
    return this.#totals.get(name) ?? 0;
  }

  at(level: LogLine["level"]): LogLine[] {
    return this.lines.filter((l) => l.level === level);
  }
}
