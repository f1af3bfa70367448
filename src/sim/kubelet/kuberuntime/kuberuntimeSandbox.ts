// k8s: pkg/kubelet/kuberuntime/kuberuntime_sandbox.go (+ labels.go, helpers) — simplified: no sysctls, no SELinux.
import type { Pod } from "kubernetes-types/core/v1";
import { podQosClass } from "../../api/defaults";
import { KubeletLabels } from "../../cri";
import type { DNSConfig, PodSandboxConfig, PortMapping } from "../../cri/types";
import type { KubeletConfig } from "../config";
import { namespacesForPod, seccompProfile } from "./securityContext";

/** /var/log/pods/<namespace>_<pod>_<uid> (BuildPodLogsDirectory). */
export function podLogsDirectory(pod: Pod): string {
  return `/var/log/pods/${pod.metadata?.namespace ?? "default"}_${pod.metadata?.name}_${pod.metadata?.uid}`;
}

/** The pod-level cgroup the QoS class puts the pod under (cm/pod_container_manager). */
export function podCgroupParent(pod: Pod, driver: KubeletConfig["cgroupDriver"]): string {
  const qos = podQosClass(pod.spec);
  const uid = pod.metadata?.uid ?? "";
  if (driver === "systemd") {
    const u = uid.replace(/-/g, "_");
    if (qos === "Guaranteed") return `kubepods-pod${u}.slice`;
    return `kubepods-${qos.toLowerCase()}-pod${u}.slice`;
  }
  if (qos === "Guaranteed") return `/kubepods/pod${uid}`;
  return `/kubepods/${qos.toLowerCase()}/pod${uid}`;
}

/** newPodLabels: the pod's labels plus the io.kubernetes.pod.* identity labels. */
export function newPodLabels(pod: Pod): Record<string, string> {
  return {
    ...(pod.metadata?.labels ?? {}),
    [KubeletLabels.podName]: pod.metadata?.name ?? "",
    [KubeletLabels.podNamespace]: pod.metadata?.namespace ?? "default",
    [KubeletLabels.podUid]: pod.metadata?.uid ?? "",
  };
}

/** GetPodDNS for dnsPolicy ClusterFirst (the default): cluster DNS and the search path of the namespace. */
function podDns(pod: Pod, config: KubeletConfig): DNSConfig | undefined {
  const policy = pod.spec?.dnsPolicy ?? "ClusterFirst";
  const clusterFirst =
    policy === "ClusterFirstWithHostNet" || (policy === "ClusterFirst" && !pod.spec?.hostNetwork);
  if (!clusterFirst || config.clusterDNS.length === 0) return undefined;
  const d = config.clusterDomain || "cluster.local";
  const ns = pod.metadata?.namespace ?? "default";
  return {
    servers: [...config.clusterDNS],
    searches: [`${ns}.svc.${d}`, `svc.${d}`, d],
    options: ["ndots:5"],
  };
}

/** generatePodSandboxConfig. */
export function generatePodSandboxConfig(pod: Pod, attempt: number, config: KubeletConfig): PodSandboxConfig {
  const portMappings: PortMapping[] = [];
  for (const c of pod.spec?.containers ?? [])
    for (const p of c.ports ?? [])
      if (p.hostPort)
        portMappings.push({
          protocol: (p.protocol ?? "TCP") as PortMapping["protocol"],
          containerPort: p.containerPort,
          hostPort: p.hostPort,
          hostIp: p.hostIP ?? "",
        });
  const hostNetwork = !!pod.spec?.hostNetwork;
  const cfg: PodSandboxConfig = {
    metadata: {
      name: pod.metadata?.name ?? "",
      uid: pod.metadata?.uid ?? "",
      namespace: pod.metadata?.namespace ?? "default",
      attempt,
    },
    hostname: hostNetwork ? undefined : (pod.spec?.hostname ?? pod.metadata?.name),
    logDirectory: podLogsDirectory(pod),
    labels: newPodLabels(pod),
    annotations: {
      ...(pod.metadata?.annotations ?? {}),
      "kubernetes.io/config.source": "api",
      "kubernetes.io/config.seen": pod.metadata?.creationTimestamp ?? "",
    },
    linux: {
      cgroupParent: podCgroupParent(pod, config.cgroupDriver),
      securityContext: sandboxSecurityContext(pod, config),
    },
  };
  const dns = podDns(pod, config);
  if (dns) cfg.dnsConfig = dns;
  if (portMappings.length) cfg.portMappings = portMappings;
  return cfg;
}

/** generatePodSandboxLinuxConfig's security part: pod-level user, groups, seccomp; privileged if any container is. */
function sandboxSecurityContext(
  pod: Pod,
  config: KubeletConfig,
): NonNullable<NonNullable<PodSandboxConfig["linux"]>["securityContext"]> {
  const psc = pod.spec?.securityContext;
  const sc: NonNullable<NonNullable<PodSandboxConfig["linux"]>["securityContext"]> = {
    namespaceOptions: namespacesForPod(pod),
  };
  if (psc?.runAsUser !== undefined) sc.runAsUser = { value: psc.runAsUser };
  if (psc?.runAsGroup !== undefined) sc.runAsGroup = { value: psc.runAsGroup };
  const groups = [...(psc?.fsGroup !== undefined ? [psc.fsGroup] : []), ...(psc?.supplementalGroups ?? [])];
  if (groups.length) sc.supplementalGroups = groups;
  try {
    sc.seccomp = seccompProfile(pod, undefined, config.seccompDefault);
  } catch {
    // a Localhost profile without a name: the containers' own config reports it
  }
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  if (all.some((c) => c.securityContext?.privileged)) sc.privileged = true;
  return sc;
}
