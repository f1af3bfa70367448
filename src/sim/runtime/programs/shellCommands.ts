// busybox applets / coreutils — simplified: the commands pod scripts and exec probes use, with
// busybox's (alpine, busybox) or GNU's (debian images) error wording.
import { rfc3339 } from "../../clock/time";
import type { HttpResult } from "../../net/types";
import { bindNslookup, dig, host } from "./bindTools";
import { chmod, chown, ls, stat } from "./fileCommands";
import { dialectOf, interactiveLoop } from "./interactive";
import { nslookupNew, nslookupOld, resolveHost } from "./resolver";
import { id, ip, unshare, whoami, writeDenied, writeErrorText } from "./securityCommands";
import { type Gen, Shell, ShellExit, type ShellIo } from "./shell";
import type { ProcessContext } from "./types";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** Shell builtins: always present, whatever the image ships. */
const BUILTINS = new Set([
  "echo",
  "printf",
  "exit",
  "true",
  "false",
  ":",
  "trap",
  "export",
  "cd",
  "pwd",
  "test",
  "[",
  "exec",
  "unset",
  "set",
  "read",
  "wait",
  "kill",
]);

export function* runCommand(sh: Shell, argv: string[], io: ShellIo): Gen<number> {
  const ctx = sh.ctx;
  const name = argv[0];
  const base = name.includes("/") ? name.slice(name.lastIndexOf("/") + 1) : name;
  const args = argv.slice(1);
  const bb = ctx.busybox;
  // ash (its bash compatibility) and bash have [[ … ]]; dash has not
  if (base === "[[" && sh.dialect !== "dash")
    return evalTest(sh, args[args.length - 1] === "]]" ? args.slice(0, -1) : args);
  if (!BUILTINS.has(base) && !ctx.hasBinary(base)) {
    io.err(sh.notFound(name));
    return 127;
  }
  switch (base) {
    case "true":
    case ":":
      return 0;
    case "false":
      return 1;
    case "echo": {
      let a = args;
      let newline = true;
      let escapes = false;
      // Option words like -n, -e, -en, -neE (only those letters; anything else is text).
      while (a.length > 0 && /^-[neE]+$/.test(a[0])) {
        for (const f of a[0].slice(1)) {
          if (f === "n") newline = false;
          else if (f === "e") escapes = true;
          else escapes = false;
        }
        a = a.slice(1);
      }
      let text = a.join(" ");
      // dash's echo interprets escapes; bash's only with -e
      if (escapes || (!bb && sh.dialect !== "bash")) text = text.replace(/\\n/g, "\n").replace(/\\t/g, "\t");
      io.out(text + (newline ? "\n" : ""));
      return 0;
    }
    case "printf": {
      const fmt = args[0] ?? "";
      let i = 1;
      const text = fmt
        .replace(/%[sd]/g, () => args[i++] ?? "")
        .replace(/\\n/g, "\n")
        .replace(/\\t/g, "\t");
      io.out(text);
      return 0;
    }
    case "exit":
      throw new ShellExit(args[0] === undefined ? sh.status : Number.parseInt(args[0], 10) & 255);
    case "exec":
      if (args.length === 0) return 0;
      throw new ShellExit(yield* runCommand(sh, args, io));
    case "trap": {
      if (args.length < 2) return 0;
      sh.installTrap(args[0], args.slice(1));
      return 0;
    }
    case "export":
      for (const a of args) {
        const eq = a.indexOf("=");
        if (eq > 0) sh.vars.set(a.slice(0, eq), a.slice(eq + 1));
      }
      return 0;
    case "unset":
      for (const a of args) sh.vars.delete(a);
      return 0;
    case "set":
      // only the xtrace option is modelled: `set -x`, `set +x`, `set -ex`…
      for (const a of args) {
        const m = /^([-+])([a-zA-Z]+)$/.exec(a);
        if (m?.[2].includes("x")) sh.xtrace = m[1] === "-";
      }
      return 0;
    case "wait":
    case "read":
      return base === "read" ? 1 : 0;
    case "cd": {
      const target = args[0] === "~" || args[0] === undefined ? (sh.vars.get("HOME") ?? "/") : args[0];
      const dir = sh.resolvePath(target);
      if (!ctx.fs.isDir(dir)) {
        if (sh.dialect === "bash") {
          io.err(`bash: cd: ${args[0]}: No such file or directory\n`);
          return 1;
        }
        io.err(`${sh.errPrefix()}cd: can't cd to ${args[0]}: No such file or directory\n`);
        return 2;
      }
      sh.vars.set("OLDPWD", sh.vars.get("PWD") ?? "/");
      // cd -L: PWD is the path made canonical by its words (`/data/redis/` → /data/redis, `..` drops one)
      const parts: string[] = [];
      for (const w of dir.split("/"))
        if (w === "..") parts.pop();
        else if (w !== "" && w !== ".") parts.push(w);
      sh.vars.set("PWD", `/${parts.join("/")}`);
      return 0;
    }
    case "pwd":
      io.out(`${sh.vars.get("PWD") ?? "/"}\n`);
      return 0;
    case "test":
    case "[": {
      const a = base === "[" ? args.slice(0, args[args.length - 1] === "]" ? -1 : undefined) : args;
      return evalTest(sh, a);
    }
    case "sleep": {
      const ms = parseSleep(args);
      if (ms === undefined) {
        io.err(
          bb
            ? `sleep: invalid number '${args[0] ?? ""}'\n`
            : `sleep: invalid time interval '${args[0] ?? ""}'\n`,
        );
        return 1;
      }
      if (ms === Number.POSITIVE_INFINITY) yield { kind: "forever" };
      else yield { kind: "sleep", ms };
      return 0;
    }
    case "touch": {
      let st = 0;
      for (const f of args.filter((x) => !x.startsWith("-"))) {
        const p = sh.resolvePath(f);
        const denied = ctx.fs.isDir(parentDir(p)) ? writeDenied(ctx, p) : "No such file or directory";
        if (denied) {
          io.err(writeErrorText(ctx, "touch", f, denied));
          st = 1;
        } else ctx.fs.touch(p);
      }
      return st;
    }
    case "rm": {
      const force = args.some((x) => /^-[a-z]*f/.test(x));
      const recursive = args.some((x) => /^-[a-z]*r/i.test(x));
      let st = 0;
      for (const f of args.filter((x) => !x.startsWith("-"))) {
        const denied = ctx.fs.exists(sh.resolvePath(f)) ? writeDenied(ctx, sh.resolvePath(f)) : undefined;
        if (denied) {
          io.err(writeErrorText(ctx, "rm", f, denied));
          st = 1;
        } else if (!ctx.fs.remove(sh.resolvePath(f), recursive) && !force) {
          io.err(
            bb
              ? `rm: can't remove '${f}': No such file or directory\n`
              : `rm: cannot remove '${f}': No such file or directory\n`,
          );
          st = 1;
        }
      }
      return st;
    }
    case "tee": {
      // stdin to stdout and to each file (-a appends); a file it cannot open is reported, the rest written
      const append = args.some((x) => /^-[a-z]*a/.test(x) || x === "--append");
      const text = io.stdin ?? "";
      let st = 0;
      for (const f of args.filter((x) => !x.startsWith("-"))) {
        const p = sh.resolvePath(f);
        const why = ctx.fs.isDir(parentDir(p)) ? writeDenied(ctx, p) : "No such file or directory";
        if (why) {
          io.err(`tee: ${f}: ${why}\n`);
          st = 1;
        } else if (append && ctx.fs.isFile(p)) ctx.fs.append(p, text);
        else ctx.fs.write(p, text);
      }
      io.out(text);
      return st;
    }
    case "mkdir": {
      let st = 0;
      const parents = args.some((x) => /^-[a-z]*p/.test(x) || x === "--parents");
      for (const d of args.filter((x) => !x.startsWith("-"))) {
        const p = sh.resolvePath(d);
        // without -p: an existing name and a missing parent are errors
        const denied = ctx.fs.isDir(p)
          ? parents
            ? undefined
            : "File exists"
          : !parents && !ctx.fs.isDir(parentDir(p))
            ? "No such file or directory"
            : writeDenied(ctx, p);
        if (denied) {
          io.err(writeErrorText(ctx, "mkdir", d, denied));
          st = 1;
        } else ctx.fs.mkdirp(p);
      }
      return st;
    }
    case "cat": {
      const files = args.filter((x) => x !== "-" && !x.startsWith("-"));
      if (files.length === 0) {
        io.out(io.stdin ?? "");
        return 0;
      }
      let st = 0;
      for (const f of files) {
        const c = ctx.fs.read(sh.resolvePath(f));
        if (c === undefined) {
          const why = ctx.fs.isDir(sh.resolvePath(f)) ? "Is a directory" : "No such file or directory";
          io.err(bb ? `cat: can't open '${f}': ${why}\n` : `cat: ${f}: ${why}\n`);
          st = 1;
        } else io.out(c);
      }
      return st;
    }
    case "ls":
      return ls(ctx, args, io, (p) => sh.resolvePath(p), sh.vars.get("PWD") ?? "/");
    case "chmod":
      return chmod(ctx, args, io, (p) => sh.resolvePath(p));
    case "chown":
      return chown(ctx, args, io, (p) => sh.resolvePath(p));
    case "stat":
      return stat(ctx, args, io, (p) => sh.resolvePath(p));
    case "hostname":
      io.out(`${ctx.hostname}\n`);
      return 0;
    case "env":
    case "printenv": {
      if (base === "printenv" && args.length > 0) {
        // Each named variable's value on its own line; exit 1 when any is unset.
        let code = 0;
        for (const name of args) {
          const v = sh.vars.get(name);
          if (v === undefined) code = 1;
          else io.out(`${v}\n`);
        }
        return code;
      }
      for (const [k, v] of sh.vars) if (k !== "PWD") io.out(`${k}=${v}\n`);
      return 0;
    }
    case "id":
      return id(ctx, args, io);
    case "whoami":
      return whoami(ctx, io);
    case "unshare":
      return yield* unshare(sh, args, io, (rest) => runCommand(sh, rest, io));
    case "ip":
      return ip(ctx, args, io);
    case "uname": {
      // the kernel depends on the sandbox: the host's under runc, 4.4.0 under gVisor, Kata's guest kernel
      const k = ctx.kernel ?? {
        release: "6.1.0-28-amd64",
        version: "#1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22)",
      };
      if (args.includes("-a")) io.out(`Linux ${ctx.hostname} ${k.release} ${k.version} x86_64 GNU/Linux\n`);
      else if (args.includes("-r")) io.out(`${k.release}\n`);
      else if (args.includes("-v")) io.out(`${k.version}\n`);
      else io.out("Linux\n");
      return 0;
    }
    case "dmesg": {
      const lines = ctx.kernel?.dmesg;
      if (!lines) {
        // runc shares the host kernel: kernel.dmesg_restrict=1 and no CAP_SYSLOG in a default container
        io.err(
          bb
            ? "dmesg: klogctl: Operation not permitted\n"
            : "dmesg: read kernel buffer failed: Operation not permitted\n",
        );
        return 1;
      }
      io.out(`${lines.join("\n")}\n`);
      return 0;
    }
    case "date":
      io.out(
        `${formatDate(
          ctx.wallMs(),
          args.find((a) => a.startsWith("+")),
        )}\n`,
      );
      return 0;
    case "ps": {
      io.out("PID   USER     TIME  COMMAND\n");
      // typed at a prompt, ps runs as the shell's child (exec'd directly, it is the process itself)
      for (const p of ctx.processes(sh.interactive ? argv.join(" ") : undefined))
        io.out(`${String(p.pid).padStart(5)} ${p.user.padEnd(8)}  0:00 ${p.command}\n`);
      return 0;
    }
    case "tail":
    case "head": {
      if (base === "tail" && args.includes("-f")) {
        yield { kind: "forever" };
        return 0;
      }
      // -n N, -nN, --lines=N and the old -N; tail also takes +N (from line N on)
      let count = "10";
      const files: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (a === "-n" || a === "--lines") count = args[++i] ?? "";
        else if (a.startsWith("--lines=")) count = a.slice(8);
        else if (/^-n./.test(a)) count = a.slice(2);
        else if (/^-\d+$/.test(a)) count = a.slice(1);
        else if (a === "-f" || a === "-F" || a === "-q") continue;
        else files.push(a);
      }
      const fromStart = base === "tail" && count.startsWith("+");
      const n = Number.parseInt(count.replace(/^[+-]/, ""), 10);
      if (!Number.isFinite(n)) {
        io.err(
          ctx.busybox
            ? `${base}: invalid number '${count}'\n`
            : `${base}: invalid number of lines: '${count}'\n`,
        );
        return 1;
      }
      const file = files[0];
      if (file !== undefined && file !== "/dev/zero" && ctx.fs.read(sh.resolvePath(file)) === undefined) {
        io.err(
          ctx.busybox
            ? `${base}: can't open '${file}': No such file or directory\n`
            : `${base}: cannot open '${file}' for reading: No such file or directory\n`,
        );
        return 1;
      }
      if (file === "/dev/zero") {
        // Lines are counted by newline and /dev/zero has none: the buffer grows until the
        // cgroup's memory.max makes the kernel OOM-kill the process (the classic OOM demo).
        let used = 0;
        for (;;) {
          used = Math.min(used + 64 * 1024 * 1024, 64 * 1024 * 1024 * 1024);
          ctx.setMemory(used);
          yield { kind: "sleep", ms: 100 };
        }
      }
      const text = file ? (ctx.fs.read(sh.resolvePath(file)) ?? "") : (io.stdin ?? "");
      const lines = text.split("\n");
      if (lines[lines.length - 1] === "") lines.pop();
      const pick =
        base === "head"
          ? lines.slice(0, n)
          : fromStart
            ? lines.slice(Math.max(0, n - 1))
            : lines.slice(Math.max(0, lines.length - n));
      if (pick.length) io.out(`${pick.join("\n")}\n`);
      return 0;
    }
    case "grep": {
      // grep [-e PATTERN]… PATTERN [FILE]…: fixed-substring matching
      const pats: string[] = [];
      const rest: string[] = [];
      for (let i = 0; i < args.length; i++)
        if (args[i] === "-e") pats.push(args[++i] ?? "");
        else if (!args[i].startsWith("-")) rest.push(args[i]);
      if (pats.length === 0) pats.push(rest.shift() ?? "");
      const files = rest;
      const match = (text: string) =>
        text.split("\n").filter((l) => l !== "" && pats.some((p) => l.includes(p)));
      if (files.length === 0) {
        const lines = match(io.stdin ?? "");
        if (lines.length) io.out(`${lines.join("\n")}\n`);
        return lines.length ? 0 : 1;
      }
      // grep PATTERN FILE…: "file:" prefixes with several files; a missing file is status 2
      let found = false;
      let missing = false;
      for (const f of files) {
        const text = ctx.fs.read(sh.resolvePath(f));
        if (text === undefined) {
          io.err(`grep: ${f}: No such file or directory\n`);
          missing = true;
          continue;
        }
        const lines = match(text);
        found ||= lines.length > 0;
        for (const l of lines) io.out(files.length > 1 ? `${f}:${l}\n` : `${l}\n`);
      }
      return missing ? 2 : found ? 0 : 1;
    }
    case "wc": {
      const text = io.stdin ?? "";
      io.out(`${text.split("\n").length - 1}\n`);
      return 0;
    }
    case "kill":
      return kill(ctx, args, io);
    case "wget":
      return yield* wget(sh, args, io);
    case "curl":
      return yield* curl(sh, args, io);
    case "nslookup":
      // dnsutils / bind-tools replace busybox's applet with BIND's
      return yield* ctx.bind ? bindNslookup(sh, args, io) : nslookup(sh, args, io);
    case "dig":
      return yield* dig(sh, args, io);
    case "host":
      return yield* host(sh, args, io);
    case "sh":
    case "ash":
    case "bash":
    case "dash": {
      const sub = new Shell(ctx, sh.lookup, sh.vars);
      sub.dialect = dialectOf(ctx, base);
      // typed at an interactive prompt with no script: another interactive shell on the same terminal
      if (ctx.stdinOpen && io.stdin === undefined && args.every((a) => /^-[il]+$|^--login$/.test(a)))
        return yield* interactiveLoop(sub, io);
      const c = args.indexOf("-c");
      if (c >= 0) {
        sub.positional = args.slice(c + 3);
        return yield* sub.runScript(args[c + 1] ?? "", io);
      }
      const script = args[0] !== undefined ? ctx.fs.read(sh.resolvePath(args[0])) : (io.stdin ?? "");
      if (script === undefined) {
        io.err(`${base}: can't open '${args[0]}': No such file or directory\n`);
        return 2;
      }
      return yield* sub.runScript(script, io);
    }
    case "apt-get":
    case "apt":
    case "apk":
      // installing packages needs a mirror the simulated node does not have; say so rather than pretend
      io.err(
        `k8s-node-sim: '${base}' is not simulated: packages cannot be installed in a simulated container (the image's own tools work: ${[
          "curl",
          "wget",
          "ls",
          "cat",
          "ps",
        ]
          .filter((b) => ctx.hasBinary(b))
          .join(", ")})\n`,
      );
      return 100;
    default: {
      const prog = sh.lookup(argv);
      if (!prog) {
        io.err(sh.notFound(name));
        return 127;
      }
      return yield* prog(ctx);
    }
  }
}

