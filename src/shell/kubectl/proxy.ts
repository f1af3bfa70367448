// k8s: staging/src/k8s.io/kubectl/pkg/cmd/proxy/proxy.go — `kubectl proxy [--port=8001] [--address=127.0.0.1]`
// prints `Starting to serve on 127.0.0.1:8001` and serves the API server's paths on that local port
// without credentials, until it is stopped (Ctrl-C in the foreground; `kill %1` when started with `&`).
import type { SimNode } from "../../sim/node/types";
import { allocateJob, allocatePid, keepRunning } from "../jobs";
import { Output } from "../registry";
import type { CommandResult } from "../types";
import type { KubectlContext } from "./common";
import type { FlagSpec } from "./flags";
import { rawGet } from "./rawApi";

export const PROXY_FLAGS: FlagSpec[] = [
  { name: "port", short: "p", type: "int" },
  { name: "address", type: "string" },
  { name: "api-prefix", type: "string" },
  { name: "accept-hosts", type: "string" },
  { name: "disable-filter", type: "bool" },
];

interface Listener {
  address: string;
  port: number;
  apiPrefix: string;
}

const listeners = new WeakMap<SimNode, Listener[]>();

function all(node: SimNode): Listener[] {
  let l = listeners.get(node);
  if (!l) {
    l = [];
    listeners.set(node, l);
  }
  return l;
}

/** A kubectl proxy listening on this local address and port (curl on the node reaches it). */
export function proxyAt(node: SimNode, host: string, port: number): Listener | undefined {
  const addr = host === "localhost" ? "127.0.0.1" : host;
  return all(node).find((l) => l.port === port && (l.address === addr || l.address === "0.0.0.0"));
}

/** One HTTP GET through the proxy: the API server's answer (pretty JSON for curl, as the apiserver does). */
export function proxyGet(node: SimNode, l: Listener, path: string): { status: number; body: string } {
  const prefix = l.apiPrefix.replace(/\/+$/, "");
  if (prefix && !path.startsWith(`${prefix}/`)) return { status: 404, body: "404 page not found\n" };
  const r = rawGet(node, path.slice(prefix.length) || "/", { curl: true });
  return { status: r.status, body: r.body };
}

export async function runProxy(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  const port = k.flags.int("port") ?? 8001;
  const address = k.flags.str("address") ?? "127.0.0.1";
  const apiPrefix = k.flags.str("api-prefix") ?? "/";
  const list = all(k.node);
  if (list.some((l) => l.port === port))
    return out.err(`error: listen tcp ${address}:${port}: bind: address already in use`).result(1);
  // --port=0 picks a free port
  const chosen = port === 0 ? 37000 + list.length * 17 + 253 : port;
  const l: Listener = { address, port: chosen, apiPrefix };
  list.push(l);
  const stop = () => {
    const i = list.indexOf(l);
    if (i !== -1) list.splice(i, 1);
  };
  const banner = `Starting to serve on ${address}:${chosen}\n`;
  const bg = k.background;
  if (bg) {
    keepRunning(k.node, { job: bg.job, pid: bg.pid, command: bg.command, stop });
    return out.out(banner).result(0);
  }
  if (k.follow) {
    // the foreground: serving until Ctrl-C
    k.follow.write(banner);
    allocatePid(k.node);
    await k.follow.interrupted;
    stop();
    return out.result(130);
  }
  // headless, in the foreground: the proxy would block the script; it keeps serving as if started with `&`
  const job = allocateJob(k.node);
  keepRunning(k.node, { ...job, command: `kubectl ${k.args.join(" ")}`, stop });
  return out.out(banner).result(0);
}
