// A flashcard deck as plain data: flip, step, and sort each card into "knew it" (out of the
// deck) or "again" (to the back of the deck) until every card is known.

export interface Deck {
  /** Cards still to learn, in the order they come up. */
  order: string[];
  index: number;
  flipped: boolean;
  known: string[];
  /** Cards sent back at least once and not known since. */
  again: string[];
}

export function newDeck(ids: readonly string[]): Deck {
  return { order: [...ids], index: 0, flipped: false, known: [], again: [] };
}

export function currentCard(d: Deck): string | undefined {
  return d.order[d.index];
}

export function deckDone(d: Deck): boolean {
  return d.order.length === 0;
}

export function flip(d: Deck): Deck {
  return deckDone(d) ? d : { ...d, flipped: !d.flipped };
}

/** Step by `delta` cards (no wrap-around), showing the front. */
export function step(d: Deck, delta: number): Deck {
  const index = Math.min(Math.max(d.index + delta, 0), Math.max(d.order.length - 1, 0));
  return index === d.index ? d : { ...d, index, flipped: false };
}

export function markKnown(d: Deck): Deck {
  const id = currentCard(d);
  if (id === undefined) return d;
  const order = d.order.filter((c) => c !== id);
  return {
    order,
    index: Math.min(d.index, Math.max(order.length - 1, 0)),
    flipped: false,
    known: [...d.known, id],
    again: d.again.filter((c) => c !== id),
  };
}

export function markAgain(d: Deck): Deck {
  const id = currentCard(d);
  if (id === undefined) return d;
  const order = [...d.order.filter((c) => c !== id), id];
  return {
    ...d,
    order,
    // The next card slides into this position; the last card stays put.
    index: Math.min(d.index, order.length - 1),
    flipped: false,
    again: d.again.includes(id) ? d.again : [...d.again, id],
  };
}
