// The lesson player in real Chromium: pick a lesson, watch a check fail then pass with "Show me",
// solve every lesson and lab by its buttons (each check turns done only after its step), a lab's
// wrong fix leaves it failing, a reload keeps the lesson, share links, progress files, presenter mode.
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Locator, type Page, test } from "@playwright/test";
import { ALL_LESSONS, getLesson } from "../../src/lessons/catalog";
import type { Lesson } from "../../src/lessons/types";
import { terminalText, typeInTerminal } from "./helpers";

/** The terminal's rows (xterm's DOM renderer draws one div per row). */
async function terminalRows(page: Page): Promise<string[]> {
  return (await page.locator(".xterm-rows > div").allTextContents()).map((r) => r.replace(/\s+$/, ""));
}

/** Wait until the store has run (and recorded) this line. */
async function ran(page: Page, line: string): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          (
            window as unknown as {
              __k8sNodeSim: { getState(): { transcript: { input: string }[]; busy: boolean } };
            }
          ).__k8sNodeSim
            .getState()
            .transcript.at(-1)?.input,
      ),
    )
    .toBe(line);
}

/** Wait until no "show me" is running (its commands may still be turning later steps done). */
async function showMeFinished(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          (
            window as unknown as { __k8sNodeSim: { getState(): { lesson?: { running?: string } } } }
          ).__k8sNodeSim.getState().lesson?.running ?? "",
      ),
    )
    .toBe("");
}

async function open(page: Page): Promise<void> {
  await page.goto("/");
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect.poll(() => terminalText(page)).toContain("root@node-1:~#");
}

async function openLearn(page: Page): Promise<void> {
  await page.getByRole("tab", { name: "Learn" }).click();
}

async function pick(page: Page, id: string): Promise<void> {
  await openLearn(page);
  const picker = page.getByTestId("lesson-picker");
  await expect(picker.or(page.getByTestId("lesson"))).toBeVisible();
  if (!(await picker.isVisible())) await page.getByRole("button", { name: "← All lessons" }).click();
  await page.getByTestId(`pick-${id}`).getByRole("button").click();
  await expect(page.getByTestId("lesson")).toBeVisible();
  await expect(page.locator("#lesson-title")).toContainText(getLesson(id)!.title.replace(/^Lab: /, ""));
}

const stepOf = (page: Page, id: string): Locator => page.getByTestId(`step-${id}`);

/** Answer a step's prediction by clicking the right choice; the explanation appears. */
async function predict(page: Page, lesson: Lesson, stepId: string): Promise<void> {
  const p = lesson.steps.find((s) => s.id === stepId)!.predict!;
  const step = stepOf(page, stepId);
  await step.getByTestId("predict").getByRole("button", { name: p.choices[p.answer], exact: true }).click();
  await expect(step.getByTestId("predict-result")).toContainText("✓ Right");
}

/** Solve a lesson step by step with its buttons; each step is current before and done after. */
async function solve(page: Page, lesson: Lesson): Promise<void> {
  for (const [i, step] of lesson.steps.entries()) {
    const el = stepOf(page, step.id);
    await expect(el, `${lesson.id}/${step.id} before`).toHaveAttribute("data-state", "current");
    const next = lesson.steps[i + 1];
    if (next) await expect(stepOf(page, next.id)).toHaveAttribute("data-state", "locked");
    await expect(el.getByTestId("step-why")).toBeVisible();
    if (step.predict) {
      // Asked before watching: "Show me" waits for the answer.
      await expect(el.getByTestId("show-me")).toBeDisabled();
      await predict(page, lesson, step.id);
    }
    // A lab's diagnosis is done once predicted (the node is broken); its commands can still be run.
    await el.getByTestId("show-me").click();
    await showMeFinished(page);
    await expect(el, `${lesson.id}/${step.id} after show me`).toHaveAttribute("data-state", "done");
  }
  await expect(page.getByTestId("lesson-complete")).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await open(page);
});

