// /sys/fs/cgroup on a cgroup v2 node (Debian 12: the unified hierarchy only): systemd's slices and
// scopes, the kubelet's kubepods.slice with a slice per QoS class and per pod, and a scope per running
// container (containerd's `cri-containerd-<id>.scope` under the systemd driver, `<id>` under cgroupfs).
// Each cgroup shows the files learners read: cgroup.procs, memory.max, cpu.max, pids.max.
import { ContainerState, PodSandboxState } from "../cri/types";
import type { SimRuntime } from "../runtime/simRuntime";
import type { FileProvider } from "./fs";
import type { HostProcess } from "./processes";

export const CGROUP_ROOT = "/sys/fs/cgroup";
const CONTROLLERS = "cpuset cpu io memory hugetlb pids rdma misc\n";
const PRESSURE =
  "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n";

/** systemd's unit name → path: `a-b-c.slice` sits in `a.slice/a-b.slice/` (systemd.slice(5)). */
export function slicePath(slice: string): string {
  const stem = slice.replace(/\.slice$/, "");
  const parts = stem.split("-");
  return parts.map((_, i) => `${parts.slice(0, i + 1).join("-")}.slice`).join("/");
}

interface Cgroup {
  procs: number[];
  memoryMax?: number;
  cpuMax?: string;
}

/** The cgroup v2 tree: every cgroup directory (relative to /sys/fs/cgroup) with what its files say. */
function tree(
  runtime: SimRuntime,
  processes: () => HostProcess[],
  kubepodsMemory: number,
): Map<string, Cgroup> {
  const out = new Map<string, Cgroup>();
  const systemd = runtime.config.systemdCgroup;
  const podsRoot = systemd ? "kubepods.slice" : "kubepods";
  out.set("init.scope", { procs: [1] });
  out.set("system.slice", { procs: [] });
  out.set("user.slice", { procs: [] });
  for (const m of [
    "dev-hugepages",
    "dev-mqueue",
    "sys-fs-fuse-connections",
    "sys-kernel-config",
    "sys-kernel-debug",
    "sys-kernel-tracing",
  ])
    out.set(`${m}.mount`, { procs: [] });
  for (const p of processes())
    if (p.unit && p.ppid === 1) {
      const key = `system.slice/${p.unit}.service`;
      out.set(key, { procs: [...(out.get(key)?.procs ?? []), p.pid] });
    }
  out.set(podsRoot, { procs: [], memoryMax: kubepodsMemory });
  for (const qos of ["besteffort", "burstable"])
    out.set(systemd ? `${podsRoot}/kubepods-${qos}.slice` : `${podsRoot}/${qos}`, { procs: [] });
  for (const sb of runtime.sandboxes.values()) {
    const parent = sb.config.linux?.cgroupParent;
    if (!parent || sb.state !== PodSandboxState.SANDBOX_READY) continue;
    const podDir = systemd
      ? parent.endsWith(".slice")
        ? slicePath(parent)
        : undefined
      : parent.replace(/^\//, "");
    if (!podDir) continue;
    const running = [...sb.containers]
      .map((id) => runtime.containers.get(id))
      .filter((c) => c !== undefined && c.state === ContainerState.CONTAINER_RUNNING);
    const limits = running.map((c) => c?.memoryLimit ?? 0);
    const podLimit =
      limits.length > 0 && limits.every((l) => l > 0) ? limits.reduce((a, b) => a + b, 0) : undefined;
    // kubelet ResourceConfigForPod: the pod's cgroup carries the sum when every container declares a limit
    const quotas = running.map((c) => c?.config.linux?.resources?.cpuQuota ?? 0);
    const podQuota =
      quotas.length > 0 && quotas.every((q) => q > 0)
        ? `${quotas.reduce((a, b) => a + b, 0)} 100000`
        : undefined;
    out.set(podDir, { procs: [], memoryMax: podLimit, cpuMax: podQuota });
    const scope = (id: string) => (systemd ? `${podDir}/cri-containerd-${id}.scope` : `${podDir}/${id}`);
    out.set(scope(sb.id), { procs: sb.pid > 0 ? [sb.pid] : [] });
    for (const c of running) {
      if (!c) continue;
      const r = c.config.linux?.resources;
      const quota = r?.cpuQuota && r.cpuQuota > 0 ? `${r.cpuQuota} ${r.cpuPeriod || 100000}` : undefined;
      out.set(scope(c.id), {
        procs: c.hostPid > 0 ? [c.hostPid] : [],
        memoryMax: c.memoryLimit > 0 ? c.memoryLimit : undefined,
        cpuMax: quota,
      });
    }
  }
  return out;
}

/** Files of one cgroup directory (the root has no memory.max or cpu.max of its own). */
function filesOf(cg: Cgroup | undefined): Record<string, string> {
  const base: Record<string, string> = {
    "cgroup.controllers": CONTROLLERS,
    "cgroup.procs": cg ? cg.procs.map((p) => `${p}\n`).join("") : "",
    "cgroup.subtree_control": cg && cg.procs.length > 0 ? "" : CONTROLLERS,
    "cpu.pressure": PRESSURE,
    "io.pressure": PRESSURE,
    "memory.pressure": PRESSURE,
  };
  if (!cg)
    return {
      ...base,
      "cgroup.max.depth": "max\n",
      "cpuset.cpus.effective": "0-1\n",
      "cpuset.mems.effective": "0\n",
    };
  return {
    ...base,
    "cpu.max": `${cg.cpuMax ?? "max 100000"}\n`,
    "memory.max": `${cg.memoryMax ?? "max"}\n`,
    "pids.max": "max\n",
  };
}

export function cgroupFiles(
  runtime: SimRuntime,
  processes: () => HostProcess[],
  kubepodsMemory: number,
): FileProvider {
  const all = (): Map<string, string> => {
    const out = new Map<string, string>();
    const groups = tree(runtime, processes, kubepodsMemory);
    for (const [name, text] of Object.entries(filesOf(undefined))) out.set(`${CGROUP_ROOT}/${name}`, text);
    for (const [dir, cg] of groups)
      for (const [name, text] of Object.entries(filesOf(cg))) out.set(`${CGROUP_ROOT}/${dir}/${name}`, text);
    return out;
  };
  return {
    pseudo: true,
    list: () => [...all().keys()],
    read: (path) => all().get(path),
  };
}
