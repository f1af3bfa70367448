// What the kernel and containerd show of a container's confinement: /proc/<pid>/{status,attr/current,
// uid_map,gid_map,cgroup} inside it, and the OCI runtime spec in `crictl inspect` (info.runtimeSpec).
import type { ContainerConfig, NamespaceOption } from "../cri/types";
import type { ContainerRec } from "./containerOps";
import { argvFor, baseName } from "./programs/programs";
import { capHex, capNames, type ProcessSecurity } from "./security";

/** The process behind a pid of this container (its main process is 1, or its own PID in a --target's namespace). */
function procByPid(c: ContainerRec, pid: number) {
  if (c.main && !c.main.exited && c.main.pid === pid) return c.main;
  for (const p of c.execs) if (p.pid === pid && !p.exited) return p;
  return undefined;
}

/** /proc/<pid>/…: status, attr/current, uid_map, gid_map, cgroup — undefined for anything else. */
export function procFile(c: ContainerRec, path: string): string | undefined {
  if (path === "/proc/mounts" || /^\/proc\/\d+\/mounts$/.test(path)) return procMounts(c);
  const m = /^\/proc\/(\d+)\/(status|attr\/current|uid_map|gid_map|cgroup)$/.exec(path);
  if (!m) return undefined;
  const pid = Number(m[1]);
  const proc = procByPid(c, pid);
  if (!proc) return undefined;
  const sec = c.security;
  switch (m[2]) {
    case "attr/current":
      return `${sec.apparmor}\n`;
    case "uid_map":
    case "gid_map":
      return sec.uidMap;
    case "cgroup":
      // cgroup v2 with a cgroup namespace: the container sees its own cgroup as the root
      return "0::/\n";
    default: {
      // comm: the executable's name (an image entrypoint script execs the program it wraps)
      const argv = argvFor(c.image.catalog, c.config.command, c.config.args);
      const exe = baseName(argv[0] ?? "") === "docker-entrypoint.sh" && argv[1] ? argv[1] : (argv[0] ?? "");
      const name = proc === c.main ? baseName(exe) : "sh";
      return procStatus(pid, name.slice(0, 15), sec, Math.max(1, Math.round(proc.memoryBytes / 1024)));
    }
  }
}

const SNAPSHOTS = "/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots";
const PROC_RO = "ro,nosuid,nodev,noexec,relatime";
const DEV_TMPFS = "rw,nosuid,size=65536k,mode=755,inode64";

/**
 * /proc/mounts as runc sets a container up: the overlay rootfs (one lower dir per image layer, the
 * container's snapshot as upper), the kernel filesystems, the CRI mounts (volumes on the node's
 * disk, the projected token on a tmpfs), /dev/shm, and the masked /proc paths.
 */
