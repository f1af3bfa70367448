// The node diagram shows what isolates and connects containers: a badge row per container, a drawer
// with the namespace table, cgroup, user, capabilities and confinement of the clicked box, and the
// Services plumbing (kube-proxy, its nat rules in the kernel, the cluster DNS, the controller manager).
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { terminalText, waitForNode } from "./helpers";

/** Type lines into the terminal; wait for `expected` after the last one. */
async function run(page: Page, lines: string | string[], expected: string | RegExp): Promise<void> {
  await page.locator(".xterm").click();
  for (const line of Array.isArray(lines) ? lines : [lines]) {
    await page.keyboard.type(line);
    await page.keyboard.press("Enter");
  }
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toMatch(expected);
  await run.clear(page);
}
run.clear = async (page: Page) => {
  await page.keyboard.type("clear");
  await page.keyboard.press("Enter");
};

const sawChips = (page: Page) =>
  page.evaluate(() => (window as unknown as { __sawChips?: string[] }).__sawChips ?? []);

/** A busybox pod running as uid 1000 with a read-only root filesystem (nginx would crash as non-root). */
const LOCKED_POD = [
  "kubectl apply -f - <<EOF",
  "apiVersion: v1",
  "kind: Pod",
  "metadata: {name: locked}",
  "spec:",
  "  containers:",
  "  - name: app",
  "    image: busybox:1.37",
  '    command: [sleep, "3600"]',
  "    securityContext: {runAsUser: 1000, readOnlyRootFilesystem: true}",
  "EOF",
];

async function closeDrawer(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Close details" }).click();
  await expect(page.getByTestId("drawer")).toHaveCount(0);
}

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  // typing before the store attached its node would be lost in the terminal's redraw
  await waitForNode(page);
  await expect.poll(() => terminalText(page)).toContain("root@node-1:~#");
});

