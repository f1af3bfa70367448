// RuntimeClass handlers below the CRI: what changes when a sandbox runs under runc, gVisor (runsc)
// or Kata Containers — start time, the kernel a container sees, and which host processes exist.
// Sources: gVisor pkg/sentry/kernel/syslog.go (the dmesg "boot" lines, uname 4.4.0); Kata Containers
// architecture docs (containerd-shim-kata-v2 + QEMU + virtiofsd per pod, a guest kernel of its own).
import type { Rng } from "../../clock";

export type SandboxKind = "runc" | "runsc" | "kata";

/** containerd runtime_type (or a CRI-O/Docker runtime) → the sandbox technology. */
export function sandboxKindOf(runtimeType: string): SandboxKind {
  if (runtimeType.startsWith("io.containerd.runsc")) return "runsc";
  if (runtimeType.startsWith("io.containerd.kata")) return "kata";
  return "runc";
}

/** What `uname` and `dmesg` see inside the container. */
export interface KernelView {
  release: string;
  version: string;
  /** dmesg's lines; undefined = the host kernel's ring buffer, which an unprivileged container may not read. */
  dmesg?: string[];
}

/** runc shares the node's kernel: the same release the node's own `uname -r` prints. */
export const HOST_KERNEL: KernelView = {
  release: "6.1.0-28-amd64",
  version: "#1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22)",
};

/** gVisor's Sentry reports this fixed identity (pkg/sentry/kernel: uname release 4.4.0). */
export const GVISOR_KERNEL_RELEASE = "4.4.0";
/** Kata's guest kernel (Kata Containers 3.x builds a 6.12 LTS guest kernel; patch level assumed). */
export const KATA_KERNEL_RELEASE = "6.12.22";

const GVISOR_MESSAGES = [
  "Synthesizing system calls...",
  "Mounting deweydecimalfs...",
  "Moving files to filing cabinet...",
  "Digging up root...",
  "Constructing home...",
  "Segmenting fault lines...",
  "Creating bureaucratic processes...",
  "Searching for needles in stacks...",
  "Preparing for the zombie uprising...",
  "Feeding the init monster...",
  "Creating cloned children...",
  "Daemonizing children...",
  "Waiting for children...",
  "Gathering forks...",
  "Committing treasure map to memory...",
  "Reading process obituaries...",
  "Searching for socket adapter...",
  "Creating process schedule...",
  "Generating random numbers by fair dice roll...",
  "Rewriting operating system in Javascript...",
  "Reticulating splines...",
  "Consulting tar man page...",
  "Forking spaghetti code...",
  "Checking naughty and nice process list...",
  "Granting licence to kill(2)...",
  "Letting the watchdogs out...",
];

/** `[    1.234567] msg` as dmesg prints the kernel log's timestamp. */
function dmesgLine(secs: number, msg: string): string {
  return `[${secs.toFixed(6).padStart(12)}] ${msg}`;
}

/** gVisor's dmesg: "Starting gVisor...", a few random jokes with growing timestamps, "Ready!". */
function gvisorDmesg(rng: Rng): string[] {
  const lines = [dmesgLine(0, "Starting gVisor...")];
  let t = 0;
  const pool = [...GVISOR_MESSAGES];
  for (let i = 0; i < 10; i++) {
    t += rng.int(50_000, 450_000) / 1e6;
    lines.push(dmesgLine(t, pool.splice(rng.int(0, pool.length - 1), 1)[0]));
  }
  t += rng.int(50_000, 400_000) / 1e6;
  lines.push(dmesgLine(t, "Ready!"));
  return lines;
}

function kataDmesg(rng: Rng): string[] {
  const at = (s: number) => s + rng.int(0, 999) / 1e6;
  return [
    dmesgLine(
      0,
      `Linux version ${KATA_KERNEL_RELEASE} (@kata-containers) (gcc (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0) #1 SMP`,
    ),
    dmesgLine(
      0,
      "Command line: reboot=k panic=1 systemd.unit=kata-containers.target systemd.mask=systemd-networkd.service",
    ),
    dmesgLine(0, "Hypervisor detected: KVM"),
    dmesgLine(at(0.012), "virtio_blk virtio1: [vda] 262144 512-byte logical blocks (134 MB/128 MiB)"),
    dmesgLine(at(0.061), "EXT4-fs (vda1): mounted filesystem with ordered data mode. Quota mode: none."),
    dmesgLine(at(0.143), "virtiofs virtio3: discovered new tag: kataShared"),
  ];
}

export interface SandboxProfile {
  kind: SandboxKind;
  /** Extra virtual ms RunPodSandbox takes on top of runc's (documented assumption per kind). */
  extraStartMs: [number, number];
  kernel(rng: Rng): KernelView;
}

export const SANDBOX_PROFILES: Record<SandboxKind, SandboxProfile> = {
  runc: { kind: "runc", extraStartMs: [0, 0], kernel: () => HOST_KERNEL },
  // gVisor boots its user-space kernel (Sentry) and a Gofer per sandbox before the pause process
  // runs: a few hundred ms more than runc in gVisor's own startup benchmarks.
  runsc: {
    kind: "runsc",
    extraStartMs: [350, 650],
    kernel: (rng) => ({
      release: GVISOR_KERNEL_RELEASE,
      version: "#1 SMP Sun Jan 10 15:06:54 PST 2016",
      dmesg: gvisorDmesg(rng),
    }),
  },
  // Kata boots a QEMU VM with its own kernel and the kata-agent: on the order of 1–3 s per pod
  // (Kata's docs and the boot-time numbers people report with QEMU); 2.2 s ± 0.4 here.
  kata: {
    kind: "kata",
    extraStartMs: [1800, 2600],
    kernel: (rng) => ({
      release: KATA_KERNEL_RELEASE,
      version: "#1 SMP Fri Mar 14 07:24:09 UTC 2025",
      dmesg: kataDmesg(rng),
    }),
  },
};
