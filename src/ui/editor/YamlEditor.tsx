// The PodSpec editor: CodeMirror 6 with YAML highlighting, templates, validation as you type (the
// API server's messages on the line of the field they name) and Apply (kubectl apply through the
// store, so it is recorded and replayable).
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { yaml } from "@codemirror/lang-yaml";
import { defaultHighlightStyle, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { type Diagnostic, linter, lintGutter } from "@codemirror/lint";
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers } from "@codemirror/view";
import { useEffect, useId, useRef, useState } from "react";
import { simStore, useSim } from "../../store";
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
    const v = new EditorView({
      parent: el,
      state: EditorState.create({
        doc: initial.editorText ?? templateById(initial.template).yaml,
        extensions: [
          lineNumbers(),
          history(),
          indentUnit.of("  "),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          yaml(),
          syntaxHighlighting(defaultHighlightStyle),
          lintGutter(),
          check,
          EditorView.contentAttributes.of({ "aria-label": "Pod manifest (YAML)" }),
          EditorView.updateListener.of((u) => {
            if (!u.docChanged) return;
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
    return () => {
      window.clearTimeout(saveTimer);
      v.destroy();
      view.current = null;
    };
  }, []);

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
  return (
    <div className="yaml-editor">
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
      <p className="hint">{template.teaches}</p>
      <div className="cm-host" ref={host} data-testid="yaml-text" />
      <p
        className={errors.length > 0 ? "validation error" : "validation ok"}
        data-testid="validation"
        aria-live="polite"
      >
        {errors.length > 0
          ? `line ${errors[0].line}: ${errors[0].message}${errors.length > 1 ? ` (+${errors.length - 1} more)` : ""}`
          : "✓ valid — the API server would accept this"}
      </p>
      {result && (
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
