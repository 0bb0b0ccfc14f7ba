/**
 * The analyzer's unknown-value handling, mirrored from @pulumi/policy's proxy.js (which we do
 * not load: its package pulls in @pulumi/pulumi). During a preview an input computed from
 * another resource's output is a sentinel string; reading one through the proxy throws, and
 * the runner turns that into an advisory "can't run during preview" finding, as the analyzer does.
 */

export const UNKNOWN_SENTINELS: Readonly<Record<string, string>> = {
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7": "boolean",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421": "number",
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9": "string",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2": "Array",
  "030794c1-ac77-496b-92df-f27374a8bd58": "asset",
  "e48ece36-62e2-4504-bad9-02848725956a": "archive",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff": "Object",
};

export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Stands for a secret a stack export holds only as ciphertext: offline we cannot decrypt it, so
 * reading it stops the check (never judging a wrong value) and reports that it could not be done.
 */
export const ENCRYPTED_SECRET = "policy-runner:encrypted-secret";

export class UnknownValueError extends Error {
  constructor(
    readonly kind: string,
    readonly path: readonly PropertyKey[],
  ) {
    super(`${kind} value at .${path.map(String).join(".")} can't be known during preview`);
  }
}

/**
 * A secret the stack export holds only as ciphertext. Unlike an unknown (which `pulumi up` will
 * know), nothing later resolves it offline, so the check it blocks must not pass quietly: the
 * runner reports it at the policy's own level (see settle in ./index.ts and lib/judge.ts).
 */
export class EncryptedSecretError extends Error {
  constructor(readonly path: readonly PropertyKey[]) {
    super(
      `secret value at .${path.map(String).join(".")} is encrypted in the stack export; export with --show-secrets to check it`,
    );
  }
}

function unknownKind(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  if (value === ENCRYPTED_SECRET) return "secret";
  return UNKNOWN_SENTINELS[value];
}

export function unknownCheckingProxy<T>(target: T): T {
  return wrap(target, []) as T;
}

function wrap(target: unknown, path: readonly PropertyKey[]): unknown {
  if (!(target instanceof Object)) return target;
  return new Proxy(target, {
    get(obj, prop) {
      const value = (obj as Record<PropertyKey, unknown>)[prop];
      const kind = unknownKind(value);
      if (kind === "secret") throw new EncryptedSecretError([...path, prop]);
      if (kind) throw new UnknownValueError(kind, [...path, prop]);
      // A non-configurable, non-writable own property must be returned as is (Proxy invariant).
      const desc = Object.getOwnPropertyDescriptor(obj, prop);
      if (desc && "value" in desc && !desc.configurable && !desc.writable) return value;
      return wrap(value, [...path, prop]);
    },
  });
}
