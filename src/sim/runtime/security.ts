// containerd 2.1 + runc + the kernel: what a container's process may do — simplified: the user and
// groups (oci.WithUser, WithAdditionalGIDs), capabilities (CRI WithCapabilities), seccomp and AppArmor
// (internal/cri/sputil), no_new_privs, a read-only rootfs, and the user-namespace map.
import type { ContainerConfig } from "../cri/types";
import type { CatalogImage } from "../registry/catalog";
import type { AppArmorProfile } from "./apparmor";

/** include/uapi/linux/capability.h, bit = index (CAP_LAST_CAP = CHECKPOINT_RESTORE, 40). */
export const CAPABILITIES = [
  "CHOWN",
  "DAC_OVERRIDE",
  "DAC_READ_SEARCH",
  "FOWNER",
  "FSETID",
  "KILL",
  "SETGID",
  "SETUID",
  "SETPCAP",
  "LINUX_IMMUTABLE",
  "NET_BIND_SERVICE",
  "NET_BROADCAST",
  "NET_ADMIN",
  "NET_RAW",
  "IPC_LOCK",
  "IPC_OWNER",
  "SYS_MODULE",
  "SYS_RAWIO",
  "SYS_CHROOT",
  "SYS_PTRACE",
  "SYS_PACCT",
  "SYS_ADMIN",
  "SYS_BOOT",
  "SYS_NICE",
  "SYS_RESOURCE",
  "SYS_TIME",
  "SYS_TTY_CONFIG",
  "MKNOD",
  "LEASE",
  "AUDIT_WRITE",
  "AUDIT_CONTROL",
  "SETFCAP",
  "MAC_OVERRIDE",
  "MAC_ADMIN",
  "SYSLOG",
  "WAKE_ALARM",
  "BLOCK_SUSPEND",
  "AUDIT_READ",
  "PERFMON",
  "BPF",
  "CHECKPOINT_RESTORE",
] as const;

/** containerd's default capability set (pkg/oci defaultUnixCaps): 14 caps, 0x00000000a80425fb. */
export const DEFAULT_CAPABILITIES = [
  "CHOWN",
  "DAC_OVERRIDE",
  "FSETID",
  "FOWNER",
  "MKNOD",
  "NET_RAW",
  "SETGID",
  "SETUID",
  "SETFCAP",
  "SETPCAP",
  "NET_BIND_SERVICE",
  "SYS_CHROOT",
  "KILL",
  "AUDIT_WRITE",
];

/** The profile containerd loads and applies for RuntimeDefault (and when the kubelet sends none). */
export const APPARMOR_DEFAULT_PROFILE = "cri-containerd.apparmor.d";
/** securityfs: one `name (mode)` line per profile loaded in the kernel (apparmor_parser adds them). */
export const APPARMOR_PROFILES_PATH = "/sys/kernel/security/apparmor/profiles";

/** A capability set as the kernel stores it: bit i = CAPABILITIES[i]. */
export function capMask(names: Iterable<string>): bigint {
  let m = 0n;
  for (const n of names) {
    const i = CAPABILITIES.indexOf(n.replace(/^CAP_/, "").toUpperCase() as (typeof CAPABILITIES)[number]);
    if (i >= 0) m |= 1n << BigInt(i);
  }
  return m;
}

export const ALL_CAPS = (1n << BigInt(CAPABILITIES.length)) - 1n;
const DEFAULT_MASK = capMask(DEFAULT_CAPABILITIES);

/** How /proc/<pid>/status prints a set: 16 hex digits. */
export function capHex(m: bigint): string {
  return m.toString(16).padStart(16, "0");
}

export function capNames(m: bigint): string[] {
  return CAPABILITIES.filter((_, i) => (m >> BigInt(i)) & 1n).map((n) => `CAP_${n}`);
}

