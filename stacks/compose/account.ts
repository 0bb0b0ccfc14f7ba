/**
 * The account model (issue #11): each stack deploys to its own AWS account
 * (`aws:allowedAccountIds`), and the account/region singletons (platform-rules/account-singletons.ts)
 * are created by the stack only with `platform:account.baseline: managed`, each exactly once.
 * A stack transformation sees every resource the program registers, so a component added later
 * that creates a second recorder, trail or API Gateway account setting stops the plan with a
 * message naming the key, instead of failing (or silently taking over) in the cloud.
 */
import * as pulumi from "@pulumi/pulumi";
import { singletonOf } from "../../platform-rules/account-singletons";
import type { AccountBaseline } from "../config/account";

export const BASELINE_KEY = "platform:account.baseline";

/** Remembers the singletons one program registers and refuses the ones it must not. */
export class SingletonGuard {
  private readonly claimed = new Map<string, string>();

  constructor(private readonly baseline: AccountBaseline) {}

  /** Throws a RunError naming platform:account.baseline when `name` may not create this resource. */
  check(type: string, name: string, inputs: Readonly<Record<string, unknown>>): void {
    const found = singletonOf(type, inputs);
    if (!found) return;
    const { singleton, id } = found;
    if (this.baseline === "provided") {
      throw new pulumi.RunError(
        `${BASELINE_KEY} is provided (a landing zone owns ${singleton.what}), yet ${name} (${type}) would create it. ` +
          `Build the dependent resources without it, or set ${BASELINE_KEY}: managed in the account that owns it.`,
      );
    }
    const first = this.claimed.get(id);
    if (first !== undefined) {
      throw new pulumi.RunError(
        `${BASELINE_KEY}: ${first} and ${name} would both create ${singleton.what}, which exists once per ${singleton.scope} ` +
          `(${type}). Let one component own it and pass its outputs to the other.`,
      );
    }
    this.claimed.set(id, name);
  }
}

/**
 * Registers the guard for the rest of the program: every resource registered afterwards is
 * checked. Call once, before composing. (`registerStackTransformation` runs in the program
 * process, so the offline engine and `pulumi preview` stop at the same place.)
 */
export function guardAccountSingletons(baseline: AccountBaseline): SingletonGuard {
  const guard = new SingletonGuard(baseline);
  pulumi.runtime.registerStackTransformation((args) => {
    guard.check(args.type, args.name, (args.props ?? {}) as Record<string, unknown>);
    return undefined;
  });
  return guard;
}