export function procMounts(c: ContainerRec): string {
  const layers = c.image.layers.length;
  // containerd numbers snapshots as it creates them: the image's layers, then this container's
  const first = 1 + (Number.parseInt(c.image.id.replace(/^sha256:/, "").slice(0, 2), 16) % 40);
  const upper = first + layers + (Number.parseInt(c.id.slice(0, 2), 16) % 60);
  const lower = Array.from({ length: layers }, (_, i) => `${SNAPSHOTS}/${first + layers - 1 - i}/fs`).join(
    ":",
  );
  const lines = [
    `overlay / overlay rw,relatime,lowerdir=${lower},upperdir=${SNAPSHOTS}/${upper}/fs,workdir=${SNAPSHOTS}/${upper}/work 0 0`,
    "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0",
    `tmpfs /dev tmpfs ${DEV_TMPFS} 0 0`,
    "devpts /dev/pts devpts rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=666 0 0",
    "mqueue /dev/mqueue mqueue rw,nosuid,nodev,noexec,relatime 0 0",
    `sysfs /sys sysfs ${PROC_RO} 0 0`,
    `cgroup /sys/fs/cgroup cgroup2 ${PROC_RO},nsdelegate,memory_recursiveprot 0 0`,
  ];
  // containerd WithMounts: the CRI mounts, then the sandbox files it adds where the kubelet mounts
  // none (hostname, hosts, resolv.conf, shm), stably sorted by path depth so parents mount first
  const cri = (c.config.mounts ?? []).map((m) => {
    // Secret, projected and downward API volumes are memory-backed emptyDirs (tmpfs) on the node
    const tmpfs = /kubernetes\.io~(secret|projected|downward-api)\//.test(m.hostPath);
    const opts = `${m.readonly ? "ro" : "rw"},relatime`;
    return {
      path: m.containerPath,
      line: tmpfs
        ? `tmpfs ${m.containerPath} tmpfs ${opts},size=8032136k,inode64 0 0`
        : `/dev/sda1 ${m.containerPath} ext4 ${opts} 0 0`,
    };
  });
  const sandboxFiles = ["/etc/hostname", "/etc/hosts", "/etc/resolv.conf"]
    .filter((p) => !cri.some((m) => m.path === p))
    .map((p) => ({ path: p, line: `/dev/sda1 ${p} ext4 rw,relatime 0 0` }));
  const shm = {
    path: "/dev/shm",
    line: "shm /dev/shm tmpfs rw,nosuid,nodev,noexec,relatime,size=65536k,inode64 0 0",
  };
  const depth = (p: string) => p.replace(/\/+$/, "").split("/").length;
  const ordered = [...cri, ...sandboxFiles, shm]
    .map((m, i) => ({ ...m, i }))
    .sort((a, b) => depth(a.path) - depth(b.path) || a.i - b.i);
  for (const m of ordered) lines.push(m.line);
  for (const p of ["bus", "fs", "irq", "sys", "sysrq-trigger"])
    lines.push(`proc /proc/${p} proc ${PROC_RO} 0 0`);
  lines.push("tmpfs /proc/acpi tmpfs ro,relatime,inode64 0 0");
  for (const p of ["kcore", "keys", "timer_list"]) lines.push(`tmpfs /proc/${p} tmpfs ${DEV_TMPFS} 0 0`);
  lines.push(
    "tmpfs /proc/scsi tmpfs ro,relatime,inode64 0 0",
    "tmpfs /sys/firmware tmpfs ro,relatime,inode64 0 0",
  );
  return `${lines.join("\n")}\n`;
}

/** fs/proc/array.c: the lines of /proc/<pid>/status (memory and scheduler lines abridged). */
export function procStatus(pid: number, name: string, sec: ProcessSecurity, rssKb: number): string {
  const ids = (n: number) => `${n}\t${n}\t${n}\t${n}`;
  const lines = [
    `Name:\t${name}`,
    "Umask:\t0022",
    "State:\tS (sleeping)",
    `Tgid:\t${pid}`,
    "Ngid:\t0",
    `Pid:\t${pid}`,
    `PPid:\t${pid === 1 ? 0 : 1}`,
    "TracerPid:\t0",
    `Uid:\t${ids(sec.uid)}`,
    `Gid:\t${ids(sec.gid)}`,
    "FDSize:\t64",
    // the kernel prints each supplementary group followed by a space
    `Groups:\t${sec.groups.map((g) => `${g} `).join("")}`,
    `NStgid:\t${pid}`,
    `NSpid:\t${pid}`,
    `NSpgid:\t${pid}`,
    `NSsid:\t${pid}`,
    `VmRSS:\t${String(rssKb).padStart(8)} kB`,
    "Threads:\t1",
    "SigQ:\t0/31414",
    "SigPnd:\t0000000000000000",
    "ShdPnd:\t0000000000000000",
    "SigBlk:\t0000000000000000",
    "SigIgn:\t0000000000000000",
    "SigCgt:\t0000000000000000",
    "CapInh:\t0000000000000000",
    `CapPrm:\t${capHex(sec.capPrm)}`,
    `CapEff:\t${capHex(sec.capEff)}`,
    `CapBnd:\t${capHex(sec.capBnd)}`,
    "CapAmb:\t0000000000000000",
    `NoNewPrivs:\t${sec.noNewPrivs ? 1 : 0}`,
    `Seccomp:\t${sec.seccompMode}`,
    `Seccomp_filters:\t${sec.seccompMode === 2 ? 1 : 0}`,
    // a seccomp filter also forces the SSB mitigation on (SPEC_STORE_BYPASS_SECCOMP)
    `Speculation_Store_Bypass:\t${sec.seccompMode === 2 ? "thread force mitigated" : "thread vulnerable"}`,
    "SpeculationIndirectBranch:\tconditional enabled",
    "Cpus_allowed:\tf",
    "Cpus_allowed_list:\t0-3",
    "Mems_allowed:\t00000000,00000001",
    "Mems_allowed_list:\t0",
    "voluntary_ctxt_switches:\t12",
    "nonvoluntary_ctxt_switches:\t1",
  ];
  return `${lines.join("\n")}\n`;
}

