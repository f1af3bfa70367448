// The Kubernetes docs' sample apps (their images are in src/sim/registry/docsImages.ts): what each
// prints and serves, from its source — GoogleCloudPlatform's hello-node and the bootcamp's server.js,
// agnhost's netexec (test/images/agnhost/netexec), serve_hostname, the echoserver's lua template, the
// HPA walkthrough's php-apache. Simplified: a request carries no Host header here, so the echoserver
// shows the pod's own address where the real one echoes the Host the client sent.

import { rfc3339, rfc3339NanoFixed } from "../../clock/time";
import type { CatalogImage, ProgramKind } from "../../registry/catalog";
import type { DocsAppKind } from "../../registry/docsImages";
import { formatDate } from "./shellCommands";
import type { HttpRequest, ProcessContext, ProgramTask } from "./types";

const MiB = 1024 * 1024;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The executables each docs app's image adds to its base userland (see binariesOf in programs.ts). */
export const DOCS_APP_BINARIES: Record<DocsAppKind, string[]> = {
  // FROM node (buildpack-deps:jessie: curl, wget and procps are in the image)
  "node-hello": ["bash", "node", "npm", "curl", "wget", "ps"],
  "kubernetes-bootcamp": ["bash", "node", "npm", "curl", "wget", "ps"],
  "serve-hostname": ["serve_hostname"],
  echoserver: ["bash", "nginx", "run.sh", "openssl"],
  "hpa-example": ["bash", "apache2-foreground", "apache2", "php", "curl"],
};

/** Program kinds whose userland is busybox (serve_hostname is FROM busybox). */
export const DOCS_BUSYBOX_KINDS: readonly ProgramKind[] = ["serve-hostname"];

/** Binaries an image adds on top of its program kind's (radial/busyboxplus:curl is busybox plus curl). */
export function docsExtraBinaries(img: CatalogImage): string[] {
  return img.repository === "docker.io/radial/busyboxplus" ? ["curl"] : [];
}

/**
 * The docs app an argv starts in this image, or undefined (the general program model runs it).
 * `node server.js` runs the image's own server.js; agnhost netexec serves its endpoints.
 */
export function docsAppRun(ctx: ProcessContext, b: string, args: string[]): ProgramTask | undefined {
  switch (ctx.kind) {
    case "node-hello":
    case "kubernetes-bootcamp": {
      // server.js sits in / (no WORKDIR): `node server.js` finds it from there
      const script = args[0];
      const atRoot =
        script === "/server.js" || (/^(\.\/)?server\.js$/.test(script ?? "") && (ctx.cwd ?? "/") === "/");
      if (b !== "node" || !atRoot) return undefined;
      return ctx.kind === "node-hello" ? nodeHello(ctx) : bootcamp(ctx);
    }
    case "agnhost":
      return b === "agnhost" && args[0] === "netexec" ? netexec(ctx, args.slice(1)) : undefined;
    case "serve-hostname":
      return b === "serve_hostname" ? serveHostname(ctx, args) : undefined;
    case "echoserver":
      return b === "run.sh"
        ? echoserver(ctx, true)
        : b === "nginx" && args[0] !== "-s"
          ? echoserver(ctx, false)
          : undefined;
    case "hpa-example":
      return b === "apache2-foreground" ? phpApache(ctx) : undefined;
    default:
      return undefined;
  }
}

/** JavaScript's Date#toISOString: 2020-11-13T13:02:17.660Z */
function isoMillis(ms: number): string {
  return `${rfc3339(ms).slice(0, 19)}.${String(Math.floor(ms % 1000)).padStart(3, "0")}Z`;
}

/** Go's log package: 2026/01/15 09:00:00 */
function goLogTime(ms: number): string {
  return formatDate(ms, "+%Y/%m/%d %H:%M:%S");
}

/** klog's header, as agnhost's redirected `log` writes it: I0115 09:00:00.000000       1 log.go:195] */
function klog(ctx: ProcessContext, msg: string): void {
  const t = rfc3339NanoFixed(ctx.wallMs());
  ctx.stderr(`I${t.slice(5, 7)}${t.slice(8, 10)} ${t.slice(11, 26)}       1 log.go:195] ${msg}\n`);
}

