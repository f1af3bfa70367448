// The applets that show a container's identity and confinement: id, whoami, unshare, ip link, and
// the file writes a read-only rootfs or a non-root user refuses — busybox's and GNU's wording.
import { appArmorDeniesWrite } from "../apparmor";
import { hasCap, parseGroup, parsePasswd, seccompBlocksNamespaceSyscalls } from "../security";
import { EACCES } from "./containerFs";
import type { Gen, Shell, ShellIo } from "./shell";
import type { ProcessContext } from "./types";

/** Why this process may not create or change `path` (EROFS / EACCES), if it may not. */
export function writeDenied(ctx: ProcessContext, path: string): string | undefined {
  const why = ctx.fs.writeError(path, ctx.security.uid);
  if (why) return why;
  // the LSM hook runs after the mount and DAC checks: AppArmor's `deny /** w,` answers EACCES
  const deny = ctx.security.apparmorDenyWrite;
  if (deny && appArmorDeniesWrite({ mode: "enforce", denyWrite: deny }, path)) return EACCES;
  return undefined;
}

function names(ctx: ProcessContext) {
  const users = parsePasswd(ctx.fs.read("/etc/passwd"));
  const groups = parseGroup(ctx.fs.read("/etc/group"));
  return {
    user: (uid: number) => users.find((u) => u.uid === uid)?.name,
    group: (gid: number) => groups.find((g) => g.gid === gid)?.name,
  };
}

/**
 * id: busybox lists getgroups() as the kernel keeps it (sorted); coreutils prints the primary group
 * first, then the others. Names come from the image's /etc/passwd and /etc/group.
 */
export function id(ctx: ProcessContext, args: string[], io: ShellIo): number {
  const { uid, gid, groups } = ctx.security;
  const n = names(ctx);
  const label = (v: number, name: string | undefined) => (name ? `${v}(${name})` : `${v}`);
  const flags = args.filter((a) => a.startsWith("-")).join("");
  const byName = flags.includes("n");
  const one = (v: number, name: string | undefined) => (byName ? (name ?? `${v}`) : `${v}`);
  const ordered = ctx.busybox ? groups : [gid, ...groups.filter((g) => g !== gid)];
  if (flags.includes("u")) io.out(`${one(uid, n.user(uid))}\n`);
  else if (flags.includes("G")) io.out(`${ordered.map((g) => one(g, n.group(g))).join(" ")}\n`);
  else if (flags.includes("g")) io.out(`${one(gid, n.group(gid))}\n`);
  else
    io.out(
      `uid=${label(uid, n.user(uid))} gid=${label(gid, n.group(gid))} groups=${ordered.map((g) => label(g, n.group(g))).join(",")}\n`,
    );
  return 0;
}

export function whoami(ctx: ProcessContext, io: ShellIo): number {
  const uid = ctx.security.uid;
  const name = names(ctx).user(uid);
  if (name) {
    io.out(`${name}\n`);
    return 0;
  }
  io.err(ctx.busybox ? `whoami: unknown uid ${uid}\n` : `whoami: cannot find name for user ID ${uid}\n`);
  return 1;
}

/** clone(2) flags by unshare's options. */
const CLONE: Record<string, number> = {
  m: 0x00020000, // CLONE_NEWNS
  u: 0x04000000, // CLONE_NEWUTS
  i: 0x08000000, // CLONE_NEWIPC
  n: 0x40000000, // CLONE_NEWNET
  p: 0x20000000, // CLONE_NEWPID
  U: 0x10000000, // CLONE_NEWUSER
  C: 0x02000000, // CLONE_NEWCGROUP
  r: 0x10000000, // --map-root-user implies a user namespace
};
const LONG: Record<string, string> = {
  "--mount": "m",
  "--uts": "u",
  "--ipc": "i",
  "--net": "n",
  "--pid": "p",
  "--user": "U",
  "--cgroup": "C",
  "--map-root-user": "r",
};

/**
 * unshare: the syscall is what seccomp's RuntimeDefault profile refuses (without CAP_SYS_ADMIN); an
 * unconfined process may still create a user namespace, but other namespaces need CAP_SYS_ADMIN.
 */
