/**
 * Secrets Manager for rotation tests: aws-sdk-client-mock answering the four calls a rotation
 * makes from an in-memory set of versions and staging labels, as the service keeps them.
 */
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { mockClient, type AwsClientStub } from "aws-sdk-client-mock";

export interface FakeSecret {
  readonly client: SecretsManagerClient;
  readonly mock: AwsClientStub<SecretsManagerClient>;
  readonly versions: Map<string, { value?: string; stages: string[] }>;
  rotationEnabled: boolean;
  /** What RotateSecret does before it calls createSecret: a version `token` labelled AWSPENDING, with no value yet. */
  startRotation(token: string): void;
  /** The value of the version labelled `stage`. */
  valueAt(stage: string): string | undefined;
}

const notFound = (message: string) => new ResourceNotFoundException({ message, $metadata: {} });

export function fakeSecret(arn: string, current: object): FakeSecret {
  const client = new SecretsManagerClient({
    region: "us-east-1",
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
  });
  const mock = mockClient(client);
  const versions = new Map<string, { value?: string; stages: string[] }>([
    ["v-initial", { value: JSON.stringify(current), stages: ["AWSCURRENT"] }],
  ]);
  const label = (stage: string, to?: string) => {
    for (const [id, v] of versions) if (id !== to) v.stages = v.stages.filter((s) => s !== stage);
    if (to) versions.get(to)?.stages.push(stage);
  };
  const fake: FakeSecret = {
    client,
    mock,
    versions,
    rotationEnabled: true,
    startRotation(token) {
      label("AWSPENDING");
      versions.set(token, { stages: ["AWSPENDING"] });
    },
    valueAt: (stage) => [...versions.values()].find((v) => v.stages.includes(stage))?.value,
  };
  mock.on(DescribeSecretCommand).callsFake(() => ({
    ARN: arn,
    RotationEnabled: fake.rotationEnabled,
    VersionIdsToStages: Object.fromEntries([...versions].map(([id, v]) => [id, [...v.stages]])),
  }));
  mock.on(GetSecretValueCommand).callsFake((input: { VersionId?: string; VersionStage?: string }) => {
    const hit = [...versions].find(
      ([id, v]) =>
        (input.VersionId === undefined || id === input.VersionId) &&
        v.stages.includes(input.VersionStage ?? "AWSCURRENT") &&
        v.value !== undefined,
    );
    if (!hit) throw notFound(`no version ${input.VersionId ?? ""} at ${input.VersionStage ?? "AWSCURRENT"}`);
    return { ARN: arn, VersionId: hit[0], SecretString: hit[1].value, VersionStages: hit[1].stages };
  });
  mock
    .on(PutSecretValueCommand)
    .callsFake((input: { ClientRequestToken: string; SecretString: string; VersionStages: string[] }) => {
      const existing = versions.get(input.ClientRequestToken);
      if (existing?.value !== undefined) throw new Error("a version's value never changes (ResourceExistsException)");
      versions.set(input.ClientRequestToken, { value: input.SecretString, stages: existing?.stages ?? [] });
      for (const stage of input.VersionStages)
        if (!versions.get(input.ClientRequestToken)!.stages.includes(stage)) label(stage, input.ClientRequestToken);
      return { ARN: arn, VersionId: input.ClientRequestToken };
    });
  mock
    .on(UpdateSecretVersionStageCommand)
    .callsFake((input: { VersionStage: string; MoveToVersionId: string; RemoveFromVersionId?: string }) => {
      const from = [...versions].find(([, v]) => v.stages.includes(input.VersionStage))?.[0];
      if (from !== undefined && from !== input.RemoveFromVersionId)
        throw new Error(
          `${input.VersionStage} is on ${from}: name it in RemoveFromVersionId (InvalidParameterException)`,
        );
      label(input.VersionStage, input.MoveToVersionId);
      if (input.VersionStage === "AWSCURRENT" && from) versions.get(from)?.stages.push("AWSPREVIOUS");
      return { ARN: arn };
    });
  return fake;
}
