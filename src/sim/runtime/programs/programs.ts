// The program model: which binary an argv runs in an image, and how the well-known images behave
// (their real startup log lines, ports, memory, signals). Docker rules for argv live in argvFor().
import { rfc3339NanoFixed } from "../../clock/time";
import type { CatalogImage, ProgramKind } from "../../registry/catalog";
import { DOCS_APP_BINARIES, DOCS_BUSYBOX_KINDS, docsAppRun, docsExtraBinaries } from "./docsApps";
import { fluentd } from "./fluentd";
import { interactiveShell } from "./interactive";
import { perl } from "./perl";
import { redisCli } from "./redisCli";
import {
  agnhost,
  etcd,
  helloApp,
  httpd,
  httpEcho,
  mysql,
  nginx,
  nginxSignal,
  postgres,
  redis,
  webapp,
} from "./servers";
import { type ProgramLookup, Shell } from "./shell";
import { parseSleep } from "./shellCommands";
import type { ProcessContext, ProgramTask } from "./types";

const MiB = 1024 * 1024;
const BUSYBOX_APPLETS = [
  "sh",
  "ash",
  "cat",
  "ls",
  "sleep",
  "touch",
  "rm",
  "mkdir",
  "chmod",
  "chown",
  "stat",
  "date",
  "env",
  "printenv",
  "hostname",
  "id",
  "whoami",
  "uname",
  "dmesg",
  "ps",
  "top",
  "tail",
  "head",
  "tee",
  "grep",
  "wc",
  "wget",
  "nslookup",
  "kill",
  "unshare",
  "ip",
  "test",
  "[",
  "echo",
  "pwd",
  "true",
  "false",
];
const GNU_TOOLS = [
  "sh",
  "apt-get",
  "apt",
  "dash",
  "bash",
  "cat",
  "ls",
  "sleep",
  "touch",
  "rm",
  "mkdir",
  "chmod",
  "chown",
  "stat",
  "date",
  "env",
  "printenv",
  "hostname",
  "id",
  "whoami",
  "uname",
  "dmesg",
  "tail",
  "head",
  "tee",
  "grep",
  "wc",
  "kill",
  "unshare",
  "test",
  "[",
  "echo",
  "pwd",
  "true",
  "false",
];

/** Binaries an image ships, by program kind (busybox userland for alpine-based images). */
const binariesCache = new WeakMap<CatalogImage, ReadonlySet<string>>();

/** The executables on an image's PATH (computed once per catalog image: every exec looks them up). */
export function binariesOf(img: CatalogImage): ReadonlySet<string> {
  let bins = binariesCache.get(img);
  if (!bins) {
    bins = computeBinaries(img);
    binariesCache.set(img, bins);
  }
  return bins;
}

function computeBinaries(img: CatalogImage): Set<string> {
  const busybox = isBusyboxUserland(img);
  const own: Record<ProgramKind, string[]> = {
    nginx: ["nginx", "docker-entrypoint.sh", "curl"],
    busybox: [],
    alpine: [],
    redis: ["redis-server", "redis-cli", "docker-entrypoint.sh"],
    postgres: ["postgres", "psql", "docker-entrypoint.sh"],
    mysql: ["mysqld", "mysql", "docker-entrypoint.sh"],
    python: ["python", "python3", "pip"],
    node: ["node", "npm", "docker-entrypoint.sh"],
    httpd: ["httpd", "httpd-foreground"],
    stress: ["stress"],
    pause: [],
    // test/images/agnhost/Dockerfile: apk add bind-tools curl netcat-openbsd iproute2 iperf bash
    agnhost: ["agnhost", "curl", "bash"],
    webapp: ["app", "myapp", "podinfo", "goproxy", "hello-app"],
    debian: ["bash"],
    etcd: [],
    // the perl images: FROM buildpack-deps (Debian with bash), perl and its versioned name on PATH
    perl: ["bash", "perl", `perl${img.version}`, "cpan", "perldoc"],
    "http-echo": [],
    fluentd: ["bash", "fluentd", "ruby", "gem", "entrypoint.sh"],
    ...DOCS_APP_BINARIES,
  };
  if (img.program === "pause") return new Set(["pause"]);
  // distroless: the binaries and nothing else (no shell)
  if (img.program === "etcd") return new Set(["etcd", "etcdctl", "etcdutl"]);
  if (img.program === "http-echo") return new Set(["http-echo"]);
  // the bash image: bash (and its exec "$@" entrypoint) on alpine
  if (img.repository === "docker.io/library/bash") own.alpine = ["bash", "docker-entrypoint.sh"];
  // Alpine-based images have apk; the plain busybox image has no package manager
  const apk = img.program === "alpine" || img.tags.some((t) => t.includes("alpine")) ? ["apk"] : [];
  // dnsutils / bind-tools: BIND's nslookup takes the place of busybox's applet
  const bind = img.bind ? ["dig", "host", "nslookup"] : [];
  const extra = [...bind, ...docsExtraBinaries(img)];
  return new Set([...(busybox ? BUSYBOX_APPLETS : GNU_TOOLS), ...own[img.program], ...apk, ...extra]);
}

