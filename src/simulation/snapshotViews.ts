// The parts of the NodeSnapshot that show what isolates and connects containers: each container's
// namespaces, cgroup, identity and confinement (what `crictl inspect` prints under runtimeSpec, read
// from the runtime's records without a CRI call), and the Services kube-proxy, the Endpoints
// controller and the cluster DNS serve.
import type { Service } from "kubernetes-types/core/v1";
import type { EndpointSlice } from "../sim/controllers/endpoints";
import { ContainerState, PodSandboxState } from "../sim/cri/types";
import { CLUSTER_DNS_IP } from "../sim/kubeproxy";
import { CLUSTER_DOMAIN } from "../sim/kubeproxy/clusterDns";
import { endpointsFor, serviceChain, servicePorts } from "../sim/kubeproxy/proxierRules";
import type { BuiltNode } from "../sim/node/createNode";
import type {
  ContainerIsolation,
  NamespaceSource,
  NamespaceType,
  NamespaceView,
  SandboxIsolation,
  ServicesView,
} from "../sim/node/types";
import type { ContainerRec } from "../sim/runtime/containerOps";
import { capNames, idMap } from "../sim/runtime/security";
import { cgroupsPath, specNamespaces } from "../sim/runtime/securityView";
import type { SandboxRec } from "../sim/runtime/simRuntime";

/** OCI namespace type → the name `lsns` and /proc/<pid>/ns use. */
const NS_NAME: Record<string, NamespaceType> = {
  pid: "pid",
  network: "net",
  ipc: "ipc",
  uts: "uts",
  mount: "mnt",
  cgroup: "cgroup",
};
const ORDER: NamespaceType[] = ["net", "pid", "ipc", "uts", "mnt", "cgroup", "user"];

/** A user namespace exists only under a rootless runtime (rootlesskit's, shared by all containers). */
function userNamespace(uidMap: string): NamespaceView {
  return { type: "user", source: uidMap === idMap(false) ? "node" : "rootless" };
}

/**
 * The pause process's namespaces (containerd's sandbox spec): its own net, ipc, uts and pid unless the
 * pod asks for the node's (hostNetwork takes the node's uts too); its own mount and cgroup namespace.
 */
export function sandboxIsolation(sb: SandboxRec, rootless: boolean): SandboxIsolation {
  const ns = sb.config.linux?.securityContext?.namespaceOptions;
  const hostNet = ns?.network === "NODE";
  const own = (type: NamespaceType, node: boolean, path?: string): NamespaceView =>
    node ? { type, source: "node" } : { type, source: "own", path };
  const ready = sb.state === PodSandboxState.SANDBOX_READY;
  return {
    pid: ready ? sb.pid : 0,
    cgroupParent: sb.config.linux?.cgroupParent,
    namespaces: [
      own("net", hostNet, sb.netns || undefined),
      own("pid", ns?.pid === "NODE"),
      own("ipc", ns?.ipc === "NODE"),
      own("uts", hostNet),
      own("mnt", false),
      own("cgroup", false),
      userNamespace(idMap(rootless)),
    ],
  };
}

/** A container's namespaces as its OCI spec sets them: joined from pause (a path), its own, or the node's. */
export function containerNamespaces(c: ContainerRec, sandboxPid: number): NamespaceView[] {
  const spec = specNamespaces(c.config.linux?.securityContext?.namespaceOptions, sandboxPid);
  const out: NamespaceView[] = ORDER.filter((t) => t !== "user").map((type) => {
    const entry = spec.find((n) => NS_NAME[n.type] === type);
    const source: NamespaceSource = !entry ? "node" : entry.path ? "pod" : "own";
    return entry?.path ? { type, source, path: entry.path } : { type, source };
  });
  out.push(userNamespace(c.security.uidMap));
  return out;
}

