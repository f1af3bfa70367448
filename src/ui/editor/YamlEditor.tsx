// A plain textarea YAML editor with templates and an Apply button (kubectl apply -f through the store).
import { useId, useState } from "react";
import { useSim } from "../../store";
import { TEMPLATES, templateById } from "./templates";

export default function YamlEditor() {
  const layout = useSim((s) => s.layout);
  const setLayout = useSim((s) => s.setLayout);
  const apply = useSim((s) => s.apply);
  const [text, setText] = useState(() => layout.editorText ?? templateById(layout.template).yaml);
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>();
  const [applying, setApplying] = useState(false);
  const selectId = useId();
  const template = templateById(layout.template);

  const choose = (id: string) => {
    const t = templateById(id);
    setText(t.yaml);
    setResult(undefined);
    setLayout({ template: id, editorText: undefined });
  };

  const onApply = async () => {
    setApplying(true);
    try {
      const out = await apply(text);
      setResult({ ok: !/^error|^Error/m.test(out), text: out.trim() });
    } catch (e) {
      setResult({ ok: false, text: (e as Error).message });
    } finally {
      setApplying(false);
    }
  };

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
      <textarea
        aria-label="Pod manifest (YAML)"
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setLayout({ editorText: e.target.value });
        }}
        data-testid="yaml-text"
      />
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
