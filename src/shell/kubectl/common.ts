// What every kubectl verb shares: the namespace it works in, "now" on the node's calendar, and
// cmdutil.CheckErr's way of printing errors (`Error from server (NotFound): pods "web" not found`).
import { ApiError, type KubeObject, type ListOptions, type ObjectKind } from "../../sim/apiserver/types";
import type { SimNode } from "../../sim/node/types";
import type { CommandContext } from "../types";
import { FlagError, type FlagSpec, Flags, parseFlags } from "./flags";

export const DEFAULT_NAMESPACE = "default";

export interface KubectlContext extends CommandContext {
  verb: string;
  flags: Flags;
  namespace: string;
  /** Whether -n was given (kubectl prints `in default namespace` either way). */
  explicitNamespace: boolean;
}

/** A verb's failure as kubectl prints it; `exit` defaults to 1. */
export class KubectlError extends Error {
  constructor(
    message: string,
    readonly exit = 1,
  ) {
    super(message);
  }
}

export function parseVerbFlags(
  ctx: CommandContext,
  verb: string,
  specs: FlagSpec[],
  args: string[],
): KubectlContext {
  try {
    const flags = new Flags(parseFlags(args, specs));
    const ns = flags.str("namespace");
    return { ...ctx, verb, flags, namespace: ns || DEFAULT_NAMESPACE, explicitNamespace: ns !== undefined };
  } catch (e) {
    if (e instanceof FlagError)
      throw new KubectlError(`error: ${e.message}\nSee 'kubectl ${verb} --help' for usage.`);
    throw e;
  }
}

/** cmdutil.CheckErr wording for API errors (Invalid errors print `The Pod "x" is invalid: …`). */
export function apiErrorText(e: unknown, source?: { verb: string; from: string }): string {
  if (e instanceof ApiError) {
    if (e.reason === "Invalid") return e.message.startsWith("The ") ? e.message : `The ${e.message}`;
    const msg = source ? `error when ${source.verb} "${source.from}": ${e.message}` : e.message;
    // StandardErrorMessage: a Status without a reason (the eviction handler's 500) prints none
    return e.reason ? `Error from server (${e.reason}): ${msg}` : `Error from server: ${msg}`;
  }
  if (e instanceof KubectlError) return e.message;
  return `error: ${e instanceof Error ? e.message : String(e)}`;
}

/** Virtual now as epoch ms (for AGE columns). */
export function nowMs(node: SimNode): number {
  return node.clock.wallMs();
}

export function objName(o: KubeObject): string {
  return o.metadata?.name ?? "";
}

export function nsOf(o: KubeObject): string {
  return o.metadata?.namespace ?? "";
}

export const byName = (a: KubeObject, b: KubeObject) => {
  const ka = `${nsOf(a)}/${objName(a)}`;
  const kb = `${nsOf(b)}/${objName(b)}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

// kubernetes-types objects (Pod, Node, Event) lack KubeObject's index signature: read them through these.
export function apiGet<T>(node: SimNode, kind: ObjectKind, ns: string | undefined, name: string): T {
  return node.api.get(kind, ns, name) as unknown as T;
}

export function apiTryGet<T>(
  node: SimNode,
  kind: ObjectKind,
  ns: string | undefined,
  name: string,
): T | undefined {
  return node.api.tryGet(kind, ns, name) as unknown as T | undefined;
}

export function apiList<T>(node: SimNode, kind: ObjectKind, opts?: ListOptions): T[] {
  return node.api.list(kind, opts) as unknown as T[];
}
