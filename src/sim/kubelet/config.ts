// k8s: staging/src/k8s.io/kubelet/config/v1beta1/types.go + pkg/kubelet/apis/config/v1beta1/defaults.go — simplified: the fields the simulator uses.
import { parse as parseYaml } from "yaml";
import { parseDuration } from "../clock/time";
import { parseEvictionFlag, parseMapFlag } from "./cm/nodeAllocatable";

export interface KubeletConfig {
  containerRuntimeEndpoint: string;
  podInfraContainerImage: string;
  cgroupDriver: "systemd" | "cgroupfs";
  maxPods: number;
  clusterDNS: string[];
  clusterDomain: string;
  imageGCHighThresholdPercent: number;
  imageGCLowThresholdPercent: number;
  imageMinimumGCAgeMs: number;
  serializeImagePulls: boolean;
  containerLogMaxSize: string;
  containerLogMaxFiles: number;
  syncFrequencyMs: number;
  nodeStatusUpdateFrequencyMs: number;
  /** nodeStatusReportFrequency: how long an unchanged node status goes without being posted (5m). */
  nodeStatusReportFrequencyMs: number;
  /** nodeLeaseDurationSeconds: the node Lease's duration; the kubelet renews it every quarter of it. */
  nodeLeaseDurationSeconds: number;
  /** crashLoopBackOff.maxContainerRestartPeriod (KubeletCrashLoopBackOffMax). */
  maxContainerRestartPeriodMs: number;
  /** Simulator only: the CRI reports used bytes, the kubelet's cadvisor would know the capacity. */
  imageFsCapacityBytes: number;
  /** Simulator only: record periodic CRI calls (relist, Status, ImageFsInfo) in the trace. */
  tracePeriodicCriCalls: boolean;
  nodeIP: string;
  kubeletVersion: string;
  /** seccompDefault: RuntimeDefault for containers that set no seccompProfile (else Unconfined). */
  seccompDefault: boolean;
  /** staticPodPath: the directory of static pod manifests ("" = none). */
  staticPodPath: string;
  /** fileCheckFrequency: how often the static pod directory is read again. */
  fileCheckFrequencyMs: number;
  /** kubeReserved / systemReserved / evictionHard (unset = the defaults): they shape Node Allocatable. */
  kubeReserved?: Record<string, string>;
  systemReserved?: Record<string, string>;
  evictionHard?: Record<string, string>;
}

export const DEFAULT_KUBELET_CONFIG: KubeletConfig = {
  containerRuntimeEndpoint: "unix:///run/containerd/containerd.sock",
  podInfraContainerImage: "registry.k8s.io/pause:3.10",
  cgroupDriver: "cgroupfs",
  maxPods: 110,
  clusterDNS: [],
  clusterDomain: "",
  imageGCHighThresholdPercent: 85,
  imageGCLowThresholdPercent: 80,
  imageMinimumGCAgeMs: 120_000,
  serializeImagePulls: true,
  containerLogMaxSize: "10Mi",
  containerLogMaxFiles: 5,
  syncFrequencyMs: 60_000,
  nodeStatusUpdateFrequencyMs: 10_000,
  nodeStatusReportFrequencyMs: 300_000,
  nodeLeaseDurationSeconds: 40,
  maxContainerRestartPeriodMs: 300_000,
  imageFsCapacityBytes: 20 * 1024 ** 3,
  tracePeriodicCriCalls: true,
  nodeIP: "192.168.49.2",
  kubeletVersion: "v1.34.1",
  seccompDefault: false,
  staticPodPath: "",
  fileCheckFrequencyMs: 20_000,
};

/** /var/lib/kubelet/kubeadm-flags.env as kubeadm init/join writes it. */
export const DEFAULT_KUBEADM_FLAGS_ENV =
  'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10"\n';

/** /var/lib/kubelet/config.yaml as kubeadm 1.34 writes it (zero durations mean "use the default"). */
export const DEFAULT_KUBELET_CONFIG_YAML = `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 0s
    cacheUnauthorizedTTL: 0s
cgroupDriver: systemd
clusterDNS:
- 10.96.0.10
clusterDomain: cluster.local
containerRuntimeEndpoint: ""
cpuManagerReconcilePeriod: 0s
crashLoopBackOff: {}
evictionPressureTransitionPeriod: 0s
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
`;

/** `KUBELET_KUBEADM_ARGS="--a=b --c=d"` → { a: "b", c: "d" }. */
export function parseKubeadmFlags(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const m = /KUBELET_KUBEADM_ARGS=(?:"([^"]*)"|(\S*))/.exec(text);
  const args = (m?.[1] ?? m?.[2] ?? "").split(/\s+/).filter(Boolean);
  for (const a of args) {
    const f = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (f) out[f[1]] = f[2] ?? "true";
  }
  return out;
}

/** A map[string]string field (numbers written bare in YAML become their text). */
function stringMap(v: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, String(x)]));
}

