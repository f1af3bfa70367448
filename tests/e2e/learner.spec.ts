// What a learner does: watch hops animate, read a back-off countdown, rewind, use the terminal
// like a real shell (Tab, history, heredoc, -w and Ctrl-C), and an accessibility check.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { showPods, terminalText, waitForNode } from "./helpers";

async function focusTerminal(page: Page): Promise<void> {
  await page.locator(".xterm").click();
}

async function applyTemplate(page: Page, id: string): Promise<void> {
  await page.getByRole("tab", { name: "YAML" }).click();
  await page.getByTestId("template-select").selectOption(id);
  await expect(page.getByTestId("validation")).toContainText("valid");
  await page.getByTestId("apply").click();
  await expect(page.getByTestId("apply-result")).toContainText("created");
}

/** What must be equal between two runs that reached the same moment. */
function summary(page: Page): Promise<string> {
  return page.evaluate(() => {
    type S = {
      t: number;
      snapshot: {
        pods: {
          metadata: { name: string };
          status?: { phase?: string; containerStatuses?: { state: object }[] };
        }[];
        containers: { metadata: { name: string; attempt: number }; state: number }[];
        lastTraceId: number;
      };
    };
    const s = (window as unknown as { __k8sNodeSim: { getState(): S } }).__k8sNodeSim.getState();
    return JSON.stringify({
      t: s.t,
      pods: s.snapshot.pods.map((p) => [
        p.metadata.name,
        p.status?.phase,
        (p.status?.containerStatuses ?? []).map((c) => Object.keys(c.state)[0]),
      ]),
      containers: s.snapshot.containers.map((c) => [c.metadata.name, c.metadata.attempt, c.state]),
      lastTraceId: s.snapshot.lastTraceId,
    });
  });
}

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect.poll(() => terminalText(page)).toContain("root@node-1:~#");
  await waitForNode(page);
});

test("applying nginx animates each hop (RunPodSandbox, pull progress) until the card reads Running", async ({
  page,
}, testInfo) => {
  await applyTemplate(page, "nginx");
  // Step hop by hop (→) until the kubelet asks the runtime for the sandbox, then for the image.
  const chip = page.locator(".chip", { hasText: "RunPodSandbox" }).first();
  const pull = page.getByTestId("pull-chip").filter({ hasText: "nginx" }).first();
  await page.locator(".app-header h1").click();
  let shot = false;
  for (let i = 0; i < 200 && !(await pull.isVisible()); i++) {
    await page.keyboard.press("ArrowRight");
    if (!shot && (await chip.isVisible())) {
      await page.screenshot({ path: testInfo.outputPath("hop-runpodsandbox-1280.png") });
      shot = true;
    }
  }
  await expect(pull).toContainText(/PullImage nginx:1\.27 · \d+\/\d+ layers · \d+%/);
  await page.screenshot({ path: testInfo.outputPath("pull-progress-1280.png") });
  await pull.click();
  await expect(page.getByTestId("drawer")).toContainText("Pull of nginx:1.27");
  await page.getByRole("button", { name: "Close details" }).click();
  // Every hop is drawn in turn: the RunPodSandbox chip has travelled kubelet → CRI.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          (window as unknown as { __sawChips?: string[] }).__sawChips?.some((c) =>
            c.startsWith("RunPodSandbox"),
          ) ?? false,
      ),
    )
    .toBe(true);
  await page.getByTestId("play").click();
  for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "Faster" }).click();
  await showPods(page);
  await expect(page.getByTestId("pod-web").getByTestId("pod-status")).toHaveText("Running", {
    timeout: 40_000,
  });
  await expect(page.getByTestId("pod-web").locator(".timeline")).toContainText("Running");
  await page.getByTestId("play").click();
  await page.getByRole("tab", { name: "Node" }).click();
  await expect(page.getByTestId("node-panel")).toContainText("Ready");
  await expect(page.getByTestId("container-stats")).toContainText("web/nginx");
  await page.screenshot({ path: testInfo.outputPath("node-panel-1280.png") });
});

test("the bad tag reaches ImagePullBackOff with a live countdown", async ({ page }, testInfo) => {
  await applyTemplate(page, "badtag");
  for (let i = 0; i < 2; i++) await page.getByRole("button", { name: "Faster" }).click();
  await page.getByTestId("play").click();
  await showPods(page);
  const card = page.getByTestId("pod-typo");
  await expect(card.getByTestId("pod-status")).toHaveText(/ImagePullBackOff|ErrImagePull/, {
    timeout: 30_000,
  });
  await expect(card.getByTestId("backoff")).toContainText(/ImagePullBackOff · web · retrying in \d+s/, {
    timeout: 30_000,
  });
  await expect(card.locator(".timeline")).toContainText("ErrImagePull");
  await page.getByTestId("play").click();
  await page.screenshot({ path: testInfo.outputPath("badtag-backoff-1280.png") });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect(page.getByTestId("pod-typo").getByTestId("backoff")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("badtag-backoff-1920.png") });
});