export function isBusyboxUserland(img: CatalogImage): boolean {
  return (
    ["busybox", "alpine", "stress", "agnhost", "webapp", ...DOCS_BUSYBOX_KINDS].includes(img.program) ||
    img.tags.some((t) => t.includes("alpine"))
  );
}

/** Docker/CRI rule: command replaces ENTRYPOINT (and drops CMD); args replace CMD. */
export function argvFor(img: CatalogImage, command?: string[], args?: string[]): string[] {
  if (command && command.length > 0) return [...command, ...(args ?? [])];
  return [...(img.config.entrypoint ?? []), ...(args && args.length > 0 ? args : (img.config.cmd ?? []))];
}

export function baseName(p: string): string {
  return p.includes("/") ? p.slice(p.lastIndexOf("/") + 1) : p;
}

/** What exec would say when argv[0] is missing: runc's `exec: "foo": executable file not found in $PATH`. */
export function execLookupError(argv: string[], bins: ReadonlySet<string>): string | undefined {
  const name = argv[0];
  if (name === undefined) return "exec: no command";
  if (bins.has(baseName(name))) return undefined;
  if (name.startsWith("/") || name.startsWith("./"))
    return `exec: "${name}": stat ${name}: no such file or directory`;
  return `exec: "${name}": executable file not found in $PATH`;
}

/** The program an argv starts (assumes execLookupError passed). */
export function programFor(argv: string[]): (ctx: ProcessContext) => ProgramTask {
  return (ctx) => run(ctx, argv);
}

const lookup: ProgramLookup = (argv) => {
  const b = baseName(argv[0]);
  if (
    [
      "nginx",
      "redis-server",
      "redis-cli",
      "postgres",
      "mysqld",
      "httpd",
      "httpd-foreground",
      "python",
      "python3",
      "node",
      "stress",
      "pause",
      "agnhost",
      "app",
      "myapp",
      "podinfo",
      "hello-app",
      "docker-entrypoint.sh",
      "etcd",
      "http-echo",
      "top",
      "perl",
      "fluentd",
      "entrypoint.sh",
    ].includes(b) ||
    /^perl5\.\d+\.\d+$/.test(b)
  )
    return (ctx) => run(ctx, argv);
  return undefined;
};

