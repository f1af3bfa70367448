// Every lesson and lab, in the order of the seed document's sections.
import {
  lessonCri,
  lessonNodeComponents,
  lessonRuntimes,
  lessonWhatIsARuntime,
  lessonWorkflow,
} from "./content/basics";
import {
  lessonAutomaticManual,
  lessonConfig,
  lessonFlows,
  lessonLayers,
  lessonSecurity,
} from "./content/inside";
import { LABS } from "./content/labs";
import {
  lessonDrill,
  lessonKeyFacts,
  lessonOneLiners,
  lessonTroubleshooting,
  lessonUseCases,
} from "./content/practice";
import type { Lesson } from "./types";

export const LESSONS: Lesson[] = [
  lessonWhatIsARuntime,
  lessonRuntimes,
  lessonNodeComponents,
  lessonWorkflow,
  lessonCri,
  lessonLayers,
  lessonAutomaticManual,
  lessonConfig,
  lessonFlows,
  lessonSecurity,
  lessonTroubleshooting,
  lessonUseCases,
  lessonKeyFacts,
  lessonDrill,
  lessonOneLiners,
];

export { LABS };

/** Lessons then labs. */
export const ALL_LESSONS: Lesson[] = [...LESSONS, ...LABS];

export function getLesson(id: string): Lesson | undefined {
  return ALL_LESSONS.find((l) => l.id === id);
}

/** Lessons and labs for one seed section (1–15). */
export function lessonsForSection(section: number): Lesson[] {
  return ALL_LESSONS.filter((l) => l.section === section);
}
