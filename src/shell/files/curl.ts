// curl on the node — simplified: the simulated node reaches the cluster's addresses (pod IPs over the
// cni0 bridge, Service ClusterIPs and NodePorts through kube-proxy's rules, the kubelet's healthz on
// localhost:10248) and what the simulator models of the Internet: the Kubernetes docs' example
// manifests (https://k8s.io/examples/…, as kubectl apply -f reads them) and the public hosts of
// src/sim/net/internet.ts. Other names do not resolve.
import { publicGet, publicHostNamed } from "../../sim/net/internet";
import { docsExample } from "../kubectl/docsExamples";
import { proxyAt, proxyGet } from "../kubectl/proxy";
import { Output } from "../registry";
import type { Command, CommandContext, CommandResult } from "../types";
import { resolvePath } from "./cwd";

// k8s.io is a redirector (nginx): /examples/… answers 301 to kubernetes.io
const MOVED = `<html>
<head><title>301 Moved Permanently</title></head>
<body>
<center><h1>301 Moved Permanently</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

interface Fetched {
  status: number;
  body: string;
  location?: string;
}

/** An address curl connects to without DNS: an IPv4 literal, localhost, or the node's own name. */
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** HTTP reason phrases for the status line curl -i / -I prints. */
const REASONS: Record<number, string> = {
  200: "OK",
  301: "Moved Permanently",
  302: "Found",
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** curl's failure on the cluster network: its exit code and words (curl 7.88, Debian bookworm's). */
type NetFailure = { code: number; message: string };

/**
 * One request into the cluster from the node's own network namespace: kube-proxy's OUTPUT rules first
 * (ClusterIP, NodePort on the node's addresses and on localhost), then the pod network.
 */
async function fetchCluster(
  ctx: CommandContext,
  host: string,
  port: number,
  path: string,
  timeoutMs: number,
): Promise<Fetched | NetFailure> {
  const addr = host === "localhost" ? "127.0.0.1" : host;
  // a `kubectl proxy` listening on this port: the API server's answer
  const proxy = proxyAt(ctx.node, addr, port);
  if (proxy) return proxyGet(ctx.node, proxy, path);
  // the kubelet's healthz endpoint (healthzBindAddress 127.0.0.1, healthzPort 10248)
  if (addr.startsWith("127.") && port === 10248) {
    if (!ctx.node.units.kubelet.active)
      return { code: 7, message: `Failed to connect to ${host} port ${port} after 0 ms: Connection refused` };
    return path === "/healthz" ? { status: 200, body: "ok" } : { status: 404, body: "404 page not found\n" };
  }
  const net = ctx.node.hostNetwork;
  if (!net)
    return { code: 7, message: `Failed to connect to ${host} port ${port} after 0 ms: Connection refused` };
  try {
    const r = await ctx.node.settle(
      net.httpGet({ host: addr, port, path, timeoutMs, headers: { "User-Agent": "curl/7.88.1" } }),
    );
    return { status: r.statusCode, body: r.body, location: r.location };
  } catch (e) {
    const why = (e as Error).message;
    if (/no route to host/.test(why))
      return {
        code: 7,
        message: `Failed to connect to ${host} port ${port} after 3071 ms: No route to host`,
      };
    if (/deadline exceeded|timed out|timeout/i.test(why))
      return {
        code: 28,
        message: `Operation timed out after ${timeoutMs} milliseconds with 0 bytes received`,
      };
    return { code: 7, message: `Failed to connect to ${host} port ${port} after 0 ms: Connection refused` };
  }
}

/** One request: undefined when the host does not resolve. */
function fetchOnce(url: string): Fetched | undefined {
  const m = /^(https?):\/\/([^/:]+)(?::\d+)?(\/[^?#]*)?/.exec(url);
  if (!m) return undefined;
  const [, , host, path = "/"] = m;
  if (host === "k8s.io" && path.startsWith("/examples/"))
    return { status: 301, body: MOVED, location: `https://kubernetes.io${path}` };
  const doc = docsExample(url);
  if (doc !== undefined) return { status: 200, body: doc };
  // an example the simulator does not carry: GitHub's raw server says so; the site's 404 page is not modelled
  if (host === "raw.githubusercontent.com") return { status: 404, body: "404: Not Found" };
  if (host === "kubernetes.io") return { status: 404, body: "" };
  const site = publicHostNamed(host);
  if (!site || m[1] !== "http") return undefined;
  const r = publicGet(site, path);
  return { status: r.statusCode, body: r.body };
}