/** Everything the kernel knows about a container's processes that the security context decides. */
export interface ProcessSecurity {
  uid: number;
  gid: number;
  /** getgroups(): the kernel keeps supplementary groups sorted. */
  groups: number[];
  /** The spec's additional GIDs in containerd's order (primary first), for inspect. */
  additionalGids: number[];
  capBnd: bigint;
  capPrm: bigint;
  capEff: bigint;
  noNewPrivs: boolean;
  /** Seccomp mode: 0 disabled, 2 filter. */
  seccompMode: 0 | 2;
  /** RuntimeDefault, Unconfined or the Localhost path — what the filter is. */
  seccompProfile: string;
  /** /proc/self/attr/current: `unconfined` or `<profile> (enforce)`. */
  apparmor: string;
  /** The enforcing profile's `deny <glob> w,` rules (absent when it has none). */
  apparmorDenyWrite?: string[];
  /** A Localhost seccomp profile that errors (or kills) on execve: the container's process cannot start. */
  seccompDeniesExec?: boolean;
  privileged: boolean;
  readonlyRootfs: boolean;
  /** /proc/self/uid_map (and gid_map). */
  uidMap: string;
}

/** `%10u %10u %10u` lines: the whole range in the initial namespace; rootlesskit's map when rootless. */
export function idMap(rootless: boolean): string {
  const line = (a: number, b: number, c: number) =>
    `${String(a).padStart(10)} ${String(b).padStart(10)} ${String(c).padStart(10)}\n`;
  // rootless: containerd runs as uid 1000 inside rootlesskit's namespace (/etc/subuid 1000:100000:65536)
  return rootless ? line(0, 1000, 1) + line(1, 100000, 65536) : line(0, 0, 4294967295);
}

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

/** Parsed user databases by content: every container of an image shares the same text. */
const passwdCache = new Map<string, PasswdEntry[]>();
const groupCache = new Map<string, GroupEntry[]>();

export function parsePasswd(text: string | undefined): PasswdEntry[] {
  const key = text ?? "";
  const hit = passwdCache.get(key);
  if (hit) return hit;
  const parsed = parsePasswdText(key);
  if (passwdCache.size < 256) passwdCache.set(key, parsed);
  return parsed;
}

export function parseGroup(text: string | undefined): GroupEntry[] {
  const key = text ?? "";
  const hit = groupCache.get(key);
  if (hit) return hit;
  const parsed = parseGroupText(key);
  if (groupCache.size < 256) groupCache.set(key, parsed);
  return parsed;
}

function parsePasswdText(text: string): PasswdEntry[] {
  return text
    .split("\n")
    .map((l) => l.split(":"))
    .filter((f) => f.length >= 6 && /^\d+$/.test(f[2]) && /^\d+$/.test(f[3]))
    .map((f) => ({ name: f[0], uid: Number(f[2]), gid: Number(f[3]), home: f[5] }));
}

function parseGroupText(text: string): GroupEntry[] {
  return text
    .split("\n")
    .map((l) => l.split(":"))
    .filter((f) => f.length >= 3 && /^\d+$/.test(f[2]))
    .map((f) => ({ name: f[0], gid: Number(f[2]), members: (f[3] ?? "").split(",").filter(Boolean) }));
}

/** The files of the image's rootfs the runtime reads to resolve users. */
export interface ImageRootfs {
  passwd?: string;
  group?: string;
}

/** Why the runtime refuses to create the container (CreateContainer's error), if it does. */
export class SpecError extends Error {}

/** What the node offers that the spec opts check: profiles on disk and loaded in the kernel. */
export interface NodeSecurity {
  /** Whether a seccomp profile file exists on the node. */
  fileExists(path: string): boolean;
  /** A file's text on the node (the Localhost seccomp profile). */
  readFile?(path: string): string | undefined;
  /** Names of the AppArmor profiles loaded in the kernel. */
  loadedAppArmorProfiles(): string[];
  /** A loaded profile's mode and write-deny rules. */
  appArmorProfile?(name: string): Pick<AppArmorProfile, "mode" | "denyWrite"> | undefined;
  rootless: boolean;
}

/**
 * The process identity and confinement for a container (containerd's buildContainerSpec +
 * containerSpecOpts, runc, and the kernel's capability rules on exec). Throws SpecError with
 * containerd's wording when the spec cannot be built.
 */
