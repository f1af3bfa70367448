// Interview practice: quiz, flashcards, mock interview and the "what happens when…" drill.
export default function PracticePanel() {
  return <p className="empty">Practice is loading…</p>;
}
