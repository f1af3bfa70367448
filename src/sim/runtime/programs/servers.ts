// Long-running images: their real startup lines, what they serve, and how they stop
// (nginx STOPSIGNAL SIGQUIT, redis SIGTERM, postgres SIGINT, httpd SIGWINCH all exit 0).
import { rfc3339 } from "../../clock/time";
import { defaultRedisConfig, loadRedisConf, redisHandler } from "./redisCli";
import { formatDate } from "./shellCommands";
import type { HttpRequest, ProcessContext, ProgramTask } from "./types";

const MiB = 1024 * 1024;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const nginx404 = (v: string) =>
  `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/${v}</center>\r\n</body>\r\n</html>\r\n`;

/** nginx error_log time: 2026/01/15 09:00:00 */
function nginxTime(ctx: ProcessContext): string {
  const iso = rfc3339(ctx.wallMs());
  return `${iso.slice(0, 10).replace(/-/g, "/")} ${iso.slice(11, 19)}`;
}

/** Common log format time: 15/Jan/2026:09:00:05 +0000 */
function clfTime(ctx: ProcessContext): string {
  const iso = rfc3339(ctx.wallMs());
  return `${iso.slice(8, 10)}/${MONTHS[Number(iso.slice(5, 7)) - 1]}/${iso.slice(0, 4)}:${iso.slice(11, 19)} +0000`;
}

/** errno as nginx prints it: `(30: Read-only file system)`. */
const ERRNO: Record<string, number> = { "Read-only file system": 30, "Permission denied": 13 };

