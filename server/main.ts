// `npm run backend -- [--listen 127.0.0.1:7070] [--token T] [--runtime-endpoint unix:///run/containerd/containerd.sock]
//                     [--allow-privileged] [--origin http://localhost:5173]... [--grace 10s]`
// Starts the WebSocket ⇄ CRI bridge and prints the token with a ready-to-open URL.
import { DEFAULT_ORIGINS, startBackend } from "./backend";

function usage(): never {
  console.log(`usage: npm run backend -- [--listen HOST:PORT] [--token T] [--runtime-endpoint URL]
       [--allow-privileged] [--origin URL]... [--grace SECONDS] [--app-url URL]
  --listen            where the WebSocket listens (default 127.0.0.1:7070; keep it on loopback)
  --token             the token pages must present (default: random, printed)
  --runtime-endpoint  CRI socket (default unix:///run/containerd/containerd.sock;
                      CRI-O: unix:///var/run/crio/crio.sock)
  --allow-privileged  allow privileged pods, host namespaces, hostPath mounts, added capabilities
  --origin            a page origin allowed to connect (repeatable; default ${DEFAULT_ORIGINS.join(", ")})
  --grace             seconds a disconnected session's pods survive (default 10)
  --app-url           the simulator's URL printed with the token (default http://localhost:5173/)`);
  process.exit(0);
}

const argv = process.argv.slice(2);
const opts: Parameters<typeof startBackend>[0] = { origins: [] };
let appUrl = "http://localhost:5173/";
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const [flag, inline] = a.includes("=")
    ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]
    : [a, undefined];
  const val = (): string => {
    const v = inline ?? argv[++i];
    if (v === undefined) {
      console.error(`backend: ${flag} needs a value`);
      process.exit(2);
    }
    return v;
  };
  switch (flag) {
    case "--listen":
      opts.listen = val();
      break;
    case "--token":
      opts.token = val();
      break;
    case "--runtime-endpoint":
      opts.runtimeEndpoint = val();
      break;
    case "--allow-privileged":
      opts.allowPrivileged = true;
      break;
    case "--origin":
      opts.origins!.push(val());
      break;
    case "--grace":
      opts.graceMs = Number.parseFloat(val()) * 1000;
      break;
    case "--app-url":
      appUrl = val();
      break;
    case "-h":
    case "--help":
      usage();
      break;
    default:
      console.error(`backend: unknown flag ${a} (see --help)`);
      process.exit(2);
  }
}

const backend = await startBackend(opts);
const open = new URL(appUrl);
open.searchParams.set("runtime", backend.url);
open.searchParams.set("token", backend.token);
console.log(`k8s-node-sim backend listening on ${backend.url}`);
console.log(
  `  runtime:  ${opts.runtimeEndpoint ?? "unix:///run/containerd/containerd.sock"} (${backend.runtimeUp() ? "up" : "DOWN"})`,
);
console.log(`  token:    ${backend.token}`);
console.log(`  open:     ${open.href}`);
console.log(`  shell:    npm run shell -- --runtime ${backend.url} --token ${backend.token}`);
if (opts.allowPrivileged)
  console.log("  WARNING: --allow-privileged: pages may create privileged containers on this host");
console.log("READY"); // scripts wait for this line

let stopping = false;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log("backend: removing session pods and stopping…");
    void backend.close(true).then(() => process.exit(0));
  });
}
