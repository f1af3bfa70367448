// Flashcards of the seed's one-liners: click or Space flips, ←/→ step, "Knew it" takes a card
// out of the deck, "Again" sends it to the back.
import { type KeyboardEvent, useEffect, useId, useRef } from "react";
import { FLASHCARDS } from "../../lessons/quiz";
import DemoButton from "./DemoButton";
import { currentCard, deckDone } from "./flashcards";
import { usePractice } from "./practiceStore";

/** What a key does on the flashcards. */
function keyAction(key: string, onButton: boolean): "flip" | "prev" | "next" | "knew" | "again" | undefined {
  if (key === " ") return onButton ? undefined : "flip";
  if (key === "ArrowLeft") return "prev";
  if (key === "ArrowRight") return "next";
  if (key === "k" || key === "K") return "knew";
  if (key === "a" || key === "A") return "again";
  return undefined;
}

export default function Flashcards() {
  const deck = usePractice((s) => s.deck);
  const flip = usePractice((s) => s.flip);
  const stepCard = usePractice((s) => s.stepCard);
  const knewIt = usePractice((s) => s.knewIt);
  const again = usePractice((s) => s.again);
  const reset = usePractice((s) => s.resetDeck);
  const cardRef = useRef<HTMLButtonElement>(null);
  const keysId = useId();
  const id = currentCard(deck);
  const card = FLASHCARDS.find((c) => c.id === id);

  useEffect(() => {
    cardRef.current?.focus();
  }, []);

  // Stepping keeps the focus on the card (a button that turns disabled at the end would drop it).
  const go = (delta: number) => {
    stepCard(delta);
    cardRef.current?.focus();
  };

  // Keys stay here: the player's own Space/→ shortcuts must not fire while flipping cards.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    // Space on a focused button clicks it (the card itself flips that way).
    const onButton = !!(e.target as HTMLElement).closest("button");
    const act = keyAction(e.key, onButton);
    if (!act || deckDone(deck)) return;
    e.preventDefault();
    e.stopPropagation();
    if (act === "flip") flip();
    else if (act === "prev") go(-1);
    else if (act === "next") go(1);
    else if (act === "knew") knewIt();
    else again();
  };

  if (deckDone(deck) || !card)
    return <DeckDone known={deck.known.length} again={deck.again.length} onReset={reset} />;
  const total = deck.order.length;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: keys bubble up from the card and its buttons
    <div className="flashcards" onKeyDown={onKeyDown}>
      <p className="flash-meta" data-testid="flash-position">
        Card {deck.index + 1} of {total}
        <span className="muted">
          {" "}
          · knew {deck.known.length} · again {deck.again.length}
        </span>
      </p>
      <button
        type="button"
        ref={cardRef}
        className={`flashcard ${deck.flipped ? "back" : "front"}`}
        data-testid="flashcard"
        aria-keyshortcuts="Space ArrowLeft ArrowRight K A"
        aria-describedby={keysId}
        onClick={flip}
      >
        <span className="flash-side">{deck.flipped ? "Answer" : "Question"}</span>
        <span className="flash-text">{deck.flipped ? card.back : card.front}</span>
      </button>
      <p id={keysId} className="hint">
        Click or Space flips · ← → previous/next · K knew it · A again
      </p>
      <div className="flash-actions">
        <button
          type="button"
          onClick={() => go(-1)}
          disabled={deck.index === 0}
          aria-keyshortcuts="ArrowLeft"
        >
          ← Previous
        </button>
        <button
          type="button"
          onClick={() => go(1)}
          disabled={deck.index >= total - 1}
          aria-keyshortcuts="ArrowRight"
        >
          Next →
        </button>
        <button type="button" className="knew" onClick={knewIt} aria-keyshortcuts="K">
          ✓ Knew it
        </button>
        <button type="button" className="again" onClick={again} aria-keyshortcuts="A">
          ↻ Again
        </button>
        {deck.flipped && card.demo && <DemoButton demo={card.demo} />}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {deck.flipped ? `Answer: ${card.back}` : ""}
      </p>
    </div>
  );
}

function DeckDone({ known, again, onReset }: { known: number; again: number; onReset(): void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="flash-done">
      <h3>You knew all {known} cards.</h3>
      {again > 0 && <p>{again} of them needed another look first.</p>}
      <button type="button" ref={ref} className="primary" onClick={onReset}>
        Start over
      </button>
    </div>
  );
}
