// The node's kernel as admin tools see it: sysctl parameters under /proc/sys, loaded modules in
// /proc/modules (lsmod, modprobe), and the filesystem each path lives on (stat -f). A kubeadm node
// set up by the docs' container-runtimes page: IPv4 forwarding on (/etc/sysctl.d/k8s.conf),
// overlay loaded by containerd.service's ExecStartPre, br_netfilter for the bridge CNI plugin.
import type { FileProvider } from "./fs";

export const KERNEL_RELEASE = "6.1.0-28-amd64";

/** What the kernel (6.1), systemd's 50-pid-max.conf, Debian's protect-links.conf, kube-proxy and the kubelet leave set. */
const DEFAULT_SYSCTLS: [string, string][] = [
  ["fs.file-max", "9223372036854775807"],
  ["fs.inotify.max_user_instances", "128"],
  ["fs.inotify.max_user_watches", "61905"],
  ["fs.protected_fifos", "1"],
  ["fs.protected_hardlinks", "1"],
  ["fs.protected_regular", "2"],
  ["fs.protected_symlinks", "1"],
  // kubelet setupKernelTunables (protectKernelDefaults false): panic, panic_on_oops, keys
  ["kernel.keys.root_maxbytes", "25000000"],
  ["kernel.keys.root_maxkeys", "1000000"],
  ["kernel.osrelease", KERNEL_RELEASE],
  ["kernel.ostype", "Linux"],
  ["kernel.panic", "10"],
  ["kernel.panic_on_oops", "1"],
  ["kernel.pid_max", "4194304"],
  ["net.bridge.bridge-nf-call-arptables", "1"],
  ["net.bridge.bridge-nf-call-ip6tables", "1"],
  ["net.bridge.bridge-nf-call-iptables", "1"],
  ["net.core.somaxconn", "4096"],
  // kube-proxy (iptables mode) lets NodePorts answer on 127.0.0.1
  ["net.ipv4.conf.all.route_localnet", "1"],
  ["net.ipv4.ip_forward", "1"],
  ["net.ipv4.ip_local_port_range", "32768\t60999"],
  ["net.ipv6.conf.all.forwarding", "0"],
  // kube-proxy conntrack: max(32768 × CPUs, 131072); established 24h, close-wait 1h
  ["net.netfilter.nf_conntrack_max", "131072"],
  ["net.netfilter.nf_conntrack_tcp_timeout_close_wait", "3600"],
  ["net.netfilter.nf_conntrack_tcp_timeout_established", "86400"],
  ["vm.overcommit_memory", "1"],
  ["vm.panic_on_oom", "0"],
  ["vm.swappiness", "60"],
];

interface ModuleSpec {
  size: number;
  /** Modules this one needs (modprobe loads them first; they list this one under "Used by"). */
  deps?: string[];
}

/** Modules in /lib/modules/6.1.0-28-amd64 the simulator knows (sizes as lsmod prints them on 6.1). */
const MODULES: Record<string, ModuleSpec> = {
  x_tables: { size: 53248 },
  ip_tables: { size: 32768, deps: ["x_tables"] },
  iptable_filter: { size: 16384, deps: ["ip_tables"] },
  iptable_nat: { size: 16384, deps: ["ip_tables", "nf_nat"] },
  nf_defrag_ipv4: { size: 16384 },
  nf_defrag_ipv6: { size: 24576 },
  nf_conntrack: { size: 176128, deps: ["nf_defrag_ipv4", "nf_defrag_ipv6"] },
  nf_nat: { size: 57344, deps: ["nf_conntrack"] },
  xt_conntrack: { size: 16384, deps: ["nf_conntrack", "x_tables"] },
  xt_MASQUERADE: { size: 16384, deps: ["nf_nat", "x_tables"] },
  xt_addrtype: { size: 16384, deps: ["x_tables"] },
  xt_comment: { size: 16384, deps: ["x_tables"] },
  xt_mark: { size: 16384, deps: ["x_tables"] },
  overlay: { size: 163840 },
  llc: { size: 16384 },
  stp: { size: 16384, deps: ["llc"] },
  bridge: { size: 311296, deps: ["stp", "llc"] },
  br_netfilter: { size: 32768, deps: ["bridge"] },
  veth: { size: 36864 },
  ip_vs: { size: 188416, deps: ["nf_conntrack", "nf_defrag_ipv6"] },
  ip_vs_rr: { size: 16384, deps: ["ip_vs"] },
  ip_vs_wrr: { size: 16384, deps: ["ip_vs"] },
  ip_vs_sh: { size: 16384, deps: ["ip_vs"] },
  nf_tables: { size: 266240 },
  vxlan: { size: 98304 },
};

/** Loaded at boot, oldest first: netfilter for kube-proxy, overlay for containerd, the bridge for the CNI. */
const BOOT_MODULES = [
  "ip_tables",
  "iptable_filter",
  "iptable_nat",
  "xt_conntrack",
  "xt_MASQUERADE",
  "xt_addrtype",
  "xt_comment",
  "xt_mark",
  "overlay",
  "br_netfilter",
  "veth",
];

/** sysctl keys that exist only while a module is loaded (net.bridge.* comes with br_netfilter). */
const KEY_OWNER: [string, string][] = [
  ["net.bridge.", "br_netfilter"],
  ["net.netfilter.", "nf_conntrack"],
];

