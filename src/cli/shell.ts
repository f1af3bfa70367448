// `npm run shell` / `k8s-node-sim`: reads command lines from stdin and prints what the browser
// terminal would. Interactive on a TTY (prompt, heredocs continue with "> "); a script otherwise.
import * as readline from "node:readline";
import { isComplete, splitScript } from "../shell";
import type { FollowHost } from "../shell/types";
import { createSimulation } from "../simulation";

const PROMPT = "root@node-1:~# ";

function parseArgs(argv: string[]): { seed: number } {
  let seed = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--seed") seed = Number(argv[++i]);
    else if (a.startsWith("--seed=")) seed = Number(a.slice(7));
    else if (a === "-h" || a === "--help") {
      process.stdout.write("usage: k8s-node-sim [--seed N] < script\n");
      process.exit(0);
    }
  }
  return { seed: Number.isFinite(seed) ? seed : 1 };
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
  const { seed } = parseArgs(process.argv.slice(2));
  const sim = createSimulation({ seed });
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
      rl.setPrompt(PROMPT);
      rl.prompt();
    }
  } else {
    let input = "";
    for await (const chunk of process.stdin) input += chunk;
    for (const unit of splitScript(input)) await runUnit(unit);
  }
  if (follow) follow.interrupt();
  await Promise.all(pending);
}

main().catch((e) => {
  process.stderr.write(`k8s-node-sim: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
