// k8s: staging/src/k8s.io/pod-security-admission (api/helpers.go, policy/check_*.go, policy/registry.go,
// admission/admission.go) — the PodSecurity admission plugin, on by default with no exemptions and
// privileged:latest defaults: the namespace's pod-security.kubernetes.io/{enforce,audit,warn}[-version]
// labels pick the Pod Security Standards level each mode checks pods (and pod templates) against.
import type { Container, Namespace, Pod, PodSpec, Probe } from "kubernetes-types/core/v1";
import type { ObjectMeta } from "kubernetes-types/meta/v1";
import type { FieldError } from "../api/fieldErrors";
import type { KubeObject, ObjectKind } from "./types";

export type Level = "privileged" | "baseline" | "restricted";
/** A policy version: a minor of 1.x, or Infinity for `latest`. */
export interface LevelVersion {
  level: Level;
  minor: number;
}
export interface PodSecurityPolicy {
  enforce: LevelVersion;
  audit: LevelVersion;
  warn: LevelVersion;
}

const PREFIX = "pod-security.kubernetes.io/";
const MODES = ["enforce", "audit", "warn"] as const;
const LATEST = Number.POSITIVE_INFINITY;
const DEFAULT: LevelVersion = { level: "privileged", minor: LATEST };

export function levelVersionString(lv: LevelVersion): string {
  return `${lv.level}:${lv.minor === LATEST ? "latest" : `v1.${lv.minor}`}`;
}

/**
 * api.PolicyToEvaluate: the namespace labels over the defaults (privileged:latest). A bad level falls
 * back to restricted for enforce and to privileged for audit and warn; a bad version to latest.
 */
export function policyToEvaluate(labels: Record<string, string> | undefined): {
  policy: PodSecurityPolicy;
  errors: FieldError[];
} {
  const policy: PodSecurityPolicy = { enforce: { ...DEFAULT }, audit: { ...DEFAULT }, warn: { ...DEFAULT } };
  const errors: FieldError[] = [];
  if (!labels) return { policy, errors };
  const invalid = (label: string, value: string, detail: string) =>
    errors.push({ type: "Invalid", field: `metadata.labels[${label}]`, value, detail });
  for (const mode of MODES) {
    const level = labels[PREFIX + mode];
    if (level !== undefined) {
      if (level === "privileged" || level === "baseline" || level === "restricted")
        policy[mode].level = level;
      else {
        policy[mode].level = mode === "enforce" ? "restricted" : "privileged";
        invalid(PREFIX + mode, level, "must be one of privileged, baseline, restricted");
      }
    }
    const version = labels[`${PREFIX}${mode}-version`];
    if (version !== undefined) {
      const m = /^v1\.([0-9]|[1-9][0-9]*)$/.exec(version);
      if (version === "latest") policy[mode].minor = LATEST;
      else if (m) policy[mode].minor = Number(m[1]);
      else {
        policy[mode].minor = LATEST;
        invalid(`${PREFIX}${mode}-version`, version, 'must be "latest" or "v1.x"');
      }
    }
  }
  return { policy, errors };
}

interface CheckResult {
  reason: string;
  detail: string;
}
type CheckFn = (meta: ObjectMeta, spec: PodSpec, minor: number) => CheckResult | undefined;
interface Check {
  level: "baseline" | "restricted";
  /** A baseline check the restricted level replaces with its own (not run for restricted). */
  overlap?: boolean;
  minimum: number;
  fn: CheckFn;
}

const pluralize = (one: string, many: string, n: number) => (n === 1 ? one : many);
const joinQuote = (items: string[]) => (items.length === 0 ? "" : `"${items.join('", "')}"`);
const sortedSet = (items: Iterable<string>) => [...new Set(items)].sort();
const containersOf = (spec: PodSpec): Container[] => [
  ...(spec.initContainers ?? []),
  ...(spec.containers ?? []),
  ...((spec.ephemeralContainers ?? []) as Container[]),
];
/** "container \"a\"" / "containers \"a\", \"b\"" */
const named = (names: string[]) =>
  `${pluralize("container", "containers", names.length)} ${joinQuote(names)}`;