/** The query parameters of a request path (`/echo?msg=hi` → msg=hi), decoded as Go's FormValue does. */
function query(path: string): Map<string, string> {
  const q = new Map<string, string>();
  const i = path.indexOf("?");
  if (i < 0) return q;
  for (const part of path.slice(i + 1).split("&")) {
    if (!part) continue;
    const [k, v = ""] = part.split("=");
    const dec = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, " "));
      } catch {
        return s;
      }
    };
    if (!q.has(dec(k))) q.set(dec(k), dec(v));
  }
  return q;
}

/**
 * gcr.io/google-samples/node-hello (server.js): `response.end("Hello Kubernetes!")` for every request,
 * nothing on stdout. PID 1 is `/bin/sh -c node server.js` (jessie's dash does not exec): it ignores
 * SIGTERM, so a stop waits out the grace period and ends in SIGKILL.
 */
function* nodeHello(ctx: ProcessContext): ProgramTask {
  ctx.setMemory(14 * MiB);
  ctx.listen(8080, () => ({ statusCode: 200, body: "Hello Kubernetes!" }));
  yield { kind: "forever" };
  return 0;
}

/**
 * kubernetes-bootcamp's server.js: a start line, then one line per request; answers
 * `Hello Kubernetes bootcamp! | Running on: <pod> | v=<n>`. Node's console.log joins its arguments with
 * spaces (hence `Running On:  <pod> \n`, with the trailing "\n" argument). Stops like node-hello.
 */
function* bootcamp(ctx: ProcessContext): ProgramTask {
  ctx.setMemory(18 * MiB);
  const host = ctx.env.get("HOSTNAME") ?? "undefined";
  const started = ctx.wallMs();
  let requests = 0;
  ctx.stdout(`Kubernetes Bootcamp App Started At: ${isoMillis(started)} | Running On:  ${host} \n\n`);
  ctx.listen(8080, () => {
    const now = ctx.wallMs();
    requests++;
    ctx.stdout(
      `Running On: ${host} | Total Requests: ${requests} | App Uptime: ${(now - started) / 1000} seconds | Log Time: ${isoMillis(now)}\n`,
    );
    return { statusCode: 200, body: `Hello Kubernetes bootcamp! | Running on: ${host} | v=${ctx.version}\n` };
  });
  yield { kind: "forever" };
  return 0;
}

/**
 * agnhost netexec (hello-minikube's hello-node): HTTP on --http-port (8080), UDP on --udp-port (8081);
 * each handler logs `GET <path>`. Served: / (`NOW: ` and Go's time.Time text), /echo, /hostname,
 * /hostName, /clientip, /healthz, /exit, /shutdown. Not simulated: /shell, /dial, /upload, /redirect.
 */