function* run(ctx: ProcessContext, argv: string[]): ProgramTask {
  const b = baseName(argv[0]);
  const args = argv.slice(1);
  // the docs' sample apps (node server.js, agnhost netexec, serve_hostname, echoserver, php-apache)
  const app = docsAppRun(ctx, b, args);
  if (app) return yield* app;
  switch (b) {
    case "docker-entrypoint.sh": {
      if (ctx.kind === "nginx") return yield* nginx(ctx, true);
      // redis's entrypoint: a first argument that is a flag or a *.conf file runs redis-server with it
      if (ctx.kind === "redis" && args.length > 0 && (args[0].startsWith("-") || args[0].endsWith(".conf")))
        return yield* redis(ctx, args);
      // the entrypoints exec "$@" once set up
      if (args.length === 0) return 0;
      return yield* run(ctx, args);
    }
    case "nginx":
      if (args[0] === "-s") return yield* nginxSignal(ctx, args[1]);
      return yield* nginx(ctx, false);
    case "redis-server":
      return yield* redis(ctx, args);
    case "redis-cli":
      return yield* redisCli(ctx, args);
    case "postgres":
      return yield* postgres(ctx);
    case "mysqld":
      return yield* mysql(ctx);
    case "httpd":
    case "httpd-foreground":
      return yield* httpd(ctx);
    case "agnhost":
      return yield* agnhost(ctx, args);
    case "app":
    case "myapp":
    case "podinfo":
    case "goproxy":
      return yield* webapp(ctx);
    case "hello-app":
      return yield* helloApp(ctx);
    case "etcd":
      return yield* etcd(ctx, args);
    case "http-echo":
      return yield* httpEcho(ctx, args);
    case "fluentd":
      return yield* fluentd(ctx);
    case "entrypoint.sh":
      // the fluentd-elasticsearch image: `exec /usr/local/bin/fluentd $FLUENTD_ARGS`
      if (ctx.kind === "fluentd") return yield* fluentd(ctx);
      return args.length === 0 ? 0 : yield* run(ctx, args);
    case "pause": {
      ctx.setMemory(240 * 1024);
      // pause.c: sigdown() on SIGINT/SIGTERM — psignal(…, "Shutting down, got signal"), exit(0)
      const sigdown = (name: string) => () => {
        ctx.stderr(`Shutting down, got signal: ${name}\n`);
        ctx.exit(0);
      };
      ctx.trap("SIGINT", sigdown("Interrupt"));
      ctx.trap("SIGTERM", sigdown("Terminated"));
      yield { kind: "forever" };
      return 0;
    }
    case "stress":
      return yield* stress(ctx, args);
    case "top":
      return yield* busyboxTop(ctx);
    case "perl":
      return yield* perl(ctx, args);
    case "python":
    case "python3":
      return yield* interpreter(ctx, args, "-c", 9 * MiB);
    case "node":
      return yield* interpreter(ctx, args, "-e", 42 * MiB);
    case "sleep": {
      // PID 1 `sleep` has no SIGTERM handler: the kernel ignores the signal, so StopContainer ends in SIGKILL (137)
      ctx.setMemory(200 * 1024);
      const ms = parseSleep(args);
      if (ms === undefined) {
        ctx.stderr(
          ctx.busybox
            ? `sleep: invalid number '${args[0] ?? ""}'\n`
            : `sleep: invalid time interval '${args[0] ?? ""}'\n`,
        );
        return 1;
      }
      yield ms === Number.POSITIVE_INFINITY ? { kind: "forever" } : { kind: "sleep", ms };
      return 0;
    }
    default: {
      // perl5.34.0: the images' CMD names the versioned binary
      if (/^perl5\.\d+\.\d+$/.test(b)) return yield* perl(ctx, args);
      // sh -c …, and any applet run directly (echo, cat, wget…) goes through the shell's commands
      ctx.setMemory(ctx.busybox ? 400 * 1024 : 600 * 1024);
      const sh = new Shell(ctx, lookup);
      const io = { out: (s: string) => ctx.stdout(s), err: (s: string) => ctx.stderr(s), tty: ctx.tty };
      if (["sh", "ash", "bash", "dash"].includes(b) && args.every((a) => /^-[il]+$|^--login$/.test(a)))
        // stdin on a terminal (kubectl exec -it, kubectl run -it): the prompt loop; no stdin: EOF at once, exit 0
        return ctx.stdinOpen ? yield* interactiveShell(ctx, lookup, b) : 0;
      return yield* sh.runArgv(argv, io);
    }
  }
}

