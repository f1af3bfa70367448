// The lesson player: the picker, or the active lesson's steps with live checks, hints, predictions
// and "show me". Everything it does goes through the store (recorded, replayable, shareable).
import { useState } from "react";
import { getLesson } from "../../lessons/catalog";
import { useSim } from "../../store";
import LessonPicker from "./LessonPicker";
import LessonPlayer from "./LessonPlayer";

export default function LessonPanel() {
  const ready = useSim((s) => s.ready);
  const active = useSim((s) => s.lesson?.id);
  // "All lessons" while a lesson runs shows the picker without leaving the lesson.
  const [browsing, setBrowsing] = useState<string | undefined>();
  const lesson = active ? getLesson(active) : undefined;
  if (!ready) return <p className="empty">Starting the node…</p>;
  if (!lesson || browsing === active)
    return (
      <LessonPicker
        activeId={lesson?.id}
        onBack={lesson ? () => setBrowsing(undefined) : undefined}
        onPicked={() => setBrowsing(undefined)}
      />
    );
  return <LessonPlayer lesson={lesson} onBrowse={() => setBrowsing(lesson.id)} />;
}
