// The header's runtime switch: Simulated, or Real (a containerd behind the backend over ws://…).
// The backend prints a URL with `?runtime=ws://…&token=…`, which preselects Real.
// In Simulated mode a second select picks the runtime flavour: it runs `sim runtime <x>` through the
// store, so the switch is recorded and replayed like any command.
import { useEffect, useState } from "react";
import { simStore, useSim } from "../store";

const DEFAULT_URL = "ws://127.0.0.1:7070";

const FLAVOURS: [string, string][] = [
  ["containerd", "containerd"],
  ["crio", "CRI-O"],
  ["docker", "Docker (dockershim, 1.23)"],
  ["cri-dockerd", "Docker + cri-dockerd"],
];

/** The node's runtime flavour: containerd, CRI-O, Docker via dockershim or via cri-dockerd. */
function FlavourSelect() {
  const flavour = useSim((s) => s.snapshot?.flavour?.name ?? "containerd");
  return (
    <label>
      <span className="visually-hidden">Container runtime</span>
      <select
        value={flavour}
        data-testid="flavour-select"
        aria-label="Container runtime"
        title="Rebuild the node with another container runtime (sim runtime …)"
        onChange={(e) => {
          // the same flavour again would rebuild the node for nothing
          if (e.target.value !== flavour) void simStore().getState().exec(`sim runtime ${e.target.value}`);
        }}
      >
        {FLAVOURS.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

export default function RuntimeSwitch() {
  const runtime = useSim((s) => s.runtime);
  const [mode, setMode] = useState<"simulated" | "real">(runtime.kind);
  const [url, setUrl] = useState(runtime.kind === "real" ? runtime.url : DEFAULT_URL);
  const [token, setToken] = useState(runtime.kind === "real" ? runtime.token : "");
  const actions = simStore().getState();
  // The URL (`?runtime=…`) or a failed switch changes the runtime from outside: follow it.
  useEffect(() => {
    setMode(runtime.kind);
    if (runtime.kind === "real") {
      setUrl(runtime.url);
      setToken(runtime.token);
    }
  }, [runtime]);
  const connect = () => void actions.setRuntime({ kind: "real", url: url.trim(), token });
  return (
    <div className="runtime-switch">
      <label>
        <span className="visually-hidden">Runtime</span>
        <select
          value={mode}
          data-testid="runtime-select"
          aria-label="Runtime"
          onChange={(e) => {
            const m = e.target.value as "simulated" | "real";
            setMode(m);
            if (m === "simulated") void actions.setRuntime({ kind: "simulated" });
          }}
        >
          <option value="simulated">Simulated</option>
          <option value="real">Real (ws://…)</option>
        </select>
      </label>
      {mode === "simulated" && <FlavourSelect />}
      {mode === "real" && (
        <form
          className="runtime-form"
          onSubmit={(e) => {
            e.preventDefault();
            connect();
          }}
        >
          <input
            aria-label="Backend URL"
            data-testid="runtime-url"
            value={url}
            size={16}
            spellCheck={false}
            onChange={(e) => setUrl(e.target.value)}
          />
          <input
            aria-label="Token"
            data-testid="runtime-token"
            type="password"
            placeholder="token"
            value={token}
            size={6}
            autoComplete="off"
            onChange={(e) => setToken(e.target.value)}
          />
          <button type="submit" data-testid="runtime-connect" disabled={!/^wss?:\/\//i.test(url.trim())}>
            Connect
          </button>
        </form>
      )}
    </div>
  );
}

/** The real runtime's connection state, in a strip under the header (room for the whole message). */
export function RuntimeBar() {
  const remote = useSim((s) => s.remote);
  if (!remote) return null;
  return (
    <div role="status" className={`runtime-bar runtime-${remote.phase}`} data-testid="runtime-status">
      <strong>Real runtime:</strong> {remote.text}
    </div>
  );
}
