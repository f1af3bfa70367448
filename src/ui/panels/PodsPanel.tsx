// One card per pod: kubectl's READY/STATUS/RESTARTS (the shell's own printer), condition ticks,
// a live back-off countdown from the kubelet, and each container's timeline.
import type { Pod } from "kubernetes-types/core/v1";
import { memo } from "react";
import { podRow } from "../../shell/kubectl/printPod";
import type { KubeObject } from "../../sim/apiserver/types";
import type { KubeletPodSnapshot } from "../../sim/kubelet/kubelet";
import type { NodeSnapshot } from "../../sim/node/types";
import { useSim } from "../../store";
import type { TimelineStep } from "../../store/views";
import { CONDITION_ORDER, countdownText, statusTone, stepText, stepTone } from "./podView";

interface StatusView {
  name: string;
  ready?: boolean;
  restartCount?: number;
}

function Timeline({ steps }: { steps: TimelineStep[] | undefined }) {
  if (!steps || steps.length === 0) return <span className="empty">—</span>;
  return (
    <ol className="timeline" aria-label="State timeline">
      {steps.map((s) => (
        <li key={`${s.t}-${s.state}-${s.reason ?? ""}`} className={`tone-${stepTone(s)}`}>
          {stepText(s)}
        </li>
      ))}
    </ol>
  );
}

/**
 * Memoised: API objects are handed out frozen and unchanged objects keep their identity, so with
 * 110 pods only the cards whose pod changed (or that show a clock) re-render on each snapshot.
 */
const PodCard = memo(function PodCard({
  pod,
  backOffs,
  now,
  epochMs,
}: {
  pod: KubeObject;
  backOffs: KubeletPodSnapshot["backOffs"];
  /** Virtual ms; 0 for cards that show nothing time-dependent. */
  now: number;
  epochMs: number;
}) {
  const select = useSim((s) => s.select);
  const name = pod.metadata?.name ?? "?";
  const ns = pod.metadata?.namespace ?? "default";
  const timelines = useSim((s) => s.timelines);
  const row = podRow(pod as unknown as Pod, epochMs + now);
  const st = (pod.status ?? {}) as {
    phase?: string;
    podIP?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: StatusView[];
    initContainerStatuses?: StatusView[];
  };
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
        <span className={`badge tone-${statusTone(row.status)}`} data-testid="pod-status">
          {row.status}
        </span>
      </header>
      {backOffs.map((b) => (
        <p key={`${b.container}-${b.reason}`} className="backoff" data-testid="backoff">
          <span aria-hidden="true">↻</span> {b.reason} · <code>{b.container}</code> ·{" "}
          {countdownText(b.until, now)}
        </p>
      ))}
      <dl className="pod-facts">
        <dt>READY</dt>
        <dd>{row.ready}</dd>
        <dt>RESTARTS</dt>
        <dd>{row.restarts}</dd>
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
              <th>Timeline (oldest → now)</th>
              <th title="restart count">Restarts</th>
            </tr>
          </thead>
          <tbody>
            {containers.map(({ c, init }) => (
              <tr key={`${init}-${c.name}`}>
                <td>
                  {c.name}
                  {init && <span className="tag">init</span>}
                </td>
                <td>
                  <Timeline steps={timelines[`${ns}/${name}/${c.name}`]} />
                </td>
                <td>{c.restartCount ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
});

const NO_BACKOFFS: KubeletPodSnapshot["backOffs"] = [];
/** A stable empty list: a fresh `[]` from a selector re-renders forever (React error #185). */
const NO_PODS: NodeSnapshot["pods"] = [];

export default function PodsPanel() {
  const pods = useSim((s) => s.snapshot?.pods ?? NO_PODS);
  const kubelet = useSim((s) => s.kubelet);
  const now = useSim((s) => s.t);
  const epochMs = useSim((s) => s.epochMs);
  const setLayout = useSim((s) => s.setLayout);
  if (pods.length === 0)
    return (
      <div className="empty">
        <p>
          No pods yet. Apply a template from the YAML tab, or type `kubectl run web --image=nginx` in the
          terminal.
        </p>
        <p>
          New here?{" "}
          <button type="button" data-testid="start-learning" onClick={() => setLayout({ sideTab: "lesson" })}>
            Start with the lessons →
          </button>
        </p>
      </div>
    );
  const byKey = new Map((kubelet?.pods ?? []).map((p) => [p.pod, p]));
  return (
    <div className="pods-panel">
      {pods.map((p) => {
        const k = byKey.get(`${p.metadata?.namespace ?? "default"}/${p.metadata?.name}`);
        const backOffs = k?.backOffs.filter((b) => b.until > now) ?? NO_BACKOFFS;
        // Only a countdown or a "restarted 5s ago" needs the clock.
        const restarted = (
          (p.status as { containerStatuses?: { restartCount?: number }[] })?.containerStatuses ?? []
        ).some((c) => (c.restartCount ?? 0) > 0);
        return (
          <PodCard
            key={p.metadata?.uid ?? p.metadata?.name}
            pod={p}
            backOffs={backOffs.length > 0 ? backOffs : NO_BACKOFFS}
            now={backOffs.length > 0 || restarted ? now : 0}
            epochMs={epochMs}
          />
        );
      })}
    </div>
  );
}
