/**
 * Reads a Lambda's environment once at cold start. Every problem is collected and reported in
 * one ConfigError naming the variables, so a misconfigured function fails loudly on its first
 * invocation instead of half-working.
 */
import type { z } from "zod";
import { ConfigError } from "./errors";

export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: Readonly<Record<string, string | undefined>>,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`));
}
