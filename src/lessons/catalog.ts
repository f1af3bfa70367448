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
import { LABS as BASE_LABS } from "./content/labs";
import { lessonServices } from "./content/network";
import {
  lessonDrill,
  lessonKeyFacts,
  lessonOneLiners,
  lessonTroubleshooting,
  lessonUseCases,
} from "./content/practice";
import { labDockershim124, lessonFlavours, lessonSandboxed } from "./content/runtimes";
import { SECURITY_LABS } from "./content/security";
import type { Lesson } from "./types";

export const LESSONS: Lesson[] = [
  lessonWhatIsARuntime,
  lessonRuntimes,
  lessonFlavours,
  lessonNodeComponents,
  lessonServices,
  lessonWorkflow,
  lessonCri,
  lessonLayers,
  lessonAutomaticManual,
  lessonConfig,
  lessonFlows,
  lessonSecurity,
  lessonSandboxed,
  lessonTroubleshooting,
  lessonUseCases,
  lessonKeyFacts,
  lessonDrill,
  lessonOneLiners,
];

export const LABS: Lesson[] = [...BASE_LABS, labDockershim124, ...SECURITY_LABS];

/** Lessons then labs. */
export const ALL_LESSONS: Lesson[] = [...LESSONS, ...LABS];

export function getLesson(id: string): Lesson | undefined {
  return ALL_LESSONS.find((l) => l.id === id);
}

/** Lessons and labs for one seed section (1–15). */
export function lessonsForSection(section: number): Lesson[] {
  return ALL_LESSONS.filter((l) => l.section === section);
}
