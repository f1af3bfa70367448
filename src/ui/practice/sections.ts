// The seed document's fifteen sections, titled as the learner reads them there.
import { QUIZ_ITEMS, type QuizItem } from "../../lessons/quiz";

export const SEED_SECTIONS: readonly { n: number; title: string }[] = [
  { n: 1, title: "What is a Container Runtime?" },
  { n: 2, title: "Examples of Container Runtimes" },
  { n: 3, title: "Container Runtime’s Role in the Kubernetes Node" },
  { n: 4, title: "Container Runtime Workflow (Step-by-Step)" },
  { n: 5, title: "Container Runtime Interface (CRI)" },
  { n: 6, title: "Container Runtime Architecture" },
  { n: 7, title: "Automatic vs Manual Tasks" },
  { n: 8, title: "Configuration and Key Files" },
  { n: 9, title: "Container Runtime Communication Flow" },
  { n: 10, title: "Security in Container Runtimes" },
  { n: 11, title: "Logs and Troubleshooting" },
  { n: 12, title: "Real-World Use Cases" },
  { n: 13, title: "Key Facts for Interviews" },
  { n: 14, title: "Common Interview Questions" },
  { n: 15, title: "Quick One-Liners for Revision" },
];

export function sectionTitle(n: number): string {
  return SEED_SECTIONS.find((s) => s.n === n)?.title ?? `Section ${n}`;
}

/** Sections that have at least one question in `items`. */
export function sectionsWithItems(items: readonly QuizItem[] = QUIZ_ITEMS): number[] {
  return [...new Set(items.map((q) => q.section))].sort((a, b) => a - b);
}

/** The questions of the chosen sections, in section order then the content's order. */
export function itemsForSections(
  sections: readonly number[],
  opts: { drillOnly?: boolean; items?: readonly QuizItem[] } = {},
): QuizItem[] {
  const items = opts.items ?? QUIZ_ITEMS;
  return items
    .map((q, i) => ({ q, i }))
    .filter(({ q }) => sections.includes(q.section) && (!opts.drillOnly || q.drill))
    .sort((a, b) => a.q.section - b.q.section || a.i - b.i)
    .map(({ q }) => q);
}