test("a step's check fails, Show me runs it in the terminal, and it passes", async ({ page }, testInfo) => {
  await openLearn(page);
  // Keyboard: Tab to the lesson and press Enter.
  await page.getByTestId("pick-lesson-1-what-is-a-runtime").getByRole("button").focus();
  await page.keyboard.press("Enter");
  const ask = stepOf(page, "ask");
  await expect(ask).toHaveAttribute("data-state", "current");
  await expect(ask.getByTestId("step-why")).toHaveText('Not done yet: no pod "hello" yet');
  await expect(stepOf(page, "watch")).toHaveAttribute("data-state", "locked");
  await expect(page.getByTestId("lesson-count")).toHaveText("0/3 steps");
  await ask.getByRole("button", { name: "Hint" }).click();
  await expect(ask.getByTestId("hint")).toHaveText("Hint: kubectl run hello --image=nginx:1.27");
  await page.screenshot({ path: testInfo.outputPath("lesson-step-current-1280.png") });

  await ask.getByTestId("show-me").click();
  await expect(ask).toHaveAttribute("data-state", "done");
  await expect(page.getByTestId("lesson-count")).toHaveText("1/3 steps");
  // Show me went through the store: recorded, and printed in the terminal like a typed command.
  await expect.poll(() => terminalText(page)).toContain("kubectl run hello --image=nginx:1.27");
  await expect.poll(() => terminalText(page)).toContain("pod/hello created");

  // The learner does the next step in the terminal instead: the check follows the node, not the text.
  const watch = stepOf(page, "watch");
  await expect(watch.getByTestId("step-why")).toContainText("no successful RunPodSandbox for pod hello");
  await typeInTerminal(page, "sim advance 10s");
  await expect(watch).toHaveAttribute("data-state", "done");
  await expect(stepOf(page, "remove")).toHaveAttribute("data-state", "current");
  await page.screenshot({ path: testInfo.outputPath("lesson-step-done-1280.png") });
});

test.describe("every lesson and lab is solved by its Show me buttons", () => {
  for (const lesson of ALL_LESSONS) {
    test(lesson.id, async ({ page }) => {
      await pick(page, lesson.id);
      await solve(page, lesson);
      // The picker marks it done.
      await page.getByRole("button", { name: "← All lessons" }).click();
      await expect(page.getByTestId(`pick-${lesson.id}`).getByTestId("done-mark")).toHaveText("✓");
      if (!lesson.wrongFix) return;
      // A wrong fix, typed in the terminal, leaves the lab's fix check failing.
      await pick(page, lesson.id);
      await page.getByRole("button", { name: "Restart", exact: true }).click();
      await predict(page, lesson, "diagnose");
      await expect(stepOf(page, "diagnose")).toHaveAttribute("data-state", "done");
      for (const line of lesson.wrongFix) {
        await typeInTerminal(page, line);
        await ran(page, line);
      }
      const fix = stepOf(page, "fix");
      await expect(fix).toHaveAttribute("data-state", "current");
      await expect(fix.getByTestId("step-why")).toBeVisible();
      await typeInTerminal(page, "sim advance 30s");
      await ran(page, "sim advance 30s");
      await expect(fix).toHaveAttribute("data-state", "current");
    });
  }
});

test("picking a lesson asks before clearing the learner's sandbox work", async ({ page }) => {
  await typeInTerminal(page, "kubectl run mine --image=nginx:1.27");
  await ran(page, "kubectl run mine --image=nginx:1.27");
  await openLearn(page);
  const entry = page.getByTestId("pick-lab-disk-full").getByRole("button");
  page.once("dialog", (d) => void d.dismiss());
  await entry.click();
  await expect(page.getByTestId("lesson-picker")).toBeVisible();
  await expect.poll(() => terminalText(page)).toContain("pod/mine created");
  page.once("dialog", (d) => {
    expect(d.message()).toBe(
      "Start the lesson on a fresh node? The commands you ran in the sandbox are cleared.",
    );
    void d.accept();
  });
  await entry.click();
  await expect(page.getByTestId("lesson")).toBeVisible();
  await expect.poll(() => terminalText(page)).not.toContain("pod/mine created");
});

test("a reload mid-lesson keeps the lesson, its steps and the progress", async ({ page }) => {
  const lab = getLesson("lab-image-typo")!;
  await pick(page, lab.id);
  await predict(page, lab, "diagnose");
  await expect(stepOf(page, "diagnose")).toHaveAttribute("data-state", "done");
  await typeInTerminal(page, "kubectl get pods");
  await ran(page, "kubectl get pods");
  await page.reload();
  await expect.poll(() => terminalText(page)).toContain("kubectl get pods");
  await openLearn(page);
  await expect(stepOf(page, "diagnose")).toHaveAttribute("data-state", "done");
  await expect(stepOf(page, "diagnose").getByTestId("predict-result")).toContainText("✓ Right");
  await expect(stepOf(page, "fix")).toHaveAttribute("data-state", "current");
  await page.getByRole("button", { name: "← All lessons" }).click();
  await expect(page.getByTestId(`pick-${lab.id}`).getByTestId("done-mark")).toHaveText("1/2");
  // Back to the free sandbox: the lesson is gone, the progress stays.
  await page.getByTestId("free-sandbox").click();
  await expect(page.getByTestId("in-sandbox")).toHaveText("You are in the free sandbox.");
  await expect(page.getByRole("button", { name: "← Back to the lesson" })).toHaveCount(0);
  await expect(page.getByTestId(`pick-${lab.id}`).getByTestId("done-mark")).toHaveText("1/2");
});

