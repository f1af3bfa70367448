// The page on a real runtime: the Runtime switch connects the in-page kubelet to containerd through
// the backend, a pod typed in the terminal runs as a real container, and Simulated comes back.
// Needs containerd and the local registry (npm test runs scripts/real-setup.sh before this suite).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { terminalText, typeInTerminal } from "./helpers";

let backend: ChildProcess | undefined;
let url = "";
const token = `e2e${Date.now().toString(36)}`;

test.beforeAll(async ({ baseURL }) => {
  const origin = new URL(baseURL ?? "http://127.0.0.1:4173").origin;
  backend = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "server/main.ts",
      "--listen",
      "127.0.0.1:0",
      "--token",
      token,
      "--origin",
      origin,
      "--grace",
      "1",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`backend did not start:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (ws:\/\/\S+)/.exec(out);
      if (m && out.includes("READY")) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    backend?.stdout?.on("data", onData);
    backend?.stderr?.on("data", onData);
    backend?.on("exit", (code) => reject(new Error(`backend exited (${code}):\n${out}`)));
  });
});

test.afterAll(async () => {
  if (!backend || backend.exitCode !== null) return;
  const b = backend;
  const exited = new Promise<void>((r) => b.on("exit", () => r()));
  b.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (b.exitCode === null) b.kill("SIGKILL");
});

test("the Runtime switch drives a real containerd: a pod runs as a real container, then Simulated returns", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.goto("/");
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByTestId("box-kubelet")).toBeVisible();

  await page.getByTestId("runtime-select").selectOption("real");
  await page.getByTestId("runtime-url").fill(url);
  await page.getByTestId("runtime-token").fill(token);
  await page.getByTestId("runtime-connect").click();
  const status = page.getByTestId("runtime-status");
  await expect(status).toContainText(`connected to ${url}`, { timeout: 30_000 });
  await expect(status).toHaveClass(/runtime-connected/);

  // The real containerd answers crictl: the host's own version (Debian's 1.6.x), not the simulator's v2.
  const hostVersion = /containerd \S+ (\S+)/.exec(execFileSync("containerd", ["--version"]).toString())?.[1];
  expect(hostVersion).toBeTruthy();
  await typeInTerminal(page, "crictl version");
  await expect
    .poll(() => terminalText(page), { timeout: 20_000 })
    .toMatch(new RegExp(`RuntimeVersion:\\s+${(hostVersion ?? "").replace(/[.~+]/g, "\\$&")}`));

  const pod = `e2e-web-${Date.now().toString(36)}`;
  await typeInTerminal(
    page,
    `kubectl run ${pod} --image=localhost:5000/busybox:latest --command -- sleep 3600`,
  );
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toContain(`pod/${pod} created`);
  // Time follows the wall clock on a real runtime: poll until the real container runs.
  await expect
    .poll(
      async () => {
        await typeInTerminal(page, "clear");
        await typeInTerminal(page, `kubectl get pod ${pod}`);
        await page.waitForTimeout(1000);
        return terminalText(page);
      },
      { timeout: 60_000, intervals: [2000] },
    )
    .toMatch(new RegExp(`${pod}\\s+1/1\\s+Running`));
  // containerd itself (read with ctr, not through the page) holds the pod's sandbox and container.
  const onHost = execFileSync("ctr", [
    "-n",
    "k8s.io",
    "containers",
    "ls",
    `labels."io.kubernetes.pod.name"==${pod}`,
  ]).toString();
  expect(onHost.trim().split("\n").length).toBe(3);
  // The diagram shows the real sandbox and container.
  await expect(page.getByTestId("diagram")).toContainText(pod);
  await page.screenshot({ path: testInfo.outputPath("real-runtime-running.png") });

  // Its pod IP comes from the real CNI bridge, and crictl on the real runtime lists the container.
  await typeInTerminal(page, "clear");
  await typeInTerminal(page, `crictl ps --name ${pod}`);
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toMatch(/CONTAINER\s+IMAGE\s+CREATED/);
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toContain("Running");

  await typeInTerminal(page, "clear");
  await typeInTerminal(page, `kubectl delete pod ${pod} --grace-period=1`);
  await expect.poll(() => terminalText(page), { timeout: 60_000 }).toContain(`pod "${pod}" deleted`);
  // Back to the simulated node: the simulator's runtime answers again, no panel broke.
  await page.getByTestId("runtime-select").selectOption("simulated");
  await expect(status).toHaveCount(0);
  await typeInTerminal(page, "clear");
  await typeInTerminal(page, "kubectl get nodes");
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toMatch(/node-1\s+Ready/);
  // Leaving the real runtime ends the page's session: the backend removes what the session created, so
  // containerd holds no container of that pod any more (ctr reads containerd directly).
  await expect
    .poll(
      () =>
        execFileSync("ctr", ["-n", "k8s.io", "containers", "ls", `labels."io.kubernetes.pod.name"==${pod}`])
          .toString()
          .trim()
          .split("\n").length,
      { timeout: 30_000 },
    )
    .toBe(1);

  await expect(page.locator(".panel-error")).toHaveCount(0);
});
