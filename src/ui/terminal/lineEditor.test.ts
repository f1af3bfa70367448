import { describe, expect, it } from "vitest";
import { heredocDelimiter, LineEditor, PROMPT, toTerminal } from "./lineEditor";

describe("LineEditor", () => {
  it("submits a typed line on Enter", () => {
    const ed = new LineEditor();
    expect(ed.feed("kubectl get nodes").write).toBe("kubectl get nodes");
    const out = ed.feed("\r");
    expect(out.submit).toBe("kubectl get nodes");
    expect(ed.line).toBe("");
  });

  it("edits in the middle of the line with ← and Backspace", () => {
    const ed = new LineEditor();
    ed.feed("kubectl get podx");
    ed.feed("\x7f"); // remove x
    ed.feed("s");
    ed.feed("\x1b[D\x1b[D\x1b[D\x1b[D"); // before "pods"
    ed.feed("\x7f"); // remove the space
    ed.feed(" ");
    expect(ed.feed("\r").submit).toBe("kubectl get pods");
  });

  it("browses history with ↑/↓ and restores the draft", () => {
    const ed = new LineEditor(["crictl ps", "crictl pods"]);
    ed.feed("kub");
    ed.feed("\x1b[A");
    expect(ed.line).toBe("crictl pods");
    ed.feed("\x1b[A");
    expect(ed.line).toBe("crictl ps");
    ed.feed("\x1b[A"); // stays at the oldest
    expect(ed.line).toBe("crictl ps");
    ed.feed("\x1b[B\x1b[B");
    expect(ed.line).toBe("kub");
  });

  it("Ctrl-C abandons the line and prints a new prompt", () => {
    const ed = new LineEditor();
    ed.feed("kubectl delete pod web");
    const out = ed.feed("\x03");
    expect(out.write).toBe("^C\r\n" + PROMPT);
    expect(out.submit).toBeUndefined();
    expect(ed.line).toBe("");
  });

  it("Ctrl-L asks for a clear and redraws the prompt with the current line", () => {
    const ed = new LineEditor();
    ed.feed("crictl");
    const out = ed.feed("\x0c");
    expect(out.clear).toBe(true);
    expect(out.write).toBe(PROMPT + "crictl");
  });

  it("gathers a heredoc until the delimiter line, with a > prompt", () => {
    const ed = new LineEditor();
    ed.feed("cat <<EOF | kubectl apply -f -");
    expect(ed.feed("\r").write).toBe("\r\n> ");
    expect(ed.prompt).toBe("> ");
    ed.feed("apiVersion: v1\r");
    ed.feed("kind: Pod\r");
    const out = ed.feed("EOF\r");
    expect(out.submit).toBe("cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: Pod\nEOF");
    expect(ed.prompt).toBe(PROMPT);
  });

  it("stops a pasted chunk at the first command and keeps the rest", () => {
    const ed = new LineEditor();
    const out = ed.feed("crictl ps\rcrictl pods\r");
    expect(out.submit).toBe("crictl ps");
    expect(ed.takePendingPaste()).toBe("crictl pods\r");
  });

  it("finds heredoc delimiters, quoted or not", () => {
    expect(heredocDelimiter("cat <<'EOF' > /tmp/x")).toBe("EOF");
    expect(heredocDelimiter("kubectl apply -f - <<-END")).toBe("END");
    expect(heredocDelimiter("echo a << b")).toBe("b");
    expect(heredocDelimiter("crictl ps")).toBeUndefined();
  });

  it("converts newlines to CRLF", () => {
    expect(toTerminal("a\nb\r\nc")).toBe("a\r\nb\r\nc");
  });
});

describe("LineEditor completion and search", () => {
  const words = ["kubectl", "kill"];
  const completer = (line: string, cursor: number) => {
    const w = /\S*$/.exec(line.slice(0, cursor))?.[0] ?? "";
    if (line.startsWith("kubectl ")) return ["get", "delete", "describe"].filter((c) => c.startsWith(w));
    return words.filter((c) => c.startsWith(w));
  };

  it("completes a single candidate and adds a space", () => {
    const ed = new LineEditor([], completer);
    ed.feed("kub");
    expect(ed.feed("\t").write).toBe("ectl ");
    expect(ed.line).toBe("kubectl ");
    ed.feed("g\t");
    expect(ed.line).toBe("kubectl get ");
  });

  it("extends the common prefix, then lists the candidates on a second Tab", () => {
    const ed = new LineEditor([], completer);
    ed.feed("kubectl d");
    expect(ed.feed("\t").write).toBe("e");
    const listing = ed.feed("\t").write;
    expect(listing).toContain("delete");
    expect(listing).toContain("describe");
    expect(listing.endsWith(`${PROMPT}kubectl de`)).toBe(true);
    expect(ed.line).toBe("kubectl de");
    ed.feed("s");
    expect(ed.feed("\t").write).toBe("cribe ");
  });

  it("rings the bell when nothing matches", () => {
    const ed = new LineEditor([], completer);
    ed.feed("zz");
    expect(ed.feed("\t").write).toBe("\x07");
  });

  it("Ctrl-R finds the newest matching history entry, Ctrl-R again an older one, Enter runs it", () => {
    const ed = new LineEditor(["crictl ps -a", "kubectl get pods", "crictl pods"], completer);
    expect(ed.feed("\x12").write).toContain("(reverse-i-search)`'");
    expect(ed.feed("crictl").write).toContain("crictl pods");
    expect(ed.feed("\x12").write).toContain("crictl ps -a");
    const out = ed.feed("\r");
    expect(out.submit).toBe("crictl ps -a");
  });

  it("Ctrl-R then an arrow key puts the match on the line for editing; Ctrl-C cancels", () => {
    const ed = new LineEditor(["kubectl get pods"], completer);
    ed.feed("\x12get");
    ed.feed("\x1b[C");
    expect(ed.line).toBe("kubectl get pods");
    ed.feed("\x03");
    ed.feed("\x12get\x03");
    expect(ed.line).toBe("");
    expect(ed.feed("x").write).toBe("x");
  });
});