function evalTest(sh: Shell, a: string[]): number {
  const fs = sh.ctx.fs;
  if (a.length === 0) return 1;
  if (a[0] === "!") return evalTest(sh, a.slice(1)) === 0 ? 1 : 0;
  if (a.length === 1) return a[0] !== "" ? 0 : 1;
  if (a.length === 2) {
    const p = sh.resolvePath(a[1]);
    switch (a[0]) {
      case "-f":
        return fs.isFile(p) ? 0 : 1;
      case "-d":
        return fs.isDir(p) ? 0 : 1;
      case "-e":
        return fs.exists(p) ? 0 : 1;
      case "-s":
        return (fs.read(p) ?? "").length > 0 ? 0 : 1;
      case "-z":
        return a[1] === "" ? 0 : 1;
      case "-n":
        return a[1] !== "" ? 0 : 1;
    }
    return 2;
  }
  const [l, op, r] = a;
  const li = Number.parseInt(l, 10);
  const ri = Number.parseInt(r, 10);
  const ok: Record<string, boolean> = {
    "=": l === r,
    "==": l === r,
    "!=": l !== r,
    "-eq": li === ri,
    "-ne": li !== ri,
    "-gt": li > ri,
    "-ge": li >= ri,
    "-lt": li < ri,
    "-le": li <= ri,
  };
  return op in ok ? (ok[op] ? 0 : 1) : 2;
}

