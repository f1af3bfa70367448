// The command layer's contract: one registry of commands, each a pure-ish function of the node.
import type { SimNode } from "../sim/node/types";

export interface CommandResult {
  stdout: string;
  stderr: string;
  /** Exit status as the real tool returns it (kubectl errors: 1; bash unknown command: 127). */
  code: number;
}

/** For follow modes (`kubectl get -w`, `logs -f`, `journalctl -f`, `tail -f`): output that keeps coming. */
export interface FollowHost {
  write(chunk: string): void;
  /** Resolves when the user interrupts (Ctrl-C) or, headless, when the next command starts. */
  readonly interrupted: Promise<void>;
}

export interface CommandContext {
  node: SimNode;
  /** argv without the command name. */
  args: string[];
  /** Heredoc or piped input. */
  stdin?: string;
  /** Present when the terminal can show streaming output. Without it, follow commands print once and return. */
  follow?: FollowHost;
  /** True when output goes to a terminal that understands ANSI colour. */
  color: boolean;
  /** Terminal width in columns (for wrapping help text). */
  columns: number;
}

export interface Command {
  name: string;
  /** One line for `help`. */
  summary: string;
  run(ctx: CommandContext): Promise<CommandResult>;
}

export function ok(stdout: string): CommandResult {
  return { stdout, stderr: "", code: 0 };
}

export function fail(stderr: string, code = 1): CommandResult {
  return { stdout: "", stderr: stderr.endsWith("\n") ? stderr : `${stderr}\n`, code };
}
