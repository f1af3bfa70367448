// One card per pod: what `kubectl get pods` and `kubectl describe pod` would tell you.
import type { KubeObject } from "../../sim/apiserver/types";
import { useSim } from "../../store";
import {
  CONDITION_ORDER,
  type ContainerStatusView,
  podStatusOf,
  readyText,
  restartsOf,
  statusText,
  statusTone,
} from "../podStatus";

function containerLine(c: ContainerStatusView): { state: string; detail: string; tone: string } {
  const s = c.state ?? {};
  if (s.running)
    return { state: "Running", detail: c.ready ? "ready" : "not ready", tone: c.ready ? "ok" : "warn" };
  if (s.waiting)
    return {
      state: "Waiting",
      detail: s.waiting.reason ?? "",
      tone:
        s.waiting.reason === "ContainerCreating" || s.waiting.reason === "PodInitializing"
          ? "progress"
          : "error",
    };
  if (s.terminated)
    return {
      state: "Terminated",
      detail: `${s.terminated.reason ?? ""} (exit code ${s.terminated.exitCode ?? "?"})`,
      tone: s.terminated.exitCode === 0 ? "ok" : "error",
    };
  return { state: "—", detail: "", tone: "progress" };
}

function PodCard({ pod }: { pod: KubeObject }) {
  const select = useSim((s) => s.select);
  const st = podStatusOf(pod);
  const status = statusText(pod);
  const name = pod.metadata?.name ?? "?";
  const conds = new Map((st.conditions ?? []).map((c) => [c.type, c.status]));
  const containers = [
    ...(st.initContainerStatuses ?? []).map((c) => ({ c, init: true })),
    ...(st.containerStatuses ?? []).map((c) => ({ c, init: false })),
  ];
  return (
    <article className="pod-card" data-testid={`pod-${name}`} aria-label={`Pod ${name}`}>
      <header>
        <button
          type="button"
          className="linklike pod-name"
          onClick={() => select({ kind: "box", title: `Pod ${name}`, data: pod })}
        >
          {name}
        </button>
        <span className={`badge tone-${statusTone(status)}`} data-testid="pod-status">
          {status}
        </span>
      </header>
      <dl className="pod-facts">
        <dt>READY</dt>
        <dd>{readyText(pod)}</dd>
        <dt>RESTARTS</dt>
        <dd>{restartsOf(pod)}</dd>
        <dt>PHASE</dt>
        <dd>{st.phase ?? "Pending"}</dd>
        <dt>IP</dt>
        <dd>{st.podIP ?? "<none>"}</dd>
      </dl>
      <ul className="conditions" aria-label="Pod conditions">
        {CONDITION_ORDER.map((type) => {
          const v = conds.get(type);
          return (
            <li
              key={type}
              className={v === "True" ? "cond-true" : v === "False" ? "cond-false" : "cond-unknown"}
              title={`${type}: ${v ?? "not set"}`}
            >
              <span aria-hidden="true">{v === "True" ? "✓" : v === "False" ? "✗" : "·"}</span> {type}
            </li>
          );
        })}
      </ul>
      {containers.length > 0 && (
        <table className="containers">
          <thead>
            <tr>
              <th>Container</th>
              <th>State</th>
              <th>Reason</th>
              <th title="restart count">Restarts</th>
              <th>Last exit</th>
            </tr>
          </thead>
          <tbody>
            {containers.map(({ c, init }) => {
              const line = containerLine(c);
              const last = c.lastState?.terminated;
              return (
                <tr key={`${init}-${c.name}`}>
                  <td>
                    {c.name}
                    {init && <span className="tag">init</span>}
                  </td>
                  <td className={`tone-${line.tone}`}>{line.state}</td>
                  <td>{line.detail}</td>
                  <td>{c.restartCount ?? 0}</td>
                  <td>{last ? `${last.reason ?? ""} ${last.exitCode ?? ""}` : ""}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </article>
  );
}

export default function PodsPanel() {
  const pods = useSim((s) => s.snapshot?.pods ?? []);
  if (pods.length === 0)
    return (
      <p className="empty">
        No pods yet. Apply a template from the YAML tab, or type `kubectl run web --image=nginx` in the
        terminal.
      </p>
    );
  return (
    <div className="pods-panel">
      {pods.map((p) => (
        <PodCard key={p.metadata?.uid ?? p.metadata?.name} pod={p} />
      ))}
    </div>
  );
}
