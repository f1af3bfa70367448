// The node file open in the editor panel (`edit FILE` in the terminal), and how its Save reaches the
// shell: the terminal registers a runner, so the heredoc runs as if typed there (recorded, replayed,
// and shown in the transcript). Pure and tiny: TerminalPanel and YamlEditor both import it.
import { useSyncExternalStore } from "react";

export interface EditedFile {
  path: string;
  /** The file's text when it was opened. */
  text: string;
  /**
   * `kubectl edit` waits on this file in a terminal session: Save writes it and ends the editor (kubectl
   * applies it, or reopens it with the errors on top), Cancel ends the editor (Ctrl-D to the session).
   */
  waits?: boolean;
}

let current: EditedFile | undefined;
const listeners = new Set<() => void>();

export function openFile(file: EditedFile): void {
  current = file;
  for (const l of listeners) l();
}

export function closeFile(): void {
  current = undefined;
  for (const l of listeners) l();
}

export function editedFile(): EditedFile | undefined {
  return current;
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useEditedFile(): EditedFile | undefined {
  return useSyncExternalStore(subscribe, editedFile, editedFile);
}

/** Shell-quote a path for the command line (only when it needs it). */
export function quotePath(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command Save runs: `cat > PATH <<'EOF'` with the text as the body. The delimiter is quoted (no
 * expansion inside) and never a line of the text; a missing final newline is added, as editors do.
 */
export function saveCommand(path: string, text: string): string {
  const body = text === "" || text.endsWith("\n") ? text : `${text}\n`;
  const lines = new Set(body.split("\n"));
  let delim = "EOF";
  for (let n = 1; lines.has(delim); n++) delim = `EOF_${n}`;
  return `cat > ${quotePath(path)} <<'${delim}'\n${body}${delim}`;
}

type Runner = (line: string) => Promise<{ code: number; output: string }>;
let runner: Runner | undefined;

/** The terminal offers to run lines as if typed (undefined when it unmounts). */
export function setTerminalRunner(r: Runner | undefined): void {
  runner = r;
}

export function terminalRunner(): Runner | undefined {
  return runner;
}
