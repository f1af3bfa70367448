// The node's /proc and /run as the host's tools read them: /proc/<pid>/{cmdline,comm,status} for every
// process in the node's table (kubelet, containerd, each pod's shim, pause and containers), and the
// CRI sockets under /run while their daemons listen (on Debian /var/run is a symlink to /run).
import type { FileAttrs, FileProvider } from "./fs";
import type { HostProcess } from "./processes";
import type { Unit } from "./systemd";

/** argv as the kernel keeps it: the words of the command line (a renamed process keeps its one title). */
export function argvOf(p: HostProcess): string[] {
  // setproctitle rewrites argv in place: nginx's "nginx: master process …", a login shell's "-bash"
  if (/^[\w.-]+: /.test(p.cmd) || p.cmd.startsWith("-")) return [p.cmd];
  return p.cmd.split(" ").filter((w) => w !== "");
}

/** The kernel's comm: the executable's basename, 15 characters at most (TASK_COMM_LEN 16). */
export function commOf(p: HostProcess): string {
  if (/^[\w.-]+: /.test(p.cmd)) return p.cmd.slice(0, p.cmd.indexOf(":")).slice(0, 15);
  const first = argvOf(p)[0] ?? "";
  return first
    .replace(/^-/, "")
    .slice(first.lastIndexOf("/") + 1)
    .slice(0, 15);
}

const uidOf = (user: string) => (user === "root" ? 0 : user === "nobody" ? 65534 : Number(user) || 0);

/** Go daemons: many threads, every signal caught (the runtime installs its handlers). */
const GO_DAEMONS = new Set([
  "kubelet",
  "containerd",
  "containerd-shim",
  "dockerd",
  "cri-dockerd",
  "crio",
  "runsc-sandbox",
  "runsc-gofer",
]);

/** A process of a container (not the host's daemons, shims or conmon): its own PID namespace, fewer capabilities. */
function inContainer(p: HostProcess): boolean {
  return p.pid !== 1 && p.ppid !== 1 && p.unit === undefined;
}

const hex16 = (n: bigint) => n.toString(16).padStart(16, "0");
const ALL_CAPS = hex16((1n << 41n) - 1n); // CAP_LAST_CAP 40 on 6.1
/** containerd's default capability set (CHOWN … AUDIT_WRITE, SETFCAP): 00000000a80425fb. */
const CONTAINER_CAPS = "00000000a80425fb";
const MEMS_ALLOWED = [...Array.from({ length: 31 }, () => "00000000"), "00000001"].join(",");

/** /proc/<pid>/status as Linux 6.1 prints it (sizes as `ps aux` reports them). */
export function procStatus(p: HostProcess): string {
  const comm = commOf(p);
  const uid = uidOf(p.user);
  const go = GO_DAEMONS.has(comm);
  const boxed = inContainer(p);
  const vsz = 12_000 + (p.pid % 997) * 131;
  const rss = 4_000 + (p.pid % 613) * 17;
  const rssFile = Math.floor(rss * 0.6);
  const kb = (n: number) => `${String(n).padStart(8)} kB`;
  const ns = (n: number) => (boxed ? `${n}\t1` : String(n));
  const threads = go ? (comm === "kubelet" ? 15 : comm === "containerd-shim" ? 11 : 12) : 1;
  const rootInBox = boxed && uid === 0;
  const capPrm = boxed ? (rootInBox ? CONTAINER_CAPS : hex16(0n)) : uid === 0 ? ALL_CAPS : hex16(0n);
  const capBnd = boxed ? CONTAINER_CAPS : ALL_CAPS;
  const sigCgt = go ? "fffffffd7fc1feff" : comm === "pause" ? "0000000000014002" : hex16(0n);
  const lines: [string, string][] = [
    ["Name", comm],
    ["Umask", "0022"],
    ["State", "S (sleeping)"],
    ["Tgid", ns(p.pid)],
    ["Ngid", "0"],
    ["Pid", ns(p.pid)],
    ["PPid", String(p.ppid)],
    ["TracerPid", "0"],
    ["Uid", `${uid}\t${uid}\t${uid}\t${uid}`],
    ["Gid", `${uid}\t${uid}\t${uid}\t${uid}`],
    ["FDSize", go ? "256" : "64"],
    ["Groups", ""],
    ["NStgid", ns(p.pid)],
    ["NSpid", ns(p.pid)],
    ["NSpgid", ns(p.pid)],
    ["NSsid", ns(p.pid)],
    ["VmPeak", kb(vsz)],
    ["VmSize", kb(vsz)],
    ["VmLck", kb(0)],
    ["VmPin", kb(0)],
    ["VmHWM", kb(rss)],
    ["VmRSS", kb(rss)],
    ["RssAnon", kb(rss - rssFile)],
    ["RssFile", kb(rssFile)],
    ["RssShmem", kb(0)],
    ["VmData", kb(Math.floor(vsz * 0.4))],
    ["VmStk", kb(132)],
    ["VmExe", kb(Math.floor(vsz * 0.1))],
    ["VmLib", kb(go ? 4 : 1_712)],
    ["VmPTE", kb(Math.floor(rss / 100) + 48)],
    ["VmSwap", kb(0)],
    ["HugetlbPages", kb(0)],
    ["CoreDumping", "0"],
    ["THP_enabled", "1"],
    ["Threads", String(threads)],
    ["SigQ", "0/31457"],
    ["SigPnd", hex16(0n)],
    ["ShdPnd", hex16(0n)],
    ["SigBlk", hex16(0n)],
    ["SigIgn", p.pid === 1 ? "0000000000001000" : hex16(0n)],
    ["SigCgt", sigCgt],
    ["CapInh", hex16(0n)],
    ["CapPrm", capPrm],
    ["CapEff", capPrm],
    ["CapBnd", capBnd],
    ["CapAmb", hex16(0n)],
    ["NoNewPrivs", "0"],
    ["Seccomp", "0"],
    ["Seccomp_filters", "0"],
    ["Speculation_Store_Bypass", "thread vulnerable"],
    ["SpeculationIndirectBranch", "conditional enabled"],
    ["Cpus_allowed", "3"],
    ["Cpus_allowed_list", "0-1"],
    ["Mems_allowed", MEMS_ALLOWED],
    ["Mems_allowed_list", "0"],
    ["voluntary_ctxt_switches", String(100 + (p.pid % 89) * 37)],
    ["nonvoluntary_ctxt_switches", String(p.pid % 23)],
  ];
  return lines.map(([k, v]) => `${k}:\t${v}\n`).join("");
}

