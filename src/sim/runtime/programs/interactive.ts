// An interactive shell on a terminal (`kubectl exec -it POD -- sh`, `kubectl run -it … -- sh`):
// print the prompt, read a line, run it, until `exit` or end of input. The prompt is each shell's
// own: busybox ash `\w \$ ` (`/ # `), Debian's bash via /etc/bash.bashrc `\u@\h:\w\$ `
// (`root@shell-demo:/# `), dash a bare `# ` / `$ `.
import { parsePasswd } from "../security";
import { Interrupted } from "../tty";
import { type Gen, type ProgramLookup, Shell, type ShellDialect, ShellExit, type ShellIo } from "./shell";
import type { ProcessContext } from "./types";

/** The dialect a shell binary speaks in this image. */
export function dialectOf(ctx: ProcessContext, binary: string): ShellDialect {
  if (binary === "bash") return "bash";
  return ctx.busybox ? "ash" : "dash";
}

/** `\w`: the working directory, with $HOME shown as `~`. */
function tildeDir(sh: Shell): string {
  const pwd = sh.vars.get("PWD") ?? "/";
  const home = sh.vars.get("HOME");
  if (home && home !== "/" && (pwd === home || pwd.startsWith(`${home}/`)))
    return `~${pwd.slice(home.length)}`;
  return pwd;
}

/** The prompt the shell's line editor shows now. */
export function promptOf(sh: Shell): string {
  const ctx = sh.ctx;
  // without a terminal the shell is not interactive: no prompt
  if (!ctx.tty) return "";
  const mark = ctx.security.uid === 0 ? "#" : "$";
  if (sh.dialect === "dash") return `${mark} `;
  if (sh.dialect === "ash") return `${tildeDir(sh)} ${mark} `;
  // bash's \u: the passwd name, or "I have no name!" when the uid has no entry
  const user =
    parsePasswd(ctx.fs.read("/etc/passwd")).find((u) => u.uid === ctx.security.uid)?.name ??
    "I have no name!";
  return `${user}@${ctx.hostname.split(".")[0]}:${tildeDir(sh)}${mark} `;
}

/**
 * The read–eval loop. Returns the shell's exit status: `exit N`, or the last command's status at
 * end of input. bash says `exit` as it leaves; ash and dash print a newline at end of input.
 */
export function* interactiveLoop(sh: Shell, io: ShellIo): Gen<number> {
  if (!sh.vars.has("PWD")) sh.vars.set("PWD", sh.ctx.cwd || "/");
  sh.interactive = true;
  for (;;) {
    const line = (yield { kind: "read", prompt: promptOf(sh) }) as string | null;
    if (line === null) {
      if (sh.ctx.tty) io.out(sh.dialect === "bash" ? "exit\n" : "\n");
      return sh.status;
    }
    try {
      if (line.trim() !== "") yield* sh.runLine(line, io);
    } catch (e) {
      if (e instanceof ShellExit) {
        if (sh.dialect === "bash" && sh.ctx.tty) io.out("exit\n");
        return e.code;
      }
      // Ctrl-C ends the foreground command, not the shell
      if (e instanceof Interrupted) sh.status = 130;
      else throw e;
    }
    sh.lineNo++;
  }
}

/** A shell binary started with no script and stdin on a terminal. */
export function* interactiveShell(ctx: ProcessContext, lookup: ProgramLookup, binary: string): Gen<number> {
  const sh = new Shell(ctx, lookup);
  sh.dialect = dialectOf(ctx, binary);
  const io = { out: (s: string) => ctx.stdout(s), err: (s: string) => ctx.stderr(s), tty: ctx.tty };
  return yield* interactiveLoop(sh, io);
}
