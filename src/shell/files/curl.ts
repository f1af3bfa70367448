// curl on the node — simplified: the simulated node reaches only what the simulator models of the
// Internet: the Kubernetes docs' example manifests (https://k8s.io/examples/…, as kubectl apply -f reads
// them) and the public hosts of src/sim/net/internet.ts. Anything else does not resolve.
import { publicGet, publicHostNamed } from "../../sim/net/internet";
import { docsExample } from "../kubectl/docsExamples";
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
    else if (/^-[a-zA-Z]+$/.test(a)) {
      for (const [j, f] of [...a.slice(1)].entries()) {
        if (f === "L") location = true;
        else if (f === "s") silent = true;
        else if (f === "S") showErrors = true;
        else if (f === "f") fail = true;
        else if (f === "O") remoteName = true;
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
  let res = fetchOnce(url);
  for (let hops = 0; res?.location && location && hops < 50; hops++) res = fetchOnce(res.location);
  if (!res) return say(6, `Could not resolve host: ${/^\w+:\/\/([^/:]+)/.exec(url)?.[1] ?? url}`);
  if (fail && res.status >= 400) return say(22, `The requested URL returned error: ${res.status}`);
  const file = remoteName ? url.split(/[?#]/)[0].split("/").pop() || "" : outFile;
  if (remoteName && !file) return say(23, "Failed writing body");
  // the progress meter shows when the body goes to a file, not to the terminal
  if (!silent && file && file !== "-") {
    const n = String(res.body.length).padStart(5);
    out.err(
      "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n" +
        "                                 Dload  Upload   Total   Spent    Left  Speed\n" +
        `100 ${n}  100 ${n}    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k`,
    );
  }
  if (file && file !== "-") ctx.node.fs.write(resolvePath(ctx.node, file), res.body);
  else out.out(res.body);
  return out.result(0);
}

export const curlCommand: Command = { name: "curl", summary: "Transfer a URL", run: curl };