const CAPABILITIES_BASELINE = new Set([
  "AUDIT_WRITE",
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "MKNOD",
  "NET_BIND_SERVICE",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT",
]);

/** The safe sysctls, by the policy version that allowed them. */
const SYSCTLS: [number, string[]][] = [
  [
    0,
    [
      "kernel.shm_rmid_forced",
      "net.ipv4.ip_local_port_range",
      "net.ipv4.tcp_syncookies",
      "net.ipv4.ping_group_range",
      "net.ipv4.ip_unprivileged_port_start",
    ],
  ],
  [27, ["net.ipv4.ip_local_reserved_ports"]],
  [
    29,
    [
      "net.ipv4.tcp_keepalive_time",
      "net.ipv4.tcp_fin_timeout",
      "net.ipv4.tcp_keepalive_intvl",
      "net.ipv4.tcp_keepalive_probes",
    ],
  ],
  [32, ["net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"]],
];

const validSeccomp = (t: string | undefined) => t === "Localhost" || t === "RuntimeDefault";

/** Who set a bad value: "pod", "container \"a\"", joined with " and ". */
function setters(pod: boolean, containers: string[]): string[] {
  const out = pod ? ["pod"] : [];
  if (containers.length > 0) out.push(named(containers));
  return out;
}

function probeHosts(p: Probe | undefined): string[] {
  if (!p) return [];
  return [p.httpGet?.host, p.tcpSocket?.host].filter((h): h is string => !!h);
}

