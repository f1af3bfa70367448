// Which seed sections to practise: one checkbox per section, with its question count and how
// many of those the learner has answered right at least once.
import { QUIZ_ITEMS } from "../../lessons/quiz";
import { usePractice } from "./practiceStore";
import { SEED_SECTIONS, sectionsWithItems } from "./sections";

export default function SectionPicker() {
  const sections = usePractice((s) => s.sections);
  const setSections = usePractice((s) => s.setSections);
  const quiz = usePractice((s) => s.progress.quiz);
  const available = sectionsWithItems();
  const all = available.every((n) => sections.includes(n));
  return (
    <fieldset className="section-picker">
      <legend>Seed sections</legend>
      <div className="picker-actions">
        <button type="button" onClick={() => setSections(available)} disabled={all}>
          All sections
        </button>
        <button type="button" onClick={() => setSections([])} disabled={sections.length === 0}>
          None
        </button>
      </div>
      <ul>
        {SEED_SECTIONS.map(({ n, title }) => {
          const items = QUIZ_ITEMS.filter((q) => q.section === n);
          const mastered = items.filter((q) => (quiz[q.id]?.correct ?? 0) > 0).length;
          return (
            <li key={n}>
              <label className={items.length === 0 ? "disabled" : undefined}>
                <input
                  type="checkbox"
                  checked={sections.includes(n)}
                  disabled={items.length === 0}
                  onChange={(e) =>
                    setSections(e.target.checked ? [...sections, n] : sections.filter((x) => x !== n))
                  }
                />
                <span className="section-num">§{n}</span> <span className="section-title">{title}</span>
                <span className="section-count">
                  {items.length === 0 ? "no questions yet" : countText(items.length, mastered)}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

function countText(total: number, right: number): string {
  const q = `${total} question${total === 1 ? "" : "s"}`;
  return right > 0 ? `${q} · ${right} right` : q;
}
