// Which runtime the page's kubelet drives: the simulated one, or a real containerd behind the
// backend (server/) over a WebSocket. The backend prints a URL with `?runtime=ws://…&token=…`.

export type RuntimeChoice = { kind: "simulated" } | { kind: "real"; url: string; token: string };

/** What RemoteRuntime reports (src/remote/remoteRuntime.ts RemoteState), as far as the UI needs it. */
export interface RemoteStateLike {
  connected: boolean;
  runtimeUp: boolean;
  endpoint?: string;
  message?: string;
}

export type RemotePhase = "connecting" | "connected" | "runtime-down" | "disconnected" | "error";

/** The header's connection badge: a phase for styling and one plain sentence. */
export interface RemoteStatus {
  phase: RemotePhase;
  text: string;
}

/** `?runtime=ws://127.0.0.1:7070&token=…` → a real-runtime choice; anything else → undefined. */
export function runtimeFromSearch(search: string): RuntimeChoice | undefined {
  const q = new URLSearchParams(search);
  const url = q.get("runtime")?.trim();
  if (!url || !/^wss?:\/\//i.test(url)) return undefined;
  return { kind: "real", url, token: q.get("token") ?? "" };
}

/**
 * The badge for a RemoteRuntime state. Before the backend said hello we are "connecting"; once the
 * socket dropped (or never opened) the backend's own message explains why, as does "runtime down".
 */
export function remoteStatus(url: string, s: RemoteStateLike | undefined, helloSeen: boolean): RemoteStatus {
  if (!s || (!s.connected && !s.message && !helloSeen))
    return { phase: "connecting", text: `connecting to ${url}…` };
  if (s.connected && s.runtimeUp)
    return { phase: "connected", text: `connected to ${url}${s.endpoint ? ` · runtime ${s.endpoint}` : ""}` };
  if (s.connected)
    return {
      phase: "runtime-down",
      text: `runtime down: ${s.message ?? "the backend cannot reach containerd"}`,
    };
  return {
    phase: "disconnected",
    text: `not connected: ${s.message ?? `the backend at ${url} went away`} (retrying)`,
  };
}

/** A failure before any state: the simulation's code did not load, or the node could not be built. */
export function remoteError(url: string, e: unknown): RemoteStatus {
  const msg = e instanceof Error ? e.message : String(e);
  return { phase: "error", text: `could not connect to ${url}: ${msg}` };
}