export function* nginx(ctx: ProcessContext, entrypoint: boolean): ProgramTask {
  ctx.setMemory(6 * MiB);
  const uid = ctx.security.uid;
  const conf = ctx.fs.read("/etc/nginx/nginx.conf") ?? "";
  if (entrypoint) {
    // 10-listen-on-ipv6-by-default.sh: `touch default.conf || … can not modify … (read-only file system?)`
    const ipv6 = ctx.fs.writeError("/etc/nginx/conf.d/default.conf", uid)
      ? [
          "10-listen-on-ipv6-by-default.sh: info: can not modify /etc/nginx/conf.d/default.conf (read-only file system?)",
        ]
      : [
          "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
          "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
        ];
    for (const l of [
      "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
      "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
      "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
      ...ipv6,
      "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
      "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
      "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
      "/docker-entrypoint.sh: Configuration complete; ready for start up",
    ])
      ctx.stdout(`${l}\n`);
    yield { kind: "sleep", ms: 15 };
  }
  // ngx_init_cycle: the `user` directive needs root; temp paths and the pid file must be writable
  const userLine = conf.split("\n").findIndex((l) => /^\s*user\s/.test(l));
  if (uid !== 0 && userLine >= 0)
    ctx.stderr(
      `nginx: [warn] the "user" directive makes sense only if the master process runs with super-user privileges, ignored in /etc/nginx/nginx.conf:${userLine + 1}\n`,
    );
  const pidFile = /^\s*pid\s+(\S+);/m.exec(conf)?.[1] ?? "/run/nginx.pid";
  for (const [op, path] of [
    ["mkdir()", "/var/cache/nginx/client_temp"],
    ["open()", pidFile],
  ] as const) {
    const why = ctx.fs.writeError(path, uid);
    if (!why) continue;
    const msg = `${op} "${path}" failed (${ERRNO[why]}: ${why})`;
    ctx.stderr(`${nginxTime(ctx)} [emerg] 1#1: ${msg}\nnginx: [emerg] ${msg}\n`);
    return 1;
  }
  const port = Number(/listen\s+(\d+)/.exec(ctx.fs.read("/etc/nginx/conf.d/default.conf") ?? "")?.[1] ?? 80);
  const t = nginxTime(ctx);
  let worker = ctx.pid + 28;
  for (const l of [
    'using the "epoll" event method',
    `nginx/${ctx.version}`,
    "built by gcc 12.2.0 (Debian 12.2.0-14) ",
    `OS: Linux ${ctx.kernel?.release ?? "6.1.0-28-amd64"}`,
    "getrlimit(RLIMIT_NOFILE): 1048576:1048576",
    "start worker processes",
    `start worker process ${worker}`,
    `start worker process ${worker + 1}`,
  ])
    ctx.stderr(`${t} [notice] 1#1: ${l}\n`);
  ctx.listen(port, (req: HttpRequest) => {
    // The default server: root /usr/share/nginx/html, index index.html (what a volume mounted there serves).
    const root = "/usr/share/nginx/html";
    const clean = req.path.split("?")[0];
    const file = `${root}${clean.endsWith("/") ? `${clean}index.html` : clean}`;
    const found = ctx.fs.isDir(file) ? ctx.fs.read(`${file}/index.html`) : ctx.fs.read(file);
    const ok = found !== undefined;
    const body = found ?? nginx404(ctx.version);
    const code = ok ? 200 : 404;
    ctx.stdout(
      `${req.remoteAddr} - - [${clfTime(ctx)}] "${req.method} ${req.path} HTTP/1.1" ${code} ${body.length} "-" "${req.userAgent}" "-"\n`,
    );
    if (!ok)
      ctx.stderr(
        `${nginxTime(ctx)} [error] ${worker}#${worker}: *1 open() "${file}" failed (2: No such file or directory), client: ${req.remoteAddr}, server: localhost, request: "${req.method} ${req.path} HTTP/1.1", host: "${ctx.podIp}"\n`,
      );
    return { statusCode: code, body };
  });
  const graceful = () => {
    const n = nginxTime(ctx);
    for (const l of [
      `1#1: signal 3 (SIGQUIT) received, shutting down`,
      `${worker}#${worker}: gracefully shutting down`,
      `${worker}#${worker}: exiting`,
      `${worker}#${worker}: exit`,
      `1#1: signal 17 (SIGCHLD) received from ${worker}`,
      `1#1: worker process ${worker} exited with code 0`,
      "1#1: exit",
    ])
      ctx.stderr(`${n} [notice] ${l}\n`);
    ctx.exit(0, 30);
  };
  const fast = (sig: string, num: number) => () => {
    ctx.stderr(`${nginxTime(ctx)} [notice] 1#1: signal ${num} (${sig}) received, exiting\n`);
    ctx.exit(0, 10);
  };
  // SIGHUP (`nginx -s reload`, `kill -HUP`): re-read the configuration, fork new workers, retire the old
  const reload = () => {
    const old = [worker, worker + 1];
    // new PIDs further on (6 apart from the old: never one the container's execs are given)
    worker += 6;
    ctx.setWorkers?.([worker, worker + 1]);
    const n = nginxTime(ctx);
    const lines = [
      "1#1: signal 1 (SIGHUP) received, reconfiguring",
      "1#1: reconfiguring",
      'using the "epoll" event method',
      "start worker processes",
      `start worker process ${worker}`,
      `start worker process ${worker + 1}`,
    ].map((l) => (l.startsWith("1#1") ? l : `1#1: ${l}`));
    for (const w of old)
      lines.push(`${w}#${w}: gracefully shutting down`, `${w}#${w}: exiting`, `${w}#${w}: exit`);
    for (const w of old)
      lines.push(
        `1#1: signal 17 (SIGCHLD) received from ${w}`,
        `1#1: worker process ${w} exited with code 0`,
        "1#1: signal 29 (SIGIO) received",
      );
    for (const l of lines) ctx.stderr(`${n} [notice] ${l}\n`);
  };
  ctx.trap("SIGQUIT", graceful);
  ctx.trap("SIGTERM", fast("SIGTERM", 15));
  ctx.trap("SIGINT", fast("SIGINT", 2));
  ctx.trap("SIGHUP", reload);
  yield { kind: "forever" };
  return 0;
}

