// The lesson player: picker, the current lesson's steps with live checks, hints and "show me".
export default function LessonPanel() {
  return <p className="empty">Lessons are loading…</p>;
}
