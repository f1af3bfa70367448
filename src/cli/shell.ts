// `npm run shell` / `k8s-node-sim`: reads command lines from stdin and prints what the browser
// terminal would. Interactive on a TTY (prompt, heredocs continue with "> "); a script otherwise.
import * as readline from "node:readline";
import { WebSocket } from "ws";
import { isComplete, splitScript } from "../shell";
import type { FollowHost } from "../shell/types";
import { createSimulation } from "../simulation";

const PROMPT = "root@node-1:~# ";

const USAGE = `usage: k8s-node-sim [--seed N] [--runtime ws://HOST:PORT --token T] < script
  --runtime  drive a real runtime through the k8s-node-sim backend (npm run backend);
             time then follows the wall clock: \`sim advance 10s\` waits ten seconds
  --token    the token the backend printed (or K8S_SIM_TOKEN)
`;

function parseArgs(argv: string[]): { seed: number; runtime?: string; token?: string } {
  let seed = 1;
  let runtime: string | undefined;
  let token = process.env.K8S_SIM_TOKEN;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith("--") && a.includes("=") ? a.split(/=(.*)/s, 2) : [a, undefined];
    const val = () => inline ?? argv[++i];
    if (flag === "--seed") seed = Number(val());
    else if (flag === "--runtime") runtime = val();
    else if (flag === "--token") token = val();
    else if (a === "-h" || a === "--help") {
      process.stdout.write(USAGE);
      process.exit(0);
    } else {
      process.stderr.write(`k8s-node-sim: unknown flag ${a}\n${USAGE}`);
      process.exit(2);
    }
  }
  if (runtime !== undefined && !/^wss?:\/\//.test(runtime)) {
    process.stderr.write(`k8s-node-sim: --runtime wants a ws:// URL (got ${JSON.stringify(runtime)})\n`);
    process.exit(2);
  }
  if (runtime !== undefined && !token) {
    process.stderr.write("k8s-node-sim: --runtime needs --token (printed by npm run backend)\n");
    process.exit(2);
  }
  return { seed: Number.isFinite(seed) ? seed : 1, runtime, token };
}

/** Headless follow: output streams while later `sim` lines move time; any other command ends it. */
class HeadlessFollow implements FollowHost {
  readonly interrupted: Promise<void>;
  private stop!: () => void;
  constructor(private readonly out: (s: string) => void) {
    this.interrupted = new Promise((r) => {
      this.stop = r;
    });
  }
  write(chunk: string): void {
    this.out(chunk);
  }
  interrupt(): void {
    this.stop();
  }
}

async function main(): Promise<void> {
  const { seed, runtime, token } = parseArgs(process.argv.slice(2));
  const sim = createSimulation({
    seed,
    remote: runtime
      ? { url: runtime, token: token ?? "", createSocket: (url) => new WebSocket(url) as any }
      : undefined,
  });
  if (sim.remote) {
    try {
      await sim.remote.ready();
    } catch (e) {
      sim.close?.();
      throw new Error(
        `cannot attach to the real runtime at ${runtime}: ${e instanceof Error ? e.message : e}`,
      );
    }
    if (!sim.remote.runtime.state.runtimeUp)
      process.stderr.write(
        `k8s-node-sim: warning: the backend says the runtime is down (${sim.remote.describe()})\n`,
      );
  }
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  const columns = process.stdout.columns ?? 120;
  const write = (s: string) => process.stdout.write(s);
  const pending: Promise<unknown>[] = [];
  let follow: HeadlessFollow | undefined;

  async function runUnit(unit: string): Promise<void> {
    const isSimControl = /^\s*sim\s+(advance|time|trace)\b/.test(unit);
    if (follow && !isSimControl) {
      follow.interrupt();
      follow = undefined;
      await Promise.all(pending.splice(0));
    }
    const host = new HeadlessFollow(write);
    let settled = false;
    const p = sim.run(unit, { follow: host, color, columns }).then((r) => {
      settled = true;
      write(r.output);
    });
    // A follow command returns only when interrupted: let it stream in the background.
    await Promise.race([p, new Promise((r) => setImmediate(r))]);
    if (!settled) {
      await new Promise((r) => setImmediate(r));
    }
    if (settled) return;
    follow = host;
    pending.push(p);
  }

  if (process.stdin.isTTY) {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: PROMPT });
    let buffer = "";
    // Ctrl-C inside a container session interrupts the command running there (or abandons the line)
    rl.on("SIGINT", () => {
      if (follow) {
        follow.interrupt();
        follow = undefined;
      }
      // abandon the half-typed line, like bash and the shells in containers
      rl.write(null, { ctrl: true, name: "u" });
      buffer = "";
      process.stdout.write("^C\n");
      rl.setPrompt(sim.shell.prompt ?? PROMPT);
      rl.prompt();
    });
    rl.prompt();
    for await (const line of rl) {
      buffer = buffer ? `${buffer}\n${line}` : line;
      if (!isComplete(buffer)) {
        rl.setPrompt("> ");
        rl.prompt();
        continue;
      }
      const text = buffer;
      buffer = "";
      for (const unit of splitScript(text)) await runUnit(unit);
      // inside a container (kubectl exec -it …) the prompt is the container shell's own
      rl.setPrompt(sim.shell.prompt ?? PROMPT);
      rl.prompt();
    }
  } else {
    let input = "";
    for await (const chunk of process.stdin) input += chunk;
    for (const unit of splitScript(input)) await runUnit(unit);
  }
  if (follow) follow.interrupt();
  await Promise.all(pending);
  // real mode: the pump and the socket keep the process alive; the backend reaps the pods after its grace period
  sim.close?.();
}

main().catch((e) => {
  process.stderr.write(`k8s-node-sim: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
