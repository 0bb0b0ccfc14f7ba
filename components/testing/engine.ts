/**
 * The offline engine: Pulumi's own mock monitor (`pulumi.runtime.setMocks`) running a real
 * program, plus a recorder of every registration request, so the plan and the tests see what
 * the engine would see (type, name, inputs, parent, provider, protect and the other options).
 * One run at a time per process: the Pulumi runtime's state is global.
 */
import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { runInPulumiStack } from "@pulumi/pulumi/runtime/stack";
import type { PlanResource, PlanResourceOptions } from "../../platform-rules/plan-format";
import { awsState, awsxVpcState, azureState, suffix } from "./fake-cloud";
import { KNOWN_INVOKES, UnknownInvokeError } from "./invokes";

export interface EngineRun<T> {
  readonly outputs: T;
  readonly resources: PlanResource[];
}

export interface EngineOptions {
  readonly project: string;
  readonly stack: string;
  /** Config as the Pulumi CLI hands it to a program: full keys, string values (objects JSON-encoded). */
  readonly config: Readonly<Record<string, string>>;
  /** Region used for ARNs and region-dependent invokes. Default `aws:region` from config. */
  readonly awsRegion?: string;
  /** Run as a preview (`pulumi.runtime.isDryRun()` true). Default false. */
  readonly preview?: boolean;
}

/** Packages whose resources the engine knows how to fake; anything else is an error. */
const KNOWN_PACKAGES = ["aws", "awsx", "azure-native", "random", "time", "pulumi", "platform"];
/** The @pulumiverse/time resources the engine fakes (the package's others would need their own state). */
const TIME_SLEEP = "time:index/sleep:Sleep";

/** Internal runtime hooks the mock API does not export. */
interface RuntimeInternals {
  waitForRPCs(): Promise<void>;
  getMonitor(): unknown;
}
const internals = settings as unknown as RuntimeInternals;

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  getParent(): string;
  getCustom(): boolean;
  getRemote(): boolean;
  getProvider(): string;
  hasProtect(): boolean;
  getProtect(): boolean | undefined;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(fn: (deps: { getUrnsList(): string[] }, key: string) => void): void };
  getDeletebeforereplace(): boolean;
  getIgnorechangesList(): string[];
  getAdditionalsecretoutputsList(): string[];
  getAliasurnsList(): string[];
  hasRetainondelete(): boolean;
  getRetainondelete(): boolean | undefined;
  getDeletedwith(): string;
  getReplaceonchangesList(): string[];
}

type Callback = (err: unknown, response: { getUrn(): string } | undefined) => void;

let running: Promise<unknown> = Promise.resolve();

export class OfflineEngine {
  /**
   * Runs `program` as the stack's program and returns its outputs with every resource it
   * registered, in registration order. Runs are serialized within the process.
   */
  static run<T>(options: EngineOptions, program: () => Promise<T>): Promise<EngineRun<T>> {
    const next = running.then(() => new OfflineEngine(options).execute(program));
    running = next.catch(() => undefined);
    return next;
  }

  private readonly resources: PlanResource[] = [];
  private readonly failures: unknown[] = [];
  private readonly region: string;

  private constructor(private readonly options: EngineOptions) {
    this.region = options.awsRegion ?? options.config["aws:region"] ?? "us-east-1";
  }

