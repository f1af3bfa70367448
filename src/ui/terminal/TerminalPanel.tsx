// The node's shell: xterm + fit addon, a readline-like editor, every command run through the store
// (so it is recorded and replayed on reload).
import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import "@xterm/xterm/css/xterm.css";
import { useEffect, useRef } from "react";
import { simStore } from "../../store";
import { LineEditor, PROMPT, toTerminal } from "./lineEditor";

const DARK = {
  background: "#0f1419",
  foreground: "#d7dde4",
  cursor: "#7fd1ff",
  selectionBackground: "#33506e",
};
const LIGHT = {
  background: "#fbfbf8",
  foreground: "#1d2329",
  cursor: "#1565c0",
  selectionBackground: "#cfe3ff",
};

export default function TerminalPanel() {
  const host = useRef<HTMLElement>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const store = simStore();
    const state = store.getState();
    const term = new Terminal({
      fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace",
      fontSize: 13,
      cursorBlink: !window.matchMedia?.("(prefers-reduced-motion: reduce)").matches,
      convertEol: false,
      scrollback: 5000,
      theme: state.theme === "dark" ? DARK : LIGHT,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    const refit = () => {
      try {
        fit.fit();
      } catch {
        // not visible yet
      }
    };
    refit();

    // Show what ran before a reload, then the prompt.
    const transcript = state.transcript.filter((t) => t.kind === "exec");
    const editor = new LineEditor(transcript.map((t) => t.input));
    term.write("Try: kubectl get nodes · crictl ps · crictl images\r\n");
    for (const t of transcript)
      term.write(PROMPT + toTerminal(t.input).replace(/\r\n/g, "\r\n> ") + "\r\n" + toTerminal(t.output));
    term.write(PROMPT);

    let running = false;
    const onData = async (data: string) => {
      if (running) return; // typed while a command runs: ignored, like a busy shell without type-ahead
      const out = editor.feed(data);
      if (out.clear) term.clear();
      if (out.write) term.write(out.write);
      if (out.submit === undefined) return;
      const cmd = out.submit.trim();
      if (cmd === "clear") {
        term.clear();
        term.write("\x1b[2J\x1b[H" + PROMPT);
      } else {
        running = true;
        try {
          const result = await store.getState().exec(out.submit);
          if (result) term.write(toTerminal(result.endsWith("\n") ? result : result + "\n"));
        } catch (e) {
          term.write(toTerminal(`error: ${(e as Error).message}\n`));
        } finally {
          running = false;
        }
        term.write(PROMPT);
      }
      const rest = editor.takePendingPaste();
      if (rest) void onData(rest);
    };
    const sub = term.onData((d) => void onData(d));

    const ro = new ResizeObserver(() => refit());
    ro.observe(el);
    const unsubTheme = store.subscribe((s, prev) => {
      if (s.theme !== prev.theme) term.options.theme = s.theme === "dark" ? DARK : LIGHT;
      // Reset clears the node: clear the screen too.
      if (s.transcript.length === 0 && prev.transcript.length > 0) {
        term.clear();
        term.write("\x1b[2J\x1b[H" + PROMPT);
      }
    });
    (window as unknown as { __term?: Terminal }).__term = term;
    return () => {
      unsubTheme();
      ro.disconnect();
      sub.dispose();
      term.dispose();
    };
  }, []);

  return (
    <section
      className="term-host"
      ref={host}
      data-testid="terminal"
      aria-label="Node terminal (root@node-1)"
    />
  );
}
