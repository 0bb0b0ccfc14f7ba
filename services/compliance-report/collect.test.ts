import assert from "node:assert/strict";
import {
  ConfigServiceClient,
  DescribeComplianceByConfigRuleCommand,
  DescribeConfigRulesCommand,
  GetComplianceDetailsByConfigRuleCommand,
} from "@aws-sdk/client-config-service";
import { mockClient } from "aws-sdk-client-mock";
import { collectRuleFacts } from "./collect";
import { createConfigClient } from "./client";
import { startFakeConfigService, SAMPLE_RULES, type FakeConfigService } from "./testing/fake-config-service";

const credentials = async () => ({ accessKeyId: "test", secretAccessKey: "test" });

function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode: 400 } });
}

describe("collectRuleFacts (aws-sdk-client-mock)", () => {
  const client = new ConfigServiceClient({ region: "us-east-1", credentials, endpoint: "http://127.0.0.1:9" });
  const mock = mockClient(client);
  afterEach(() => mock.reset());
  after(() => mock.restore());

  function twoPagesOfRules(): void {
    mock
      .on(DescribeConfigRulesCommand)
      .resolvesOnce({
        ConfigRules: [
          { ConfigRuleName: "pci-a", Source: { Owner: "AWS", SourceIdentifier: "S3_BUCKET_SSL_REQUESTS_ONLY" } },
        ],
        NextToken: "p2",
      })
      .resolvesOnce({
        ConfigRules: [{ ConfigRuleName: "pci-b", Source: { Owner: "AWS", SourceIdentifier: "IAM_PASSWORD_POLICY" } }],
      });
    mock
      .on(DescribeComplianceByConfigRuleCommand)
      .resolvesOnce({
        ComplianceByConfigRules: [{ ConfigRuleName: "pci-a", Compliance: { ComplianceType: "NON_COMPLIANT" } }],
        NextToken: "c2",
      })
      .resolvesOnce({
        ComplianceByConfigRules: [{ ConfigRuleName: "pci-b", Compliance: { ComplianceType: "COMPLIANT" } }],
      });
    mock
      .on(GetComplianceDetailsByConfigRuleCommand)
      .resolvesOnce({
        EvaluationResults: [
          {
            EvaluationResultIdentifier: {
              EvaluationResultQualifier: { ResourceType: "AWS::S3::Bucket", ResourceId: "b1" },
            },
            Annotation: "no TLS deny",
          },
        ],
        NextToken: "d2",
      })
      .resolvesOnce({
        EvaluationResults: [
          {
            EvaluationResultIdentifier: {
              EvaluationResultQualifier: { ResourceType: "AWS::S3::Bucket", ResourceId: "b2" },
            },
          },
        ],
      });
  }

  it("should follow every page of rules when DescribeConfigRules pages", async () => {
    twoPagesOfRules();
    const facts = await collectRuleFacts(client);
    assert.deepEqual(
      facts.map((f) => f.name),
      ["pci-a", "pci-b"],
    );
  });

  it("should join compliance from every page when DescribeComplianceByConfigRule pages", async () => {
    twoPagesOfRules();
    const facts = await collectRuleFacts(client);
    assert.deepEqual(
      facts.map((f) => f.compliance),
      ["NON_COMPLIANT", "COMPLIANT"],
    );
  });

  it("should list non-compliant resources across pages when details page", async () => {
    twoPagesOfRules();
    const facts = await collectRuleFacts(client);
    assert.deepEqual(
      facts[0].nonCompliantResources.map((r) => r.resourceId),
      ["b1", "b2"],
    );
  });

  it("should ask for details only of non-compliant rules when some comply", async () => {
    twoPagesOfRules();
    await collectRuleFacts(client);
    const asked = mock.commandCalls(GetComplianceDetailsByConfigRuleCommand).map((c) => c.args[0].input.ConfigRuleName);
    assert.deepEqual([...new Set(asked)], ["pci-a"]);
  });

  it("should keep only rules with the prefix when one is given", async () => {
    twoPagesOfRules();
    const facts = await collectRuleFacts(client, { rulesPrefix: "pci-b" });
    assert.deepEqual(
      facts.map((f) => f.name),
      ["pci-b"],
    );
  });

  it("should return no rules when the account has none", async () => {
    mock.on(DescribeConfigRulesCommand).resolves({ ConfigRules: [] });
    mock.on(DescribeComplianceByConfigRuleCommand).resolves({ ComplianceByConfigRules: [] });
    assert.deepEqual(await collectRuleFacts(client), []);
  });

  it("should surface AccessDeniedException when Config denies the call", async () => {
    mock
      .on(DescribeConfigRulesCommand)
      .rejects(awsError("AccessDeniedException", "not authorized to perform: config:DescribeConfigRules"));
    await assert.rejects(collectRuleFacts(client), { name: "AccessDeniedException" });
  });

  it("should surface ThrottlingException when throttling outlasts the client's retries", async () => {
    mock.on(DescribeConfigRulesCommand).rejects(awsError("ThrottlingException", "Rate exceeded"));
    await assert.rejects(collectRuleFacts(client), { name: "ThrottlingException" });
  });

  it("should report progress per page when a callback is given", async () => {
    twoPagesOfRules();
    const messages: string[] = [];
    await collectRuleFacts(client, { onProgress: (m) => messages.push(m) });
    assert.ok(messages.includes("Reading rules (page 2)"), messages.join("\n"));
  });
});

describe("collectRuleFacts (adaptive retries over HTTP)", () => {
  let fake: FakeConfigService;
  before(async () => {
    fake = await startFakeConfigService({ rules: SAMPLE_RULES, throttleFirst: 1 });
  });
  after(() => fake.close());

  it("should succeed after throttling when the client retries adaptively", async () => {
    const client = createConfigClient({ region: "us-east-1", endpoint: fake.url, credentials });
    try {
      const facts = await collectRuleFacts(client);
      assert.equal(facts.length, SAMPLE_RULES.length);
      assert.ok(fake.calls.filter((c) => c === "DescribeConfigRules").length >= 2, fake.calls.join(","));
    } finally {
      client.destroy();
    }
  });
});