/** python -c / node -e: print what print()/console.log() would, else exit at once (no stdin). */
function* interpreter(ctx: ProcessContext, args: string[], flag: string, mem: number): ProgramTask {
  ctx.setMemory(mem);
  const i = args.indexOf(flag);
  if (i < 0) return 0;
  const code = args[i + 1] ?? "";
  for (const m of code.matchAll(/(?:print|console\.log)\((['"])(.*?)\1\)/g)) ctx.stdout(`${m[2]}\n`);
  const sleep = /time\.sleep\((\d+(?:\.\d+)?)\)|setTimeout\([^,]+,\s*(\d+)\)/.exec(code);
  if (sleep) yield { kind: "sleep", ms: sleep[1] ? Number(sleep[1]) * 1000 : Number(sleep[2]) };
  const exit = /(?:sys\.exit|process\.exit|exit)\((\d+)\)/.exec(code);
  return exit ? Number(exit[1]) : 0;
}

/**
 * busybox top with no terminal (the docs' `crictl create` container): a screen every 5 s, each
 * starting with the clear-screen escape; its fatal-signal handler restores the terminal and
 * re-raises, so SIGTERM ends it (143). Memory and load figures are illustrative.
 */
function* busyboxTop(ctx: ProcessContext): ProgramTask {
  ctx.setMemory(300 * 1024);
  ctx.trap("SIGTERM", () => ctx.exit(143, 0));
  ctx.trap("SIGINT", () => ctx.exit(130, 0));
  for (;;) {
    const procs = ctx.processes();
    const rows = procs.map(
      (p) =>
        `${String(p.pid).padStart(5)} ${String(p.pid === 1 ? 0 : 1).padStart(5)} ${p.user.padEnd(8)} ${p.pid === 1 ? "R" : "S"}     ${String(4392).padStart(4)}   0%   0   0% ${p.command}`,
    );
    ctx.stdout(
      [
        "\x1b[H\x1b[JMem: 1846780K used, 6314628K free, 2868K shrd, 63336K buff, 1134396K cached",
        "CPU:   0% usr   0% sys   0% nic 100% idle   0% io   0% irq   0% sirq",
        `Load average: 0.08 0.06 0.07 1/254 ${procs.length}`,
        "\x1b[7m  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND\x1b[m",
        ...rows,
      ].join("\n"),
    );
    yield { kind: "sleep", ms: 5000 };
  }
}

/** polinux/stress 1.0.4: `stress --vm 1 --vm-bytes 250M --vm-hang 1` holds 250M until killed. */
function* stress(ctx: ProcessContext, args: string[]): ProgramTask {
  ctx.setMemory(1 * MiB);
  if (ctx.version === "vish") return yield* vishStress(ctx, args);
  const get = (f: string) => {
    const i = args.indexOf(f);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const vm = Number(get("--vm") ?? get("-m") ?? 0);
  const cpu = Number(get("--cpu") ?? get("-c") ?? 0);
  const io = Number(get("--io") ?? get("-i") ?? 0);
  if (vm + cpu + io === 0) {
    ctx.stdout(
      "`stress' imposes certain types of compute stress on your system\n\nUsage: stress [OPTION [ARG]] ...\n",
    );
    return args.includes("--help") ? 0 : 1;
  }
  const bytes = parseStressBytes(get("--vm-bytes") ?? "256M");
  ctx.stderr(`stress: info: [1] dispatching hogs: ${cpu} cpu, ${io} io, ${vm} vm, 0 hdd\n`);
  ctx.setCpu(cpu + (vm > 0 ? 0.05 : 0));
  // the vm worker dirties its pages within a few hundred ms; the cgroup charge rises as it goes
  yield { kind: "sleep", ms: Math.max(20, Math.round(bytes / MiB)) };
  ctx.setMemory(1 * MiB + vm * bytes);
  const timeout = get("--timeout") ?? get("-t");
  if (timeout) {
    yield { kind: "sleep", ms: parseSleep([timeout]) ?? 0 };
    ctx.stderr(`stress: info: [1] successful run completed in ${parseSleep([timeout])! / 1000}s\n`);
    return 0;
  }
  yield { kind: "forever" };
  return 0;
}

/**
 * vish/stress (the docs' assign-cpu-resource example): `-cpus N` spins N busy threads — the cgroup's
 * CPU limit throttles them — and `-mem-total` allocates memory; glog lines on stderr.
 */
function* vishStress(ctx: ProcessContext, args: string[]): ProgramTask {
  const get = (f: string) => {
    const i = args.findIndex((a) => a === f || a === `-${f}`);
    if (i >= 0) return args[i + 1];
    return args.find((a) => a.startsWith(`${f}=`) || a.startsWith(`-${f}=`))?.split("=")[1];
  };
  const cpus = Number(get("-cpus") ?? 0);
  const memTotal = get("-mem-total") ?? "0";
  const glog = (line: number, msg: string) => {
    // glog header: I<mmdd> <hh:mm:ss.uuuuuu> <tid> <file:line>]
    const t = rfc3339NanoFixed(ctx.wallMs());
    ctx.stderr(`I${t.slice(5, 7)}${t.slice(8, 10)} ${t.slice(11, 26)}       1 main.go:${line}] ${msg}\n`);
  };
  glog(26, `Allocating "${memTotal}" memory, in "4Ki" chunks, with a 1ms sleep between allocations`);
  if (cpus > 0) glog(39, `Spawning a thread to consume CPU`);
  ctx.setMemory(2 * MiB + parseStressBytes(memTotal === "0" ? "0" : memTotal.replace(/i$/, "")));
  ctx.setCpu(cpus);
  glog(29, `Allocated "${memTotal}" memory`);
  yield { kind: "forever" };
  return 0;
}

/** stress sizes: B, K, M, G suffixes, powers of 1024. */
export function parseStressBytes(s: string): number {
  const m = /^(\d+)([bBkKmMgG]?)$/.exec(s);
  if (!m) return 256 * MiB;
  const mult = { "": 1, b: 1, k: 1024, m: MiB, g: 1024 * MiB }[m[2].toLowerCase()] ?? 1;
  return Number(m[1]) * mult;
}
