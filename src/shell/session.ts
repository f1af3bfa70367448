// A terminal session over a CRI stream: what `kubectl exec -it`, `kubectl run -it`, `kubectl debug -it`
// and `crictl exec -it` hand the shell. Each line typed goes to the process in the container and the
// virtual clock runs until it waits at its prompt again; the client's own closing lines (`command
// terminated with exit code 3`, `Session ended, …`) come when the process has exited.
import type { SimNode } from "../sim/node/types";
import type { StreamIdle, TerminalStream } from "../sim/runtime/tty";
import type { Deferred } from "../sim/task";
import { chunksOf, type OrderedResult, Output } from "./registry";
import type { FollowHost, SessionResult, TerminalSession } from "./types";

/** Ctrl-D and Ctrl-C as the terminals send them into a session. */
export const CTRL_D = "\x04";
export const CTRL_C = "\x03";

export class StreamSession implements TerminalSession {
  /** The foreground command blocks (`sleep infinity`): headless, the next line interrupts it first. */
  private busy = false;

  constructor(
    private readonly node: SimNode,
    private readonly stream: TerminalStream,
    /** The client's closing lines and exit status once the process has exited. */
    private readonly finish: (exitCode: number) => Promise<OrderedResult>,
  ) {}

  get prompt(): string {
    return this.stream.exited || this.busy ? "" : this.stream.prompt;
  }

  /** Run the clock until the process first waits for input (or exits): the output so far. */
  async start(io: { follow?: FollowHost } = {}): Promise<SessionResult> {
    const out = new Output();
    await this.wait(this.stream.ready(), io, out);
    return this.result(out);
  }

  async input(line: string, io: { follow?: FollowHost }): Promise<SessionResult> {
    const out = new Output();
    if (line === CTRL_C) await this.wait(this.stream.interrupt(), io, out);
    else {
      // headless there is no Ctrl-C key: the next line ends what still runs, as a follow command ends
      if (this.busy && !io.follow) await this.wait(this.stream.interrupt(), io, out);
      if (!this.stream.exited)
        await this.wait(line === CTRL_D ? this.stream.eof() : this.stream.send(line), io, out);
    }
    return this.result(out);
  }

  private async result(out: Output): Promise<SessionResult> {
    if (!this.stream.exited) return { ...out.result(0), ended: false };
    const f = await this.finish(this.stream.exitCode ?? 0);
    for (const c of chunksOf(f)) {
      if (c.fd === 1) out.out(c.text);
      else out.err(c.text);
    }
    return { ...out.result(f.code), ended: true };
  }

  private async wait(d: Deferred<StreamIdle>, io: { follow?: FollowHost }, out: Output): Promise<void> {
    let why = await this.settle(d);
    const text = this.stream.take();
    if (why === "blocked" && io.follow) {
      // a terminal that streams: output shows as the player moves time, until Ctrl-C
      const follow = io.follow;
      if (text) follow.write(text);
      this.stream.follow((t) => follow.write(t));
      await follow.interrupted;
      this.stream.follow(undefined);
      this.stream.take(); // shown already
      why = await this.settle(this.stream.interrupt());
      out.out(this.stream.take());
    } else out.out(text);
    this.busy = why === "blocked";
  }

  private async settle(d: Deferred<StreamIdle>): Promise<StreamIdle> {
    try {
      return await this.node.settle(d);
    } catch {
      // a virtual hour without an answer: the command is still running
      return "blocked";
    }
  }
}
