// The PodSpec editor: CodeMirror 6 with YAML highlighting, templates, validation as you type (the
// API server's messages on the line of the field they name) and Apply (kubectl apply through the
// store, so it is recorded and replayable). `edit FILE` in the terminal switches it to file mode:
// the node file's path, Save (Ctrl-S: `cat > FILE <<'EOF'` run in the terminal) and Cancel.
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { yaml } from "@codemirror/lang-yaml";
import { defaultHighlightStyle, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { type Diagnostic, linter, lintGutter } from "@codemirror/lint";
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import { EditorView, keymap, lineNumbers } from "@codemirror/view";
import { useEffect, useId, useRef, useState } from "react";
import { simStore, useSim } from "../../store";
import { EOF_INPUT } from "../terminal/lineEditor";
import { closeFile, editedFile, openFile, saveCommand, terminalRunner, useEditedFile } from "./fileEdit";
import { TEMPLATES, templateById } from "./templates";
import { type Problem, validateManifest } from "./validate";

export default function YamlEditor() {
  const layout = useSim((s) => s.layout);
  const setLayout = useSim((s) => s.setLayout);
  const apply = useSim((s) => s.apply);
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>();
  const [applying, setApplying] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const selectId = useId();
  const template = templateById(layout.template);
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const file = useEditedFile();
  const [saving, setSaving] = useState(false);
  const [fileStatus, setFileStatus] = useState<{ ok: boolean; text: string } | undefined>();
  /** Template mode's language + validation, swapped out while a node file is open. */
  const mode = useRef(new Compartment());
  /** The manifest being written when a file was opened: it comes back on Cancel. */
  const templateText = useRef<string | undefined>(undefined);
  const saveRef = useRef<() => void>(() => {});
  const modeExtensions = useRef<Extension>([]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const initial = simStore().getState().layout;
    const check = linter(
      (v): Diagnostic[] => {
        const ps = validateManifest(v.state.doc.toString());
        setProblems(ps);
        return ps.map((p) => ({ from: p.from, to: p.to, severity: p.severity, message: p.message }));
      },
      { delay: 300 },
    );
    let saveTimer: number | undefined;
    const templateMode = [
      yaml(),
      lintGutter(),
      check,
      EditorView.contentAttributes.of({ "aria-label": "Pod manifest (YAML)" }),
    ];
    const v = new EditorView({
      parent: el,
      state: EditorState.create({
        doc: initial.editorText ?? templateById(initial.template).yaml,
        extensions: [
          lineNumbers(),
          history(),
          indentUnit.of("  "),
          keymap.of([
            // Ctrl-S saves a node file (in template mode the browser keeps the key).
            {
              key: "Mod-s",
              run: () => {
                if (templateText.current === undefined) return false;
                saveRef.current();
                return true;
              },
            },
            ...defaultKeymap,
            ...historyKeymap,
            indentWithTab,
          ]),
          syntaxHighlighting(defaultHighlightStyle),
          mode.current.of(templateMode),
          EditorView.updateListener.of((u) => {
            if (!u.docChanged || templateText.current !== undefined) return;
            // Keep an unfinished manifest across reloads (debounced: one save per pause in typing).
            window.clearTimeout(saveTimer);
            saveTimer = window.setTimeout(
              () => simStore().getState().setLayout({ editorText: u.state.doc.toString() }),
              400,
            );
          }),
        ],
      }),
    });
    view.current = v;
    modeExtensions.current = templateMode;
    return () => {
      window.clearTimeout(saveTimer);
      v.destroy();
      view.current = null;
    };
  }, []);

  // `edit FILE`: show the file (plain text, no manifest validation); Cancel brings the manifest back.
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const replace = (text: string) => ({ from: 0, to: v.state.doc.length, insert: text });
    setFileStatus(undefined);
    if (file) {
      if (templateText.current === undefined) templateText.current = v.state.doc.toString();
      v.dispatch({
        changes: replace(file.text),
        effects: mode.current.reconfigure(
          EditorView.contentAttributes.of({ "aria-label": `Node file ${file.path}` }),
        ),
      });
      setProblems([]);
    } else if (templateText.current !== undefined) {
      const text = templateText.current;
      templateText.current = undefined;
      v.dispatch({ changes: replace(text), effects: mode.current.reconfigure(modeExtensions.current) });
    }
  }, [file]);

  const onSave = async () => {
    if (!file || saving) return;
    setSaving(true);
    try {
      const line = saveCommand(file.path, text());
      const r = await runInTerminal(line);
      if (file.waits) {
        // kubectl edit answered in the terminal: it applied the file, or reopened it with the errors on top
        if (editedFile() === file) closeFile();
        return;
      }
      setFileStatus(
        r.code === 0 && r.output === ""
          ? { ok: true, text: `Saved ${file.path}` }
          : { ok: false, text: r.output.trim() || `exit status ${r.code}` },
      );
    } catch (e) {
      setFileStatus({ ok: false, text: (e as Error).message });
    } finally {
      setSaving(false);
    }
  };
  saveRef.current = () => void onSave();

  /** A line through the terminal (echoed and recorded there); without one, through the store. */
  const runInTerminal = async (line: string): Promise<{ code: number; output: string }> => {
    const run = terminalRunner();
    if (run) return run(line);
    const r = await simStore().getState().terminal(line);
    if (r.open) openFile(r.open);
    return r;
  };

  /** Cancel: for kubectl edit the editor quits (Ctrl-D to its session) and kubectl says what it did. */
  const onCancel = async () => {
    if (!file?.waits) return closeFile();
    if (saving) return;
    setSaving(true);
    try {
      await runInTerminal(EOF_INPUT);
      if (editedFile() === file) closeFile();
    } finally {
      setSaving(false);
    }
  };

  const text = () => view.current?.state.doc.toString() ?? "";

  const choose = (id: string) => {
    const t = templateById(id);
    const v = view.current;
    v?.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: t.yaml } });
    setResult(undefined);
    setLayout({ template: id, editorText: undefined });
  };

  const onApply = async () => {
    setApplying(true);
    try {
      const out = await apply(text());
      setResult({ ok: !/^error|^Error|is invalid/m.test(out), text: out.trim() });
    } catch (e) {
      setResult({ ok: false, text: (e as Error).message });
    } finally {
      setApplying(false);
    }
  };

  const errors = problems.filter((p) => p.severity === "error");
  // One tree for both modes, so the CodeMirror host element is never remounted.
  return (
    <div className="yaml-editor" data-testid={file ? "file-editor" : undefined}>
      {file ? (
        <div className="yaml-toolbar">
          <code className="file-path" data-testid="file-path">
            {file.path}
          </code>
          <button
            type="button"
            className="primary"
            onClick={onSave}
            disabled={saving}
            data-testid="file-save"
          >
            {saving ? "Saving…" : "Save"}
          </button>
          <button type="button" onClick={() => void onCancel()} data-testid="file-cancel">
            Cancel
          </button>
        </div>
      ) : (
        <div className="yaml-toolbar">
          <label htmlFor={selectId}>Template</label>
          <select
            id={selectId}
            value={layout.template}
            onChange={(e) => choose(e.target.value)}
            data-testid="template-select"
          >
            {TEMPLATES.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </select>
          <button type="button" className="primary" onClick={onApply} disabled={applying} data-testid="apply">
            {applying ? "Applying…" : "Apply"}
          </button>
        </div>
      )}
      {file?.waits ? (
        <p className="hint">
          <code>kubectl edit</code> waits for this editor: Save (Ctrl-S) writes the file and kubectl applies
          it; Cancel quits the editor and leaves the object as it is.
        </p>
      ) : file ? (
        <p className="hint">
          Save (Ctrl-S) runs <code>cat &gt; {file.path} &lt;&lt;'EOF'</code> in the terminal; restart the
          service that reads the file to apply the change.
        </p>
      ) : (
        <p className="hint">{template.teaches}</p>
      )}
      <div className="cm-host" ref={host} data-testid="yaml-text" />
      {file ? (
        fileStatus && (
          <pre
            className={fileStatus.ok ? "apply-result ok" : "apply-result error"}
            role="status"
            data-testid="file-status"
          >
            {fileStatus.text}
          </pre>
        )
      ) : (
        <p
          className={errors.length > 0 ? "validation error" : "validation ok"}
          data-testid="validation"
          aria-live="polite"
        >
          {errors.length > 0
            ? `line ${errors[0].line}: ${errors[0].message}${errors.length > 1 ? ` (+${errors.length - 1} more)` : ""}`
            : "✓ valid — the API server would accept this"}
        </p>
      )}
      {!file && result && (
        <pre
          className={result.ok ? "apply-result ok" : "apply-result error"}
          role="status"
          data-testid="apply-result"
        >
          {result.text}
        </pre>
      )}
    </div>
  );
}