export function containerIsolation(
  c: ContainerRec,
  sb: SandboxRec | undefined,
  usage?: { memoryBytes: number; cpuMillicores: number },
): ContainerIsolation {
  const sec = c.security;
  const res = c.config.linux?.resources ?? {};
  const running = c.state === ContainerState.CONTAINER_RUNNING;
  return {
    containerId: c.id,
    hostPid: running ? c.hostPid : 0,
    namespaces: containerNamespaces(c, sb?.pid ?? 0),
    cgroup: {
      path: cgroupsPath(sb?.config.linux?.cgroupParent, c.id),
      memoryLimitBytes: c.memoryLimit,
      memoryBytes: running ? usage?.memoryBytes : undefined,
      cpuShares: res.cpuShares,
      cpuQuota: res.cpuQuota,
      cpuPeriod: res.cpuPeriod,
      cpuMillicores: running ? usage?.cpuMillicores : undefined,
    },
    user: {
      uid: sec.uid,
      gid: sec.gid,
      groups: [...sec.groups],
      name: /^\d+$/.test(c.userLabel) ? undefined : c.userLabel,
      uidMap: sec.uidMap,
    },
    capabilities: { effective: capNames(sec.capEff), bounding: capNames(sec.capBnd) },
    seccomp: sec.seccompProfile,
    apparmor: sec.apparmor,
    noNewPrivileges: sec.noNewPrivs,
    privileged: sec.privileged,
    readOnlyRootfs: sec.readonlyRootfs,
  };
}

/** Every container's isolation by id, and each sandbox's; read straight from the runtime's records. */
export function isolationViews(node: BuiltNode): {
  containers: Record<string, ContainerIsolation>;
  sandboxes: Map<string, SandboxIsolation>;
} {
  const rt = node.runtime;
  const sandboxes = new Map<string, SandboxIsolation>();
  for (const sb of rt.sandboxes.values()) sandboxes.set(sb.id, sandboxIsolation(sb, rt.rootless));
  const containers: Record<string, ContainerIsolation> = {};
  for (const c of rt.containers.records()) {
    let usage: { memoryBytes: number; cpuMillicores: number } | undefined;
    // read the processes' fields only: stats() would account CPU time, and a snapshot changes nothing
    if (c.state === ContainerState.CONTAINER_RUNNING) {
      let memoryBytes = c.main && !c.main.exited ? c.main.memoryBytes : 0;
      for (const e of c.execs) if (!e.exited) memoryBytes += e.memoryBytes;
      usage = { memoryBytes, cpuMillicores: Math.round((c.main?.cpuCores ?? 0) * 1000) };
    }
    containers[c.id] = containerIsolation(c, rt.sandboxes.get(c.sandboxId), usage);
  }
  return { containers, sandboxes };
}

/** The Services of the cluster with their ready endpoints and kube-proxy chain, and the nat table. */
export function servicesView(node: BuiltNode): ServicesView | undefined {
  const net = node.services;
  if (!net) return undefined;
  const services = node.api.list<Service>("Service");
  const slices = node.api.list<EndpointSlice>("EndpointSlice");
  const ports = servicePorts(services);
  return {
    services: services.map((svc) => {
      const ns = svc.metadata?.namespace ?? "default";
      const name = svc.metadata?.name ?? "";
      const mine = ports.filter((p) => p.namespace === ns && p.name === name);
      const endpoints = mine.flatMap((p) =>
        endpointsFor(p, slices)
          .filter((e) => e.ready)
          .map((e) => `${e.ip}:${e.port}`),
      );
      return {
        namespace: ns,
        name,
        type: svc.spec?.type ?? "ClusterIP",
        clusterIP: svc.spec?.clusterIP ?? "",
        ports: (svc.spec?.ports ?? []).map((p) => `${p.port}/${p.protocol ?? "TCP"}`),
        endpoints: [...new Set(endpoints)],
        chain: mine[0] ? serviceChain(mine[0]) : undefined,
      };
    }),
    nat: net.netfilter.snapshot("nat"),
    syncs: net.kubeProxy.syncs,
    dnsIP: CLUSTER_DNS_IP,
    clusterDomain: CLUSTER_DOMAIN,
  };
}