  private async execute<T>(program: () => Promise<T>): Promise<EngineRun<T>> {
    pulumi.runtime.setAllConfig({ ...this.options.config }, []);
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => this.newResource(args),
        call: (args) => this.call(args.token, args.inputs),
      },
      this.options.project,
      this.options.stack,
      this.options.preview ?? false,
    );
    this.instrument(internals.getMonitor() as Record<string, unknown>);
    let outputs: T | undefined;
    let failure: unknown;
    // A failed registration rejects outputs nobody awaits; collect those instead of crashing.
    const onRejection = (reason: unknown) => this.failures.push(reason);
    process.on("unhandledRejection", onRejection);
    await runInPulumiStack(async () => {
      try {
        outputs = await program();
        return outputs as never;
      } catch (err) {
        failure = err;
        return undefined;
      }
    }).catch((err: unknown) => {
      failure ??= err;
    });
    try {
      await internals.waitForRPCs();
      // Let rejections of outputs settled in the last RPCs surface before deciding.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("unhandledRejection", onRejection);
    }
    if (failure !== undefined) throw failure;
    if (this.failures.length > 0) throw this.failures[0];
    return { outputs: outputs as T, resources: this.resources };
  }

  private newResource(args: pulumi.runtime.MockResourceArgs): {
    id: string | undefined;
    state: Record<string, unknown>;
  } {
    const pkg = args.type.split(":")[0];
    if (!KNOWN_PACKAGES.includes(pkg)) {
      throw new Error(
        `offline engine: no fake state for package "${pkg}" (resource ${args.type} "${args.name}"); teach components/testing/fake-cloud.ts about it`,
      );
    }
    if (args.type.startsWith("pulumi:providers:")) return { id: `${args.name}-provider-id`, state: args.inputs };
    if (args.type === "awsx:ec2:Vpc") return { id: undefined, state: awsxVpcState(args.name, args.inputs) };
    if (args.custom === false) return { id: undefined, state: args.inputs };
    if (pkg === "aws") return awsState(args.type, args.name, args.inputs, this.region);
    if (pkg === "azure-native") return azureState(args.type, args.name, args.inputs);
    if (
      args.type === "random:index/randomPassword:RandomPassword" ||
      args.type === "random:index/randomString:RandomString"
    ) {
      return { id: args.name, state: { ...args.inputs, result: `offline-${suffix(args.name, 24)}` } };
    }
    if (pkg === "time") {
      if (args.type !== TIME_SLEEP)
        throw new Error(
          `offline engine: no fake state for ${args.type} "${args.name}" (only ${TIME_SLEEP} of the time package); teach components/testing/engine.ts about it`,
        );
      // The provider's id is the RFC 3339 time the sleep finished; its state echoes the inputs.
      return { id: "2026-01-01T00:00:00Z", state: args.inputs };
    }
    return { id: `${args.name}-${suffix(args.type + args.name)}`, state: args.inputs };
  }

  private call(token: string, inputs: Record<string, unknown>): Record<string, unknown> {
    const answer = KNOWN_INVOKES[token];
    if (!answer) {
      const error = new UnknownInvokeError(token);
      this.failures.push(error);
      throw error;
    }
    return answer(inputs, this.region);
  }

  /** Wraps the mock monitor's registration so every request is recorded with its options. */
  private instrument(monitor: Record<string, unknown>): void {
    const register = (monitor.registerResource as (req: unknown, cb: Callback) => Promise<void>).bind(monitor);
    const record = this.record.bind(this);
    monitor.registerResource = (req: RegisterRequest, callback: Callback) =>
      register(req, (err, response) => {
        if (err) this.failures.push(err);
        else if (response) record(req, response.getUrn());
        callback(err, response);
      });
  }

  private record(req: RegisterRequest, urn: string): void {
    const options: PlanResourceOptions = compact({
      retainOnDelete: req.hasRetainondelete() ? req.getRetainondelete() : undefined,
      deleteBeforeReplace: req.getDeletebeforereplace() || undefined,
      ignoreChanges: nonEmpty(req.getIgnorechangesList()),
      additionalSecretOutputs: nonEmpty(req.getAdditionalsecretoutputsList()),
      aliases: nonEmpty(req.getAliasurnsList()),
      deletedWith: req.getDeletedwith() || undefined,
      replaceOnChanges: nonEmpty(req.getReplaceonchangesList()),
    });
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, key) => {
      propertyDependencies[key] = deps.getUrnsList();
    });
    this.resources.push({
      urn,
      type: req.getType(),
      name: req.getName(),
      ...(req.getParent() ? { parent: req.getParent() } : {}),
      ...(req.getProvider() ? { provider: req.getProvider() } : {}),
      inputs: wireToPlain(req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
      protect: req.hasProtect() ? req.getProtect() === true : false,
      custom: req.getCustom(),
      dependencies: req.getDependenciesList(),
      propertyDependencies,
      options,
    });
  }
}

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

/**
 * Inputs as the engine forwards them to a provider (and to the analyzer): secrets unwrapped,
 * resource references downgraded to their id (custom) or URN (component), assets, archives and
 * the preview unknown sentinel left in Pulumi's wire form.
 */
export function wireToPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(wireToPlain);
  if (value === null || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  if (obj[SIG_KEY] === SECRET_SIG) return wireToPlain(obj.value);
  if (obj[SIG_KEY] === RESOURCE_SIG) return (obj.id as string | undefined) || obj.urn;
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, wireToPlain(v)]));
}

function nonEmpty(list: string[]): string[] | undefined {
  return list.length > 0 ? list : undefined;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Config values as the CLI passes them to a program: strings, structured values as JSON. */
export function toProgramConfig(config: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}
