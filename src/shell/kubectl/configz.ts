// k8s: pkg/kubelet/server/server.go (/configz, component-base/configz) — the running kubelet's
// KubeletConfiguration converted to kubelet.config.k8s.io/v1beta1 with SetDefaults_KubeletConfiguration
// applied, marshalled as {"kubeletconfig":{…}} in the struct's field order (TypeMeta stays empty).
// Simplified: the fields the simulator models come from the kubelet's running config; the rest are the
// v1beta1 defaults, overlaid by what the config file the kubelet loaded sets.
import { parse as parseYaml } from "yaml";
import { goDuration, parseDuration } from "../../sim/clock/time";
import type { Kubelet } from "../../sim/kubelet/kubelet";
import type { SimNode } from "../../sim/node/types";

/** The kubelet behind a node, when the node carries one (the built node does; bare test nodes may not). */
export function kubeletOf(node: SimNode): Kubelet | undefined {
  return (node as SimNode & { kubelet?: Kubelet }).kubelet;
}

type Json = Record<string, unknown>;

const DURATION_KEYS = new Set([
  "syncFrequency",
  "fileCheckFrequency",
  "httpCheckFrequency",
  "cacheTTL",
  "cacheAuthorizedTTL",
  "cacheUnauthorizedTTL",
  "streamingConnectionIdleTimeout",
  "nodeStatusUpdateFrequency",
  "nodeStatusReportFrequency",
  "imageMinimumGCAge",
  "imageMaximumGCAge",
  "volumeStatsAggPeriod",
  "cpuManagerReconcilePeriod",
  "runtimeRequestTimeout",
  "cpuCFSQuotaPeriod",
  "evictionPressureTransitionPeriod",
  "containerLogMonitorInterval",
  "flushFrequency",
  "shutdownGracePeriod",
  "shutdownGracePeriodCriticalPods",
  "maxContainerRestartPeriod",
]);

/** SetDefaults_KubeletConfiguration's values, in the v1beta1 struct's field order. */
function defaults(): Json {
  return {
    enableServer: true,
    staticPodPath: "",
    podLogsDir: "/var/log/pods",
    syncFrequency: "1m0s",
    fileCheckFrequency: "20s",
    httpCheckFrequency: "20s",
    address: "0.0.0.0",
    port: 10250,
    tlsCertFile: "/var/lib/kubelet/pki/kubelet.crt",
    tlsPrivateKeyFile: "/var/lib/kubelet/pki/kubelet.key",
    rotateCertificates: false,
    authentication: {
      x509: {},
      webhook: { enabled: true, cacheTTL: "2m0s" },
      anonymous: { enabled: false },
    },
    authorization: { mode: "Webhook", webhook: { cacheAuthorizedTTL: "5m0s", cacheUnauthorizedTTL: "30s" } },
    registryPullQPS: 5,
    registryBurst: 10,
    eventRecordQPS: 50,
    eventBurst: 100,
    enableDebuggingHandlers: true,
    healthzPort: 10248,
    healthzBindAddress: "127.0.0.1",
    oomScoreAdj: -999,
    clusterDomain: undefined,
    clusterDNS: undefined,
    streamingConnectionIdleTimeout: "4h0m0s",
    nodeStatusUpdateFrequency: "10s",
    nodeStatusReportFrequency: "5m0s",
    nodeLeaseDurationSeconds: 40,
    imageMinimumGCAge: "2m0s",
    imageMaximumGCAge: "0s",
    imageGCHighThresholdPercent: 85,
    imageGCLowThresholdPercent: 80,
    volumeStatsAggPeriod: "1m0s",
    cgroupsPerQOS: true,
    cgroupDriver: "cgroupfs",
    cpuManagerPolicy: "none",
    cpuManagerReconcilePeriod: "10s",
    memoryManagerPolicy: "None",
    topologyManagerPolicy: "none",
    topologyManagerScope: "container",
    runtimeRequestTimeout: "2m0s",
    hairpinMode: "promiscuous-bridge",
    maxPods: 110,
    podPidsLimit: -1,
    resolvConf: "/run/systemd/resolve/resolv.conf",
    cpuCFSQuota: true,
    cpuCFSQuotaPeriod: "100ms",
    nodeStatusMaxImages: 50,
    maxOpenFiles: 1000000,
    contentType: "application/vnd.kubernetes.protobuf",
    kubeAPIQPS: 50,
    kubeAPIBurst: 100,
    serializeImagePulls: true,
    evictionHard: {
      "imagefs.available": "15%",
      "imagefs.inodesFree": "5%",
      "memory.available": "100Mi",
      "nodefs.available": "10%",
      "nodefs.inodesFree": "5%",
    },
    evictionPressureTransitionPeriod: "5m0s",
    enableControllerAttachDetach: true,
    makeIPTablesUtilChains: true,
    iptablesMasqueradeBit: 14,
    iptablesDropBit: 15,
    failSwapOn: true,
    memorySwap: {},
    containerLogMaxSize: "10Mi",
    containerLogMaxFiles: 5,
    containerLogMaxWorkers: 1,
    containerLogMonitorInterval: "10s",
    configMapAndSecretChangeDetectionStrategy: "Watch",
    systemReserved: undefined,
    kubeReserved: undefined,
    enforceNodeAllocatable: ["pods"],
    volumePluginDir: "/usr/libexec/kubernetes/kubelet-plugins/volume/exec/",
    logging: {
      format: "text",
      flushFrequency: "5s",
      verbosity: 0,
      options: { text: { infoBufferSize: "0" }, json: { infoBufferSize: "0" } },
    },
    enableSystemLogHandler: true,
    enableSystemLogQuery: false,
    shutdownGracePeriod: "0s",
    shutdownGracePeriodCriticalPods: "0s",
    enableProfilingHandler: true,
    enableDebugFlagsHandler: true,
    seccompDefault: false,
    memoryThrottlingFactor: 0.9,
    registerNode: true,
    localStorageCapacityIsolation: true,
    containerRuntimeEndpoint: "",
    failCgroupV1: false,
    crashLoopBackOff: {},
  };
}

