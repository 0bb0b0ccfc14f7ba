import assert from "node:assert/strict";
import { GATEWAY_RESPONSES } from "../../components/services/trade-api-gateway-responses";
import {
  NotFoundError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  toErrorResponse,
} from "../../services/shared/errors";

/** API Gateway's own refusals and the trade API's must look alike to a client. */
describe("GATEWAY_RESPONSES", () => {
  const spec = (type: string) => GATEWAY_RESPONSES.find((s) => s.type === type)!;
  const cases = [
    ["INVALID_API_KEY", new UnauthorizedError()],
    ["UNSUPPORTED_MEDIA_TYPE", new UnsupportedMediaTypeError()],
    ["RESOURCE_NOT_FOUND", new NotFoundError("no route for this method and path")],
  ] as const;
  for (const [type, err] of cases) {
    it(`should answer ${type} with the trade API's status, code and message for ${err.name}`, async () => {
      const { status, body } = toErrorResponse(err);
      assert.deepEqual(
        { status: spec(type).status, code: spec(type).code, message: spec(type).message },
        { status, code: body.error.code, message: { text: body.error.message } },
      );
    });
  }

  it("should answer DEFAULT_5XX with the trade API's code for an unexpected error", async () => {
    assert.equal(spec("DEFAULT_5XX").code, toErrorResponse(new Error("boom")).body.error.code);
  });
});