export class NodeKernel {
  private sysctls = new Map<string, string>(DEFAULT_SYSCTLS);
  /** Loaded modules, oldest first. */
  private loaded: string[] = [];

  constructor(hostname: string) {
    this.sysctls.set("kernel.hostname", hostname);
    for (const m of BOOT_MODULES) this.load(m);
  }

  /** modprobe: load a module and what it needs; false for a module /lib/modules does not have. */
  load(name: string): boolean {
    const spec = MODULES[name.replace(/-/g, "_")];
    if (!spec) return false;
    const key = name.replace(/-/g, "_");
    if (this.loaded.includes(key)) return true;
    for (const d of spec.deps ?? []) this.load(d);
    this.loaded.push(key);
    return true;
  }

  /** modprobe -r: unload a module no other needs (then the dependencies nothing else uses); an error text otherwise. */
  unload(name: string): string | undefined {
    const key = name.replace(/-/g, "_");
    if (!MODULES[key]) return `modprobe: FATAL: Module ${name} not found.`;
    if (!this.loaded.includes(key)) return undefined;
    const users = this.holders(key);
    if (users.length > 0) return `modprobe: FATAL: Module ${key} is in use.`;
    this.loaded = this.loaded.filter((m) => m !== key);
    for (const d of MODULES[key].deps ?? []) if (this.holders(d).length === 0) this.unload(d);
    return undefined;
  }

  isLoaded(name: string): boolean {
    return this.loaded.includes(name.replace(/-/g, "_"));
  }

  known(name: string): boolean {
    return MODULES[name.replace(/-/g, "_")] !== undefined;
  }

  /** The loaded modules that need `name`. */
  holders(name: string): string[] {
    return this.loaded.filter((m) => MODULES[m].deps?.includes(name)).sort();
  }

  /** /proc/modules: newest first, `name size refcount users, Live address`. */
  procModules(): string {
    return [...this.loaded]
      .reverse()
      .map((m) => {
        const users = this.holders(m);
        const deps = users.length > 0 ? users.map((u) => `${u},`).join("") : "-";
        return `${m} ${MODULES[m].size} ${users.length} ${deps} Live 0x0000000000000000\n`;
      })
      .join("");
  }

  private present(key: string): boolean {
    if (!this.sysctls.has(key)) return false;
    const owner = KEY_OWNER.find(([prefix]) => key.startsWith(prefix));
    return !owner || this.isLoaded(owner[1]);
  }

  /** A parameter's value as /proc/sys prints it (without the newline); undefined when it does not exist. */
  get(key: string): string | undefined {
    return this.present(key) ? this.sysctls.get(key) : undefined;
  }

  /** Write a parameter; false when /proc/sys has no such file. */
  set(key: string, value: string): boolean {
    if (!this.present(key)) return false;
    this.sysctls.set(key, value);
    return true;
  }

  keys(): string[] {
    return [...this.sysctls.keys()].filter((k) => this.present(k)).sort();
  }
}

/** `net.ipv4.ip_forward` ⇄ `/proc/sys/net/ipv4/ip_forward` (sysctl.d(5): `/` may stand for `.`). */
export function sysctlPath(key: string): string {
  return `/proc/sys/${key.replace(/\./g, "/")}`;
}

/** /proc/sys/** and /proc/modules over the kernel's state (a pseudo filesystem: not in find/grep -r). */
export function kernelProcFiles(kernel: NodeKernel): FileProvider {
  const keyOf = (path: string) => (path.startsWith("/proc/sys/") ? path.slice(10).replace(/\//g, ".") : "");
  return {
    pseudo: true,
    list: () => [...kernel.keys().map(sysctlPath), "/proc/modules"],
    read(path) {
      if (path === "/proc/modules") return kernel.procModules();
      const v = kernel.get(keyOf(path));
      return v === undefined ? undefined : `${v}\n`;
    },
  };
}

/** Two providers over one prefix: the first that has a path answers. */
export function overlayProviders(a: FileProvider, b: FileProvider): FileProvider {
  return {
    pseudo: a.pseudo && b.pseudo,
    list: () => [...a.list(), ...b.list()],
    read: (p) => a.read(p) ?? b.read(p),
    link: (p) => a.link?.(p) ?? b.link?.(p),
    attrs: (p) => a.attrs?.(p) ?? b.attrs?.(p),
  };
}

/**
 * The filesystem type GNU `stat -f -c %T` names for a path: cgroup v2 at /sys/fs/cgroup (Debian 12
 * mounts only the unified hierarchy), proc, sysfs, tmpfs under /run and /dev/shm, devtmpfs at /dev,
 * and the root's ext4, which stat reports by its shared magic as "ext2/ext3".
 */
export function fsTypeOf(path: string, tmpfs: boolean): { name: string; magic: string } {
  const under = (p: string) => path === p || path.startsWith(`${p}/`);
  if (under("/sys/fs/cgroup")) return { name: "cgroup2fs", magic: "63677270" };
  if (under("/proc")) return { name: "proc", magic: "9fa0" };
  if (under("/sys")) return { name: "sysfs", magic: "62656572" };
  if (under("/dev/shm") || under("/run") || tmpfs) return { name: "tmpfs", magic: "1021994" };
  if (under("/dev")) return { name: "tmpfs", magic: "1021994" };
  return { name: "ext2/ext3", magic: "ef53" };
}
