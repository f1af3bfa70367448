// The node itself: its conditions (from the Node object), the runtime's and kubelet's state,
// capacity against what the pods request, and CPU/memory per container from CRI stats.
import { useSim } from "../../store";
import { humanSize } from "../format";
import { allocated, sparkPoints } from "./nodeView";

const SPARK_W = 90;
const SPARK_H = 22;

function Bar({ used, total, label, kind }: { used: number; total: number; label: string; kind?: string }) {
  const pct = total > 0 ? Math.min(100, (100 * used) / total) : 0;
  return (
    <div className={`bar ${kind ?? ""}`} aria-hidden="true" title={label}>
      <span className="bar-fill" style={{ width: `${pct}%` }} />
    </div>
  );
}

function Spark({ values, kind, label }: { values: number[]; kind: string; label: string }) {
  return (
    <svg className={`spark ${kind}`} width={SPARK_W} height={SPARK_H} role="img" aria-label={label}>
      <polyline points={sparkPoints(values, SPARK_W, SPARK_H)} />
    </svg>
  );
}

function Unit({ name, state }: { name: string; state: string | undefined }) {
  return (
    <li>
      <code>{name}.service</code>:{" "}
      <strong className={`unit-${state ?? "unknown"}`}>{state ?? "unknown"}</strong>
    </li>
  );
}

export default function NodePanel() {
  const snapshot = useSim((s) => s.snapshot);
  const kubelet = useSim((s) => s.kubelet);
  const stats = useSim((s) => s.stats);
  if (!snapshot) return <p className="empty">Starting the node…</p>;
  const node = snapshot.nodes.find((n) => n.metadata?.name === snapshot.nodeName) ?? snapshot.nodes[0];
  const conditions =
    (node?.status as { conditions?: { type: string; status: string; reason?: string; message?: string }[] })
      ?.conditions ?? [];
  const a = allocated(node, snapshot.pods);
  const pct = (n: number, d: number) => (d > 0 ? `${Math.round((100 * n) / d)}%` : "—");
  const series = Object.values(stats).sort((x, y) =>
    (x.pod + x.container).localeCompare(y.pod + y.container),
  );
  return (
    <div className="node-panel" data-testid="node-panel">
      <section aria-label="Node conditions">
        <h3>Conditions of {snapshot.nodeName}</h3>
        {conditions.length === 0 ? (
          <p className="empty">The kubelet has not reported the node's status yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Type</th>
                <th>Status</th>
                <th>Reason</th>
              </tr>
            </thead>
            <tbody>
              {conditions.map((c) => {
                // Ready should be True; the pressure conditions should be False.
                const good = c.type === "Ready" ? c.status === "True" : c.status === "False";
                return (
                  <tr key={c.type} title={c.message}>
                    <td>{c.type}</td>
                    <td className={good ? "tone-ok" : "tone-error"}>{c.status}</td>
                    <td>{c.reason ?? ""}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <section aria-label="Runtime status">
        <h3>Runtime</h3>
        <ul className="plain">
          <Unit name="containerd" state={snapshot.runtime.containerd} />
          <Unit name="kubelet" state={snapshot.runtime.kubelet} />
          {kubelet && (
            <li>
              kubelet sees: runtime {kubelet.runtimeReady ? "ready" : "NOT ready"} · network{" "}
              {kubelet.networkReady ? "ready" : "NOT ready"} · PLEG{" "}
              {kubelet.plegHealthy ? "healthy" : "unhealthy"}
              {kubelet.readyError ? <span className="tone-error"> — {kubelet.readyError}</span> : null}
            </li>
          )}
        </ul>
      </section>
      <section aria-label="Allocated resources">
        <h3>Allocated resources (requests / limits vs allocatable)</h3>
        <table>
          <tbody>
            <tr>
              <th scope="row">cpu requests</th>
              <td>
                <Bar used={a.cpuRequests} total={a.allocatableCpu} label="CPU requests" />
              </td>
              <td>
                {a.cpuRequests}m / {a.allocatableCpu}m ({pct(a.cpuRequests, a.allocatableCpu)})
              </td>
            </tr>
            <tr>
              <th scope="row">cpu limits</th>
              <td>
                <Bar used={a.cpuLimits} total={a.allocatableCpu} label="CPU limits" kind="limits" />
              </td>
              <td>
                {a.cpuLimits}m ({pct(a.cpuLimits, a.allocatableCpu)})
              </td>
            </tr>
            <tr>
              <th scope="row">memory requests</th>
              <td>
                <Bar used={a.memoryRequests} total={a.allocatableMemory} label="Memory requests" />
              </td>
              <td>
                {humanSize(a.memoryRequests)} / {humanSize(a.allocatableMemory)} (
                {pct(a.memoryRequests, a.allocatableMemory)})
              </td>
            </tr>
            <tr>
              <th scope="row">memory limits</th>
              <td>
                <Bar used={a.memoryLimits} total={a.allocatableMemory} label="Memory limits" kind="limits" />
              </td>
              <td>
                {humanSize(a.memoryLimits)} ({pct(a.memoryLimits, a.allocatableMemory)})
              </td>
            </tr>
            <tr>
              <th scope="row">pods</th>
              <td>
                <Bar used={a.pods} total={a.allocatablePods} label="Pods" />
              </td>
              <td>
                {a.pods} / {a.allocatablePods}
              </td>
            </tr>
          </tbody>
        </table>
      </section>
      <section aria-label="Container usage">
        <h3>Containers (CRI stats, like crictl stats)</h3>
        {series.length === 0 ? (
          <p className="empty">No running containers.</p>
        ) : (
          <table data-testid="container-stats">
            <thead>
              <tr>
                <th>Pod / container</th>
                <th>CPU</th>
                <th />
                <th>Memory</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {series.slice(0, 40).map((s) => (
                <tr key={`${s.pod}/${s.container}`}>
                  <td>
                    {s.pod}/{s.container}
                  </td>
                  <td>
                    <Spark values={s.cpu} kind="cpu" label={`CPU of ${s.container}`} />
                  </td>
                  <td>{s.cpu.at(-1) ?? 0}m</td>
                  <td>
                    <Spark values={s.memory} kind="mem" label={`Memory of ${s.container}`} />
                  </td>
                  <td>{humanSize(s.memory.at(-1) ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