// The checks in the order policy/check_*.go register them (the files' alphabetical order).
const CHECKS: Check[] = [
  {
    // check_allowPrivilegeEscalation.go
    level: "restricted",
    minimum: 8,
    fn: (_m, spec) => {
      const bad = containersOf(spec)
        .filter((c) => c.securityContext?.allowPrivilegeEscalation !== false)
        .map((c) => c.name);
      if (bad.length === 0) return undefined;
      return {
        reason: "allowPrivilegeEscalation != false",
        detail: `${named(bad)} must set securityContext.allowPrivilegeEscalation=false`,
      };
    },
  },
  {
    // check_appArmorProfile.go
    level: "baseline",
    minimum: 0,
    fn: (meta) => {
      const bad: string[] = [];
      for (const [k, v] of Object.entries(meta.annotations ?? {}))
        if (
          k.startsWith("container.apparmor.security.beta.kubernetes.io/") &&
          !(v === "" || v === "runtime/default" || v.startsWith("localhost/"))
        )
          bad.push(`${k}=${JSON.stringify(v)}`);
      if (bad.length === 0) return undefined;
      bad.sort();
      return {
        reason: pluralize("forbidden AppArmor profile", "forbidden AppArmor profiles", bad.length),
        detail: bad.join(", "),
      };
    },
  },
  {
    // check_capabilities_baseline.go
    level: "baseline",
    overlap: true,
    minimum: 0,
    fn: (_m, spec) => {
      const bad: string[] = [];
      const caps: string[] = [];
      for (const c of containersOf(spec)) {
        const added = (c.securityContext?.capabilities?.add ?? []).filter(
          (a) => !CAPABILITIES_BASELINE.has(a),
        );
        if (added.length > 0) {
          bad.push(c.name);
          caps.push(...added);
        }
      }
      if (bad.length === 0) return undefined;
      return {
        reason: "non-default capabilities",
        detail: `${named(bad)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`,
      };
    },
  },
  {
    // check_capabilities_restricted.go
    level: "restricted",
    minimum: 22,
    fn: (_m, spec) => {
      const missingDrop: string[] = [];
      const adding: string[] = [];
      const caps: string[] = [];
      for (const c of containersOf(spec)) {
        const capabilities = c.securityContext?.capabilities;
        if (!capabilities) {
          missingDrop.push(c.name);
          continue;
        }
        if (!(capabilities.drop ?? []).includes("ALL")) missingDrop.push(c.name);
        const added = (capabilities.add ?? []).filter((a) => a !== "NET_BIND_SERVICE");
        if (added.length > 0) {
          adding.push(c.name);
          caps.push(...added);
        }
      }
      const details: string[] = [];
      if (missingDrop.length > 0)
        details.push(`${named(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`);
      if (adding.length > 0)
        details.push(
          `${named(adding)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`,
        );
      if (details.length === 0) return undefined;
      return { reason: "unrestricted capabilities", detail: details.join("; ") };
    },
  },
  {
    // check_hostNamespaces.go
    level: "baseline",
    minimum: 0,
    fn: (_m, spec) => {
      const ns = [
        spec.hostIPC && "hostIPC",
        spec.hostNetwork && "hostNetwork",
        spec.hostPID && "hostPID",
      ].filter((x): x is string => !!x);
      if (ns.length === 0) return undefined;
      return { reason: "host namespaces", detail: ns.map((n) => `${n}=true`).join(", ") };
    },
  },
  {
    // check_hostPathVolumes.go
    level: "baseline",
    overlap: true,
    minimum: 0,
    fn: (_m, spec) => {
      const bad = (spec.volumes ?? []).filter((v) => v.hostPath).map((v) => v.name);
      if (bad.length === 0) return undefined;
      return {
        reason: "hostPath volumes",
        detail: `${pluralize("volume", "volumes", bad.length)} ${joinQuote(bad)}`,
      };
    },
  },
  {
    // check_hostPorts.go
    level: "baseline",
    minimum: 0,
    fn: (_m, spec) => {
      const bad: string[] = [];
      const ports: string[] = [];
      for (const c of containersOf(spec)) {
        const hp = (c.ports ?? []).filter((p) => p.hostPort).map((p) => String(p.hostPort));
        if (hp.length > 0) {
          bad.push(c.name);
          ports.push(...hp);
        }
      }
      if (bad.length === 0) return undefined;
      const list = sortedSet(ports);
      return {
        reason: "hostPort",
        detail: `${named(bad)} ${pluralize("uses", "use", bad.length)} ${pluralize("hostPort", "hostPorts", list.length)} ${list.join(", ")}`,
      };
    },
  },
  {
    // check_hostProbesAndhostLifecycle.go
    level: "baseline",
    minimum: 34,
    fn: (_m, spec) => {
      const bad: string[] = [];
      const hosts: string[] = [];
      for (const c of containersOf(spec)) {
        const h = [
          ...probeHosts(c.livenessProbe),
          ...probeHosts(c.readinessProbe),
          ...probeHosts(c.startupProbe),
          ...probeHosts(c.lifecycle?.postStart as Probe | undefined),
          ...probeHosts(c.lifecycle?.preStop as Probe | undefined),
        ];
        if (h.length > 0) {
          bad.push(c.name);
          hosts.push(...h);
        }
      }
      if (bad.length === 0) return undefined;
      const containers = sortedSet(bad);
      const list = sortedSet(hosts);
      return {
        reason: "probe or lifecycle host",
        detail: `${named(containers)} ${pluralize("uses", "use", containers.length)} ${pluralize("probe or lifecycle host", "probe or lifecycle hosts", list.length)} ${joinQuote(list)}`,
      };
    },
  },
  {
    // check_privileged.go
    level: "baseline",
    minimum: 0,
    fn: (_m, spec) => {
      const bad = containersOf(spec)
        .filter((c) => c.securityContext?.privileged === true)
        .map((c) => c.name);
      if (bad.length === 0) return undefined;
      return { reason: "privileged", detail: `${named(bad)} must not set securityContext.privileged=true` };
    },
  },
  {
    // check_procMount.go
    level: "baseline",
    minimum: 0,
    fn: (_m, spec) => {
      const bad: string[] = [];
      const types: string[] = [];
      for (const c of containersOf(spec)) {
        const pm = c.securityContext?.procMount;
        if (pm !== undefined && pm !== "Default") {
          bad.push(c.name);
          types.push(pm);
        }
      }
      if (bad.length === 0) return undefined;
      return {
        reason: "procMount",
        detail: `${named(bad)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`,
      };
    },
  },
  {
    // check_restrictedVolumes.go
    level: "restricted",
    minimum: 0,
    fn: (_m, spec) => {
      const allowed = [
        "configMap",
        "csi",
        "downwardAPI",
        "emptyDir",
        "ephemeral",
        "persistentVolumeClaim",
        "projected",
        "secret",
      ];
      const bad = sortedSet(
        (spec.volumes ?? [])
          .filter((v) => !allowed.some((a) => (v as unknown as Record<string, unknown>)[a] != null))
          .map((v) => v.name),
      );
      if (bad.length === 0) return undefined;
      // Go's %q of a []string: ["a" "b"]
      return {
        reason: "restricted volume types",
        detail: `volumes [${bad.map((b) => JSON.stringify(b)).join(" ")}] have restricted types`,
      };
    },
  },
  {
    // check_runAsNonRoot.go
    level: "restricted",
    minimum: 0,
    fn: (_m, spec) => {
      const podValue = spec.securityContext?.runAsNonRoot;
      const explicit: string[] = [];
      const implicit: string[] = [];
      for (const c of containersOf(spec)) {
        const v = c.securityContext?.runAsNonRoot;
        if (v !== undefined && v !== null) {
          if (!v) explicit.push(c.name);
        } else if (podValue !== true) implicit.push(c.name);
      }
      const bad = setters(podValue === false, explicit);
      if (bad.length > 0)
        return {
          reason: "runAsNonRoot != true",
          detail: `${bad.join(" and ")} must not set securityContext.runAsNonRoot=false`,
        };
      if (implicit.length > 0)
        return {
          reason: "runAsNonRoot != true",
          detail: `pod or ${named(implicit)} must set securityContext.runAsNonRoot=true`,
        };
      return undefined;
    },
  },
  {
    // check_runAsUser.go
    level: "restricted",
    minimum: 23,
    fn: (_m, spec) => {
      const explicit = containersOf(spec)
        .filter((c) => c.securityContext?.runAsUser === 0)
        .map((c) => c.name);
      const bad = setters(spec.securityContext?.runAsUser === 0, explicit);
      if (bad.length === 0) return undefined;
      return { reason: "runAsUser=0", detail: `${bad.join(" and ")} must not set runAsUser=0` };
    },
  },
  {
    // check_seLinuxOptions.go
    level: "baseline",
    minimum: 0,
    fn: (_m, spec) => {
      const allowedTypes = new Set(["", "container_t", "container_init_t", "container_kvm_t"]);
      const badTypes: string[] = [];
      let setUser = false;
      let setRole = false;
      const valid = (o: { type?: string; user?: string; role?: string }) => {
        let ok = true;
        if (!allowedTypes.has(o.type ?? "")) {
          ok = false;
          badTypes.push(o.type ?? "");
        }
        if (o.user) {
          ok = false;
          setUser = true;
        }
        if (o.role) {
          ok = false;
          setRole = true;
        }
        return ok;
      };
      const podOpts = spec.securityContext?.seLinuxOptions;
      const podBad = podOpts ? !valid(podOpts) : false;
      const bad = containersOf(spec)
        .filter((c) => c.securityContext?.seLinuxOptions && !valid(c.securityContext.seLinuxOptions))
        .map((c) => c.name);
      const who = setters(podBad, bad);
      if (who.length === 0) return undefined;
      const data: string[] = [];
      if (badTypes.length > 0) {
        const types = sortedSet(badTypes);
        data.push(`${pluralize("type", "types", types.length)} ${joinQuote(types)}`);
        if (setUser) data.push("user may not be set");
        if (setRole) data.push("role may not be set");
      }
      return {
        reason: "seLinuxOptions",
        detail: `${who.join(" and ")} set forbidden securityContext.seLinuxOptions: ${data.join("; ")}`,
      };
    },
  },
  {
    // check_seccompProfile_baseline.go (1.19+: the seccompProfile fields; before: the alpha annotations)
    level: "baseline",
    overlap: true,
    minimum: 0,
    fn: (meta, spec, minor) => {
      if (minor < 19) {
        const ok = (v: string) =>
          v === "runtime/default" || v === "docker/default" || v.startsWith("localhost/");
        const bad: string[] = [];
        const annotations = meta.annotations ?? {};
        const podKey = "seccomp.security.alpha.kubernetes.io/pod";
        if (podKey in annotations && !ok(annotations[podKey]))
          bad.push(`${podKey}=${JSON.stringify(annotations[podKey])}`);
        for (const c of containersOf(spec)) {
          const key = `container.seccomp.security.alpha.kubernetes.io/${c.name}`;
          if (key in annotations && !ok(annotations[key]))
            bad.push(`${key}=${JSON.stringify(annotations[key])}`);
        }
        if (bad.length === 0) return undefined;
        const list = sortedSet(bad);
        return {
          reason: "seccompProfile",
          detail: `forbidden ${pluralize("annotation", "annotations", list.length)} ${list.join(", ")}`,
        };
      }
      const values: string[] = [];
      const podType = spec.securityContext?.seccompProfile?.type;
      const podBad = spec.securityContext?.seccompProfile != null && !validSeccomp(podType);
      if (podBad) values.push(podType ?? "");
      const bad: string[] = [];
      for (const c of containersOf(spec)) {
        const p = c.securityContext?.seccompProfile;
        if (p && !validSeccomp(p.type)) {
          bad.push(c.name);
          values.push(p.type ?? "");
        }
      }
      const who = setters(podBad, bad);
      if (who.length === 0) return undefined;
      return {
        reason: "seccompProfile",
        detail: `${who.join(" and ")} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(values))}`,
      };
    },
  },
  {
    // check_seccompProfile_restricted.go
    level: "restricted",
    minimum: 19,
    fn: (_m, spec) => {
      const values: string[] = [];
      const podProfile = spec.securityContext?.seccompProfile;
      const podBad = podProfile != null && !validSeccomp(podProfile.type);
      if (podBad) values.push(podProfile?.type ?? "");
      const podSet = podProfile != null && !podBad;
      const explicit: string[] = [];
      const implicit: string[] = [];
      for (const c of containersOf(spec)) {
        const p = c.securityContext?.seccompProfile;
        if (p) {
          if (!validSeccomp(p.type)) {
            explicit.push(c.name);
            values.push(p.type ?? "");
          }
        } else if (!podSet) implicit.push(c.name);
      }
      const who = setters(podBad, explicit);
      if (who.length > 0)
        return {
          reason: "seccompProfile",
          detail: `${who.join(" and ")} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(values))}`,
        };
      if (implicit.length > 0)
        return {
          reason: "seccompProfile",
          detail: `pod or ${named(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
        };
      return undefined;
    },
  },
  {
    // check_sysctls.go
    level: "baseline",
    minimum: 0,
    fn: (_m, spec, minor) => {
      const allowed = new Set(SYSCTLS.filter(([v]) => v <= minor).flatMap(([, names]) => names));
      const bad = (spec.securityContext?.sysctls ?? []).map((s) => s.name).filter((n) => !allowed.has(n));
      if (bad.length === 0) return undefined;
      return { reason: "forbidden sysctls", detail: bad.join(", ") };
    },
  },
  {
    // check_windowsHostProcess.go
    level: "baseline",
    minimum: 0,
    fn: (_m, spec) => {
      const bad = containersOf(spec)
        .filter((c) => c.securityContext?.windowsOptions?.hostProcess === true)
        .map((c) => c.name);
      const who = setters(spec.securityContext?.windowsOptions?.hostProcess === true, bad);
      if (who.length === 0) return undefined;
      return {
        reason: "hostProcess",
        detail: `${who.join(" and ")} must not set securityContext.windowsOptions.hostProcess=true`,
      };
    },
  },
];

/** The aggregate result: every failed check's reason and detail, baseline checks first. */
export interface PodSecurityResult {
  reasons: string[];
  details: string[];
}

/** checkRegistry.EvaluatePod + AggregateCheckResults. */
export function evaluatePod(lv: LevelVersion, meta: ObjectMeta, spec: PodSpec): PodSecurityResult {
  const out: PodSecurityResult = { reasons: [], details: [] };
  if (lv.level === "privileged") return out;
  const run = (c: Check) => {
    if (lv.minor < c.minimum) return;
    const r = c.fn(meta, spec, lv.minor);
    if (r) {
      out.reasons.push(r.reason);
      out.details.push(r.detail);
    }
  };
  const extra =
    lv.level === "baseline"
      ? (c: Check) => c.level === "baseline" && !!c.overlap
      : (c: Check) => c.level === "restricted";
  for (const c of CHECKS) if (c.level === "baseline" && !c.overlap) run(c);
  for (const c of CHECKS) if (extra(c)) run(c);
  return out;
}

/** AggregateCheckResult.ForbiddenDetail: `host namespaces (hostNetwork=true), privileged (…)`. */
export function forbiddenDetail(r: PodSecurityResult): string {
  return r.reasons.map((reason, i) => (r.details[i] ? `${reason} (${r.details[i]})` : reason)).join(", ");
}

/** The pod (or pod template) a PodSecurity-checked object carries. */
function podOf(kind: ObjectKind, obj: KubeObject): { meta: ObjectMeta; spec: PodSpec } | undefined {
  if (kind === "Pod")
    return { meta: (obj.metadata ?? {}) as ObjectMeta, spec: (obj as Pod).spec ?? ({} as PodSpec) };
  const spec = obj.spec as Record<string, unknown> | undefined;
  let template: { metadata?: ObjectMeta; spec?: PodSpec } | undefined;
  if (kind === "CronJob")
    template = (spec?.jobTemplate as { spec?: { template?: typeof template } } | undefined)?.spec?.template;
  else if (
    kind === "Deployment" ||
    kind === "ReplicaSet" ||
    kind === "StatefulSet" ||
    kind === "DaemonSet" ||
    kind === "Job" ||
    kind === "ReplicationController"
  )
    template = spec?.template as typeof template;
  else return undefined;
  if (!template) return undefined;
  return { meta: template.metadata ?? {}, spec: template.spec ?? ({} as PodSpec) };
}

export interface PodSecurityDecision {
  /** The Forbidden message (enforce), without the `pods "x" is forbidden: ` prefix. */
  denied?: string;
  /** Response warnings (warn mode), for the client to print as `Warning: …`. */
  warnings: string[];
}

/**
 * Admission.ValidatePod / ValidatePodController on create: pods are checked against enforce and warn,
 * workload resources' pod templates against warn only (audit only writes audit annotations).
 */
export function admitPodSecurity(
  namespace: Namespace | undefined,
  kind: ObjectKind,
  obj: KubeObject,
): PodSecurityDecision {
  const decision: PodSecurityDecision = { warnings: [] };
  const target = podOf(kind, obj);
  if (!target) return decision;
  const { policy } = policyToEvaluate(namespace?.metadata?.labels);
  if (policy.enforce.level === "privileged" && policy.warn.level === "privileged") return decision;
  if (kind === "Pod") {
    const enforced = evaluatePod(policy.enforce, target.meta, target.spec);
    if (enforced.reasons.length > 0) {
      decision.denied = `violates PodSecurity "${levelVersionString(policy.enforce)}": ${forbiddenDetail(enforced)}`;
      return decision;
    }
  }
  const warned = evaluatePod(policy.warn, target.meta, target.spec);
  if (warned.reasons.length > 0)
    decision.warnings.push(
      `would violate PodSecurity "${levelVersionString(policy.warn)}": ${forbiddenDetail(warned)}`,
    );
  return decision;
}

/** The pod fields whose change makes PodSecurity check a pod update (isSignificantPodUpdate). */
export function significantPodUpdate(pod: Pod, old: Pod): boolean {
  const seccomp = "seccomp.security.alpha.kubernetes.io/pod";
  const a = pod.metadata?.annotations ?? {};
  const b = old.metadata?.annotations ?? {};
  if (a[seccomp] !== b[seccomp]) return true;
  const lists = (p: Pod) => [p.spec?.containers ?? [], p.spec?.initContainers ?? []];
  const [nc, ni] = lists(pod);
  const [oc, oi] = lists(old);
  if (nc.length !== oc.length || ni.length !== oi.length) return true;
  const changed = (c: Container, o: Container) => {
    const key = `container.seccomp.security.alpha.kubernetes.io/${c.name}`;
    return c.image !== o.image || a[key] !== b[key];
  };
  if (nc.some((c, i) => changed(c, oc[i])) || ni.some((c, i) => changed(c, oi[i]))) return true;
  for (const e of pod.spec?.ephemeralContainers ?? []) {
    const o = old.spec?.ephemeralContainers?.find((x) => x.name === e.name);
    if (!o || changed(e as Container, o as Container)) return true;
  }
  return false;
}

/**
 * Admission.ValidateNamespace: labels must parse (on create, and on update when they changed); a
 * stricter enforce level on update dry-runs the namespace's pods and warns about those that violate it.
 */
export function admitNamespace(
  ns: Namespace,
  old: Namespace | undefined,
  podsInNamespace: () => Pod[],
): { errors: FieldError[]; warnings: string[] } {
  const now = policyToEvaluate(ns.metadata?.labels);
  if (!old) return { errors: now.errors, warnings: [] };
  const before = policyToEvaluate(old.metadata?.labels);
  const msg = (errs: FieldError[]) => errs.map((e) => `${e.field}: ${e.detail}`).join(", ");
  if (now.errors.length > 0 && (before.errors.length === 0 || msg(now.errors) !== msg(before.errors)))
    return { errors: now.errors, warnings: [] };
  const next = now.policy.enforce;
  const prev = before.policy.enforce;
  const rank = { privileged: 0, baseline: 1, restricted: 2 };
  if (next.level === prev.level && next.minor === prev.minor) return { errors: [], warnings: [] };
  if (next.level === "privileged") return { errors: [], warnings: [] };
  if (next.minor === prev.minor && rank[next.level] <= rank[prev.level]) return { errors: [], warnings: [] };
  return { errors: [], warnings: evaluatePodsInNamespace(ns.metadata?.name ?? "", next, podsInNamespace()) };
}

/** Admission.EvaluatePodsInNamespace: one warning per distinct reason list, naming its first pod. */
export function evaluatePodsInNamespace(namespace: string, lv: LevelVersion, pods: Pod[]): string[] {
  const order: string[] = [];
  const counts = new Map<string, { podName: string; count: number }>();
  for (const pod of pods) {
    const r = evaluatePod(lv, pod.metadata ?? {}, pod.spec ?? ({} as PodSpec));
    if (r.reasons.length === 0) continue;
    const warning = r.reasons.join(", ");
    const name = pod.metadata?.name ?? "";
    const c = counts.get(warning);
    if (!c) {
      order.push(warning);
      counts.set(warning, { podName: name, count: 1 });
    } else {
      if (name < c.podName) c.podName = name;
      c.count++;
    }
  }
  if (order.length === 0) return [];
  const decorated = order.map((w) => {
    const c = counts.get(w)!;
    if (c.count === 1) return `${c.podName}: ${w}`;
    if (c.count === 2) return `${c.podName} (and 1 other pod): ${w}`;
    return `${c.podName} (and ${c.count - 1} other pods): ${w}`;
  });
  decorated.sort();
  return [
    `existing pods in namespace ${JSON.stringify(namespace)} violate the new PodSecurity enforce level ${JSON.stringify(levelVersionString(lv))}`,
    ...decorated,
  ];
}
