// What `ps` inside a container lists (procfs: /proc/<pid>/cmdline and the owner of each process):
// the command lines as the programs leave them — a shell's `-c` with one simple command has exec'd it,
// an image entrypoint has exec'd "$@", nginx retitles itself "nginx: master process …" and forks its
// workers (as the `user` of nginx.conf) — and, with a pod-wide PID namespace (shareProcessNamespace),
// the pause process as PID 1 and the processes of every container of the pod.
import type { ContainerRec } from "./containerOps";
import type { Proc } from "./process";
import { argvFor, baseName } from "./programs/programs";
import { parsePasswd } from "./security";

export interface PsEntry {
  pid: number;
  user: string;
  command: string;
}

/** How far apart the containers' PIDs lie in a pod-wide PID namespace (pause is PID 1). */
const SHARED_PID_STRIDE = 40;

/**
 * ps for the viewer container over the processes of its PID namespace (`entries`), or — with a
 * pod-wide PID namespace (`pod` = the pod's containers in creation order) — pause and every
 * container's processes. Users are named from the viewer's /etc/passwd, as ps resolves them.
 */
export function psRows(
  entries: { proc: Proc; owner: ContainerRec }[],
  viewer: ContainerRec,
  pod: ContainerRec[] | undefined,
  child?: { pid: number; command: string },
): PsEntry[] {
  const names = parsePasswd(viewer.fs.read("/etc/passwd"));
  const label = (uid: number) => names.find((u) => u.uid === uid)?.name ?? String(uid);
  const out: PsEntry[] = [];
  if (!pod) {
    for (const { proc, owner } of entries) out.push(...rowsOf(owner, proc, label, (pid) => pid));
    // a shell's `ps` is its forked child: ps lists itself too
    if (child) out.push({ pid: child.pid, user: label(viewer.security.uid), command: child.command });
    // ps walks /proc, whose PID directories list in ascending order.
    return out.sort((a, b) => a.pid - b.pid);
  }
  out.push({ pid: 1, user: label(0), command: "/pause" });
  pod.forEach((c, i) => {
    const pidOf = (pid: number) => 6 + i * SHARED_PID_STRIDE + pid;
    for (const p of [c.main, ...c.execs]) if (p && !p.exited) out.push(...rowsOf(c, p, label, pidOf));
    if (child && c === viewer)
      out.push({ pid: pidOf(child.pid), user: label(viewer.security.uid), command: child.command });
  });
  return out.sort((a, b) => a.pid - b.pid);
}

/**
 * What a PID names in the pod-wide PID namespace: pause (PID 1, no container), a container's
 * process, or one of the nginx workers it forked (no Proc of its own) — for kill(2) and /proc/<pid>.
 */
export function podProcessAt(
  pod: ContainerRec[],
  pid: number,
): { owner?: ContainerRec; proc?: Proc } | undefined {
  if (pid === 1) return {};
  for (const [i, c] of pod.entries()) {
    const pidOf = (p: number) => 6 + i * SHARED_PID_STRIDE + p;
    for (const p of [c.main, ...c.execs]) {
      if (!p || p.exited) continue;
      if (pidOf(p.pid) === pid) return { owner: c, proc: p };
      if (p === c.main && nginxWorkers(c, p)?.some((w) => pidOf(w) === pid)) return { owner: c };
    }
  }
  return undefined;
}

/** The PIDs of the workers an nginx master forked (after each reload, new ones); undefined for other programs. */
function nginxWorkers(c: ContainerRec, p: Proc): number[] | undefined {
  const argv = collapse(argvFor(c.image.catalog, c.config.command, c.config.args));
  if (baseName(argv[0] ?? "") !== "nginx") return undefined;
  return p.workerPids ?? [p.pid + 28, p.pid + 29];
}

function rowsOf(
  c: ContainerRec,
  p: Proc,
  label: (uid: number) => string,
  pidOf: (pid: number) => number,
): PsEntry[] {
  const uid = c.security.uid;
  if (p !== c.main) {
    const line = c.execCommands.get(p) ?? "sh";
    // `sh -c 'ps ax'` (joined as "sh -c ps ax"): the shell exec'd its one command
    const sh = /^(?:\S*\/)?(?:sh|ash|bash|dash) -c (.+)$/.exec(line);
    const cmd = sh && isSimple(sh[1]) ? sh[1].replace(/^exec\s+/, "") : line;
    return [{ pid: pidOf(p.pid), user: label(uid), command: cmd }];
  }
  const argv = collapse(argvFor(c.image.catalog, c.config.command, c.config.args));
  const workers = nginxWorkers(c, p);
  if (workers) {
    // worker_processes auto on the node's 2 CPUs; a root master runs them as `user nginx` (101)
    const conf = c.fs.read("/etc/nginx/nginx.conf") ?? "";
    const workerUid = uid === 0 && /^\s*user\s+nginx;/m.test(conf) ? 101 : uid;
    return [
      { pid: pidOf(p.pid), user: label(uid), command: `nginx: master process ${argv.join(" ")}` },
      ...workers.map((w) => ({
        pid: pidOf(w),
        user: label(workerUid),
        command: "nginx: worker process",
      })),
    ];
  }
  if (argv.length === 1 && baseName(argv[0]) === "redis-server") {
    // redis retitles itself; its entrypoint dropped root with `gosu redis` first
    const viaEntrypoint = uid === 0 && !c.config.command?.length;
    return [{ pid: pidOf(p.pid), user: label(viaEntrypoint ? 999 : uid), command: "redis-server *:6379" }];
  }
  return [{ pid: pidOf(p.pid), user: label(uid), command: argv.join(" ") }];
}

const SHELLS = new Set(["sh", "ash", "bash", "dash"]);

/** One simple command: no lists, pipes, substitutions or compound commands. */
function isSimple(script: string): boolean {
  return /^[A-Za-z0-9_./:=@%+,'" -]+$/.test(script.trim()) && !/\b(while|for|until|if|case)\b/.test(script);
}

/** The command line after the execs a shell `-c` or an image entrypoint performs. */
function collapse(argv: string[]): string[] {
  const b = baseName(argv[0] ?? "");
  // docker-entrypoint.sh (nginx, redis, postgres…) ends with exec "$@"
  if (b === "docker-entrypoint.sh" && argv.length > 1) return collapse(argv.slice(1));
  // ash/dash/bash exec the command of a -c script that is one simple command
  if (SHELLS.has(b) && argv[1] === "-c" && argv[2] !== undefined && isSimple(argv[2]))
    return collapse(
      argv[2]
        .trim()
        .replace(/^exec\s+/, "")
        .split(/\s+/)
        .map((w) => w.replace(/^(['"])(.*)\1$/, "$2")),
    );
  return argv;
}