async function curl(ctx: CommandContext): Promise<CommandResult> {
  const out = new Output();
  let location = false;
  let silent = false;
  let showErrors = false;
  let fail = false;
  let remoteName = false;
  let head = false;
  let include = false;
  let maxTimeMs = 0;
  let writeOut: string | undefined;
  let outFile: string | undefined;
  let url: string | undefined;
  const args = ctx.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--location") location = true;
    else if (a === "--silent") silent = true;
    else if (a === "--show-error") showErrors = true;
    else if (a === "--fail") fail = true;
    else if (a === "--remote-name") remoteName = true;
    else if (a === "-o" || a === "--output") outFile = args[++i];
    // the method: GET is all the simulated servers answer
    else if (a === "-X" || a === "--request") i++;
    else if (a === "--head") head = true;
    else if (a === "--include") include = true;
    else if (a === "-m" || a === "--max-time") maxTimeMs = Number(args[++i]) * 1000;
    else if (a === "-w" || a === "--write-out") writeOut = args[++i];
    else if (/^-[a-zA-Z]+$/.test(a)) {
      for (const [j, f] of [...a.slice(1)].entries()) {
        if (f === "L") location = true;
        else if (f === "s") silent = true;
        else if (f === "S") showErrors = true;
        else if (f === "f") fail = true;
        else if (f === "O") remoteName = true;
        else if (f === "I") head = true;
        else if (f === "i") include = true;
        else if (f === "o") {
          // -o FILE, also as the last letter of a group (-Lo FILE)
          outFile = j === a.length - 2 ? args[++i] : a.slice(j + 2);
          break;
        }
      }
    } else if (!a.startsWith("-")) url = a;
  }
  const say = (code: number, msg: string) => {
    if (!silent || showErrors) out.err(`curl: (${code}) ${msg}`);
    return out.result(code);
  };
  if (!url) {
    out.err("curl: try 'curl --help' or 'curl --manual' for more information");
    return out.result(2);
  }
  // the cluster's addresses (no scheme: http)
  const cm = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^?#]*)/.exec(url);
  const clusterHost = cm && (IPV4.test(cm[2]) || cm[2] === "localhost" || cm[2] === ctx.node.nodeName);
  let res: Fetched | undefined;
  if (cm && clusterHost) {
    if (cm[1] === "https")
      return say(35, "OpenSSL/3.0.15: error:0A00010B:SSL routines::wrong version number");
    const host = cm[2] === ctx.node.nodeName ? "127.0.0.1" : cm[2];
    const got = await fetchCluster(ctx, host, cm[3] ? Number(cm[3]) : 80, cm[4] || "/", maxTimeMs || 130_000);
    if ("code" in got) return say(got.code, got.message);
    res = got;
  } else {
    res = fetchOnce(url);
    for (let hops = 0; res?.location && location && hops < 50; hops++) res = fetchOnce(res.location);
    if (!res) return say(6, `Could not resolve host: ${/^\w+:\/\/([^/:]+)/.exec(url)?.[1] ?? url}`);
  }
  if (fail && res.status >= 400) return say(22, `The requested URL returned error: ${res.status}`);
  const file = remoteName ? url.split(/[?#]/)[0].split("/").pop() || "" : outFile;
  if (remoteName && !file) return say(23, "Failed writing body");
  // the progress meter shows when the body goes to a file or a pipe (`curl URL | jq .`), not to the terminal
  const piped = ctx.pipeline !== undefined && ctx.pipeline.index < ctx.pipeline.argv.length - 1;
  if (!silent && ((file && file !== "-") || (!file && piped))) {
    const n = String(res.body.length).padStart(5);
    out.err(
      "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n" +
        "                                 Dload  Upload   Total   Spent    Left  Speed\n" +
        `100 ${n}  100 ${n}    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k`,
    );
  }
  const headers = `HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ""}\r\nContent-Length: ${res.body.length}\r\n${res.location ? `Location: ${res.location}\r\n` : ""}\r\n`;
  const body = head ? headers : (include ? headers : "") + res.body;
  if (file === "/dev/null") {
    // discarded
  } else if (file && file !== "-") ctx.node.fs.write(resolvePath(ctx.node, file), body);
  else out.out(body);
  // -w: the variables learners use, with curl's backslash escapes
  if (writeOut !== undefined)
    out.out(
      writeOut
        .replace(/%\{(http_code|response_code)\}/g, String(res.status).padStart(3, "0"))
        .replace(/%\{size_download\}/g, String(res.body.length))
        .replace(/%\{url_effective\}/g, url)
        .replace(/\\n/g, "\n")
        .replace(/\\t/g, "\t"),
    );
  return out.result(0);
}

export const curlCommand: Command = { name: "curl", summary: "Transfer a URL", run: curl };