/** `nginx -s stop|quit|reopen|reload`: signal the master whose pid the pid file holds (PID 1). */
export function* nginxSignal(ctx: ProcessContext, action: string | undefined): ProgramTask {
  const sig = { stop: "SIGTERM", quit: "SIGQUIT", reopen: "SIGUSR1", reload: "SIGHUP" }[action ?? ""];
  if (!sig) {
    ctx.stderr(`nginx: invalid option: "-s ${action ?? ""}"\n`);
    return 1;
  }
  const conf = ctx.fs.read("/etc/nginx/nginx.conf") ?? "";
  const pidFile = /^\s*pid\s+(\S+);/m.exec(conf)?.[1] ?? "/run/nginx.pid";
  ctx.stderr(`${nginxTime(ctx)} [notice] ${ctx.pid}#${ctx.pid}: signal process started\n`);
  if (!ctx.signalPid(1, sig)) {
    const msg = `open() "${pidFile}" failed (2: No such file or directory)`;
    ctx.stderr(`${nginxTime(ctx)} [error] ${ctx.pid}#${ctx.pid}: ${msg}\nnginx: [error] ${msg}\n`);
    return 1;
  }
  yield { kind: "sleep", ms: 1 };
  return 0;
}

export function* redis(ctx: ProcessContext, args: string[] = []): ProgramTask {
  ctx.setMemory(4 * MiB);
  // redis-server [/path/to/redis.conf]: the file's directives over the defaults
  const cfg = defaultRedisConfig();
  const confPath = args.find((a) => !a.startsWith("-"));
  const conf = confPath === undefined ? undefined : ctx.fs.read(confPath);
  if (confPath !== undefined && conf === undefined) {
    ctx.stderr(
      `\n*** FATAL CONFIG FILE ERROR (Redis ${ctx.version}) ***\nFatal error, can't open config file '${confPath}': No such file or directory\n`,
    );
    return 1;
  }
  if (conf !== undefined) loadRedisConf(cfg, conf);
  // Redis 5 marks these notices '#', and says "Ready to accept connections" without the listener
  const v5 = ctx.version.startsWith("5.");
  const ts = (role: string) => {
    const d = formatDate(ctx.wallMs(), "+%d %b %Y %T").replace(
      "%b",
      MONTHS[Number(rfc3339(ctx.wallMs()).slice(5, 7)) - 1],
    );
    const ms = String(Math.floor(ctx.wallMs() % 1000)).padStart(3, "0");
    return `1:${role} ${d}.${ms}`;
  };
  const note = v5 ? "#" : "*";
  ctx.stdout(`${ts("C")} ${note} oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n`);
  ctx.stdout(
    `${ts("C")} ${note} Redis version=${ctx.version}, bits=64, commit=00000000, modified=0, pid=1, just started\n`,
  );
  if (conf === undefined)
    ctx.stdout(
      `${ts("C")} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf\n`,
    );
  else ctx.stdout(`${ts("C")} ${note} Configuration loaded\n`);
  yield { kind: "sleep", ms: 2 };
  if (!v5) ctx.stdout(`${ts("M")} * monotonic clock: POSIX clock_gettime\n`);
  ctx.stdout(`${ts("M")} * Running mode=standalone, port=6379.\n`);
  ctx.stdout(`${ts("M")} ${note} Server initialized\n`);
  ctx.stdout(`${ts("M")} * Ready to accept connections${v5 ? "" : " tcp"}\n`);
  ctx.listen(6379, redisHandler(cfg));
  const stop = (sig: string) => () => {
    ctx.stdout(
      `1:signal-handler (${Math.floor(ctx.wallMs() / 1000)}) Received ${sig} scheduling shutdown...\n`,
    );
    ctx.stdout(`${ts("M")} * User requested shutdown...\n`);
    ctx.stdout(`${ts("M")} * Saving the final RDB snapshot before exiting.\n`);
    ctx.stdout(`${ts("M")} * DB saved on disk\n`);
    ctx.stdout(`${ts("M")} # Redis is now ready to exit, bye bye...\n`);
    ctx.exit(0, 60);
  };
  ctx.trap("SIGTERM", stop("SIGTERM"));
  ctx.trap("SIGINT", stop("SIGINT"));
  yield { kind: "forever" };
  return 0;
}

