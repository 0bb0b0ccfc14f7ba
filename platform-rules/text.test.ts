import assert from "node:assert/strict";
import { printable } from "./text";

describe("printable", () => {
  it("should show a terminal escape sequence as \\xNN", async () => {
    assert.equal(printable("a\u001b[31mb"), "a\\x1b[31mb");
  });

  it("should escape C1 controls and DEL", async () => {
    assert.equal(printable("\u007f\u009b"), "\\x7f\\x9b");
  });

  it("should keep line feeds and tabs by default", async () => {
    assert.equal(printable("a\n\tb"), "a\n\tb");
  });

  it("should escape line feeds and tabs when the layout is not kept", async () => {
    assert.equal(printable("a\n\tb", { keepLayout: false }), "a\\x0a\\x09b");
  });
});