export function* unshare(
  sh: Shell,
  args: string[],
  io: ShellIo,
  run: (argv: string[]) => Gen<number>,
): Gen<number> {
  const ctx = sh.ctx;
  let flags = 0;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      i++;
      break;
    }
    if (!a.startsWith("-") || a === "-") break;
    const letters = a.startsWith("--") ? (LONG[a] ?? (a === "--fork" ? "f" : "?")) : a.slice(1);
    for (const ch of letters) {
      if (ch === "f") continue;
      if (!(ch in CLONE)) {
        io.err(`unshare: unrecognized option '${a}'\n`);
        return 1;
      }
      flags |= CLONE[ch];
    }
  }
  const sec = ctx.security;
  const userns = (flags & CLONE.U) !== 0;
  const denied =
    flags !== 0 &&
    (seccompBlocksNamespaceSyscalls(sec) ||
      ((flags & ~CLONE.U) !== 0 && !userns && !hasCap(sec, "SYS_ADMIN")));
  if (denied) {
    io.err(
      ctx.busybox
        ? `unshare: unshare(0x${flags.toString(16)}): Operation not permitted\n`
        : "unshare: unshare failed: Operation not permitted\n",
    );
    return 1;
  }
  // then it execs the program (or $SHELL, which exits at once without a terminal)
  const rest = args.slice(i);
  if (rest.length === 0) return 0;
  return yield* run(rest);
}

/** Deterministic locally administered MAC for the pod's eth0, from its IP. */
function macOf(ip: string): string {
  const o = ip.split(".").map((x) => Number(x) || 0);
  return ["0a", "58", ...o.map((x) => x.toString(16).padStart(2, "0"))].join(":");
}

const LINKS_DIR = "/sys/class/net";

/** busybox `ip link [show] | add NAME type T | delete NAME`, `ip addr`: creating links needs CAP_NET_ADMIN. */
export function ip(ctx: ProcessContext, args: string[], io: ShellIo): number {
  const [obj, verb = "show", ...rest] = args;
  const isLink = obj !== undefined && obj.length > 0 && "link".startsWith(obj);
  const isAddr = obj !== undefined && obj.length > 0 && "address".startsWith(obj);
  if (!isLink && !isAddr) {
    io.err(
      obj === undefined
        ? "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n"
        : `ip: invalid argument '${obj}' to 'ip'\n`,
    );
    return 1;
  }
  if (isLink && (verb === "add" || verb === "delete" || verb === "del")) {
    const name = rest[0] === "name" || rest[0] === "dev" ? rest[1] : rest[0];
    if (!name) {
      io.err('ip: "dev" requires an argument\n');
      return 1;
    }
    // rtnl_talk: NLMSG_ERROR -EPERM without CAP_NET_ADMIN in the pod's network namespace
    if (!hasCap(ctx.security, "NET_ADMIN")) {
      io.err("ip: RTNETLINK answers: Operation not permitted\n");
      return 2;
    }
    const path = `${LINKS_DIR}/${name}/operstate`;
    if (verb === "add") {
      if (ctx.fs.isFile(path) || name === "lo" || name === "eth0") {
        io.err("ip: RTNETLINK answers: File exists\n");
        return 2;
      }
      ctx.fs.write(path, "down\n");
    } else if (!ctx.fs.remove(`${LINKS_DIR}/${name}`, true)) {
      io.err(`ip: can't find device '${name}'\n`);
      return 1;
    }
    return 0;
  }
  const ipTail = ctx.podIp.split(".").pop() ?? "1";
  const brd = ctx.podIp.replace(/\.\d+$/, ".255");
  const lft = "       valid_lft forever preferred_lft forever\n";
  io.out(
    "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n",
  );
  if (isAddr) io.out(`    inet 127.0.0.1/8 scope host lo\n${lft}`);
  io.out(
    `2: eth0@if${ipTail}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue \n    link/ether ${macOf(ctx.podIp)} brd ff:ff:ff:ff:ff:ff\n`,
  );
  if (isAddr) io.out(`    inet ${ctx.podIp}/24 brd ${brd} scope global eth0\n${lft}`);
  let n = 3;
  for (const name of ctx.fs.list(LINKS_DIR)) {
    io.out(
      `${n}: ${name}: <BROADCAST,NOARP> mtu 1500 qdisc noop qlen 1000\n    link/ether ${macOf(`10.0.0.${n}`)} brd ff:ff:ff:ff:ff:ff\n`,
    );
    n++;
  }
  return 0;
}

/** touch/mkdir/rm/redirection refused: the applet's own words for EROFS or EACCES. */
export function writeErrorText(
  ctx: ProcessContext,
  tool: "touch" | "mkdir" | "rm" | "create",
  f: string,
  why: string,
): string {
  const bb = ctx.busybox;
  switch (tool) {
    case "touch":
      return bb ? `touch: ${f}: ${why}\n` : `touch: cannot touch '${f}': ${why}\n`;
    case "mkdir":
      return bb
        ? `mkdir: can't create directory '${f}': ${why}\n`
        : `mkdir: cannot create directory '${f}': ${why}\n`;
    case "rm":
      return bb ? `rm: can't remove '${f}': ${why}\n` : `rm: cannot remove '${f}': ${why}\n`;
    case "create":
      return bb ? `sh: can't create ${f}: ${why}\n` : `sh: 1: cannot create ${f}: ${why}\n`;
  }
}