export function processSecurity(
  config: ContainerConfig,
  image: CatalogImage,
  rootfs: ImageRootfs,
  node: NodeSecurity,
): ProcessSecurity {
  const sc = config.linux?.securityContext ?? {};
  const privileged = !!sc.privileged;
  // AppArmor first: containerSpecOpts runs before NewContainer applies the seccomp profile
  let apparmor = "unconfined";
  let apparmorDenyWrite: string[] | undefined;
  const aa = sc.apparmor ?? aaFromDeprecated(sc.apparmorProfile);
  if (!aa || aa.profileType === "RuntimeDefault") {
    if (!privileged) apparmor = `${APPARMOR_DEFAULT_PROFILE} (enforce)`;
  } else if (aa.profileType === "Localhost") {
    // kubelet ≥ 1.30 no longer blocks the pod ("Cannot enforce AppArmor: profile … is not loaded"):
    // containerd finds the profile missing when it builds the spec
    const name = (aa.localhostRef ?? "").replace(/^localhost\//, "");
    if (!node.loadedAppArmorProfiles().includes(name))
      throw new SpecError(
        `failed to get container spec opts: failed to generate apparmor spec opts: apparmor profile not found ${name}`,
      );
    const loaded = node.appArmorProfile?.(name);
    apparmor = `${name} (${loaded?.mode ?? "enforce"})`;
    if (loaded?.mode === "enforce" && loaded.denyWrite.length > 0) apparmorDenyWrite = loaded.denyWrite;
  }
  // seccomp: privileged containers get none; Unconfined none; RuntimeDefault/Localhost a filter
  let seccompMode: 0 | 2 = 0;
  let seccompProfile = "Unconfined";
  let seccompDeniesExec = false;
  const sp = sc.seccomp;
  if (!privileged && sp?.profileType === "RuntimeDefault") {
    seccompMode = 2;
    seccompProfile = "RuntimeDefault";
  } else if (!privileged && sp?.profileType === "Localhost") {
    const path = sp.localhostRef ?? "";
    if (!node.fileExists(path))
      throw new SpecError(
        `failed to create containerd container: cannot load seccomp profile ${JSON.stringify(path)}: open ${path}: no such file or directory`,
      );
    seccompMode = 2;
    seccompProfile = path;
    seccompDeniesExec = seccompBlocksExecve(node.readFile?.(path));
  }
  const id = resolveUser(config, image, rootfs);
  const bounding = privileged ? ALL_CAPS : withCapabilities(sc.capabilities);
  // execve as a non-root user without file capabilities or ambient caps: permitted/effective empty
  const prm = id.uid === 0 ? bounding : 0n;
  return {
    ...id,
    capBnd: bounding,
    capPrm: prm,
    capEff: prm,
    noNewPrivs: !!sc.noNewPrivs && !privileged,
    seccompMode,
    seccompProfile,
    apparmor,
    ...(apparmorDenyWrite ? { apparmorDenyWrite } : {}),
    ...(seccompDeniesExec ? { seccompDeniesExec } : {}),
    privileged,
    readonlyRootfs: !!sc.readonlyRootfs,
    uidMap: idMap(node.rootless),
  };
}

/** Actions that refuse a syscall: the default for every syscall no rule names. */
const SECCOMP_REFUSE = /^SCMP_ACT_(ERRNO|KILL|KILL_PROCESS|KILL_THREAD|TRAP)$/;

/**
 * Whether a seccomp profile (OCI/docker JSON) refuses execve: its default action errors or kills and
 * no rule allows (or logs) execve — runc installs the filter right before exec'ing the process.
 */
export function seccompBlocksExecve(text: string | undefined): boolean {
  if (text === undefined) return false;
  let p: { defaultAction?: unknown; syscalls?: { names?: unknown; name?: unknown; action?: unknown }[] };
  try {
    p = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof p?.defaultAction !== "string" || !SECCOMP_REFUSE.test(p.defaultAction)) return false;
  for (const r of Array.isArray(p.syscalls) ? p.syscalls : []) {
    const names = Array.isArray(r.names) ? r.names : [r.name];
    if (names.includes("execve") && typeof r.action === "string" && !SECCOMP_REFUSE.test(r.action))
      return false;
  }
  return true;
}

function aaFromDeprecated(p: string | undefined): { profileType: string; localhostRef?: string } | undefined {
  if (!p) return undefined;
  if (p === "runtime/default") return { profileType: "RuntimeDefault" };
  if (p === "unconfined") return { profileType: "Unconfined" };
  return { profileType: "Localhost", localhostRef: p };
}

/** CRI WithCapabilities: add ALL, drop ALL, then the named adds and drops, over containerd's defaults. */
export function withCapabilities(
  c: { addCapabilities?: string[]; dropCapabilities?: string[] } | undefined,
): bigint {
  let m = DEFAULT_MASK;
  if (!c) return m;
  const add = c.addCapabilities ?? [];
  const drop = c.dropCapabilities ?? [];
  if (add.some((x) => x.toUpperCase() === "ALL")) m = ALL_CAPS;
  if (drop.some((x) => x.toUpperCase() === "ALL")) m = 0n;
  m |= capMask(add.filter((x) => x.toUpperCase() !== "ALL"));
  m &= ~capMask(drop.filter((x) => x.toUpperCase() !== "ALL"));
  return m;
}

/** oci.WithUser + customopts.WithAdditionalGIDs + WithSupplementalGroups, over the image's /etc/passwd and /etc/group. */
export function resolveUser(
  config: ContainerConfig,
  image: CatalogImage,
  rootfs: ImageRootfs,
): { uid: number; gid: number; groups: number[]; additionalGids: number[] } {
  const sc = config.linux?.securityContext ?? {};
  const users = parsePasswd(rootfs.passwd);
  const groupsDb = parseGroup(rootfs.group);
  // generateUserString: username or uid, ":gid" when runAsGroup is set; else the image's USER
  let userstr = sc.runAsUsername || (sc.runAsUser ? String(sc.runAsUser.value) : "");
  if (userstr && sc.runAsGroup) userstr = `${userstr}:${sc.runAsGroup.value}`;
  if (!userstr) userstr = image.config.user ?? "";
  const [u, g] = userstr.split(":");
  let uid = 0;
  let gid = 0;
  let name: string | undefined;
  if (u && /^\d+$/.test(u)) {
    uid = Number(u);
    const e = users.find((x) => x.uid === uid);
    name = e?.name;
    gid = e?.gid ?? 0;
  } else if (u) {
    const e = users.find((x) => x.name === u);
    if (!e) throw new SpecError("failed to create containerd container: no users found");
    ({ uid, gid, name } = e);
  } else name = users.find((x) => x.uid === 0)?.name;
  if (g !== undefined && g !== "")
    gid = /^\d+$/.test(g) ? Number(g) : (groupsDb.find((x) => x.name === g)?.gid ?? 0);
  // Merge: groups whose member list names the user (not the user's own group), then the pod's groups
  const extra: number[] = [];
  if (sc.supplementalGroupsPolicy !== "Strict" && name)
    for (const e of groupsDb) if (e.name !== name && e.members.includes(name)) extra.push(e.gid);
  for (const s of sc.supplementalGroups ?? []) extra.push(s);
  // the primary GID is always among the additional ones; WithSupplementalGroups' mergeGids dedups and sorts
  const groups = [...new Set([gid, ...extra])].sort((a, b) => a - b);
  return { uid, gid, groups, additionalGids: groups };
}

/**
 * Whether the seccomp filter answers unshare(2) (or mount, setns…) with EPERM: containerd's default
 * profile allows them only when the spec grants CAP_SYS_ADMIN. A Localhost profile is treated alike.
 */
export function seccompBlocksNamespaceSyscalls(sec: ProcessSecurity): boolean {
  return sec.seccompMode === 2 && (sec.capBnd & capMask(["SYS_ADMIN"])) === 0n;
}

export function hasCap(sec: ProcessSecurity, cap: string): boolean {
  return (sec.capEff & capMask([cap])) !== 0n;
}

/** The host uid behind a container uid: the same on a rootful node; rootlesskit's subuid range when rootless. */
export function hostUid(containerUid: number, rootless: boolean): number {
  if (!rootless) return containerUid;
  return containerUid === 0 ? 1000 : 100000 + containerUid - 1;
}