/** A Go duration field: zero or absent keeps the default (SetDefaults_KubeletConfiguration). */
function duration(v: unknown, dflt: number): number {
  if (typeof v !== "string") return dflt;
  const ms = parseDuration(v);
  return ms === undefined || ms === 0 ? dflt : ms;
}

/** Merge config.yaml and the flags into a KubeletConfig; returns an error text like the kubelet's on bad YAML. */
export function loadKubeletConfig(
  yamlText: string | undefined,
  flagsText: string | undefined,
  base: KubeletConfig = DEFAULT_KUBELET_CONFIG,
): { config: KubeletConfig; error?: string } {
  const c: KubeletConfig = { ...base, clusterDNS: [...base.clusterDNS] };
  if (yamlText !== undefined) {
    let y: Record<string, unknown>;
    try {
      y = (parseYaml(yamlText) ?? {}) as Record<string, unknown>;
    } catch (e) {
      return {
        config: c,
        error: `failed to load kubelet config file, path: /var/lib/kubelet/config.yaml, error: ${(e as Error).message}`,
      };
    }
    if (y.cgroupDriver === "systemd" || y.cgroupDriver === "cgroupfs") c.cgroupDriver = y.cgroupDriver;
    if (typeof y.maxPods === "number" && y.maxPods > 0) c.maxPods = y.maxPods;
    if (Array.isArray(y.clusterDNS)) c.clusterDNS = y.clusterDNS.map(String);
    if (typeof y.clusterDomain === "string") c.clusterDomain = y.clusterDomain;
    if (typeof y.imageGCHighThresholdPercent === "number")
      c.imageGCHighThresholdPercent = y.imageGCHighThresholdPercent;
    if (typeof y.imageGCLowThresholdPercent === "number")
      c.imageGCLowThresholdPercent = y.imageGCLowThresholdPercent;
    c.imageMinimumGCAgeMs = duration(y.imageMinimumGCAge, c.imageMinimumGCAgeMs);
    if (typeof y.serializeImagePulls === "boolean") c.serializeImagePulls = y.serializeImagePulls;
    if (typeof y.seccompDefault === "boolean") c.seccompDefault = y.seccompDefault;
    if (typeof y.containerLogMaxSize === "string") c.containerLogMaxSize = y.containerLogMaxSize;
    if (typeof y.containerLogMaxFiles === "number") c.containerLogMaxFiles = y.containerLogMaxFiles;
    c.syncFrequencyMs = duration(y.syncFrequency, c.syncFrequencyMs);
    c.nodeStatusUpdateFrequencyMs = duration(y.nodeStatusUpdateFrequency, c.nodeStatusUpdateFrequencyMs);
    // SetDefaults: an unset report frequency follows an explicitly set update frequency, else 5m
    const updateSet = duration(y.nodeStatusUpdateFrequency, 0) !== 0;
    c.nodeStatusReportFrequencyMs = duration(
      y.nodeStatusReportFrequency,
      updateSet ? c.nodeStatusUpdateFrequencyMs : c.nodeStatusReportFrequencyMs,
    );
    if (typeof y.nodeLeaseDurationSeconds === "number" && y.nodeLeaseDurationSeconds > 0)
      c.nodeLeaseDurationSeconds = y.nodeLeaseDurationSeconds;
    const clb = y.crashLoopBackOff as { maxContainerRestartPeriod?: string } | undefined;
    c.maxContainerRestartPeriodMs = duration(clb?.maxContainerRestartPeriod, c.maxContainerRestartPeriodMs);
    if (typeof y.staticPodPath === "string") c.staticPodPath = y.staticPodPath;
    c.fileCheckFrequencyMs = duration(y.fileCheckFrequency, c.fileCheckFrequencyMs);
    if (typeof y.containerRuntimeEndpoint === "string" && y.containerRuntimeEndpoint)
      c.containerRuntimeEndpoint = y.containerRuntimeEndpoint;
    for (const k of ["kubeReserved", "systemReserved", "evictionHard"] as const)
      if (y[k] && typeof y[k] === "object") c[k] = stringMap(y[k]);
  }
  if (flagsText !== undefined) {
    const f = parseKubeadmFlags(flagsText);
    // kubelet: a command-line flag overrides the config file.
    if (f["container-runtime-endpoint"]) c.containerRuntimeEndpoint = f["container-runtime-endpoint"];
    if (f["pod-infra-container-image"]) c.podInfraContainerImage = f["pod-infra-container-image"];
    if (f["node-ip"]) c.nodeIP = f["node-ip"];
    if (f["cgroup-driver"] === "systemd" || f["cgroup-driver"] === "cgroupfs")
      c.cgroupDriver = f["cgroup-driver"];
    if (f["kube-reserved"]) c.kubeReserved = parseMapFlag(f["kube-reserved"]);
    if (f["system-reserved"]) c.systemReserved = parseMapFlag(f["system-reserved"]);
    if (f["eviction-hard"]) c.evictionHard = parseEvictionFlag(f["eviction-hard"]);
  }
  return { config: c };
}
