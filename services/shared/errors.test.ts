import assert from "node:assert/strict";
import {
  ConflictError,
  NotFoundError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnprocessableError,
  UnsupportedMediaTypeError,
  ValidationError,
  toErrorResponse,
} from "./errors";

describe("errors", () => {
  it("should map each typed error to its status code", async () => {
    const cases: Array<[Error, number]> = [
      [new ValidationError("bad"), 400],
      [new UnauthorizedError(), 401],
      [new NotFoundError("gone"), 404],
      [new ConflictError("X", "clash"), 409],
      [new PayloadTooLargeError(16), 413],
      [new UnsupportedMediaTypeError(), 415],
      [new UnprocessableError("NOT_MARKETABLE", "no"), 422],
    ];
    for (const [err, status] of cases) assert.equal(toErrorResponse(err).status, status, err.name);
  });

  it("should put code, message and details in the envelope when the error is typed", async () => {
    const details = [{ path: "body.quantity", message: "must be positive" }];
    const response = toErrorResponse(new ValidationError("invalid order", details));
    assert.deepEqual(response.body, {
      error: { code: "VALIDATION_FAILED", message: "invalid order", details },
    });
  });

  it("should hide the message of an unknown error behind a generic 500", async () => {
    const response = toErrorResponse(new Error("password=hunter2"));
    assert.equal(response.status, 500);
    assert.doesNotMatch(JSON.stringify(response.body), /hunter2/);
  });
});