const PROC_FILES = ["cmdline", "comm", "status"] as const;

/** /proc: a directory per PID with cmdline (NUL-separated argv), comm and status. */
export function procFiles(processes: () => HostProcess[]): FileProvider {
  const find = (path: string) => {
    const m = /^\/proc\/(\d+)\/([a-z]+)$/.exec(path);
    if (!m || !(PROC_FILES as readonly string[]).includes(m[2])) return undefined;
    const pid = Number(m[1]);
    const p = processes().find((x) => x.pid === pid);
    return p ? { p, file: m[2] } : undefined;
  };
  return {
    pseudo: true,
    list: () => processes().flatMap((p) => PROC_FILES.map((f) => `/proc/${p.pid}/${f}`)),
    read(path) {
      const hit = find(path);
      if (!hit) return undefined;
      if (hit.file === "cmdline")
        return argvOf(hit.p)
          .map((a) => `${a}\0`)
          .join("");
      if (hit.file === "comm") return `${commOf(hit.p)}\n`;
      return procStatus(hit.p);
    },
  };
}

/** A socket a unit's daemon listens on: path, mode bits, group (gid 0 = root). */
interface SocketSpec {
  path: string;
  unit: string;
  mode: number;
  gid?: number;
  /** Extra condition (dockershim lives in the kubelet of ≤1.23 only). */
  when?: () => boolean;
}

/** Debian's docker group (the docker-ce package creates it as a system group). */
export const DOCKER_GID = 999;

/**
 * /run's sockets: containerd's gRPC and ttrpc sockets, CRI-O's, Docker's and cri-dockerd's, and the
 * kubelet's own dockershim.sock (≤1.23). A socket is there while its unit runs — and after a crash
 * (nobody removed it; dialing it is refused) — and gone after a clean stop.
 */
export function runFiles(
  units: () => Record<string, Unit>,
  dockershim: () => boolean,
  wallMs: (virtualMs: number) => number,
): FileProvider {
  const sockets: SocketSpec[] = [
    { path: "/run/containerd/containerd.sock", unit: "containerd", mode: 0o660 },
    { path: "/run/containerd/containerd.sock.ttrpc", unit: "containerd", mode: 0o660 },
    { path: "/run/crio/crio.sock", unit: "crio", mode: 0o660 },
    { path: "/run/docker.sock", unit: "docker", mode: 0o660, gid: DOCKER_GID },
    { path: "/run/cri-dockerd.sock", unit: "cri-docker", mode: 0o660, gid: DOCKER_GID },
    { path: "/run/dockershim.sock", unit: "kubelet", mode: 0o755, when: dockershim },
  ];
  const live = () => {
    const us = units();
    return sockets
      .map((s) => ({ s, u: us[s.unit] }))
      .filter(({ s, u }) => u !== undefined && u.state !== "inactive" && (s.when?.() ?? true));
  };
  const at = (path: string) => live().find(({ s }) => s.path === path);
  return {
    list: () => live().map(({ s }) => s.path),
    read: (path) => (at(path) ? "" : undefined),
    attrs(path): FileAttrs | undefined {
      const hit = at(path);
      if (!hit) return undefined;
      return { type: "socket", mode: hit.s.mode, uid: 0, gid: hit.s.gid ?? 0, mtime: wallMs(hit.u.since) };
    },
  };
}