/** sleep N[smhd] | infinity, summed like coreutils/busybox. */
export function parseSleep(args: string[]): number | undefined {
  if (args.length === 0) return undefined;
  let total = 0;
  for (const a of args) {
    if (a === "infinity" || a === "inf") return Number.POSITIVE_INFINITY;
    const m = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) return undefined;
    const mult = { "": 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]] ?? 1000;
    total += Number.parseFloat(m[1]) * mult;
  }
  return total;
}

/** busybox `date`: Thu Jan 15 09:00:00 UTC 2026, or a +FORMAT. */
export function formatDate(wallMs: number, fmt?: string): string {
  const iso = rfc3339(wallMs); // 2026-01-15T09:00:00Z
  const [Y, M, D] = iso.slice(0, 10).split("-");
  const time = iso.slice(11, 19);
  const dow = DAYS[(Math.floor(wallMs / 86_400_000) + 4) % 7];
  if (!fmt) return `${dow} ${MONTHS[Number(M) - 1]} ${D} ${time} UTC ${Y}`;
  return fmt
    .slice(1)
    .replace(/%s/g, String(Math.floor(wallMs / 1000)))
    .replace(/%Y/g, Y)
    .replace(/%m/g, M)
    .replace(/%d/g, D)
    .replace(/%H/g, time.slice(0, 2))
    .replace(/%M/g, time.slice(3, 5))
    .replace(/%S/g, time.slice(6, 8))
    .replace(/%T/g, time)
    .replace(/%F/g, `${Y}-${M}-${D}`);
}