function* netexec(ctx: ProcessContext, args: string[]): ProgramTask {
  ctx.setMemory(9 * MiB);
  const flag = (name: string, dflt: number): number => {
    for (let i = 0; i < args.length; i++) {
      if (args[i] === `--${name}`) return Number(args[i + 1]);
      if (args[i].startsWith(`--${name}=`)) return Number(args[i].slice(name.length + 3));
    }
    return dflt;
  };
  const httpPort = flag("http-port", 8080);
  const udpPort = flag("udp-port", 8081);
  const started = ctx.now();
  let conn = 0;
  klog(ctx, `Started HTTP server on port ${httpPort}`);
  // the UDP goroutine's Printf("Started UDP server on port %s %d", address, port) with address ""
  if (udpPort !== -1) klog(ctx, `Started UDP server on port  ${udpPort}`);
  ctx.listen(httpPort, (req: HttpRequest) => {
    const route = req.path.split("?")[0];
    const q = query(req.path);
    const log = (m: string) => klog(ctx, m);
    switch (route) {
      case "/echo": {
        const msg = q.get("msg") ?? "";
        const code = q.get("code") ?? "";
        log(`GET /echo?msg=${msg}&code=${code}`);
        if (code !== "" && !/^-?\d+$/.test(code))
          return { statusCode: 200, body: `argument 'code' must be an integer or empty, got "${code}"\n` };
        return { statusCode: code === "" ? 200 : Number(code), body: msg };
      }
      case "/hostname":
      case "/hostName":
        log(`GET ${route}`);
        return { statusCode: 200, body: ctx.hostname };
      case "/clientip":
        log("GET /clientip");
        // r.RemoteAddr: the client's address and its ephemeral port
        conn++;
        return { statusCode: 200, body: `${req.remoteAddr}:${32768 + ((conn * 7919) % 28000)}` };
      case "/healthz":
        log("GET /healthz");
        return { statusCode: 200, body: "" };
      case "/shutdown":
        log("GET /shutdown");
        ctx.exit(0, 0);
        return { statusCode: 200, body: "" };
      case "/exit": {
        const code = Number(q.get("code") || 0);
        log(
          `GET /exit?code=${q.get("code") ?? ""}&timeout=${q.get("timeout") ?? ""}&wait=${q.get("wait") ?? ""}`,
        );
        log(`Will begin shutdown in 0s, allowing 0s for connections to close, then will exit with ${code}`);
        ctx.exit(code, 0);
        return { statusCode: 200, body: "" };
      }
      case "/shell":
      case "/dial":
      case "/upload":
      case "/redirect":
        return { statusCode: 501, body: `k8s-node-sim: agnhost netexec's ${route} is not simulated\n` };
      default: {
        log("GET /");
        // fmt's %v of time.Now(): wall clock, zone, and the monotonic reading since the process started
        const t = rfc3339NanoFixed(ctx.wallMs());
        const frac = t.slice(20, 29).replace(/0+$/, "");
        const mono = ((ctx.now() - started) / 1000 + 0.0103).toFixed(9);
        return {
          statusCode: 200,
          body: `NOW: ${t.slice(0, 10)} ${t.slice(11, 19)}${frac ? `.${frac}` : ""} +0000 UTC m=+${mono}`,
        };
      }
    }
  });
  // Go's default SIGTERM handling ends the process with the signal
  ctx.trap("SIGTERM", () => ctx.exit(2, 5));
  yield { kind: "forever" };
  return 0;
}

/**
 * serve_hostname: HTTP on -port (9376) answering the hostname, each request logged; SIGTERM is caught,
 * logged, and the process waits (60 s) for the pod to go, so the grace period ends it.
 */
function* serveHostname(ctx: ProcessContext, args: string[]): ProgramTask {
  ctx.setMemory(3 * MiB);
  const portArg = args.find((a) => /^--?port=/.test(a));
  const port = portArg ? Number(portArg.split("=")[1]) : 9376;
  const log = (m: string) => ctx.stderr(`${goLogTime(ctx.wallMs())} ${m}\n`);
  log(`Serving on port ${port}.`);
  ctx.listen(port, (req) => {
    log(`HTTP request from ${req.remoteAddr}`);
    return { statusCode: 200, body: ctx.hostname };
  });
  let stopping = false;
  ctx.trap("SIGTERM", () => {
    if (stopping) return;
    stopping = true;
    log("Shutting down after receiving signal: terminated.");
    log("Awaiting pod deletion.");
    ctx.exit(0, 60_000);
  });
  yield { kind: "forever" };
  return 0;
}

/** Common log format time: 15/Jan/2026:09:00:05 +0000 */
function clfTime(ms: number): string {
  const iso = rfc3339(ms);
  return `${iso.slice(8, 10)}/${MONTHS[Number(iso.slice(5, 7)) - 1]}/${iso.slice(0, 4)}:${iso.slice(11, 19)} +0000`;
}

/**
 * registry.k8s.io/echoserver:1.10: run.sh makes a self-signed certificate, then nginx (1.13.3 with the
 * lua module) answers every request with what it received; nginx's access log on stdout.
 */
