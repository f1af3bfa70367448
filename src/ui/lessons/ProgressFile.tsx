// Progress as a file: export downloads it as JSON, import reads one back (validated; a bad file
// changes nothing and says what is wrong with it).
import { useRef, useState } from "react";
import { ALL_LESSONS } from "../../lessons/catalog";
import { exportProgress, type Progress } from "../../lessons/progress";
import { simStore, useSim } from "../../store";
import { practiceStore } from "../practice/practiceStore";

const FILE_NAME = "k8s-node-sim-progress.json";

function download(text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = FILE_NAME;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Lessons (the sim store) and quiz results (the practice store) in one progress file. */
function exportAll(): string {
  const lessons = JSON.parse(simStore().getState().exportProgress()) as Progress;
  const practice = practiceStore().getState().progress;
  return exportProgress({
    ...lessons,
    quiz: practice.quiz,
    bestInterviewPercent: practice.bestInterviewPercent,
  });
}

export default function ProgressFile() {
  const progress = useSim((s) => s.progress);
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const finished = ALL_LESSONS.filter((l) =>
    l.steps.every((s) => progress.lessons[l.id]?.includes(s.id)),
  ).length;

  const importFile = async (file: File) => {
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      setMessage({ ok: false, text: `Could not read ${file.name}: ${(e as Error).message}` });
      return;
    }
    const r = await simStore().getState().importProgress(text);
    if (!r.ok) setMessage({ ok: false, text: `Could not import ${file.name}: ${r.error}.` });
    else {
      // One file holds lessons and interview practice alike.
      practiceStore().getState().replaceProgress(r.value);
      const n = Object.keys(r.value.lessons).length;
      const warn = r.warnings.length > 0 ? ` (${r.warnings.join("; ")})` : "";
      setMessage({ ok: true, text: `Imported ${file.name}: progress in ${n} lesson(s)${warn}.` });
    }
  };

  return (
    <section className="progress-file" aria-labelledby="progress-file-title">
      <h3 id="progress-file-title">Your progress</h3>
      <p data-testid="progress-summary">
        {finished} of {ALL_LESSONS.length} lessons and labs done. It is kept in this browser; export it to
        keep a copy or move it to another one.
      </p>
      <div className="lesson-bar">
        <button type="button" onClick={() => download(exportAll())}>
          Export progress
        </button>
        <button type="button" onClick={() => input.current?.click()}>
          Import progress…
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="progress-import"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) void importFile(file);
          }}
        />
      </div>
      {message && (
        <p
          className={message.ok ? "import-ok" : "import-error"}
          role={message.ok ? "status" : "alert"}
          data-testid="progress-message"
        >
          {message.text}
        </p>
      )}
    </section>
  );
}
