// What the diagram and the drawer say about a container's isolation: the badge row on each container
// box, the namespace table's wording, cgroup v2 values, and the kernel box's namespace/cgroup counts.
import type {
  ContainerIsolation,
  NamespaceSource,
  NamespaceType,
  NodeSnapshot,
  SandboxIsolation,
} from "../../sim/node/types";
import { DEFAULT_CAPABILITIES } from "../../sim/runtime/security";

export type BadgeTone = "risk" | "safe" | "info";

export interface Badge {
  text: string;
  tone: BadgeTone;
  /** The sentence a tooltip reads. */
  title: string;
  /** Differs from what a pod gets when its spec says nothing (kept when the row collapses). */
  notable: boolean;
}

const DEFAULT_CAPS = new Set(DEFAULT_CAPABILITIES.map((c) => `CAP_${c}`));

function capsBadge(iso: ContainerIsolation): Badge {
  const bounding = iso.capabilities.bounding;
  const eff = iso.capabilities.effective.length;
  if (iso.privileged)
    return {
      text: "privileged",
      tone: "risk",
      title: "privileged: every capability, no seccomp or AppArmor, the node's devices",
      notable: true,
    };
  const added = bounding.filter((c) => !DEFAULT_CAPS.has(c));
  if (added.length > 0)
    return {
      text: `+${added[0].replace(/^CAP_/, "")}${added.length > 1 ? ` +${added.length - 1}` : ""}`,
      tone: "risk",
      title: `capabilities added to the runtime's default set: ${added.join(", ")}`,
      notable: true,
    };
  const dropped = bounding.length < DEFAULT_CAPS.size;
  return {
    text: `caps ${eff}`,
    tone: eff === 0 ? "safe" : dropped ? "safe" : "info",
    title:
      eff === 0
        ? `no effective capabilities (bounding set: ${bounding.length})`
        : `${eff} effective capabilities${dropped ? " (some dropped)" : " (the runtime's default set)"}`,
    notable: eff === 0 || dropped,
  };
}

/** The badge row of a container box: user, rootfs, seccomp, capabilities, then anything unusual. */
export function containerBadges(iso: ContainerIsolation): Badge[] {
  const out: Badge[] = [];
  const { uid } = iso.user;
  out.push(
    uid === 0
      ? { text: "root", tone: "risk", title: "runs as uid 0 (root)", notable: false }
      : {
          text: `uid ${uid}`,
          tone: "safe",
          title: `runs as uid ${uid}${iso.user.name ? ` (${iso.user.name})` : ""}`,
          notable: true,
        },
  );
  out.push(
    iso.readOnlyRootfs
      ? { text: "RO", tone: "safe", title: "read-only root filesystem", notable: true }
      : { text: "RW", tone: "info", title: "writable root filesystem", notable: false },
  );
  out.push(
    iso.seccomp === "Unconfined"
      ? { text: "no seccomp", tone: "risk", title: "seccomp: Unconfined (no syscall filter)", notable: false }
      : { text: "seccomp", tone: "safe", title: `seccomp: ${iso.seccomp} (filter)`, notable: true },
  );
  out.push(capsBadge(iso));
  const src = (t: NamespaceType) => iso.namespaces.find((n) => n.type === t)?.source;
  if (src("net") === "node")
    out.push({ text: "host net", tone: "risk", title: "the node's network namespace", notable: true });
  if (src("pid") === "node")
    out.push({ text: "host pid", tone: "risk", title: "the node's PID namespace", notable: true });
  else if (src("pid") === "pod")
    out.push({
      text: "shared pid",
      tone: "info",
      title: "one PID namespace for the whole pod (shareProcessNamespace)",
      notable: true,
    });
  if (iso.apparmor === "unconfined" && !iso.privileged)
    out.push({ text: "no AppArmor", tone: "risk", title: "AppArmor: unconfined", notable: true });
  return out;
}

