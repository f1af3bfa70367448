// Fault: containerd killed mid-run. The backend notices, tells the page (runtimeUp false, calls
// fail Unavailable — the kubelet turns that into NotReady), and recovers when containerd is back.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import type { RemoteRuntime } from "../../src/remote/remoteRuntime";
import { CriError } from "../../src/sim/cri";
import { connect, stopBackend, waitFor } from "./helpers";

const PIDFILE = "/run/k8s-node-sim-containerd.pid";
const systemd = spawnSync("ps", ["-p", "1", "-o", "comm="]).stdout?.toString().trim() === "systemd";

function stopContainerd(): void {
  if (systemd) {
    spawnSync("systemctl", ["stop", "containerd"]);
    return;
  }
  // only the containerd that scripts/real-setup.sh started (its pid file)
  process.kill(Number(readFileSync(PIDFILE, "utf8").trim()), "SIGTERM");
}

function startContainerd(): void {
  if (systemd) {
    spawnSync("systemctl", ["start", "containerd"]);
    return;
  }
  const log = openSync("/var/log/containerd.log", "a");
  const p = spawn("/usr/bin/containerd", ["--config", "/etc/containerd/config.toml"], {
    detached: true,
    stdio: ["ignore", log, log],
  });
  p.unref();
  writeFileSync(PIDFILE, `${p.pid}\n`);
}

let rt: RemoteRuntime | undefined;
afterAll(async () => {
  rt?.close();
  await stopBackend();
});

describe("runtime restart", () => {
  it.runIf(systemd || existsSync(PIDFILE))("reports the runtime down, then recovers", async () => {
    const page = await connect();
    rt = page;
    const states: boolean[] = [];
    page.onState((s) => states.push(s.runtimeUp));
    expect(page.state.runtimeUp).toBe(true);
    stopContainerd();
    try {
      await waitFor(() => page.state.runtimeUp === false || undefined, 15_000, 100);
      const err = await page
        .version({ version: "v1" })
        .toPromise()
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(err).toBeInstanceOf(CriError);
      expect((err as CriError).code).toBe("Unavailable");
    } finally {
      startContainerd();
    }
    await waitFor(() => page.state.runtimeUp === true || undefined, 30_000, 100);
    expect((await page.version({ version: "v1" }).toPromise()).runtimeName).toBe("containerd");
    expect(states).toEqual([false, true]);
  });
});
