// Interview practice in the side panel: the quiz with feedback, flashcards by keyboard, a timed mock
// interview on Playwright's clock, and progress that survives a reload.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import {
  createMockInterview,
  expectedAnswer,
  FLASHCARDS,
  getQuizItem,
  type QuizItem,
} from "../../src/lessons/quiz";
import { rightAnswer, wrongAnswer } from "../../src/ui/practice/answers.test-helper";
import { itemsForSections, sectionsWithItems } from "../../src/ui/practice/sections";
import { PRACTICE_KEY } from "../../src/ui/practice/storage";

const item = (id: string): QuizItem => {
  const q = getQuizItem(id);
  if (!q) throw new Error(`no quiz item ${id}`);
  return q;
};

async function openPractice(page: Page): Promise<void> {
  await page.getByRole("tab", { name: "Practice" }).click();
  await expect(page.getByRole("tablist", { name: "Practice modes" })).toBeVisible();
}

/** Answer the question on screen: click a choice's radio or type into the text box. */
async function giveAnswer(page: Page, q: QuizItem, given: number | string): Promise<void> {
  await expect(page.locator(".question .prompt")).toHaveText(q.prompt);
  if (typeof given === "number") {
    if (q.kind !== "choice") throw new Error(`${q.id} is not multiple choice`);
    await page.getByRole("radio", { name: q.choices[given], exact: true }).check();
  } else await page.getByRole("textbox", { name: "Your answer" }).fill(given);
}

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

test("the quiz checks choices and short answers, explains, and keeps the score across a reload", async ({
  page,
}, testInfo) => {
  await openPractice(page);
  await page.screenshot({ path: testInfo.outputPath("quiz-setup-1280.png") });
  await page.getByRole("button", { name: "None" }).click();
  await page.getByRole("checkbox", { name: /§14 Common Interview Questions/ }).check();
  const items = itemsForSections([14]);
  expect(items.slice(0, 6).map((q) => q.id)).toEqual([
    "q14-role",
    "q14-cri",
    "q14-examples",
    "q14-dockershim",
    "q14-containerd-vs-crio",
    "q14-runtime-stops",
  ]);
  await page.getByRole("button", { name: `Start quiz (${items.length} questions)` }).click();
  const verdict = page.getByTestId("verdict");
  const next = page.getByRole("button", { name: "Next question →" });

  // A short answer in the learner's own words (not the seed's sentence) is accepted.
  await expect(page.getByRole("textbox", { name: "Your answer" })).toBeFocused();
  await giveAnswer(page, item("q14-role"), "the runtime starts containers when the kubelet asks");
  await page.keyboard.press("Enter");
  await expect(verdict).toHaveText("✓ Right!");
  await expect(page.locator(".feedback")).toContainText(item("q14-role").explanation);
  await expect(page.getByTestId("quiz-score")).toContainText("Score: 1 / 1");
  await next.click();

  // A wrong short answer shows the expected answer and the explanation.
  await giveAnswer(page, item("q14-cri"), "container network interface");
  await page.getByRole("button", { name: "Check" }).click();
  await expect(verdict).toHaveText("✗ Not quite.");
  await expect(page.locator(".feedback .expected")).toHaveText("Expected: Container Runtime Interface");
  await expect(page.locator(".feedback")).toContainText(item("q14-cri").explanation);
  await expect(page.getByTestId("quiz-score")).toContainText("Score: 1 / 2");
  await page.screenshot({ path: testInfo.outputPath("quiz-wrong-1280.png") });
  // The Next button has the focus: Enter moves on.
  await expect(next).toBeFocused();
  await page.keyboard.press("Enter");

  await giveAnswer(page, item("q14-examples"), "containerd and CRI-O");
  await page.keyboard.press("Enter");
  await expect(verdict).toHaveText("✓ Right!");
  await next.click();

  // Multiple choice by keyboard: "2" picks the second choice, Enter checks it.
  const dockershim = item("q14-dockershim");
  if (dockershim.kind !== "choice") throw new Error("q14-dockershim is multiple choice");
  await expect(page.locator(".question .prompt")).toHaveText(dockershim.prompt);
  await page.keyboard.press(String(dockershim.answer + 1));
  await expect(
    page.getByRole("radio", { name: dockershim.choices[dockershim.answer], exact: true }),
  ).toBeChecked();
  await page.keyboard.press("Enter");
  await expect(verdict).toHaveText("✓ Right!");
  await expect(page.locator(".reality")).toContainText("On a real node…");
  await expect(page.locator(".reality")).toContainText(dockershim.reality ?? "");
  await expect(page.getByRole("button", { name: "Show me" })).toBeEnabled();
  await page.screenshot({ path: testInfo.outputPath("quiz-reality-1280.png") });
  await next.click();

  await giveAnswer(page, item("q14-containerd-vs-crio"), rightAnswer(item("q14-containerd-vs-crio")));
  await page.keyboard.press("Enter");
  await expect(verdict).toHaveText("✓ Right!");
  await next.click();

  // A wrong choice: marked, with the right one, the explanation and what a real node does.
  const stops = item("q14-runtime-stops");
  await giveAnswer(page, stops, wrongAnswer(stops));
  await page.getByRole("button", { name: "Check" }).click();
  await expect(verdict).toHaveText("✗ Not quite.");
  await expect(page.locator(".choice.wrong")).toContainText("✗ your answer");
  await expect(page.locator(".choice.right")).toContainText("✓ right answer");
  await expect(page.locator(".feedback")).toContainText(stops.explanation);
  await expect(page.locator(".reality")).toContainText("keeps it running");
  await expect(page.getByTestId("quiz-score")).toContainText("Score: 4 / 6");
  await expect(page.getByTestId("practice-progress")).toHaveText("6 answers · 4 right (67%)");

  await expect
    .poll(() =>
      page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? "{}").quiz?.["q14-cri"], PRACTICE_KEY),
    )
    .toEqual({ attempts: 1, correct: 0 });
  await page.reload();
  const tab = page.getByRole("tab", { name: "Practice" });
  if ((await tab.getAttribute("aria-selected")) !== "true") await tab.click();
  await expect(page.getByTestId("practice-progress")).toHaveText("6 answers · 4 right (67%)");
  // The section picker counts what was answered right.
  await expect(page.getByRole("checkbox", { name: /§14 Common Interview Questions/ })).toHaveAccessibleName(
    new RegExp(`${items.length} questions · 4 right`),
  );
});