const REASONS: Record<number, string> = {
  200: "OK",
  404: "Not Found",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** busybox wget: `wget -qO- http://10.244.0.5/` prints the body; errors in busybox's words. */
/** busybox nslookup HOST [SERVER]: the old resolver-library one up to 1.28, its own DNS client from 1.29. */
function* nslookup(sh: Shell, args: string[], io: ShellIo): Gen<number> {
  const ctx = sh.ctx;
  const [name, server] = args.filter((a) => !a.startsWith("-"));
  if (!name) {
    io.err(`BusyBox v${ctx.version} multi-call binary.\n\nUsage: nslookup [HOST] [SERVER]\n`);
    return 1;
  }
  const old = /^1\.(1?\d|2[0-8])\./.test(`${ctx.version}.`);
  return yield* (old ? nslookupOld : nslookupNew)(sh, name, server, io);
}

function* wget(sh: Shell, args: string[], io: ShellIo): Gen<number> {
  const ctx = sh.ctx;
  let quiet = false;
  let outFile: string | undefined;
  let spider = false;
  let timeoutMs = 10_000;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--spider") spider = true;
    else if (a === "-T") timeoutMs = Number.parseFloat(args[++i]) * 1000;
    else if (a === "-O") outFile = args[++i];
    else if (a.startsWith("-O")) outFile = a.slice(2);
    else if (/^-q/.test(a)) {
      quiet = true;
      if (a.includes("O")) outFile = a.slice(a.indexOf("O") + 1) || args[++i];
    } else if (!a.startsWith("-")) url = a;
  }
  const m = url ? /^(?:http:\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url) : null;
  if (!url || !m) {
    io.err(
      "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n",
    );
    return 1;
  }
  const port = m[2] ? Number(m[2]) : 80;
  const path = m[3] ?? "/";
  // getaddrinfo: /etc/hosts, then the cluster DNS through resolv.conf's search list
  const resolved = yield* resolveHost(ctx, m[1]);
  if (!resolved) {
    io.err(`wget: bad address '${m[1]}'\n`);
    return 1;
  }
  let host = resolved.ip;
  if (host.startsWith("127.")) host = ctx.podIp;
  if (!quiet) io.err(`Connecting to ${m[1]}${m[2] ? `:${port}` : ""} (${resolved.ip}:${port})\n`);
  const got = yield* httpGet(sh, host, port, path, timeoutMs, "Wget");
  if ("refused" in got) {
    io.err(
      got.refused
        ? `wget: can't connect to remote host (${host}): Connection refused\n`
        : "wget: download timed out\n",
    );
    return 1;
  }
  const res = got.res;
  if (res.statusCode >= 400) {
    io.err(`wget: server returned error: HTTP/1.1 ${res.statusCode} ${REASONS[res.statusCode] ?? ""}\n`);
    return 1;
  }
  if (spider) return 0;
  if (outFile === "-") io.out(res.body);
  else {
    const file = outFile ?? (path.split("/").pop() || "index.html");
    ctx.fs.write(sh.resolvePath(file), res.body);
    if (!quiet)
      io.err(
        `saving to '${file}'\n${file.padEnd(20)} 100% |********************************|   ${res.body.length}  0:00:00 ETA\n'${file}' saved\n`,
      );
  }
  return 0;
}

