import assert from "node:assert/strict";
import { parseFlags } from "./cli-flags";

const OPTIONS = {
  file: { type: "string" },
  config: { type: "string", multiple: true },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h" },
} as const;

const messages = (args: string[]) => parseFlags(args, OPTIONS).problems.map((p) => p.message);

describe("parseFlags", () => {
  it("should read a string flag given with a space or with =", async () => {
    assert.deepEqual(
      [parseFlags(["--file", "a.json"], OPTIONS).values.file, parseFlags(["--file=b.json"], OPTIONS).values.file],
      ["a.json", "b.json"],
    );
  });

  it("should collect a repeatable flag in order", async () => {
    assert.deepEqual(parseFlags(["--config", "a", "--config=b"], OPTIONS).values.config, ["a", "b"]);
  });

  it("should apply defaults to flags not given", async () => {
    assert.equal(parseFlags([], OPTIONS).values.json, false);
  });

  it("should read a short alias under its long name", async () => {
    assert.equal(parseFlags(["-h"], OPTIONS).values.help, true);
  });

  it("should name an unknown flag", async () => {
    assert.deepEqual(messages(["--strict"]), ['unknown flag "--strict"']);
  });

  it("should not take a following flag as a string flag's value", async () => {
    assert.deepEqual(
      [messages(["--file", "--json"]), parseFlags(["--file", "--json"], OPTIONS).values.json],
      [["--file needs a value"], true],
    );
  });

  it("should say a string flag at the end needs a value", async () => {
    assert.deepEqual(messages(["--json", "--file"]), ["--file needs a value"]);
  });

  it("should refuse a value for a boolean flag", async () => {
    assert.deepEqual(messages(["--json=yes"]), ["--json takes no value"]);
  });

  it("should refuse a flag given twice unless it is repeatable", async () => {
    assert.deepEqual(messages(["--file", "a", "--file", "b", "--config", "x", "--config", "y"]), [
      "--file given twice",
    ]);
  });

  it("should refuse a positional argument unless allowed", async () => {
    assert.deepEqual(
      [messages(["now"]), parseFlags(["now"], OPTIONS, { allowPositionals: true }).positionals],
      [['unexpected argument "now"'], ["now"]],
    );
  });

  it("should collect every problem at once, in argument order", async () => {
    assert.deepEqual(messages(["--bogus", "--json=1", "--file"]), [
      'unknown flag "--bogus"',
      "--json takes no value",
      "--file needs a value",
    ]);
  });

  it("should keep the argument index of flags after a missing value", async () => {
    assert.deepEqual(parseFlags(["--file", "--config", "c", "--file", "f"], OPTIONS).values, {
      config: ["c"],
      file: "f",
      json: false,
    });
  });
});