function* echoserver(ctx: ProcessContext, runScript: boolean): ProgramTask {
  ctx.setMemory(6 * MiB);
  if (runScript) {
    ctx.stdout("Generating self-signed cert\n");
    ctx.stderr("Generating a 2048 bit RSA private key\n..+++\n.......................+++\n");
    ctx.stderr("writing new private key to '/certs/privateKey.key'\n-----\n");
    yield { kind: "sleep", ms: 120 };
    ctx.stdout("Starting nginx\n");
  }
  ctx.listen(8080, (req) => {
    const [path, q = ""] = req.path.split(/\?(.*)/s);
    const host = ctx.podIp;
    const headers = req.userAgent.startsWith("curl/")
      ? [`accept=*/*`, `host=${host}:8080`, `user-agent=${req.userAgent}`]
      : [`host=${host}:8080`, `user-agent=${req.userAgent}`];
    const body = [
      "",
      "",
      `Hostname: ${ctx.hostname}`,
      "",
      "Pod Information:",
      "\t-no pod information available-",
      "",
      "Server values:",
      "\tserver_version=nginx: 1.13.3 - lua: 10008",
      "",
      "Request Information:",
      `\tclient_address=${req.remoteAddr}`,
      `\tmethod=${req.method}`,
      `\treal path=${path}`,
      `\tquery=${q}`,
      "\trequest_version=1.1",
      "\trequest_scheme=http",
      `\trequest_uri=http://${host}:8080${req.path}`,
      "",
      "Request Headers:",
      ...headers.map((h) => `\t${h}`),
      "",
      "Request Body:",
      "\t-no body in request-",
      "",
      "",
    ].join("\n");
    ctx.stdout(
      `${req.remoteAddr} - - [${clfTime(ctx.wallMs())}] "${req.method} ${req.path} HTTP/1.1" 200 ${body.length} "-" "${req.userAgent}"\n`,
    );
    return { statusCode: 200, body };
  });
  ctx.trap("SIGTERM", () => ctx.exit(0, 10));
  ctx.trap("SIGQUIT", () => ctx.exit(0, 30));
  yield { kind: "forever" };
  return 0;
}

/**
 * registry.k8s.io/hpa-example (php-apache): Apache 2.4 with mod_php; index.php adds square roots a
 * million times (a burst of CPU) and prints `OK!`. SIGWINCH (the image's stop signal) stops gracefully.
 */
function* phpApache(ctx: ProcessContext): ProgramTask {
  ctx.setMemory(10 * MiB);
  const ah = `AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIp}. Set the 'ServerName' directive globally to suppress this message`;
  ctx.stderr(`${ah}\n${ah}\n`);
  const t = () => {
    const d = formatDate(ctx.wallMs());
    return `${d.slice(0, 19)}.${String(Math.floor(ctx.wallMs() % 1000) * 1000).padStart(6, "0")} ${d.slice(-4)}`;
  };
  ctx.stderr(
    `[${t()}] [mpm_prefork:notice] [pid 1] AH00163: Apache/2.4.10 (Debian) PHP/${ctx.version} configured -- resuming normal operations\n`,
  );
  ctx.stderr(`[${t()}] [core:notice] [pid 1] AH00094: Command line: 'apache2 -D FOREGROUND'\n`);
  ctx.listen(80, (req) => {
    const route = req.path.split("?")[0];
    const ok = route === "/" || route === "/index.php";
    const body = ok
      ? "OK!"
      : `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL ${route} was not found on this server.</p>\n<hr>\n<address>Apache/2.4.10 (Debian) Server at ${ctx.podIp} Port 80</address>\n</body></html>\n`;
    ctx.stdout(
      `${req.remoteAddr} - - [${clfTime(ctx.wallMs())}] "${req.method} ${req.path} HTTP/1.1" ${ok ? 200 : 404} ${body.length} "-" "${req.userAgent}"\n`,
    );
    return { statusCode: ok ? 200 : 404, body };
  });
  ctx.trap("SIGWINCH", () => {
    ctx.stderr(`[${t()}] [mpm_prefork:notice] [pid 1] AH00170: caught SIGWINCH, shutting down gracefully\n`);
    ctx.exit(0, 50);
  });
  ctx.trap("SIGTERM", () => {
    ctx.stderr(`[${t()}] [mpm_prefork:notice] [pid 1] AH00169: caught SIGTERM, shutting down\n`);
    ctx.exit(0, 20);
  });
  yield { kind: "forever" };
  return 0;
}
