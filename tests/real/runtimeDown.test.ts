// Fault: containerd killed mid-run. The backend notices, tells the page (runtimeUp false, calls
// fail Unavailable — the kubelet turns that into NotReady), and recovers when containerd is back.
import { afterAll, describe, expect, it } from "vitest";
import type { RemoteRuntime } from "../../src/remote/remoteRuntime";
import { CriError } from "../../src/sim/cri";
import {
  canRestartContainerd,
  connect,
  startContainerd,
  stopBackend,
  stopContainerd,
  waitFor,
} from "./helpers";

let rt: RemoteRuntime | undefined;
afterAll(async () => {
  rt?.close();
  await stopBackend();
});

describe("runtime restart", () => {
  it.runIf(canRestartContainerd)("reports the runtime down, then recovers", async () => {
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
