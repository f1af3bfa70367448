import { describe, expect, it } from "vitest";
import { currentCard, deckDone, flip, markAgain, markKnown, newDeck, step } from "./flashcards";

describe("flashcard deck", () => {
  it("flips and steps without wrapping; stepping shows the front", () => {
    let d = newDeck(["a", "b", "c"]);
    expect(currentCard(d)).toBe("a");
    d = flip(d);
    expect(d.flipped).toBe(true);
    d = step(d, 1);
    expect([currentCard(d), d.flipped]).toEqual(["b", false]);
    d = step(step(d, 1), 1);
    expect(currentCard(d)).toBe("c");
    expect(step(d, 1)).toBe(d);
    expect(currentCard(step(d, -5))).toBe("a");
  });

  it("'again' sends a card to the back, 'knew it' takes it out until the deck is done", () => {
    let d = newDeck(["a", "b", "c"]);
    d = markAgain(flip(d));
    expect(d.order).toEqual(["b", "c", "a"]);
    expect([currentCard(d), d.flipped]).toEqual(["b", false]);
    expect(d.again).toEqual(["a"]);
    d = markKnown(d); // b
    expect(d.order).toEqual(["c", "a"]);
    expect(currentCard(d)).toBe("c");
    d = step(d, 1); // a, the last card
    d = markAgain(d);
    expect(currentCard(d)).toBe("a");
    expect(d.again).toEqual(["a"]);
    d = markKnown(d); // a: out of the again pile too
    expect(d.again).toEqual([]);
    expect(currentCard(d)).toBe("c");
    d = markKnown(d);
    expect(deckDone(d)).toBe(true);
    expect(d.known).toEqual(["b", "a", "c"]);
    expect(currentCard(d)).toBeUndefined();
    expect(flip(d)).toBe(d);
    expect(markKnown(d)).toBe(d);
    expect(markAgain(d)).toBe(d);
  });
});