/** oci.WithLinuxNamespace order as containerd builds it: pid, ipc, uts, mount, network, cgroup. */
export function specNamespaces(
  ns: NamespaceOption | undefined,
  sandboxPid: number,
): { type: string; path?: string }[] {
  const out: { type: string; path?: string }[] = [];
  if (ns?.pid === "POD") out.push({ type: "pid", path: `/proc/${sandboxPid}/ns/pid` });
  else if (ns?.pid !== "NODE") out.push({ type: "pid" });
  if (ns?.ipc !== "NODE") out.push({ type: "ipc", path: `/proc/${sandboxPid}/ns/ipc` });
  out.push({ type: "uts", path: `/proc/${sandboxPid}/ns/uts` });
  out.push({ type: "mount" });
  if (ns?.network !== "NODE") out.push({ type: "network", path: `/proc/${sandboxPid}/ns/net` });
  out.push({ type: "cgroup" });
  return out;
}

/**
 * containerd's getCgroupsPath: a parent ending in `.slice` (the kubelet's systemd driver) gives
 * `<last slice>:cri-containerd:<id>`, any other parent (cgroupfs) `<parent>/<id>`. The parent is the
 * pod cgroup the kubelet sent in the sandbox config.
 */
export function cgroupsPath(parent: string | undefined, id: string): string {
  const base = (parent ?? "").split("/").pop() ?? "";
  if (base.endsWith(".slice")) return `${base}:cri-containerd:${id}`;
  return parent ? `${parent.replace(/\/+$/, "")}/${id}` : id;
}

/** The security parts of info.runtimeSpec (`crictl inspect`), in containerd's field names. */
export function containerSpecView(
  config: ContainerConfig,
  sec: ProcessSecurity,
  sandboxPid: number,
  cgroupParent: string | undefined,
  id: string,
) {
  const caps = capNames(sec.capBnd);
  return {
    user: { uid: sec.uid, gid: sec.gid, additionalGids: sec.additionalGids },
    capabilities: { bounding: caps, effective: caps, permitted: caps },
    apparmorProfile: sec.apparmor === "unconfined" ? undefined : sec.apparmor.replace(/ \(enforce\)$/, ""),
    noNewPrivileges: sec.noNewPrivs || undefined,
    root: { path: "rootfs", readonly: sec.readonlyRootfs || undefined },
    cgroupsPath: cgroupsPath(cgroupParent, id),
    namespaces: specNamespaces(config.linux?.securityContext?.namespaceOptions, sandboxPid),
    seccomp:
      sec.seccompMode === 2
        ? {
            defaultAction: "SCMP_ACT_ERRNO",
            defaultErrnoRet: 1,
            architectures: ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
          }
        : undefined,
  };
}
