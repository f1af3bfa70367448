// The terminal as a node operator uses it (issue 4): Tab-completing a crictl container ID, command
// substitution, and `edit FILE` — the editor panel's Save writes the node file through the shell, so
// `cat` shows it, containerd reads it on restart, and a reload replays it.
import { expect, type Page, test } from "@playwright/test";
import { terminalText } from "./helpers";

async function run(page: Page, line: string, expected: string | RegExp): Promise<void> {
  await page.locator(".xterm").click();
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toMatch(expected);
}

/** The simulation's own view, to know which ID crictl will show. */
function containerId(page: Page, name: string): Promise<string> {
  return page.evaluate((n) => {
    type S = { snapshot: { containers: { id: string; metadata: { name: string } }[] } };
    const s = (window as unknown as { __k8sNodeSim: { getState(): S } }).__k8sNodeSim.getState();
    return s.snapshot.containers.find((c) => c.metadata.name === n)?.id ?? "";
  }, name);
}

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect.poll(() => terminalText(page)).toContain("root@node-1:~#");
});

test("Tab completes a crictl container ID and $(crictl ps -q --name …) feeds crictl logs", async ({
  page,
}, info) => {
  await run(page, "kubectl run app --image=nginx:1.27", "pod/app created");
  await run(page, "sim advance 30s", /sim advance 30s\s*root@node-1:~#/);
  await expect.poll(() => containerId(page, "app")).toMatch(/^[0-9a-f]{64}$/);
  const id = (await containerId(page, "app")).slice(0, 13);

  await page.keyboard.type("crictl lo");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect.poll(() => terminalText(page)).toContain(`root@node-1:~# crictl logs ${id}`);
  await page.keyboard.press("Enter");
  await expect.poll(() => terminalText(page)).toContain("Configuration complete; ready for start up");

  await run(
    page,
    "crictl logs $(crictl ps -q --name app) | grep -c 'start worker process [0-9]'",
    /\n?2\s*root@node-1/,
  );
  await run(page, `echo "ip: $(kubectl get pod app -o jsonpath='{.status.podIP}')"`, /ip: 10\.\d+\.\d+\.\d+/);
  await page.screenshot({ path: info.outputPath("terminal-completion-substitution.png") });
});

test("edit opens config.toml in the editor; Save writes it through the shell; containerd reads it on restart", async ({
  page,
}, info) => {
  await run(page, "edit /etc/containerd/config.toml", "opens in the browser's editor panel");
  await expect(page.getByTestId("file-path")).toHaveText("/etc/containerd/config.toml");
  const content = page.locator(".cm-content");
  await expect(content).toContainText("version = 3");
  await expect(page.getByTestId("template-select")).toHaveCount(0);

  // Break the file: a line that is not TOML, at the end. Ctrl-S saves.
  await content.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("bad line [[[");
  await page.keyboard.press("Control+s");
  await expect(page.getByTestId("file-status")).toHaveText("Saved /etc/containerd/config.toml");
  // The heredoc ran in the terminal as if typed (its first line has scrolled up; its end is in view).
  await expect.poll(() => terminalText(page)).toContain("> bad line [[[> EOF");
  await page.screenshot({ path: info.outputPath("edit-config-saved.png") });

  await run(
    page,
    "tail -n 1 /etc/containerd/config.toml",
    /tail -n 1 \/etc\/containerd\/config\.toml\s*bad line \[\[\[/,
  );
  await run(page, "systemctl restart containerd", "Job for containerd.service failed");
  await run(page, "journalctl -u containerd -n 5", "failed to unmarshal TOML");
  await run(page, "systemctl is-active containerd", /systemctl is-active containerd\s*failed/);

  // Fix it in the editor the same way: delete the line, Save (button), restart: containerd runs again.
  await page.getByTestId("file-cancel").click();
  await expect(page.getByTestId("template-select")).toBeVisible();
  await run(page, "vi /etc/containerd/config.toml", /vi: \/etc\/containerd\/config\.toml opens/);
  await expect(content).toContainText("bad line [[[");
  await content.click();
  // The saved file ends with a newline: from the empty last line, select the broken line above it.
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Shift+ArrowUp");
  await page.keyboard.press("Backspace");
  await page.getByTestId("file-save").click();
  await expect(page.getByTestId("file-status")).toHaveText("Saved /etc/containerd/config.toml");
  await run(
    page,
    "systemctl restart containerd && systemctl is-active containerd",
    /\nactive|active\s*root@node-1:~#\s*$/,
  );

  // Every save went through the recorded commands: a reload replays them.
  await page.reload();
  await expect.poll(() => terminalText(page)).toContain("root@node-1:~#");
  await run(
    page,
    "grep -c 'bad line' /etc/containerd/config.toml",
    /bad line' \/etc\/containerd\/config\.toml\s*0/,
  );
});

test("a half-typed line survives the node being rebuilt under it (reset, rewind, the node attaching after load)", async ({
  page,
}) => {
  await page.locator(".xterm").click();
  await page.keyboard.type("kubectl get nodXX");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  const before = await page.evaluate(() => {
    const s = (window as unknown as { __k8sNodeSim: { getState(): { generation: number } } }).__k8sNodeSim;
    return s.getState().generation;
  });
  await page.evaluate(() =>
    (window as unknown as { __k8sNodeSim: { getState(): { reset(): Promise<void> } } }).__k8sNodeSim
      .getState()
      .reset(),
  );
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          (
            window as unknown as { __k8sNodeSim: { getState(): { generation: number } } }
          ).__k8sNodeSim.getState().generation,
      ),
    )
    .toBeGreaterThan(before);
  await expect.poll(() => terminalText(page)).toContain("root@node-1:~# kubectl get nodXX");
  // The cursor is still two characters from the end: typing goes in before "XX".
  await page.keyboard.type("es");
  await page.keyboard.press("Delete");
  await page.keyboard.press("Delete");
  await page.keyboard.press("Enter");
  await expect.poll(() => terminalText(page)).toMatch(/node-1\s+Ready/);
});
