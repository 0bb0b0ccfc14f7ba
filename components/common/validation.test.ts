import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { ArgsError, collectProblems, known, validateArgs } from "./validation";

describe("validateArgs", () => {
  it("should return quietly when the check finds no problem", async () => {
    assert.doesNotThrow(() => validateArgs("platform:test:X", "x", () => undefined));
  });

  it("should throw one ArgsError listing every problem when several fields are wrong", async () => {
    assert.throws(
      () =>
        validateArgs("platform:test:X", "x", (p) => {
          p.add("a", "must be set");
          p.add("b.c", "must be positive");
        }),
      (e: unknown) =>
        e instanceof ArgsError &&
        e.problems.length === 2 &&
        /platform:test:X "x" has 2 invalid arguments/.test(e.message),
    );
  });

  it("should name the field in each message when a problem is added", async () => {
    assert.deepEqual(
      collectProblems((p) => p.add("tables[1].name", "is duplicated")),
      ["tables[1].name: is duplicated"],
    );
  });

  it("should be a pulumi RunError when thrown so the CLI prints no stack trace", async () => {
    const error = new ArgsError("platform:test:X", "x", ["a: bad"]);
    assert.ok(pulumi.RunError.isInstance(error));
  });
});

describe("known", () => {
  it("should be true when the value is plain", async () => {
    assert.equal(known(3), true);
  });

  it("should be false when the value is an Output", async () => {
    assert.equal(known(pulumi.output(3)), false);
  });

  it("should be false when the value is a promise", async () => {
    assert.equal(known(Promise.resolve(3)), false);
  });

  it("should be false when the value is undefined", async () => {
    assert.equal(known(undefined), false);
  });
});
