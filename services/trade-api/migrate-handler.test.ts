import assert from "node:assert/strict";
import { checkMigrateEvent } from "./migrate-handler";
import { migrationsFingerprint } from "./store/migrations";

describe("checkMigrateEvent", () => {
  it("should accept the fingerprint of the migrations in this bundle", async () => {
    assert.doesNotThrow(() => checkMigrateEvent({ migrations: migrationsFingerprint() }));
  });

  it("should accept an event without a fingerprint when invoked by hand", async () => {
    assert.doesNotThrow(() => checkMigrateEvent({}));
  });

  it("should refuse to run a stale bundle when the deploy expects other migrations", async () => {
    assert.throws(
      () => checkMigrateEvent({ migrations: "a".repeat(64) }, "b".repeat(64)),
      /run `npm run build:lambdas` and deploy again/,
    );
  });

  it("should name the field when the fingerprint is malformed", async () => {
    assert.throws(
      () => checkMigrateEvent({ migrations: "abc" }),
      /invalid migrate event: migrations must be the 64-hex migrations fingerprint/,
    );
  });
});

describe("migrationsFingerprint", () => {
  it("should change when a migration's SQL changes", async () => {
    assert.notEqual(
      migrationsFingerprint([{ id: "001", sql: "select 1" }]),
      migrationsFingerprint([{ id: "001", sql: "select 2" }]),
    );
  });

  it("should change when a migration is added", async () => {
    assert.notEqual(
      migrationsFingerprint([{ id: "001", sql: "select 1" }]),
      migrationsFingerprint([
        { id: "001", sql: "select 1" },
        { id: "002", sql: "" },
      ]),
    );
  });
});