/** The `kubectl get pods` table the terminal printed last. */
async function getPods(page: Page): Promise<string[]> {
  await typeInTerminal(page, "kubectl get pods");
  await ran(page, "kubectl get pods");
  let rows: string[] = [];
  await expect
    .poll(async () => {
      rows = await terminalRows(page);
      const at = rows.findLastIndex((r) => r.endsWith("# kubectl get pods"));
      return at >= 0 && rows.slice(at + 1).some((r) => r.endsWith(":~#"));
    })
    .toBe(true);
  const at = rows.findLastIndex((r) => r.endsWith("# kubectl get pods"));
  const end = rows.findIndex((r, i) => i > at && r.endsWith(":~#"));
  return rows.slice(at + 1, end);
}

async function freshPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(url);
  await expect.poll(() => terminalText(page)).toContain("root@node-1:~#");
  return page;
}

test("a shared link opened in a fresh browser shows the same pods", async ({ page, browser }) => {
  const lab = getLesson("lab-crash-command")!;
  await pick(page, lab.id);
  await predict(page, lab, "diagnose");
  await stepOf(page, "diagnose").getByTestId("show-me").click();
  // A command typed later, then time passed with the player's step: all of it travels in the link.
  await typeInTerminal(page, "kubectl run extra --image=nginx:1.27");
  await ran(page, "kubectl run extra --image=nginx:1.27");
  await typeInTerminal(page, "sim advance 15s");
  await ran(page, "sim advance 15s");
  for (let i = 0; i < 8; i++) await page.getByTestId("step").click();
  await page.getByTestId("share").click();
  const url = await page.getByTestId("share-url").inputValue();
  expect(url).toMatch(/#share=k1\.[A-Za-z0-9_-]+\.[0-9a-f]{8}$/);
  const clock = await page.getByTestId("clock").textContent();
  await page.keyboard.press("Escape");

  const other = await freshPage(browser, url);
  await expect(other.getByTestId("notice")).toContainText(
    "Opened a shared link: “Lab: CrashLoopBackOff — read the logs” with 4 command(s).",
  );
  // The link is consumed: the address bar no longer holds it (a reload continues the session).
  expect(other.url()).not.toContain("#share=");
  await expect(other.getByTestId("clock")).toHaveText(clock!);
  await expect(other.getByTestId("lesson")).toBeVisible();
  // The node is shared, not the learner's answers: the diagnosis asks for a prediction again.
  await expect(stepOf(other, "diagnose").getByTestId("step-why")).toHaveText(
    "Not done yet: predict first, then watch",
  );
  await expect(stepOf(other, "fix")).toHaveAttribute("data-state", "locked");
  const mine = await getPods(page);
  const theirs = await getPods(other);
  const table = mine.join("\n");
  expect(table).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
  expect(table).toMatch(/^app\s+0\/1\s+(CrashLoopBackOff|Error)\s/m);
  expect(table).toMatch(/^extra\s+1\/1\s+Running\s/m);
  expect(theirs).toEqual(mine);
  await other.context().close();
});

test("a corrupted share link shows a notice and a fresh node, never a blank page", async ({ browser }) => {
  const other = await freshPage(browser, "/#share=k1.eyJzZWVkIjoxfQ.deadbeef");
  await expect(other.getByTestId("notice")).toContainText(
    "This share link could not be opened (share code is damaged (checksum mismatch)); started a fresh node.",
  );
  await expect(other.getByTestId("diagram")).toBeVisible();
  await typeInTerminal(other, "kubectl get pods");
  await expect.poll(() => terminalText(other)).toContain("No resources found in default namespace.");
  await other.context().close();
});

test("progress exports to a file and imports back; a bad file says why", async ({
  page,
  browser,
}, testInfo) => {
  // Interview practice kept its own results in this browser: the file carries them too.
  const quiz = { "q14-what-is-runtime": { attempts: 3, correct: 2 } };
  await page.evaluate(
    (q) =>
      localStorage.setItem(
        "k8s-node-sim:practice:v1",
        JSON.stringify({ version: 1, lessons: {}, quiz: q, bestInterviewPercent: 80 }),
      ),
    quiz,
  );
  await page.reload();
  await pick(page, "lesson-1-what-is-a-runtime");
  await solve(page, getLesson("lesson-1-what-is-a-runtime")!);
  await page.getByRole("button", { name: "← All lessons" }).click();
  await expect(page.getByTestId("progress-summary")).toContainText(`1 of ${ALL_LESSONS.length}`);
  await page.getByRole("button", { name: "← Back to the lesson" }).click();
  // The outro offers the next lesson.
  await page.getByRole("button", { name: `Next: ${ALL_LESSONS[1].title} →` }).click();
  await expect(page.locator("#lesson-title")).toContainText(ALL_LESSONS[1].title);
  await page.getByRole("button", { name: "← All lessons" }).click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export progress" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("k8s-node-sim-progress.json");
  const file = testInfo.outputPath("progress.json");
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, "utf8"));
  expect(exported.lessons["lesson-1-what-is-a-runtime"]).toEqual(["ask", "watch", "remove"]);
  expect(exported.quiz).toEqual(quiz);
  expect(exported.bestInterviewPercent).toBe(80);

  // Another browser: nothing done; a damaged file is refused, the exported one brings the ✓.
  const other = await freshPage(browser, "/");
  await openLearn(other);
  const mark = other.getByTestId("pick-lesson-1-what-is-a-runtime").getByTestId("done-mark");
  await expect(mark).toHaveText("");
  const input = other.getByTestId("progress-import");
  await input.setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from("{oops") });
  await expect(other.getByTestId("progress-message")).toContainText(
    "Could not import bad.json: progress file is not valid JSON",
  );
  await expect(mark).toHaveText("");
  await input.setInputFiles(file);
  await expect(other.getByTestId("progress-message")).toHaveText(
    "Imported progress.json: progress in 1 lesson(s).",
  );
  await expect(mark).toHaveText("✓");
  await expect(other.getByTestId("progress-summary")).toContainText(`1 of ${ALL_LESSONS.length}`);
  const practice = await other.evaluate(() =>
    JSON.parse(localStorage.getItem("k8s-node-sim:practice:v1") ?? "{}"),
  );
  expect(practice.quiz).toEqual(quiz);
  expect(practice.bestInterviewPercent).toBe(80);
  await other.context().close();
});

