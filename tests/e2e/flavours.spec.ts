// The runtime flavour select: CRI-O replaces containerd in the picture and runs the pod under conmon;
// Docker (dockershim) adds dockerd, and the pod's CRI calls travel dockershim → dockerd → containerd.
import { expect, type Page, test } from "@playwright/test";
import { showPods, typeInTerminal } from "./helpers";

/** Run `kubectl run web` and play until the pod is Running, then pause. */
async function runWeb(page: Page): Promise<void> {
  await typeInTerminal(page, "kubectl run web --image=nginx:1.27");
  await page.getByTestId("play").click();
  await showPods(page);
  await expect(page.getByTestId("pod-web").getByTestId("pod-status")).toHaveText("Running", {
    timeout: 45_000,
  });
  await page.getByTestId("play").click(); // pause
}

const sawChips = (page: Page) =>
  page.evaluate(() => (window as unknown as { __sawChips?: string[] }).__sawChips ?? []);

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.locator(".xterm")).toBeVisible();
});

test("CRI-O: the crio box replaces containerd and the pod runs under conmon", async ({ page }, testInfo) => {
  await expect(page.getByTestId("box-containerd")).toBeVisible();
  await page.getByTestId("flavour-select").selectOption("crio");
  await expect(page.getByTestId("box-crio")).toContainText("CRI-O");
  await expect(page.getByTestId("box-containerd")).toHaveCount(0);
  await expect(page.getByTestId("box-cri")).toContainText("crio.sock");
  await runWeb(page);
  await expect(page.getByTestId("sandbox-web")).toContainText("Running");
  await expect(page.locator('[data-testid^="box-shim:"]').first()).toContainText("conmon");
  await page.screenshot({ path: testInfo.outputPath("flavour-crio.png") });
});

test("Docker: dockershim and dockerd appear, and the CRI calls take the extra hops", async ({
  page,
}, testInfo) => {
  await page.getByTestId("flavour-select").selectOption("docker");
  await expect(page.getByTestId("box-dockerd")).toContainText("dockerd");
  await expect(page.getByTestId("box-cri")).toContainText("dockershim");
  await expect(page.getByTestId("box-containerd")).toContainText("namespace moby");
  await runWeb(page);
  await expect(page.getByTestId("sandbox-web")).toContainText("Running");
  // the hops drawn as chips: dockershim → dockerd (Engine API) and dockerd → containerd
  await expect
    .poll(async () =>
      (await sawChips(page)).some((s) => s.startsWith("POST /v1.41/containers/create?name=k8s_")),
    )
    .toBe(true);
  await expect
    .poll(async () => (await sawChips(page)).some((s) => /^containers\.Create \+ tasks\./.test(s)))
    .toBe(true);
  // choosing the same runtime again does not rebuild the node: the pod is still there
  await page.getByTestId("flavour-select").selectOption("docker");
  await expect(page.getByTestId("sandbox-web")).toContainText("Running");
  await page.screenshot({ path: testInfo.outputPath("flavour-docker.png") });
  // a reload replays `sim runtime docker` from the saved commands
  await page.reload();
  await expect(page.getByTestId("box-dockerd")).toBeVisible();
  await expect(page.getByTestId("flavour-select")).toHaveValue("docker");
});