export function* postgres(ctx: ProcessContext): ProgramTask {
  ctx.setMemory(24 * MiB);
  if (!ctx.env.get("POSTGRES_PASSWORD") && ctx.env.get("POSTGRES_HOST_AUTH_METHOD") !== "trust") {
    for (const l of [
      "Error: Database is uninitialized and superuser password is not specified.",
      "       You must specify POSTGRES_PASSWORD to a non-empty value for the",
      '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
      "",
      '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
      "       connections without a password. This is *not* recommended.",
      "",
      '       See PostgreSQL documentation about "trust":',
      "       https://www.postgresql.org/docs/current/auth-trust.html",
    ])
      ctx.stderr(`${l}\n`);
    return 1;
  }
  ctx.stdout('The files belonging to this database system will be owned by user "postgres".\n');
  ctx.stdout("This user must also own the server process.\n");
  yield { kind: "sleep", ms: 1500 };
  ctx.stdout("PostgreSQL init process complete; ready for start up.\n");
  const t = () => rfc3339(ctx.wallMs()).replace("T", " ").replace("Z", ".000 UTC");
  ctx.stderr(
    `${t()} [1] LOG:  starting PostgreSQL ${ctx.version} (Debian ${ctx.version}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit\n`,
  );
  ctx.stderr(`${t()} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432\n`);
  ctx.stderr(`${t()} [1] LOG:  database system is ready to accept connections\n`);
  ctx.setMemory(38 * MiB);
  ctx.listen(5432, () => ({ statusCode: 400, body: "" }));
  const stop = (mode: string) => () => {
    ctx.stderr(`${t()} [1] LOG:  received ${mode} shutdown request\n`);
    ctx.stderr(`${t()} [1] LOG:  database system is shut down\n`);
    ctx.exit(0, 200);
  };
  ctx.trap("SIGINT", stop("fast"));
  ctx.trap("SIGTERM", stop("smart"));
  yield { kind: "forever" };
  return 0;
}

export function* mysql(ctx: ProcessContext): ProgramTask {
  ctx.setMemory(40 * MiB);
  const t = () => rfc3339(ctx.wallMs()).replace("T", " ").replace("Z", "+00:00");
  ctx.stdout(
    `${t()} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${ctx.version}-1.el9 started.\n`,
  );
  const env = ctx.env;
  if (
    !env.get("MYSQL_ROOT_PASSWORD") &&
    !env.get("MYSQL_ALLOW_EMPTY_PASSWORD") &&
    !env.get("MYSQL_RANDOM_ROOT_PASSWORD")
  ) {
    ctx.stderr(
      `${t()} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n`,
    );
    ctx.stderr("    You need to specify one of the following as an environment variable:\n");
    ctx.stderr(
      "    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n",
    );
    return 1;
  }
  yield { kind: "sleep", ms: 8000 };
  ctx.setMemory(380 * MiB);
  ctx.stderr(
    `${rfc3339(ctx.wallMs()).replace("Z", ".000000Z")} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${ctx.version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.\n`,
  );
  ctx.listen(3306, () => ({ statusCode: 400, body: "" }));
  ctx.trap("SIGTERM", () => ctx.exit(0, 1500));
  yield { kind: "forever" };
  return 0;
}