test("each container box shows its isolation; the drawer tells a hardened pod from a default one", async ({
  page,
}, info) => {
  await run(page, LOCKED_POD, "pod/locked created");
  await run(page, "kubectl run web --image=nginx:1.27", "pod/web created");
  await run(page, "sim advance 30s", /sim advance 30s\s*root@node-1:~#/);

  // The badge rows differ at a glance.
  const locked = page.getByTestId("ctr-locked/app");
  const web = page.getByTestId("ctr-web/web");
  await expect(locked.getByTestId("ctr-badges")).toHaveText(/uid 1000\s*RO\s*no seccomp\s*caps 0/);
  await expect(web.getByTestId("ctr-badges")).toHaveText(/root\s*RW\s*no seccomp\s*caps 14/);
  // The kernel box counts what the two pods hold: 2 sandboxes × 6 namespaces + 2 containers × 3.
  await expect(page.getByTestId("box-kernel")).toContainText("18 namespaces (2 net, 4 pid, 4 mnt");
  await expect(page.getByTestId("box-kernel")).toContainText("6 cgroups");
  await page.screenshot({ path: info.outputPath("isolation-badges-1280.png") });

  // The hardened container: a namespace table, not a JSON dump.
  await locked.click();
  const drawer = page.getByTestId("drawer");
  await expect(drawer.locator("h2")).toHaveText("Container app");
  const table = drawer.getByTestId("ns-table");
  await expect(table.locator("tbody tr")).toHaveCount(7);
  await expect(table.locator('tr[data-ns="net"]')).toContainText("shared with the pod sandbox (pause)");
  await expect(table.locator('tr[data-ns="net"]')).toContainText(/\/proc\/\d+\/ns\/net/);
  await expect(table.locator('tr[data-ns="net"]')).toContainText(/pod IP 10\.244\.0\.\d+/);
  await expect(table.locator('tr[data-ns="net"]')).toContainText("/var/run/netns/cni-");
  await expect(table.locator('tr[data-ns="pid"]')).toContainText("its own");
  await expect(table.locator('tr[data-ns="mnt"]')).toContainText("its own");
  await expect(table.locator('tr[data-ns="ipc"]')).toContainText("shared with the pod sandbox (pause)");
  await expect(table.locator('tr[data-ns="user"]')).toContainText("the node's");
  await expect(drawer.getByTestId("user")).toContainText("uid 1000");
  await expect(drawer.getByTestId("capabilities")).toContainText("effective set: 0");
  await expect(drawer.getByTestId("confinement")).toContainText("read-only");
  await expect(drawer.getByTestId("cgroup")).toContainText(/kubepods-.*\.slice/);
  await expect(drawer.getByTestId("cgroup")).toContainText("max (no limit");
  await expect(drawer.getByTestId("cgroup")).toContainText(/memory in use\s*\d/);
  await expect(drawer.locator("pre")).toBeHidden(); // the raw JSON is folded away
  await page.screenshot({ path: info.outputPath("isolation-drawer-locked-1280.png") });
  await closeDrawer(page);

  // The default nginx container: root, writable, the runtime's 14 capabilities.
  await web.click();
  await expect(drawer.locator("h2")).toHaveText("Container web");
  await expect(drawer.getByTestId("user")).toContainText("uid 0 (root)");
  await expect(drawer.getByTestId("capabilities")).toContainText("effective set: 14");
  await expect(drawer.getByTestId("capabilities")).toContainText("CAP_NET_BIND_SERVICE");
  await expect(drawer.getByTestId("confinement")).toContainText("writable");
  await expect(drawer.getByTestId("confinement")).toContainText("cri-containerd.apparmor.d (enforce)");
  await page.screenshot({ path: info.outputPath("isolation-drawer-web-1280.png") });

  // From the container to its pod sandbox: pause's own namespaces, which the containers join.
  await drawer.getByRole("button", { name: "default/web" }).click();
  await expect(drawer.locator("h2")).toHaveText("Pod sandbox web");
  await expect(drawer.getByTestId("ns-table").locator('tr[data-ns="net"]')).toContainText(
    "the pod's own (the containers join it)",
  );
  await expect(drawer).toContainText(/pause PID \d+/);
  await closeDrawer(page);
  await page
    .getByTestId("sandbox-locked")
    .getByRole("button", { name: /pod sandbox locked/ })
    .click();
  await expect(drawer.locator("h2")).toHaveText("Pod sandbox locked");
  await expect(drawer.locator(".iso-ctrs")).toContainText("uid 1000");
  // badges and the drawer's tables stay legible for everyone, in both themes (the travelling chips fade by design)
  for (const theme of ["light", "dark"]) {
    if (theme === "dark") await page.getByRole("button", { name: "Toggle light/dark theme" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    const results = await new AxeBuilder({ page })
      .include('[data-testid="drawer"]')
      .include(".react-flow__nodes")
      .analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${theme} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
      [],
    );
  }
  await page.screenshot({ path: info.outputPath("isolation-sandbox-dark-1280.png") });
});

test("a Service brings kube-proxy, its nat rules and the DNS answer onto the diagram", async ({
  page,
}, info) => {
  // kubernetes and kubeadm's kube-dns
  await expect(page.getByTestId("box-kube-proxy")).toContainText("2 Services");
  await run(page, "kubectl run web --image=nginx:1.27", "pod/web created");
  await run(page, "kubectl run client --image=busybox:1.37 -- sleep 3600", "pod/client created");
  await run(page, "sim advance 30s", /sim advance 30s\s*root@node-1:~#/);
  await run(page, "kubectl expose pod web --port 80", "service/web exposed");
  await run(page, "sim advance 2s", /sim advance 2s\s*root@node-1:~#/);
  await expect(page.getByTestId("box-kube-proxy")).toContainText("3 Services");
  await expect(page.getByTestId("box-netfilter")).toContainText("2 KUBE-SVC chains");
  await expect
    .poll(async () => (await sawChips(page)).find((c) => c.startsWith("sync rules: +KUBE-SVC-")))
    .toMatch(/^sync rules: \+KUBE-SVC-LOLE4I… \(\+\d+ rules\)$/);
  await run(
    page,
    "kubectl exec client -- wget -qO- http://web | grep title",
    "<title>Welcome to nginx!</title>",
  );
  // The hops of the connection: the DNS answer, then the client pod → the nat rules → the web pod.
  await expect
    .poll(async () =>
      (await sawChips(page)).filter((c) => /web\.default\.svc\.cluster\.local|DNAT|→ default\/web/.test(c)),
    )
    .toEqual([
      expect.stringMatching(/^A\? web\.default\.svc\.cluster\.local → 10\./),
      expect.stringMatching(
        /^default\/client → 10\.[\d.]+:80: KUBE-SERVICES → KUBE-SVC-LOLE4I… → KUBE-SEP-.+ → DNAT 10\.244\.0\.\d+:80$/,
      ),
      expect.stringMatching(/^10\.[\d.]+:80 → default\/web \(10\.244\.0\.\d+:80\)$/),
    ]);
  await page.screenshot({ path: info.outputPath("services-diagram-1280.png") });

  // kube-proxy's box opens the nat table as iptables-save prints it.
  await page.getByTestId("box-kube-proxy").click();
  const drawer = page.getByTestId("drawer");
  await expect(drawer.getByTestId("services-table")).toContainText("default/web");
  await expect(drawer.getByTestId("services-table")).toContainText("KUBE-SVC-LOLE4ISW44XBNF3G");
  const rules = drawer.getByTestId("nat-rules");
  await expect(rules).toContainText("*nat");
  await expect(rules).toContainText(":KUBE-SVC-LOLE4ISW44XBNF3G - [0:0]");
  await expect(rules).toContainText(
    /-A KUBE-SERVICES -d 10\.[\d.]+\/32 -p tcp -m comment --comment "default\/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-LOLE4ISW44XBNF3G/,
  );
  await expect(rules).toContainText(/-j DNAT --to-destination 10\.244\.0\.\d+:80/);
  await expect(rules).toContainText("COMMIT");
  await page.screenshot({ path: info.outputPath("kube-proxy-drawer-1280.png") });
  // The same text as the terminal's iptables-save -t nat (past its Generated line).
  const fromDrawer = (await rules.textContent()) ?? "";
  await closeDrawer(page);
  await page.getByTestId("box-dns").click();
  await expect(drawer.getByTestId("services-table")).toContainText(
    /web\.default\.svc\.cluster\.local → 10\.[\d.]+/,
  );
  await closeDrawer(page);
  const count = fromDrawer.split("\n").filter((l) => l.startsWith("-A")).length;
  expect(count).toBeGreaterThan(10);
  await run(
    page,
    "iptables-save -t nat | grep -c '^-A'",
    new RegExp(`grep -c '\\^-A'\\s*${count}\\s*root@node-1`),
  );
});

test("a crowded node (12 pods) stays readable at 1280×720: rows collapse to what differs", async ({
  page,
}, info) => {
  await run(page, LOCKED_POD, "pod/locked created");
  const names = Array.from({ length: 11 }, (_, i) => `web${i + 1}`);
  for (const n of names) await run(page, `kubectl run ${n} --image=nginx:1.27`, `pod/${n} created`);
  await run(page, "sim advance 40s", /sim advance 40s\s*root@node-1:~#/);
  await expect(page.locator('[data-testid^="sandbox-"]')).toHaveCount(12);
  await expect(page.getByTestId("sandbox-web1")).toHaveClass(/compact/);
  // a default pod's row keeps no badge; the hardened one keeps what differs
  await expect(page.getByTestId("ctr-web1/web1").getByTestId("ctr-badges")).toHaveCount(0);
  await expect(page.getByTestId("ctr-locked/app").getByTestId("ctr-badges")).toHaveText(
    /uid 1000\s*RO\s*\+1/,
  );
  // every pod box is inside the diagram panel, none overlapping another
  const panel = (await page.getByTestId("diagram").boundingBox())!;
  const boxes = await page.locator('[data-testid^="sandbox-"]').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
  for (const b of boxes) {
    expect(b.x).toBeGreaterThanOrEqual(panel.x - 1);
    expect(b.x + b.w).toBeLessThanOrEqual(panel.x + panel.width + 1);
    expect(b.y + b.h).toBeLessThanOrEqual(panel.y + panel.height + 1);
  }
  for (const a of boxes)
    for (const b of boxes)
      if (a !== b)
        expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).toBe(false);
  await page.screenshot({ path: info.outputPath("crowded-node-1280.png") });
  await page.getByTestId("ctr-locked/app").click();
  await expect(page.getByTestId("drawer").getByTestId("ns-table")).toBeVisible();
});