/** One HTTP GET from this container: the response, or whether the connection was refused (else timed out). */
function* httpGet(
  sh: Shell,
  host: string,
  port: number,
  path: string,
  timeoutMs: number,
  userAgent: string,
): Gen<{ res: HttpResult } | { refused: boolean }> {
  const ctx = sh.ctx;
  try {
    const res = (yield {
      kind: "wait",
      d: ctx.net.httpGet({
        host,
        port,
        path,
        timeoutMs,
        headers: { "User-Agent": userAgent },
        source: ctx.podIp || undefined,
      }),
    }) as HttpResult;
    return { res };
  } catch (e) {
    return { refused: (e as Error).message.includes("connection refused") };
  }
}

/**
 * curl (7.88, Debian bookworm's, as in the nginx image): -s -S -f -o -O -i -I -m --connect-timeout;
 * without -s a progress meter goes to stderr, as it does when stdout is not a terminal.
 */
function* curl(sh: Shell, args: string[], io: ShellIo): Gen<number> {
  const ctx = sh.ctx;
  let silent = false;
  let showErrors = false;
  let fail = false;
  let head = false;
  let include = false;
  let outFile: string | undefined;
  let remoteName = false;
  let timeoutMs = 300_000;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--silent") silent = true;
    else if (a === "--show-error") showErrors = true;
    else if (a === "--fail") fail = true;
    else if (a === "--head") head = true;
    else if (a === "--include") include = true;
    else if (a === "--output") outFile = args[++i];
    else if (a === "--remote-name") remoteName = true;
    else if (a === "--max-time" || a === "-m" || a === "--connect-timeout")
      timeoutMs = Number.parseFloat(args[++i]) * 1000;
    else if (a === "-o") outFile = args[++i];
    else if (
      ["-H", "-X", "-d", "-w", "-A", "-u", "--header", "--request", "--data", "--write-out"].includes(a)
    )
      i++;
    else if (/^-[a-zA-Z]+$/.test(a)) {
      for (const f of a.slice(1)) {
        if (f === "s") silent = true;
        else if (f === "S") showErrors = true;
        else if (f === "f") fail = true;
        else if (f === "I") head = true;
        else if (f === "i") include = true;
        else if (f === "O") remoteName = true;
      }
    } else if (!a.startsWith("-")) url = a;
  }
  const say = (code: number, msg: string) => {
    if (!silent || showErrors) io.err(`curl: (${code}) ${msg}\n`);
    return code;
  };
  if (!url) {
    io.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  if (!m) return say(3, "URL using bad/illegal format or missing URL");
  if (m[1] === "https") return say(35, "OpenSSL/3.0.15: error:0A00010B:SSL routines::wrong version number");
  const port = m[3] ? Number(m[3]) : 80;
  const path = m[4] ?? "/";
  const resolved = yield* resolveHost(ctx, m[2]);
  if (!resolved) return say(6, `Could not resolve host: ${m[2]}`);
  const host = resolved.ip.startsWith("127.") ? ctx.podIp : resolved.ip;
  const got = yield* httpGet(sh, host, port, path, timeoutMs, "curl/7.88.1");
  if ("refused" in got)
    return got.refused
      ? say(7, `Failed to connect to ${m[2]} port ${port} after 0 ms: Connection refused`)
      : say(28, `Connection timed out after ${Math.round(timeoutMs)} milliseconds`);
  const res = got.res;
  if (fail && res.statusCode >= 400) return say(22, `The requested URL returned error: ${res.statusCode}`);
  const headers = `HTTP/1.1 ${res.statusCode} ${REASONS[res.statusCode] ?? ""}\r\nContent-Length: ${res.body.length}\r\n${res.location ? `Location: ${res.location}\r\n` : ""}\r\n`;
  const body = head ? headers : (include ? headers : "") + res.body;
  const file = remoteName ? path.split("/").pop() || "index.html" : outFile;
  // the progress meter shows only when the body does not go to the terminal
  if (!silent && !(io.tty && !(file && file !== "-"))) {
    const n = String(body.length).padStart(5);
    io.err(
      "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n" +
        "                                 Dload  Upload   Total   Spent    Left  Speed\n" +
        `100 ${n}  100 ${n}    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k\n`,
    );
  }
  if (file && file !== "-") ctx.fs.write(sh.resolvePath(file), body);
  else io.out(body);
  return 0;
}

