import { strict as assert } from "node:assert";
import { ident, literal, redact, sslMode } from "./sql";

describe("dr sql", () => {
  it("should double embedded quotes when quoting an identifier", async () => {
    assert.equal(ident('we"ird'), '"we""ird"');
  });

  it("should double embedded quotes when quoting a literal", async () => {
    assert.equal(literal("o'brien"), "'o''brien'");
  });

  it("should refuse a NUL byte in a literal", async () => {
    assert.throws(() => literal("a\0b"), /must not contain a NUL byte/);
  });

  it("should hide the password of a URL", async () => {
    assert.equal(redact("postgres://repl:s3cr%40t@10.0.0.5:5432/fx"), "postgres://repl:****@10.0.0.5:5432/fx");
  });

  it("should hide a password given as a URL parameter", async () => {
    assert.equal(
      redact("postgresql://10.0.0.5/fx?user=r&password=hunter2&sslmode=require"),
      "postgresql://10.0.0.5/fx?user=r&password=****&sslmode=require",
    );
  });

  it("should hide a password in key=value form", async () => {
    assert.equal(redact("host=10.0.0.5 password='a b' dbname=fx"), "host=10.0.0.5 password=**** dbname=fx");
  });

  it("should read sslmode from a URL", async () => {
    assert.equal(sslMode("postgres://u:p@h/db?sslmode=verify-full"), "verify-full");
  });

  it("should read sslmode from key=value form", async () => {
    assert.equal(sslMode("host=h sslmode=require dbname=fx"), "require");
  });

  it("should report no sslmode when none is set", async () => {
    assert.equal(sslMode("postgres://u:p@h/db"), undefined);
  });
});
