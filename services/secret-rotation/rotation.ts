/**
 * The four steps of a Secrets Manager rotation (createSecret, setSecret, testSecret,
 * finishSecret) for a `{ username, password }` secret whose database login changes its own
 * password (single-user rotation: the login needs no admin role, and no admin credential is
 * stored anywhere for it). Every step is re-runnable: Secrets Manager retries a failed step
 * with the same ClientRequestToken, and a step that already happened is recognised and skipped.
 */
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  UpdateSecretVersionStageCommand,
  type SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { randomInt } from "node:crypto";
import { z } from "zod";

export const ROTATION_STEPS = ["createSecret", "setSecret", "testSecret", "finishSecret"] as const;
export type RotationStep = (typeof ROTATION_STEPS)[number];

export interface RotationEvent {
  readonly SecretId: string;
  readonly ClientRequestToken: string;
  readonly Step: RotationStep;
}

const credentialsSchema = z.object({ username: z.string().min(1), password: z.string().min(1) }).loose();
export type Credentials = z.infer<typeof credentialsSchema>;

/** The database whose login the secret holds. */
export interface PasswordTarget {
  /** True when `credentials` log in; false when the server refuses the password; throws on anything else. */
  canLogIn(credentials: Credentials): Promise<boolean>;
  /** Logs in as `current` and sets the password of that same login to `next.password`. */
  setOwnPassword(current: Credentials, next: Credentials): Promise<void>;
}

/** A step that must not go on (Secrets Manager marks the rotation failed and retries it later). */
export class RotationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RotationError";
  }
}

export interface RotationDeps {
  readonly secrets: SecretsManagerClient;
  readonly target: PasswordTarget;
  /** Length of generated passwords, at least 16, default 40 (letters and digits only: safe in any connection string). */
  readonly passwordLength?: number;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * Letters and digits from the CSPRNG (about 5.95 bits each: 40 characters are 238 bits).
 * Generated here rather than by GetRandomPassword, which takes no resource ARN, so the role
 * needs no action on "*".
 */
export function newPassword(length: number): string {
  if (!Number.isInteger(length) || length < 16)
    throw new RotationError(`password length must be at least 16; got ${length}`);
  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
}

async function credentialsOf(
  deps: RotationDeps,
  secretId: string,
  version: { VersionStage: string; VersionId?: string },
): Promise<Credentials> {
  const { SecretString } = await deps.secrets.send(new GetSecretValueCommand({ SecretId: secretId, ...version }));
  let parsed: unknown;
  try {
    parsed = JSON.parse(SecretString ?? "");
  } catch {
    parsed = undefined;
  }
  const result = credentialsSchema.safeParse(parsed);
  if (!result.success)
    throw new RotationError(
      `the ${version.VersionStage} version of ${secretId} is not JSON with username and password`,
    );
  return result.data;
}

async function pendingOf(deps: RotationDeps, event: RotationEvent): Promise<Credentials | undefined> {
  try {
    return await credentialsOf(deps, event.SecretId, {
      VersionStage: "AWSPENDING",
      VersionId: event.ClientRequestToken,
    });
  } catch (err) {
    if (err instanceof ResourceNotFoundException) return undefined;
    throw err;
  }
}

/** Runs one step. Resolves when the step is done (or was done before); throws RotationError otherwise. */
export async function rotateStep(event: RotationEvent, deps: RotationDeps): Promise<"done" | "skipped"> {
  const described = await deps.secrets.send(new DescribeSecretCommand({ SecretId: event.SecretId }));
  if (described.RotationEnabled !== true) throw new RotationError(`rotation is not enabled on ${event.SecretId}`);
  const stages = described.VersionIdsToStages?.[event.ClientRequestToken];
  if (!stages) throw new RotationError(`version ${event.ClientRequestToken} is not a version of ${event.SecretId}`);
  if (stages.includes("AWSCURRENT")) return "skipped";
  if (!stages.includes("AWSPENDING"))
    throw new RotationError(`version ${event.ClientRequestToken} of ${event.SecretId} is not AWSPENDING`);

  switch (event.Step) {
    case "createSecret": {
      const current = await credentialsOf(deps, event.SecretId, { VersionStage: "AWSCURRENT" });
      if (await pendingOf(deps, event)) return "skipped";
      await deps.secrets.send(
        new PutSecretValueCommand({
          SecretId: event.SecretId,
          ClientRequestToken: event.ClientRequestToken,
          SecretString: JSON.stringify({ ...current, password: newPassword(deps.passwordLength ?? 40) }),
          VersionStages: ["AWSPENDING"],
        }),
      );
      return "done";
    }
    case "setSecret": {
      const pending = await pendingOf(deps, event);
      if (!pending)
        throw new RotationError(`no AWSPENDING version ${event.ClientRequestToken}: createSecret did not run`);
      // Already set by an earlier attempt of this step.
      if (await deps.target.canLogIn(pending)) return "skipped";
      const current = await credentialsOf(deps, event.SecretId, { VersionStage: "AWSCURRENT" });
      if (current.username !== pending.username)
        throw new RotationError(
          `the pending version names login ${pending.username}, the current one ${current.username}: a single-user rotation keeps the login`,
        );
      if (!(await deps.target.canLogIn(current)))
        throw new RotationError(
          `neither the AWSCURRENT nor the AWSPENDING password of ${current.username} logs in: set ` +
            `the role's password to the AWSCURRENT value by hand (see ` +
            `services/secret-rotation/README.md)`,
        );
      await deps.target.setOwnPassword(current, pending);
      return "done";
    }
    case "testSecret": {
      const pending = await pendingOf(deps, event);
      if (!pending)
        throw new RotationError(`no AWSPENDING version ${event.ClientRequestToken}: createSecret did not run`);
      // RotateSecret with RotateImmediately=false runs testSecret alone on a copy of the current
      // value, to test the configuration: nothing new to log in with, and the login may not exist
      // yet (the role is created after the first deploy).
      const current = await credentialsOf(deps, event.SecretId, { VersionStage: "AWSCURRENT" });
      if (current.username === pending.username && current.password === pending.password) return "skipped";
      if (!(await deps.target.canLogIn(pending)))
        throw new RotationError(
          `the AWSPENDING password of ${pending.username} does not log in: setSecret did not take`,
        );
      return "done";
    }
    case "finishSecret": {
      const current = Object.entries(described.VersionIdsToStages ?? {}).find(([, s]) => s.includes("AWSCURRENT"))?.[0];
      await deps.secrets.send(
        new UpdateSecretVersionStageCommand({
          SecretId: event.SecretId,
          VersionStage: "AWSCURRENT",
          MoveToVersionId: event.ClientRequestToken,
          ...(current ? { RemoveFromVersionId: current } : {}),
        }),
      );
      return "done";
    }
  }
}
