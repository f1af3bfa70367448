// cri-tools cmd/crictl/exec.go Exec + stream(): `crictl exec -it ID sh` asks the runtime's CRI Exec
// for a streaming URL and connects a raw terminal to it; the session then owns the shell. A non-zero
// exit comes back from remotecommand as an error, which crictl logs fatally.

import { feedAll, openExec } from "../kubectl/stream";
import { StreamSession } from "../session";
import { CrictlFatal, type CrictlRun } from "./runner";

export async function execInteractive(
  r: CrictlRun,
  arg: string,
  id: string,
  cmd: string[],
  tty: boolean,
): Promise<number> {
  const piped = r.ctx.stdin !== undefined;
  // stream(): a tty needs stdin on a terminal
  if (tty && piped) throw new CrictlFatal(`execing command in container ${arg}: input is not a terminal`);
  const opened = await openExec(r.node, id, cmd, tty);
  if ("error" in opened) {
    if (opened.unsupported)
      throw new CrictlFatal(`k8s-node-sim: 'crictl exec -i' needs the simulated runtime (${opened.error})`);
    // the streaming server answers a process that cannot start with an InternalError status
    if (/^failed to exec in container: failed to start exec/.test(opened.error))
      throw new CrictlFatal(
        `execing command in container ${arg}: Internal error occurred: error executing command in container: ${opened.error}`,
      );
    throw new CrictlFatal(`execing command in container ${arg}: ${opened.error}`);
  }
  const stream = opened.stream;
  const closing = (code: number) => {
    if (code !== 0)
      r.logrus("FATA", `execing command in container ${arg}: command terminated with exit code ${code}`);
    return r.drain(code === 0 ? 0 : 1);
  };
  if (piped) {
    r.print(await feedAll(r.node, stream, r.ctx.stdin ?? ""));
    const code = stream.exitCode ?? 0;
    if (code !== 0)
      throw new CrictlFatal(`execing command in container ${arg}: command terminated with exit code ${code}`);
    return 0;
  }
  const session = new StreamSession(r.node, stream, async (code) => closing(code));
  const first = await session.start({ follow: r.ctx.follow });
  r.print(first.stdout);
  if (first.ended) {
    // the command finished at once (`crictl exec -it ID ls`): its closing lines are in `first`
    r.printErr(first.stderr);
    return first.code;
  }
  r.session = session;
  return 0;
}
