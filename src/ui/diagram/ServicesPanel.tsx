// The drawer for the Services boxes: each Service with its ClusterIP, endpoints and kube-proxy chain,
// the kernel's nat table exactly as `iptables-save -t nat` prints it, and recent hops of the box.
import { saveTable } from "../../shell/iptables/format";
import type { ServicesView } from "../../sim/node/types";
import type { Actor } from "../../sim/trace";
import { useSim } from "../../store";
import { chipLabel } from "./chips";
import type { ServiceFocus } from "./inspect";

const LEAD: Record<ServiceFocus, string> = {
  "kube-proxy":
    "kube-proxy (iptables mode) watches Services and EndpointSlices and rewrites these chains with iptables-restore. It is not on the packet's path: the kernel matches a ClusterIP in KUBE-SERVICES and DNATs it to one endpoint.",
  netfilter:
    "The kernel's nat table: a connection to a ClusterIP enters KUBE-SERVICES, jumps to the Service's KUBE-SVC chain, picks one KUBE-SEP chain (with a random probability per endpoint) and is DNATed to that pod's IP.",
  dns: "The cluster DNS (CoreDNS's kubernetes plugin, answered by the simulator at the kubelet's clusterDNS address) gives each Service an A record: <service>.<namespace>.svc.cluster.local → its ClusterIP.",
  "controller-manager":
    "The controller manager's Endpoints and EndpointSlice controllers list the ready pods each Service's selector matches; kube-proxy turns those endpoints into KUBE-SEP chains.",
};

const ACTOR: Record<ServiceFocus, Actor> = {
  "kube-proxy": "kube-proxy",
  netfilter: "kube-proxy",
  dns: "dns",
  "controller-manager": "controller-manager",
};

function ServicesTable({ view, focus }: { view: ServicesView; focus: ServiceFocus }) {
  return (
    <table className="svc-table" data-testid="services-table">
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">{focus === "dns" ? "DNS name → ClusterIP" : "ClusterIP · ports"}</th>
          <th scope="col">
            {focus === "dns" ? "" : focus === "controller-manager" ? "ready endpoints" : "chain → endpoints"}
          </th>
        </tr>
      </thead>
      <tbody>
        {view.services.map((s) => (
          <tr key={`${s.namespace}/${s.name}`}>
            <th scope="row">
              {s.namespace}/{s.name}
            </th>
            {focus === "dns" ? (
              <td colSpan={2}>
                <code>
                  {s.name}.{s.namespace}.svc.{view.clusterDomain}
                </code>{" "}
                → {s.clusterIP}
              </td>
            ) : (
              <>
                <td>
                  {s.clusterIP} · {s.ports.join(", ") || "no ports"}
                </td>
                <td>
                  {focus !== "controller-manager" && s.chain && <code className="svc-chain">{s.chain}</code>}
                  {s.endpoints.length ? s.endpoints.join(", ") : <em>no ready endpoints</em>}
                </td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ServicesInspector({ focus }: { focus: ServiceFocus }) {
  const snap = useSim((s) => s.snapshot);
  const epochMs = useSim((s) => s.epochMs);
  const events = useSim((s) => s.events);
  const select = useSim((s) => s.select);
  const view = snap?.services;
  const actor = ACTOR[focus];
  const recent = events
    .filter(
      (e) =>
        e.from === actor ||
        e.to === actor ||
        (focus === "netfilter" && e.kind === "net" && e.to === "kernel"),
    )
    .slice(-8)
    .reverse();
  return (
    <section className="svc" data-testid="services-inspector">
      <p className="iso-lead">{LEAD[focus]}</p>
      {!view ? (
        <p className="empty">No Service data on this node.</p>
      ) : (
        <>
          {focus === "kube-proxy" && (
            <p className="muted">
              {view.services.length} Services · {view.syncs} syncs of the rules so far
            </p>
          )}
          <ServicesTable view={view} focus={focus} />
          {(focus === "kube-proxy" || focus === "netfilter") && (
            <>
              <h3>
                <code>iptables-save -t nat</code>
              </h3>
              <pre className="nat-rules" data-testid="nat-rules">
                {saveTable(view.nat, "iptables-save", epochMs + (snap?.t ?? 0), false)}
              </pre>
            </>
          )}
        </>
      )}
      <h3>Recent hops</h3>
      {recent.length === 0 ? (
        <p className="empty">none yet</p>
      ) : (
        <ul className="svc-hops">
          {recent.map((e) => (
            <li key={e.id} className="iso-row">
              <button type="button" className="linklike" onClick={() => select({ kind: "event", event: e })}>
                #{e.id} {chipLabel(e)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