/** Go's duration text for a config value ("1m" → "1m0s"); zero keeps the default (SetDefaults). */
function normDuration(v: unknown, dflt: unknown): unknown {
  if (typeof v !== "string") return dflt;
  const ms = parseDuration(v);
  if (ms === undefined) return dflt;
  return ms === 0 && dflt !== undefined ? dflt : goDuration(ms);
}

/** Overlay the file's values on the defaults, keeping the defaults' key order (new keys go last). */
function overlay(base: Json, file: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(file)) {
    if (k === "kind" || k === "apiVersion") continue;
    const d = base[k];
    if (DURATION_KEYS.has(k)) out[k] = normDuration(v, d);
    else if (
      v &&
      typeof v === "object" &&
      !Array.isArray(v) &&
      d &&
      typeof d === "object" &&
      !Array.isArray(d)
    )
      out[k] = overlay(d as Json, v as Json);
    else if (k === "infoBufferSize" || k === "flushFrequency") out[k] = v === 0 ? d : v;
    else if (v === null) continue;
    else out[k] = v;
  }
  return out;
}

/** What GET /configz on the node's kubelet answers (the kubelet must have started once). */
export function kubeletConfigz(kubelet: Kubelet): { kubeletconfig: Json } {
  let file: Json = {};
  try {
    file = (parseYaml(kubelet.loadedConfigYaml ?? "") ?? {}) as Json;
  } catch {
    file = {};
  }
  const c = overlay(defaults(), typeof file === "object" ? file : {});
  // the values the simulated kubelet runs with (config file + flags + defaults) win
  const k = kubelet.config;
  c.staticPodPath = k.staticPodPath || undefined;
  c.syncFrequency = goDuration(k.syncFrequencyMs);
  c.fileCheckFrequency = goDuration(k.fileCheckFrequencyMs);
  c.clusterDomain = k.clusterDomain || undefined;
  c.clusterDNS = k.clusterDNS.length > 0 ? [...k.clusterDNS] : undefined;
  c.nodeStatusUpdateFrequency = goDuration(k.nodeStatusUpdateFrequencyMs);
  c.nodeStatusReportFrequency = goDuration(k.nodeStatusReportFrequencyMs);
  c.nodeLeaseDurationSeconds = k.nodeLeaseDurationSeconds;
  c.imageMinimumGCAge = goDuration(k.imageMinimumGCAgeMs);
  c.imageGCHighThresholdPercent = k.imageGCHighThresholdPercent;
  c.imageGCLowThresholdPercent = k.imageGCLowThresholdPercent;
  c.cgroupDriver = k.cgroupDriver;
  c.maxPods = k.maxPods;
  c.serializeImagePulls = k.serializeImagePulls;
  c.containerLogMaxSize = k.containerLogMaxSize;
  c.containerLogMaxFiles = k.containerLogMaxFiles;
  c.seccompDefault = k.seccompDefault;
  c.containerRuntimeEndpoint = k.containerRuntimeEndpoint;
  if (k.evictionHard) c.evictionHard = { ...k.evictionHard };
  if (k.kubeReserved) c.kubeReserved = { ...k.kubeReserved };
  if (k.systemReserved) c.systemReserved = { ...k.systemReserved };
  // evictionHard, kubeReserved…: Go marshals a map's keys sorted
  for (const m of ["evictionHard", "kubeReserved", "systemReserved"])
    if (c[m]) c[m] = Object.fromEntries(Object.entries(c[m] as Json).sort(([a], [b]) => (a < b ? -1 : 1)));
  if (k.maxContainerRestartPeriodMs !== 300_000)
    c.crashLoopBackOff = { maxContainerRestartPeriod: goDuration(k.maxContainerRestartPeriodMs) };
  return { kubeletconfig: JSON.parse(JSON.stringify(c)) as Json };
}