test("Show me opens the live lesson; coming back, the quiz is where it was", async ({ page }) => {
  await openPractice(page);
  await page.getByRole("button", { name: "None" }).click();
  await page.getByRole("checkbox", { name: /§14 / }).check();
  await page.getByRole("button", { name: /Start quiz/ }).click();
  const role = item("q14-role");
  await giveAnswer(page, role, rightAnswer(role));
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Show me" }).click();
  await expect(page.getByRole("tab", { name: "Learn" })).toHaveAttribute("aria-selected", "true");
  await openPractice(page);
  await expect(page.locator(".question .prompt")).toHaveText(role.prompt);
  await expect(page.getByTestId("verdict")).toHaveText("✓ Right!");
});

test("flashcards flip and step with the keyboard, and sort into knew it / again", async ({
  page,
}, testInfo) => {
  await openPractice(page);
  await page.getByRole("tab", { name: "Flashcards" }).click();
  const card = page.getByTestId("flashcard");
  const position = page.getByTestId("flash-position");
  await expect(card).toBeFocused();
  await expect(card).toContainText(FLASHCARDS[0].front);
  await expect(position).toContainText(`Card 1 of ${FLASHCARDS.length}`);
  const clock = await page.getByTestId("clock").textContent();

  await page.keyboard.press("Space");
  await expect(card).toContainText(FLASHCARDS[0].back);
  await expect(card).toContainText("Answer");
  await page.screenshot({ path: testInfo.outputPath("flashcard-back-1280.png") });
  await page.keyboard.press("ArrowRight");
  await expect(card).toContainText(FLASHCARDS[1].front);
  await expect(position).toContainText(`Card 2 of ${FLASHCARDS.length}`);
  await page.keyboard.press("ArrowRight");
  await expect(card).toContainText(FLASHCARDS[2].front);
  await page.keyboard.press("ArrowLeft");
  await expect(card).toContainText(FLASHCARDS[1].front);
  // The keys stayed with the cards: the player neither played nor stepped.
  await expect(page.getByTestId("play")).toHaveText("▶ Play");
  await expect(page.getByTestId("clock")).toHaveText(clock ?? "");

  // "Again" sends card 2 to the back; "knew it" takes card 3 out of the deck.
  await page.keyboard.press("a");
  await expect(card).toContainText(FLASHCARDS[2].front);
  await expect(position).toContainText("again 1");
  await page.keyboard.press("k");
  await expect(position).toContainText(`Card 2 of ${FLASHCARDS.length - 1}`);
  await expect(position).toContainText("knew 1");
  await expect(card).toContainText(FLASHCARDS[3].front);
  await page.getByRole("button", { name: "✓ Knew it" }).click();
  await expect(position).toContainText("knew 2");
  // Click flips too.
  await card.click();
  await expect(card).toContainText(FLASHCARDS[4].back);
});