/** Collapsed row (a crowded node): only what differs from a default pod, at most `max`, then "+n". */
export function collapseBadges(badges: Badge[], max = 2): Badge[] {
  const notable = badges.filter((b) => b.notable);
  if (notable.length <= max) return notable;
  const rest = notable.length - max;
  return [
    ...notable.slice(0, max),
    {
      text: `+${rest}`,
      tone: "info",
      title: notable
        .slice(max)
        .map((b) => b.title)
        .join("; "),
      notable: true,
    },
  ];
}

/** How the drawer's namespace table says where a namespace comes from. */
export function namespaceWhere(source: NamespaceSource, type: NamespaceType, forSandbox = false): string {
  if (source === "pod") return "shared with the pod sandbox (pause)";
  if (source === "own")
    return forSandbox && ["net", "ipc", "uts", "pid"].includes(type)
      ? "the pod's own (the containers join it)"
      : "its own";
  if (source === "rootless") return "rootlesskit's (the rootless runtime's user namespace)";
  if (type === "user") return "the node's (no user namespace: uid 0 inside is uid 0 on the node)";
  return "the node's (host)";
}

/** What each namespace type isolates, one short phrase. */
export const NAMESPACE_ISOLATES: Record<NamespaceType, string> = {
  net: "interfaces, IP, ports, routes",
  pid: "process IDs (who PID 1 is, what ps sees)",
  ipc: "System V IPC, POSIX message queues",
  uts: "hostname",
  mnt: "mounts: the image's rootfs and volumes",
  cgroup: "the cgroup tree it sees (its own cgroup as /)",
  user: "uids and gids",
};

/** runc's ConvertCPUSharesToCgroupV2Value: cpu.weight from the CRI's cpu shares (0 = unset). */
export function cpuWeight(shares: number | undefined): number | undefined {
  if (!shares) return undefined;
  return 1 + Math.floor(((shares - 2) * 9999) / 262142);
}

/** cgroup v2 cpu.max: `<quota> <period>`, `max` when there is no quota. */
export function cpuMax(quota: number | undefined, period: number | undefined): string {
  return `${quota && quota > 0 ? quota : "max"} ${period || 100000}`;
}

export interface KernelCounts {
  /** Namespaces that exist now, by type (pause's and each running container's own). */
  namespaces: Partial<Record<NamespaceType, number>>;
  namespaceTotal: number;
  /** A pod-level cgroup per ready sandbox, one per pause and per running container. */
  cgroups: number;
}

/** How many namespaces and cgroups the pods hold in the kernel right now. */
export function kernelCounts(snap: NodeSnapshot | undefined): KernelCounts | undefined {
  if (!snap?.isolation) return undefined;
  const namespaces: Partial<Record<NamespaceType, number>> = {};
  let total = 0;
  let cgroups = 0;
  const count = (iso: { namespaces: { type: NamespaceType; source: NamespaceSource }[] }) => {
    for (const n of iso.namespaces)
      if (n.source === "own") {
        namespaces[n.type] = (namespaces[n.type] ?? 0) + 1;
        total++;
      }
  };
  const readySandboxes = new Set<string>();
  for (const sb of snap.sandboxes) {
    const iso: SandboxIsolation | undefined = sb.isolation;
    if (!iso || iso.pid === 0) continue;
    readySandboxes.add(sb.sandbox.id);
    count(iso);
    cgroups += 2;
  }
  for (const c of snap.containers) {
    const iso = snap.isolation[c.id];
    if (!iso || iso.hostPid === 0) continue;
    count(iso);
    cgroups++;
  }
  return { namespaces, namespaceTotal: total, cgroups };
}

/** The kernel box's lines: namespaces by type, then cgroups. */
export function kernelSub(k: KernelCounts | undefined): string[] {
  if (!k) return ["namespaces", "cgroups", "processes"];
  const order: NamespaceType[] = ["net", "pid", "mnt", "ipc", "uts", "cgroup", "user"];
  const parts = order.filter((t) => k.namespaces[t]).map((t) => `${k.namespaces[t]} ${t}`);
  return [
    `${k.namespaceTotal} namespaces${parts.length ? ` (${parts.join(", ")})` : ""}`,
    `${k.cgroups} cgroups`,
  ];
}
