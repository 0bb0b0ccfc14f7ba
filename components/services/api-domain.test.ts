import assert from "node:assert/strict";
import { runProgram, valueOf } from "../testing/harness";
import { ApiDomain, apiDomainArgsProblems } from "./api-domain";

const run = (
  securityPolicy?: "SecurityPolicy_TLS13_1_2_2021_06" | "SecurityPolicy_TLS13_1_3_2025_09",
  endpointAccessMode?: "BASIC",
) =>
  runProgram(
    () =>
      new ApiDomain("api", { domainName: "api.fx.example.com", zoneId: "Z123", securityPolicy, endpointAccessMode }),
  );

describe("ApiDomain", () => {
  it("should negotiate TLS 1.2 or newer by default", async () => {
    assert.equal((await run()).named("api-domain").inputs.securityPolicy, "TLS_1_2");
  });

  it("should use the given TLS 1.3 policy when asked", async () => {
    assert.equal(
      (await run("SecurityPolicy_TLS13_1_2_2021_06")).named("api-domain").inputs.securityPolicy,
      "SecurityPolicy_TLS13_1_2_2021_06",
    );
  });

  it("should set STRICT endpointAccessMode with an enhanced policy, which API Gateway requires", async () => {
    assert.equal(
      (await run("SecurityPolicy_TLS13_1_3_2025_09")).named("api-domain").inputs.endpointAccessMode,
      "STRICT",
    );
  });

  it("should use the given endpointAccessMode with an enhanced policy", async () => {
    assert.equal(
      (await run("SecurityPolicy_TLS13_1_3_2025_09", "BASIC")).named("api-domain").inputs.endpointAccessMode,
      "BASIC",
    );
  });

  it("should set no endpointAccessMode with the legacy TLS_1_2 policy", async () => {
    assert.equal((await run()).named("api-domain").inputs.endpointAccessMode, undefined);
  });

  it("should report endpointAccessMode when it is given with a legacy policy", async () => {
    assert.deepEqual(
      apiDomainArgsProblems({ domainName: "api.fx.example.com", zoneId: "Z", endpointAccessMode: "STRICT" }),
      ["endpointAccessMode: applies only to SecurityPolicy_* policies; TLS_1_2 is a legacy policy"],
    );
  });

  it("should be a regional domain", async () => {
    assert.deepEqual((await run()).named("api-domain").inputs.endpointConfiguration, { types: "REGIONAL" });
  });

  it("should validate the certificate through DNS", async () => {
    assert.equal((await run()).named("api-certificate").inputs.validationMethod, "DNS");
  });

  it("should write the validation record in the given zone", async () => {
    assert.equal((await run()).named("api-validation", "aws:route53/record:Record").inputs.zoneId, "Z123");
  });

  it("should use the validated certificate on the domain", async () => {
    const p = await run();
    assert.ok(
      p
        .named("api-domain")
        .dependencies.includes(p.named("api-validation", "aws:acm/certificateValidation:CertificateValidation").urn),
    );
  });

  it("should expose the regional domain name for alias records", async () => {
    let regional: Promise<string> | undefined;
    await runProgram(() => {
      regional = valueOf(new ApiDomain("api", { domainName: "api.fx.example.com", zoneId: "Z123" }).regionalDomainName);
    });
    assert.match(await regional!, /^d-[0-9a-f]+\.execute-api\.us-east-1\.amazonaws\.com$/);
  });
});

describe("apiDomainArgsProblems", () => {
  it("should report domainName when it is not a fully qualified lower-case name", async () => {
    assert.match(
      apiDomainArgsProblems({ domainName: "API", zoneId: "Z" })[0],
      /^domainName: expected a lower-case fully qualified name/,
    );
  });

  it("should report securityPolicy when it allows TLS 1.0", async () => {
    assert.match(
      apiDomainArgsProblems({ domainName: "api.fx.example.com", zoneId: "Z", securityPolicy: "TLS_1_0" as never })[0],
      /^securityPolicy: expected one of TLS_1_2, SecurityPolicy_TLS13_1_3_2025_09, .* \(TLS 1\.2 minimum/,
    );
  });
});
