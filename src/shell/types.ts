// The command layer's contract: one registry of commands, each a pure-ish function of the node.
import type { NodeSnapshot, SimNode } from "../sim/node/types";

/**
 * What the runtime holds now, read without a CRI round trip: Tab completion and `df` must not move
 * the virtual clock or show up as CRI calls in the trace. The Simulation hands in its snapshot.
 */
export type RuntimeView = Pick<NodeSnapshot, "sandboxes" | "containers" | "images" | "imageFs">;

/** A node file for the editor panel (`edit FILE`, `kubectl edit`). */
export interface OpenFile {
  path: string;
  text: string;
  /**
   * A program in a session waits for this editor (`kubectl edit`): Save writes the file and ends the
   * editor, Cancel ends it with the file as it is (Ctrl-D to the session); its answer closes the panel.
   */
  waits?: boolean;
}

export interface CommandResult {
  stdout: string;
  stderr: string;
  /** Exit status as the real tool returns it (kubectl errors: 1; bash unknown command: 127). */
  code: number;
  /** `edit FILE`: the browser terminal opens this node file (absolute path, text now) in the editor panel. */
  open?: OpenFile;
  /** An interactive program now owns the terminal (`kubectl exec -it`): the shell hands it the lines typed next. */
  session?: TerminalSession;
}

/** What a line typed into a session shows; `ended` once the program is gone and the node's prompt is back. */
export interface SessionResult extends CommandResult {
  ended: boolean;
}

/**
 * An interactive program on the terminal (`kubectl exec -it`, `kubectl run -it`, `kubectl debug -it`,
 * `crictl exec -it`): while it is open, every line typed goes to the program in the container.
 */
export interface TerminalSession {
  /** The prompt the program in the container shows now (busybox `/ # `), "" when it shows none. */
  readonly prompt: string;
  /** One line typed; "\x04" alone is Ctrl-D, "\x03" Ctrl-C. */
  input(line: string, io: { follow?: FollowHost }): Promise<SessionResult>;
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
  /** The runtime's state without a CRI call (absent in bare test shells). */
  view?: () => RuntimeView;
  /** In a pipeline (`ps aux | grep kubelet`): every stage's words and this command's place — they all run at once. */
  pipeline?: { argv: string[][]; index: number };
  /** The command's environment: the shell's exported variables plus its own leading `VAR=value` words. */
  env?: Readonly<Record<string, string>>;
  /** Run a script in a subshell of the node's shell with `env` added (kubectl edit runs $KUBE_EDITOR so). */
  sh?(script: string, env?: Readonly<Record<string, string>>): Promise<CommandResult>;
  /** The browser's editor panel is there to open files in (`kubectl edit` with no editor command). */
  editorPanel?: boolean;
  /** Run with `&`: bash's job number and PID, and the line `jobs` shows (a server like kubectl proxy keeps running). */
  background?: { job: number; pid: number; command: string };
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