test("step and scrub land on the same state as a straight run", async ({ page }) => {
  await applyTemplate(page, "crashloop");
  const store = "(window).__k8sNodeSim";
  // Step 60 trace events.
  await page.evaluate(`(async () => { for (let i = 0; i < 60; i++) await ${store}.getState().step(); })()`);
  const stepped = await summary(page);
  const t = JSON.parse(stepped).t as number;
  // Rewind with the scrubber to the start, then back to t.
  const start = await page.evaluate(`${store}.getState().startT`);
  await page.getByTestId("scrubber").fill(String(start));
  await expect.poll(() => page.evaluate(`${store}.getState().t`)).toBe(start);
  await expect(page.getByTestId("pod-crasher")).toHaveCount(0);
  await page.evaluate(`${store}.getState().seek(${t})`);
  expect(await summary(page)).toBe(stepped);
  // A straight run: a fresh node, the same command at the same time, one long advance.
  const applyT = await page.evaluate(`${store}.player().commands[0].t`);
  await page.evaluate(`(async () => {
    const s = ${store};
    const text = s.player().commands[0].text;
    await s.getState().reset();
    await s.player().advance(${applyT} - s.player().now());
    await s.getState().apply(text);
    await s.player().advance(${t} - s.player().now());
    await s.getState().step(); await s.getState().seek(${t});
  })()`);
  expect(await summary(page)).toBe(stepped);
});

test("the terminal completes with Tab, recalls history, applies a heredoc, and follows -w until Ctrl-C", async ({
  page,
}, testInfo) => {
  await focusTerminal(page);
  // kubeadm, kubectl and kubelet share "kube": bash completes the common part and lists them on a second Tab
  await page.keyboard.type("kub");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect.poll(() => terminalText(page)).toMatch(/kubeadm\s+kubectl\s+kubelet/);
  await page.keyboard.type("c");
  await page.keyboard.press("Tab");
  await page.keyboard.type("get nod");
  await page.keyboard.press("Tab");
  await expect.poll(() => terminalText(page)).toContain("root@node-1:~# kubectl get node");
  // Two candidates left (node, nodes): a second Tab lists them like bash.
  await page.keyboard.press("Tab");
  await expect.poll(() => terminalText(page)).toMatch(/node\s+nodes/);
  await page.keyboard.type("s");
  await page.keyboard.press("Enter");
  await expect.poll(() => terminalText(page)).toContain("root@node-1:~# kubectl get nodes");
  await expect.poll(() => terminalText(page)).toMatch(/node-1\s+Ready/);
  // History: ↑ brings the last command back.
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await terminalText(page)).match(/node-1\s+Ready/g)?.length ?? 0).toBe(2);

  // A heredoc typed line by line.
  for (const line of [
    "kubectl apply -f - <<EOF",
    "apiVersion: v1",
    "kind: Pod",
    "metadata:",
    "  name: hello",
    "spec:",
    "  containers:",
    "  - name: app",
    "    image: nginx:1.27",
    "EOF",
  ]) {
    await page.keyboard.type(line);
    await page.keyboard.press("Enter");
  }
  await expect.poll(() => terminalText(page)).toContain("pod/hello created");

  // Follow mode: rows appear while the player plays; Ctrl-C stops it and the prompt returns.
  await page.keyboard.type("kubectl get pods -w");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("follow-status")).toContainText("kubectl get pods -w");
  for (let i = 0; i < 2; i++) await page.getByRole("button", { name: "Faster" }).click();
  await page.getByTestId("play").click();
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/hello\s+1\/1\s+Running/);
  await page.screenshot({ path: testInfo.outputPath("terminal-watch-1280.png") });
  await focusTerminal(page);
  await page.keyboard.press("Control+C");
  await expect(page.getByTestId("follow-status")).toHaveCount(0);
  await expect.poll(async () => (await terminalText(page)).trimEnd().endsWith("root@node-1:~#")).toBe(true);
  await page.getByTestId("play").click();
  // Ctrl-R finds the earlier command.
  await focusTerminal(page);
  await page.keyboard.press("Control+R");
  await page.keyboard.type("get no");
  await expect.poll(() => terminalText(page)).toContain("(reverse-i-search)`get no': kubectl get nodes");
  await page.keyboard.press("Control+C");
});

test("the editor shows the API server's message on the offending line", async ({ page }) => {
  await page.getByRole("tab", { name: "YAML" }).click();
  const editor = page.locator(".cm-content");
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("    imagePullPolicy: Sometimes");
  await expect(page.getByTestId("validation")).toContainText(
    'line 13: The Pod "web" is invalid: spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes"',
  );
  await expect(page.locator(".cm-lint-marker-error")).toHaveCount(1);
});

test("axe finds no serious or critical violations on the main screen", async ({ page }) => {
  await applyTemplate(page, "nginx");
  await showPods(page);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});
