// Services from the browser terminal (issue 8): expose a pod, read kube-proxy's rules with iptables,
// and reach the pod through the Service's name from another pod.
import { expect, type Page, test } from "@playwright/test";
import { terminalText } from "./helpers";

async function run(page: Page, line: string, expected: string | RegExp): Promise<void> {
  await page.locator(".xterm").click();
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toMatch(expected);
}

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect.poll(() => terminalText(page)).toContain("root@node-1:~#");
});

test("expose a pod, list its iptables rules, and wget it by name from another pod", async ({
  page,
}, info) => {
  await run(page, "kubectl run web --image=nginx:1.27", "pod/web created");
  await run(page, "kubectl run client --image=busybox:1.37 -- sleep 3600", "pod/client created");
  await run(page, "sim advance 30s", /sim advance 30s\s*root@node-1:~#/);
  await run(page, "kubectl expose pod web --port=80", "service/web exposed");
  // the controller manager and kube-proxy act as virtual time moves (the player starts paused)
  await run(page, "sim advance 2s", /sim advance 2s\s*root@node-1:~#/);
  await run(page, "clear", /root@node-1:~#/);
  await run(page, "iptables -t nat -L KUBE-SERVICES -n", /\/\* default\/web cluster IP \*\/ tcp dpt:80/);
  await expect.poll(() => terminalText(page)).toMatch(/KUBE-SVC-LOLE4ISW44XBNF3G\s+tcp\s+--\s+0\.0\.0\.0\/0/);
  await run(
    page,
    "kubectl exec client -- wget -qO- http://web | grep title",
    "<title>Welcome to nginx!</title>",
  );
  await page.screenshot({ path: info.outputPath("services-iptables-wget.png") });
});