const SIGNALS: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, USR2: 12, TERM: 15 };

/** kill [-SIG|-N|-s SIG] PID…: signal processes of this container (PID 1 is its main process). */
function kill(ctx: ProcessContext, args: string[], io: ShellIo): number {
  let sig = "SIGTERM";
  const rest = [...args];
  if (rest[0] === "-l") {
    io.out(`${Object.keys(SIGNALS).join(" ")}\n`);
    return 0;
  }
  if (rest[0] === "-s" && rest[1]) {
    sig = `SIG${rest[1].replace(/^SIG/, "").toUpperCase()}`;
    rest.splice(0, 2);
  } else if (rest[0]?.startsWith("-") && rest[0].length > 1) {
    const name = rest.shift()!.slice(1).replace(/^SIG/, "").toUpperCase();
    const byNumber = Object.entries(SIGNALS).find(([, n]) => String(n) === name)?.[0];
    const found = byNumber ?? (SIGNALS[name] !== undefined ? name : undefined);
    if (!found) {
      io.err(
        ctx.busybox
          ? `kill: bad signal name '${name}'\n`
          : `sh: kill: ${name}: invalid signal specification\n`,
      );
      return 1;
    }
    sig = `SIG${found}`;
  }
  if (rest.length === 0) {
    io.err(
      ctx.busybox
        ? "kill: usage: kill [-s SIG | -SIG] PID...\n"
        : "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n",
    );
    return ctx.busybox ? 1 : 2;
  }
  let code = 0;
  for (const p of rest) {
    const pid = Number(p);
    if (!Number.isInteger(pid) || !ctx.signalPid(pid, sig)) {
      io.err(
        ctx.busybox ? `kill: can't kill pid ${p}: No such process\n` : `sh: kill: (${p}) - No such process\n`,
      );
      code = 1;
    }
  }
  return code;
}

/** The directory a path is in ("/" for a top-level name). */
function parentDir(p: string): string {
  return p.slice(0, p.lastIndexOf("/")) || "/";
}