test("presenter mode: large type, narration beside the diagram, one key steps", async ({
  page,
}, testInfo) => {
  await pick(page, "lesson-4-workflow");
  await stepOf(page, "send").getByTestId("show-me").click();
  await expect(stepOf(page, "send")).toHaveAttribute("data-state", "done");
  await page.locator(".app-header h1").click();
  await page.keyboard.press("p");
  await expect(page.getByTestId("presenter")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("tab", { name: "Learn" })).toHaveCount(0);
  await expect(page.getByTestId("lesson-strip")).toContainText("Advance 300 ms");
  const diagram = await page.getByTestId("diagram").boundingBox();
  const narrator = await page.getByRole("region", { name: "What is happening" }).boundingBox();
  expect(narrator!.x).toBeGreaterThan(diagram!.x + diagram!.width - 1);
  expect(narrator!.y).toBeLessThan(diagram!.y + diagram!.height);
  const size = await page
    .locator(".narration li")
    .first()
    .evaluate((el) => getComputedStyle(el).fontSize);
  expect(Number.parseFloat(size)).toBeGreaterThanOrEqual(18);
  await page.screenshot({ path: testInfo.outputPath("presenter-1280.png") });

  // → and Space each step to the next trace event (Space does not start playing here).
  const lastId = () =>
    page.evaluate(
      () =>
        (
          window as unknown as { __k8sNodeSim: { getState(): { currentEventId?: number; playing: boolean } } }
        ).__k8sNodeSim.getState().currentEventId ?? 0,
    );
  const a = await lastId();
  await page.keyboard.press("ArrowRight");
  await expect.poll(lastId).toBeGreaterThan(a);
  const b = await lastId();
  await page.keyboard.press(" ");
  await expect.poll(lastId).toBeGreaterThan(b);
  await expect(page.getByTestId("play")).toHaveText("▶ Play");

  // Persisted in the layout.
  await page.reload();
  await expect(page.getByTestId("presenter")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("lesson-strip")).toBeVisible();
  await page.getByTestId("presenter").click();
  await expect(page.getByRole("tab", { name: "Learn" })).toBeVisible();
});

test("the lesson panel passes an accessibility check in light and dark themes", async ({ page }) => {
  const lab = getLesson("lab-image-typo")!;
  await pick(page, lab.id);
  await predict(page, lab, "diagnose");
  await stepOf(page, "fix").getByRole("button", { name: "Hint" }).click();
  for (const theme of ["light", "dark"]) {
    if (theme === "dark") await page.getByRole("button", { name: "Toggle light/dark theme" }).click();
    const results = await new AxeBuilder({ page }).include(".tabs").analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${theme} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
      [],
    );
  }
});