test("a mock interview on Playwright's clock: one answer over time, the review and the best score", async ({
  page,
}, testInfo) => {
  await page.clock.install();
  await page.reload();
  await openPractice(page);
  await page.getByRole("tab", { name: "Interview" }).click();
  await page.getByTestId("interview-seed").fill("7");
  await page.getByTestId("interview-count").selectOption("3");
  await page.getByTestId("interview-seconds").selectOption("30");
  const { items } = createMockInterview({
    seed: 7,
    count: 3,
    secondsPerQuestion: 30,
    sections: sectionsWithItems(),
  });
  await page.getByRole("button", { name: "Start mock interview (3 questions, 30 s each)" }).click();

  const countdown = page.getByRole("timer", { name: "Time left for this question" });
  await expect(countdown).toHaveText(/^0:(30|2\d)$/);
  await giveAnswer(page, items[0], rightAnswer(items[0]));
  await page.getByRole("button", { name: "Submit answer" }).click();

  // The second question runs out of time; the answer still counts and is flagged.
  await expect(page.locator(".question .prompt")).toHaveText(items[1].prompt);
  await page.clock.fastForward("00:40");
  await expect(countdown).toHaveText(/^\+0:1\d$/);
  await expect(page.locator(".practice").getByRole("status").filter({ hasText: "Time is up" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("interview-over-time-1280.png") });
  await giveAnswer(page, items[1], rightAnswer(items[1]));
  await page.getByRole("button", { name: "Submit answer" }).click();

  await expect(page.locator(".question .prompt")).toHaveText(items[2].prompt);
  await expect(countdown).toHaveText(/^0:(30|2\d)$/);
  await giveAnswer(page, items[2], wrongAnswer(items[2]));
  await page.getByRole("button", { name: "Submit answer" }).click();

  await expect(page.getByTestId("interview-score")).toHaveText("Score: 2 / 3 (67%)");
  const entries = page.getByTestId("review-entry");
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(0)).toContainText("✓ right");
  await expect(entries.nth(0)).not.toContainText("over time");
  await expect(entries.nth(1)).toContainText("✓ right");
  await expect(entries.nth(1)).toContainText(/over time \(0:4\d\)/);
  await expect(entries.nth(2)).toContainText("✗ wrong");
  await expect(entries.nth(2)).toContainText(`Expected: ${expectedAnswer(items[2])}`);
  await expect(entries.nth(2)).toContainText(items[2].explanation);
  await expect(page.locator(".interview-review")).toContainText("1 answered over time");
  await expect(page.getByTestId("practice-progress")).toContainText("best interview 67%");
  await page.screenshot({ path: testInfo.outputPath("interview-review-1280.png"), fullPage: true });

  await page.reload();
  const tab = page.getByRole("tab", { name: "Practice" });
  if ((await tab.getAttribute("aria-selected")) !== "true") await tab.click();
  await expect(page.getByTestId("practice-progress")).toContainText("best interview 67%");
  await page.getByRole("tab", { name: "Interview" }).click();
  await expect(page.getByTestId("best-score")).toHaveText("67%");
});

test("the drill asks for a prediction first, then offers to watch it happen", async ({ page }) => {
  await openPractice(page);
  await page.getByRole("tab", { name: "What happens when…" }).click();
  await page.getByRole("button", { name: "Start the drill" }).click();
  const first = itemsForSections(sectionsWithItems(), { drillOnly: true })[0];
  await expect(page.locator(".question .prompt")).toHaveText(first.prompt);
  await expect(page.getByRole("button", { name: "Watch it happen" })).toHaveCount(0);
  await giveAnswer(page, first, rightAnswer(first));
  await page.getByRole("button", { name: "Lock in my prediction" }).click();
  await expect(page.getByTestId("verdict")).toHaveText("✓ Your prediction was right.");
  await expect(page.getByRole("button", { name: "Watch it happen" })).toBeEnabled();
});

test("corrupted saved practice progress starts fresh with a notice", async ({ page }) => {
  await page.addInitScript((key) => {
    if (sessionStorage.getItem("practice-corrupted")) return;
    sessionStorage.setItem("practice-corrupted", "1");
    localStorage.setItem(key, "{not json");
  }, PRACTICE_KEY);
  await page.reload();
  await openPractice(page);
  await expect(page.getByTestId("practice-notice")).toContainText("could not be read");
  await expect(page.getByTestId("practice-progress")).toHaveText("No answers yet");
  await page.getByRole("button", { name: /Start quiz/ }).click();
  await expect(page.locator(".question .prompt")).toBeVisible();
});

test("practice reads well at 1920×1080 in the dark theme", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByRole("button", { name: "Toggle light/dark theme" }).click();
  await openPractice(page);
  await page.getByRole("button", { name: /Start quiz/ }).click();
  const prompt = page.locator(".question .prompt");
  await expect(prompt).toBeVisible();
  const size = await prompt.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(17);
  await page.screenshot({ path: testInfo.outputPath("practice-1920-dark.png") });
});

test("axe finds no serious or critical violations in the practice panel", async ({ page }) => {
  await openPractice(page);
  await page.getByRole("button", { name: /Start quiz/ }).click();
  const q = itemsForSections(sectionsWithItems())[0];
  await giveAnswer(page, q, wrongAnswer(q));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("verdict")).toBeVisible();
  for (const theme of ["light", "dark"]) {
    const results = await new AxeBuilder({ page }).include(".practice").analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${theme} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
      [],
    );
    if (theme === "light") await page.getByRole("button", { name: "Toggle light/dark theme" }).click();
  }
});
