// The drawer's picture of what isolates a container (or a pod sandbox): a namespace table, its cgroup,
// user, capabilities and confinement — read live from the snapshot, the facts `crictl inspect` prints
// under info.runtimeSpec.

import type { ReactNode } from "react";
import { formatBytes } from "../../shell/format/quantity";
import type { Container } from "../../sim/cri/types";
import { ContainerState, PodSandboxState } from "../../sim/cri/types";
import type { ContainerIsolation, NamespaceView, NodeSnapshot, SandboxView } from "../../sim/node/types";
import { useSim } from "../../store";
import { humanSize } from "../format";
import type { InspectTarget } from "./inspect";
import { containerBadges, cpuMax, cpuWeight, NAMESPACE_ISOLATES, namespaceWhere } from "./isolation";

const STATE_WORD = ["Created", "Running", "Exited", "Unknown"];

export function BadgeRow({ iso, testId }: { iso: ContainerIsolation; testId?: string }) {
  return (
    <span className="iso-badges" data-testid={testId}>
      {containerBadges(iso).map((b) => (
        <span key={b.text} className={`iso-badge ${b.tone}`} title={b.title}>
          {b.text}
        </span>
      ))}
    </span>
  );
}

function NamespaceTable({
  rows,
  sandbox,
  forSandbox,
}: {
  rows: NamespaceView[];
  sandbox?: SandboxView;
  forSandbox?: boolean;
}) {
  return (
    <table className="ns-table" data-testid="ns-table">
      <thead>
        <tr>
          <th scope="col">namespace</th>
          <th scope="col">where it comes from</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((n) => (
          <tr key={n.type} data-ns={n.type} className={`ns-${n.source}`}>
            <th scope="row">
              {n.type}
              <span className="ns-what">{NAMESPACE_ISOLATES[n.type]}</span>
            </th>
            <td>
              {namespaceWhere(n.source, n.type, forSandbox)}
              {n.path && n.path !== sandbox?.netns && <code className="ns-path">{n.path}</code>}
              {n.type === "net" && n.source !== "node" && sandbox && (
                <span className="ns-net">
                  netns <code>{sandbox.netns ?? "?"}</code> · pod IP <strong>{sandbox.ip ?? "none"}</strong>
                </span>
              )}
              {n.type === "net" && n.source === "node" && (
                <span className="ns-net">hostNetwork: the node's interfaces and IP</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Missing({ what }: { what: string }) {
  return (
    <p className="empty">
      {what} The simulated runtime reports isolation; with a real runtime run <code>crictl inspect</code> in
      the terminal.
    </p>
  );
}

function CgroupFacts({ iso }: { iso: ContainerIsolation }) {
  const g = iso.cgroup;
  const weight = cpuWeight(g.cpuShares);
  const pct =
    g.memoryLimitBytes > 0 && g.memoryBytes !== undefined ? (100 * g.memoryBytes) / g.memoryLimitBytes : 0;
  return (
    <dl className="iso-dl" data-testid="cgroup">
      <dt>cgroupsPath</dt>
      <dd>
        <code>{g.path}</code>
      </dd>
      <dt>memory.max</dt>
      <dd>
        {g.memoryLimitBytes > 0
          ? `${g.memoryLimitBytes} (${formatBytes(g.memoryLimitBytes)}): the kernel OOM-kills the container above it`
          : "max (no limit: only the node's memory bounds it)"}
      </dd>
      <dt>memory in use</dt>
      <dd>
        {g.memoryBytes === undefined
          ? "— (not running)"
          : `${humanSize(g.memoryBytes)}${g.memoryLimitBytes > 0 ? ` (${pct.toFixed(0)}% of the limit)` : ""}`}
      </dd>
      <dt>cpu.weight</dt>
      <dd>{weight === undefined ? "default" : `${weight} (from ${g.cpuShares} CPU shares: the request)`}</dd>
      <dt>cpu.max</dt>
      <dd>
        {cpuMax(g.cpuQuota, g.cpuPeriod)}
        {g.cpuQuota && g.cpuQuota > 0 ? " (the CPU limit: throttled above it)" : " (no CPU limit)"}
      </dd>
      <dt>CPU in use</dt>
      <dd>{g.cpuMillicores === undefined ? "— (not running)" : `${g.cpuMillicores}m`}</dd>
    </dl>
  );
}

function Identity({ iso }: { iso: ContainerIsolation }) {
  const u = iso.user;
  const eff = iso.capabilities.effective;
  const rootless = !u.uidMap.startsWith("         0          0 4294967295");
  return (
    <>
      <h3>User</h3>
      <dl className="iso-dl" data-testid="user">
        <dt>uid / gid</dt>
        <dd>
          <strong>
            uid {u.uid}
            {u.name ? ` (${u.name})` : ""}
          </strong>{" "}
          · gid {u.gid} · groups {u.groups.join(", ") || "none"}
          {u.uid === 0 ? " — root inside the container" : ""}
        </dd>
        <dt>uid_map</dt>
        <dd>
          <code>{u.uidMap.trim().replace(/\s+/g, " ")}</code>
          {rootless
            ? " (rootless: container root is an unprivileged user on the node)"
            : " (no mapping: the same uids as the node)"}
        </dd>
      </dl>
      <h3>Capabilities</h3>
      <div data-testid="capabilities">
        <p className="iso-caps-lead">
          effective set: <strong>{eff.length}</strong>
          {eff.length === 0 && iso.capabilities.bounding.length > 0
            ? ` (a non-root process gets none; the bounding set keeps ${iso.capabilities.bounding.length})`
            : ` · bounding set: ${iso.capabilities.bounding.length}`}
        </p>
        {eff.length > 0 && (
          <ul className="iso-caps">
            {eff.map((c) => (
              <li key={c} className="iso-cap">
                {c}
              </li>
            ))}
          </ul>
        )}
      </div>
      <h3>Confinement</h3>
      <dl className="iso-dl" data-testid="confinement">
        <dt>seccomp</dt>
        <dd>
          {iso.seccomp === "Unconfined"
            ? "Unconfined: no syscall filter"
            : `${iso.seccomp}: a filter (Seccomp: 2); blocked syscalls fail with EPERM`}
        </dd>
        <dt>AppArmor</dt>
        <dd>{iso.apparmor}</dd>
        <dt>no_new_privs</dt>
        <dd>{iso.noNewPrivileges ? "yes (allowPrivilegeEscalation: false)" : "no"}</dd>
        <dt>privileged</dt>
        <dd>{iso.privileged ? "yes: every capability, the node's devices" : "no"}</dd>
        <dt>root filesystem</dt>
        <dd>{iso.readOnlyRootfs ? "read-only" : "writable"}</dd>
      </dl>
    </>
  );
}

export function ContainerIsolationView({ containerId }: { containerId: string }) {
  const snap = useSim((s) => s.snapshot);
  const c = snap?.containers.find((x) => x.id === containerId);
  if (!c) return <p className="empty">This container no longer exists on the node.</p>;
  const sb = snap?.sandboxes.find((s) => s.sandbox.id === c.podSandboxId);
  const iso = snap?.isolation?.[containerId];
  const m = sb?.sandbox.metadata;
  return (
    <section className="iso" data-testid="isolation">
      <p className="iso-lead">
        Container <strong>{c.metadata.name}</strong>
        {m && (
          <>
            {" "}
            of pod{" "}
            <InspectLink
              title={`Pod sandbox ${m.name}`}
              target={{ inspect: "sandbox", sandboxId: c.podSandboxId }}
            >
              {m.namespace}/{m.name}
            </InspectLink>
          </>
        )}{" "}
        · {STATE_WORD[c.state]}
        {iso && iso.hostPid > 0 ? ` · PID ${iso.hostPid} on the node` : ""}
        <br />
        <span className="muted">
          the same facts: <code>crictl inspect {c.id.slice(0, 13)}</code> (info.runtimeSpec)
        </span>
      </p>
      {iso ? (
        <>
          <BadgeRow iso={iso} testId="drawer-badges" />
          <h3>Namespaces</h3>
          <NamespaceTable rows={iso.namespaces} sandbox={sb} />
          <h3>cgroup</h3>
          <CgroupFacts iso={iso} />
          <Identity iso={iso} />
        </>
      ) : (
        <Missing what="No isolation details for this container." />
      )}
      <RawDetails value={c} label="CRI Container (raw)" />
    </section>
  );
}

/** A link in the drawer to another box's live view. */
function InspectLink({
  title,
  target,
  children,
}: {
  title: string;
  target: InspectTarget;
  children: ReactNode;
}) {
  const select = useSim((s) => s.select);
  return (
    <button type="button" className="linklike" onClick={() => select({ kind: "box", title, data: target })}>
      {children}
    </button>
  );
}

function RawDetails({ value, label }: { value: unknown; label: string }) {
  return (
    <details>
      <summary>{label}</summary>
      <pre>{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}

function sandboxContainers(snap: NodeSnapshot | undefined, id: string): Container[] {
  return snap?.containers.filter((c) => c.podSandboxId === id) ?? [];
}

export function SandboxIsolationView({ sandboxId }: { sandboxId: string }) {
  const snap = useSim((s) => s.snapshot);
  const sb = snap?.sandboxes.find((s) => s.sandbox.id === sandboxId);
  if (!sb) return <p className="empty">This pod sandbox no longer exists on the node.</p>;
  const m = sb.sandbox.metadata;
  const ready = sb.sandbox.state === PodSandboxState.SANDBOX_READY;
  const iso = sb.isolation;
  const containers = sandboxContainers(snap, sandboxId);
  return (
    <section className="iso" data-testid="isolation">
      <p className="iso-lead">
        Pod sandbox <strong>{m.name}</strong> ({m.namespace}) · {ready ? "SANDBOX_READY" : "SANDBOX_NOTREADY"}
        {iso && iso.pid > 0 ? ` · pause PID ${iso.pid}` : ""}
        {sb.runtimeType ? ` · ${sb.runtimeType}` : ""}
        <br />
        <span className="muted">
          The pause process holds the pod's namespaces; each container joins them. Same facts:{" "}
          <code>crictl inspectp {sb.sandbox.id.slice(0, 13)}</code>
        </span>
      </p>
      {iso ? (
        <>
          <h3>Namespaces of pause</h3>
          <NamespaceTable rows={iso.namespaces} sandbox={sb} forSandbox />
          <h3>cgroup</h3>
          <dl className="iso-dl">
            <dt>pod cgroup</dt>
            <dd>
              <code>{iso.cgroupParent ?? "—"}</code> (CgroupParent: every container's cgroup sits under it)
            </dd>
          </dl>
        </>
      ) : (
        <Missing what="No isolation details for this sandbox." />
      )}
      <h3>Containers</h3>
      <ul className="iso-ctrs">
        {containers.length === 0 && <li className="iso-row empty">none yet</li>}
        {containers.map((c) => {
          const ci = snap?.isolation?.[c.id];
          return (
            <li key={c.id} className="iso-row">
              <InspectLink
                title={`Container ${c.metadata.name}`}
                target={{ inspect: "container", containerId: c.id }}
              >
                {c.metadata.name}
              </InspectLink>{" "}
              <span className="muted">
                {c.state === ContainerState.CONTAINER_RUNNING ? "Running" : STATE_WORD[c.state]}
              </span>{" "}
              {ci && <BadgeRow iso={ci} />}
            </li>
          );
        })}
      </ul>
      <RawDetails value={sb} label="Sandbox view (raw)" />
    </section>
  );
}