export function* httpd(ctx: ProcessContext): ProgramTask {
  ctx.setMemory(8 * MiB);
  const msg = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIp}. Set the 'ServerName' directive globally to suppress this message`;
  ctx.stderr(`${msg}\n${msg}\n`);
  const t = () => {
    const d = formatDate(ctx.wallMs());
    return `${d.slice(0, 19)}.${String(Math.floor(ctx.wallMs() % 1000) * 1000).padStart(6, "0")} ${d.slice(-4)}`;
  };
  ctx.stderr(
    `[${t()}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${ctx.version} (Unix) configured -- resuming normal operations\n`,
  );
  ctx.stderr(`[${t()}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'\n`);
  ctx.listen(80, (req) => {
    const ok = req.path === "/" || req.path === "/index.html";
    const body = ok
      ? "<html><body><h1>It works!</h1></body></html>\n"
      : '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';
    ctx.stdout(
      `${req.remoteAddr} - - [${clfTime(ctx)}] "${req.method} ${req.path} HTTP/1.1" ${ok ? 200 : 404} ${body.length}\n`,
    );
    return { statusCode: ok ? 200 : 404, body };
  });
  ctx.trap("SIGWINCH", () => {
    ctx.stderr(
      `[${t()}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully\n`,
    );
    ctx.exit(0, 50);
  });
  ctx.trap("SIGTERM", () => {
    ctx.stderr(`[${t()}] [mpm_event:notice] [pid 1:tid 1] AH00491: caught SIGTERM, shutting down\n`);
    ctx.exit(0, 20);
  });
  yield { kind: "forever" };
  return 0;
}

/** agnhost: `liveness` serves /healthz 200 for 10s then 500 (the docs' http liveness example). */
export function* agnhost(ctx: ProcessContext, args: string[]): ProgramTask {
  ctx.setMemory(9 * MiB);
  const sub = args[0];
  const started = ctx.now();
  if (sub === "liveness") {
    ctx.listen(8080, (req) => {
      if (req.path !== "/healthz") return { statusCode: 404, body: "404 page not found\n" };
      const secs = (ctx.now() - started) / 1000;
      if (secs > 10) return { statusCode: 500, body: `error: ${secs.toFixed(6)}` };
      return { statusCode: 200, body: "ok" };
    });
  } else if (sub === "netexec" || sub === "serve-hostname") {
    const port = Number((args.find((a) => a.startsWith("--http-port=")) ?? "--http-port=8080").split("=")[1]);
    ctx.listen(sub === "serve-hostname" ? 9376 : port, (req) => ({
      statusCode: 200,
      body:
        req.path === "/hostname" || sub === "serve-hostname" ? ctx.hostname : "NOW: " + rfc3339(ctx.wallMs()),
    }));
  } else if (sub === "pause") {
    ctx.stdout("Paused\n");
  } else {
    ctx.stdout("Usage:\n  agnhost [flags]\n  agnhost [command]\n");
    return 0;
  }
  // Go's default SIGTERM handling ends the process with the signal
  ctx.trap("SIGTERM", () => ctx.exit(2, 5));
  yield { kind: "forever" };
  return 0;
}

/** A small HTTP app (podinfo, the private team/app, localhost:5000/myapp). */
export function* webapp(ctx: ProcessContext): ProgramTask {
  ctx.setMemory(12 * MiB);
  const port = ctx.kind === "webapp" && ctx.hostname ? 8080 : 8080;
  ctx.stdout(
    `{"level":"info","ts":"${rfc3339(ctx.wallMs())}","msg":"Starting HTTP server","port":"${port}"}\n`,
  );
  ctx.listen(port, (req) => ({
    statusCode: req.path === "/" || req.path === "/healthz" || req.path === "/readyz" ? 200 : 404,
    body: req.path === "/" ? `{"hostname":"${ctx.hostname}","version":"${ctx.version}"}\n` : "ok\n",
  }));
  ctx.trap("SIGTERM", () => {
    ctx.stdout(`{"level":"info","ts":"${rfc3339(ctx.wallMs())}","msg":"Shutting down HTTP server"}\n`);
    ctx.exit(0, 20);
  });
  yield { kind: "forever" };
  return 0;
}

/**
 * gcr.io/google-samples/hello-app: Go's log package on stderr, "Hello, world!", the version and the
 * hostname for every path; Go's default SIGTERM handling ends it (exit 2 as PID 1).
 */
export function* helloApp(ctx: ProcessContext): ProgramTask {
  ctx.setMemory(5 * MiB);
  const port = Number(ctx.env.get("PORT") || 8080);
  const log = (msg: string) => ctx.stderr(`${formatDate(ctx.wallMs(), "+%Y/%m/%d %H:%M:%S")} ${msg}\n`);
  log(`Server listening on port ${port}`);
  ctx.listen(port, (req) => {
    log(`Serving request: ${req.path.split("?")[0]}`);
    return {
      statusCode: 200,
      body: `Hello, world!\nVersion: ${ctx.version}\nHostname: ${ctx.hostname}\n`,
    };
  });
  ctx.trap("SIGTERM", () => ctx.exit(2, 0));
  yield { kind: "forever" };
  return 0;
}

/**
 * hashicorp/http-echo 1.0: Go's log package on stderr; answers every path with the -text value (and
 * /health with a JSON status); exits 127 without -text; SIGTERM/SIGINT shut the server down (exit 0).
 * Simplified: the per-request access log on stdout is not written.
 */
export function* httpEcho(ctx: ProcessContext, args: string[]): ProgramTask {
  ctx.setMemory(4 * MiB);
  const flag = (name: string): string | undefined => {
    for (let i = 0; i < args.length; i++) {
      const m = /^--?([^=]+)(?:=(.*))?$/s.exec(args[i]);
      if (m?.[1] !== name) continue;
      return m[2] ?? args[i + 1];
    }
    return undefined;
  };
  const text = flag("text");
  if (!text) {
    ctx.stderr("Missing -text option!\n");
    return 127;
  }
  const listen = flag("listen") ?? ":5678";
  const port = Number(/:(\d+)$/.exec(listen)?.[1] ?? 5678);
  const log = (msg: string) => ctx.stderr(`${formatDate(ctx.wallMs(), "+%Y/%m/%d %H:%M:%S")} ${msg}\n`);
  log(`[INFO] server is listening on ${listen}`);
  ctx.listen(port, (req) =>
    req.path.split("?")[0] === "/health"
      ? { statusCode: 200, body: '{"status":"ok"}\n' }
      : { statusCode: 200, body: `${text}\n` },
  );
  const stop = () => {
    log("[INFO] received interrupt, shutting down...");
    ctx.exit(0, 0);
  };
  ctx.trap("SIGTERM", stop);
  ctx.trap("SIGINT", stop);
  yield { kind: "forever" };
  return 0;
}

/** etcd: a single member serving clients on 2379 (HTTP /health and the gRPC health service) and peers on 2380. */
export function* etcd(ctx: ProcessContext, args: string[]): ProgramTask {
  ctx.setMemory(28 * MiB);
  const flag = (name: string, dflt: string) => {
    const i = args.indexOf(`--${name}`);
    const eq = args.find((a) => a.startsWith(`--${name}=`));
    return i >= 0 ? (args[i + 1] ?? dflt) : eq ? eq.slice(name.length + 3) : dflt;
  };
  const port = Number(/:(\d+)/.exec(flag("listen-client-urls", "http://localhost:2379"))?.[1] ?? 2379);
  const log = (level: string, msg: string, extra = "") =>
    ctx.stderr(
      `{"level":"${level}","ts":"${rfc3339(ctx.wallMs())}","caller":"etcdmain/etcd.go:73","msg":"${msg}"${extra}}\n`,
    );
  log("info", "Running: ", `,"args":${JSON.stringify(["/usr/local/bin/etcd", ...args])}`);
  log(
    "info",
    "serving client traffic insecurely; this is strongly discouraged!",
    `,"address":"[::]:${port}"`,
  );
  ctx.listen(port, (req) =>
    req.path === "/health"
      ? { statusCode: 200, body: '{"health":"true","reason":""}' }
      : { statusCode: 404, body: "404 page not found\n" },
  );
  ctx.listen(2380, () => ({ statusCode: 404, body: "404 page not found\n" }));
  ctx.trap("SIGTERM", () => ctx.exit(0, 50));
  yield { kind: "forever" };
  return 0;
}
