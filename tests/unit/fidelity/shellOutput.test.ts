// FIDELITY §9, §10, §11, §12, §14 as a learner meets them at the prompt: crictl's tables, kubectl
// logs and its refusals, `kubectl run --restart=Never`, grace periods, container GC, systemd.
import type { Node } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { ContainerState } from "../../../src/sim/cri";
import { createSimulation } from "../../../src/simulation";
import { getPod, pod, runPod, status } from "./helpers";

/** crictl's tabwriter: minwidth 20, padding 3 — every header cell is padded to 20 columns. */
const header = (...cols: string[]) =>
  cols.map((c, i) => (i === cols.length - 1 ? c : c.padEnd(Math.max(20, c.length + 3)))).join("");

describe("crictl tables (FIDELITY §9)", () => {
  const TABLES: { cmd: string; header: string; row: RegExp }[] = [
    {
      cmd: "crictl pods",
      header: header("POD ID", "CREATED", "STATE", "NAME", "NAMESPACE", "ATTEMPT", "RUNTIME"),
      row: /^[0-9a-f]{13} {7}\d\d seconds ago {6}Ready {15}web {17}default {13}0 {19}\(default\)$/,
    },
    {
      cmd: "crictl ps",
      header: header(
        "CONTAINER",
        "IMAGE",
        "CREATED",
        "STATE",
        "NAME",
        "ATTEMPT",
        "POD ID",
        "POD",
        "NAMESPACE",
      ),
      row: /^[0-9a-f]{13} {7}[0-9a-f]{13} {7}\d+ seconds ago {6}Running {13}web {17}0 {19}[0-9a-f]{13} {7}web {17}default$/,
    },
    {
      cmd: "crictl images",
      // the IMAGE column is as wide as its longest cell (docker.io/library/nginx) + 3
      header: `${"IMAGE".padEnd(26)}${header("TAG", "IMAGE ID", "SIZE")}`,
      row: /^docker\.io\/library\/nginx {3}1\.27 {16}[0-9a-f]{13} {7}\d+(\.\d+)?MB$/,
    },
    {
      cmd: "crictl stats",
      // display.ClearScreen() (ESC[2J ESC[H) comes before the table
      header: `\x1b[2J\x1b[H${header("CONTAINER", "NAME", "CPU %", "MEM", "DISK", "INODES", "SWAP")}`,
      row: /^[0-9a-f]{13} {7}web {17}\d+\.\d\d {16}[\d.]+MB/,
    },
  ];
  for (const t of TABLES) {
    it(t.cmd, async () => {
      const sim = createSimulation({ seed: 1 });
      await sim.exec("kubectl run web --image=nginx:1.27");
      await sim.advance(20_000);
      const lines = (await sim.exec(t.cmd)).trimEnd().split("\n");
      expect(lines[0]).toBe(t.header);
      expect(
        lines.slice(1).some((l) => t.row.test(l)),
        lines.join("\n"),
      ).toBe(true);
    });
  }

  it("crictl version, and crictl images sizes in decimal units", async () => {
    const sim = await runPod(pod("web", "containers:\n- name: c\n  image: nginx:1.27"), 20_000);
    expect(await sim.exec("crictl version")).toBe(
      "Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  v2.1.4\nRuntimeApiVersion:  v1\n",
    );
    expect(await sim.exec("crictl images")).toMatch(
      /^registry\.k8s\.io\/pause {5}3\.10 {16}[0-9a-f]{13} {7}\d+kB$/m,
    );
  });

  it("crictl pull answers with the image ref; rmi --prune keeps what is pinned or in use", async () => {
    const sim = await runPod(pod("web", "containers:\n- name: c\n  image: nginx:1.27"), 20_000);
    expect(await sim.exec("crictl pull busybox:1.36")).toMatch(
      /^Image is up to date for sha256:[0-9a-f]{64}\n$/,
    );
    expect(await sim.exec("crictl rmi --prune")).toBe("Deleted: docker.io/library/busybox:1.36\n");
    expect(await sim.exec("crictl images")).toContain("registry.k8s.io/pause");
  });
});

describe("kubectl logs and its refusals (FIDELITY §10)", () => {
  const REFUSALS: { name: string; image: string; after: number; flags: string; err: string }[] = [
    {
      name: "slow",
      image: "postgres:17",
      after: 1_000,
      flags: "",
      err: 'container "slow" in pod "slow" is waiting to start: ContainerCreating',
    },
    {
      name: "typo",
      image: "nginx:1.99",
      after: 5_000,
      flags: "",
      err: 'container "typo" in pod "typo" is waiting to start: trying and failing to pull image',
    },
    {
      name: "typo",
      image: "nginx:1.99",
      after: 12_000,
      flags: "",
      err: 'container "typo" in pod "typo" is waiting to start: image can\'t be pulled',
    },
    {
      name: "web",
      image: "nginx:1.27",
      after: 20_000,
      flags: "-p",
      err: 'previous terminated container "web" in pod "web" not found',
    },
  ];
  for (const r of REFUSALS) {
    it(`kubectl logs ${r.flags} ${r.name} after ${r.after / 1000}s`, async () => {
      const sim = createSimulation({ seed: 1 });
      await sim.exec(`kubectl run ${r.name} --image=${r.image}`);
      await sim.advance(r.after);
      const out = await sim.run(`kubectl logs ${r.flags} ${r.name}`.replace("  ", " "));
      expect(out.code).toBe(1);
      expect(out.stderr).toBe(`Error from server (BadRequest): ${r.err}\n`);
    });
  }

  it("-p shows the previous container's output; --timestamps the RFC3339Nano time", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec('kubectl run crash --image=busybox:1.36 -- sh -c "echo boom; exit 1"');
    await sim.advance(30_000);
    expect(await sim.exec("kubectl logs crash")).toBe("boom\n");
    expect(await sim.exec("kubectl logs crash -p")).toBe("boom\n");
    expect(await sim.exec("kubectl logs crash --previous --timestamps")).toMatch(
      /^2026-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z boom\n$/,
    );
  });

  it("the log file on the node is in the CRI format under /var/log/pods", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl run hello --image=busybox:1.36 --restart=Never -- echo hello");
    await sim.advance(20_000);
    const uid = getPod(sim, "hello").metadata?.uid;
    const file = sim.node.fs.read(`/var/log/pods/default_hello_${uid}/hello/0.log`);
    expect(file).toMatch(/^2026-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z stdout F hello\n$/);
  });
});

describe("kubectl run --restart=Never (a one-off job)", () => {
  const JOBS = [
    { script: "echo done", status: "Completed", phase: "Succeeded", exit: 0 },
    { script: "echo oops; exit 2", status: "Error", phase: "Failed", exit: 2 },
  ];
  for (const j of JOBS) {
    it(`${j.script} → ${j.status}`, async () => {
      const sim = createSimulation({ seed: 1 });
      expect(
        await sim.exec(`kubectl run job --image=busybox:1.36 --restart=Never -- sh -c "${j.script}"`),
      ).toBe("pod/job created\n");
      await sim.advance(20_000);
      expect(await status(sim, "job")).toBe(j.status);
      const p = getPod(sim, "job");
      expect(p.spec?.restartPolicy).toBe("Never");
      expect(p.status?.phase).toBe(j.phase);
      expect(p.status?.containerStatuses?.[0].state?.terminated?.exitCode).toBe(j.exit);
      await sim.advance(60_000);
      expect(await status(sim, "job")).toBe(j.status);
    });
  }
});

describe("graceful deletion (FIDELITY §14)", () => {
  const CASES = [
    {
      what: "sleep ignores SIGTERM: the full 30s, then SIGKILL",
      image: "busybox:1.36",
      cmd: " -- sleep 3600",
      flags: "",
      min: 30,
      max: 32,
      exit: 137,
    },
    {
      what: "--grace-period=5 shortens the wait",
      image: "busybox:1.36",
      cmd: " -- sleep 3600",
      flags: " --grace-period=5",
      min: 5,
      max: 7,
      exit: 137,
    },
    {
      what: "nginx stops at once on its stop signal",
      image: "nginx:1.27",
      cmd: "",
      flags: "",
      min: 0,
      max: 2,
      exit: 0,
    },
    {
      what: "a shell that traps TERM exits 143 when the trap is default",
      image: "busybox:1.36",
      cmd: " -- sh -c \"trap 'exit 143' TERM; while true; do sleep 1; done\"",
      flags: "",
      min: 0,
      max: 3,
      exit: 143,
    },
  ];
  for (const c of CASES) {
    it(c.what, async () => {
      const sim = createSimulation({ seed: 1 });
      await sim.exec(`kubectl run s --image=${c.image}${c.cmd}`);
      await sim.advance(20_000);
      const id = sim.node.runtime.listContainersNow().find((x) => x.metadata.name === "s")?.id ?? "";
      const t0 = sim.node.clock.now();
      expect(await sim.exec(`kubectl delete pod s${c.flags}`)).toBe(
        'pod "s" deleted from default namespace\n',
      );
      const took = (sim.node.clock.now() - t0) / 1000;
      expect(took).toBeGreaterThanOrEqual(c.min);
      expect(took).toBeLessThanOrEqual(c.max);
      const st = await sim.node.settle(sim.node.runtimeService.containerStatus({ containerId: id }));
      expect(st.status?.exitCode).toBe(c.exit);
    });
  }
});

describe("container garbage collection (FIDELITY §11: every minute, one dead container per container)", () => {
  it("a crash loop keeps at most the newest dead container; a deleted pod's containers and sandbox go", async () => {
    const sim = await runPod(
      pod("crash", 'containers:\n- name: c\n  image: busybox:1.36\n  command: ["sh", "-c", "exit 1"]'),
      5 * 60_000,
    );
    const mine = () => sim.node.runtime.listContainersNow().filter((c) => c.metadata.name === "c");
    expect(getPod(sim, "crash").status?.containerStatuses?.[0].restartCount).toBeGreaterThanOrEqual(5);
    expect(mine().filter((c) => c.state === ContainerState.CONTAINER_EXITED).length).toBeLessThanOrEqual(2);
    await sim.exec("kubectl delete pod crash");
    await sim.advance(2 * 60_000);
    expect(mine()).toEqual([]);
    expect(sim.node.runtime.listSandboxViews().filter((s) => s.sandbox.metadata.name === "crash")).toEqual(
      [],
    );
  });
});

const readyCond = (sim: ReturnType<typeof createSimulation>) =>
  sim.node.api.get<Node>("Node", undefined, "node-1").status?.conditions?.find((c) => c.type === "Ready");

describe("the runtime down, as kubectl describe node shows it (FIDELITY §12)", () => {
  it("Ready False KubeletNotReady 'container runtime is down' after 30s without a Status answer", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.advance(10_000);
    expect(await sim.exec("kubectl get nodes")).toMatch(
      /^NAME {5}STATUS {3}ROLES {4}AGE {3}VERSION\nnode-1 {3}Ready {4}<none> {3}\d+s {3}v1\.34\.\d+\n$/,
    );
    await sim.exec("systemctl stop containerd");
    await sim.advance(45_000);
    const describe = await sim.exec("kubectl describe node node-1");
    expect(describe).toMatch(/^ {2}Ready {12}False {3}.* {3}KubeletNotReady {14}container runtime is down$/m);
    expect(describe).toMatch(
      /^ {2}MemoryPressure {3}False {3}.*KubeletHasSufficientMemory {3}kubelet has sufficient memory available$/m,
    );
    expect(await sim.exec("kubectl get nodes")).toMatch(/^node-1 {3}NotReady {3}<none>/m);
  });

  it("systemd's Restart=always brings a killed containerd back after RestartSec=5s; a stopped one stays down", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.advance(5_000);
    expect(await sim.exec("systemctl kill -s KILL containerd")).toBe("");
    expect(sim.node.units.containerd.state).toBe("failed");
    await sim.advance(6_000);
    expect(sim.node.units.containerd.state).toBe("active");
    const journal = await sim.exec("journalctl -u containerd --no-pager");
    expect(journal).toContain("containerd.service: Main process exited, code=killed, status=9/KILL");
    expect(journal).toContain("containerd.service: Scheduled restart job, restart counter is at 1.");
    // the default SIGTERM: the kubelet shuts down cleanly, and Restart=always (RestartSec=10) revives it
    expect(await sim.exec("systemctl kill kubelet")).toBe("");
    expect(sim.node.units.kubelet.state).toBe("inactive");
    await sim.advance(11_000);
    expect(sim.node.units.kubelet.state).toBe("active");
    expect(await sim.exec("journalctl -u kubelet --no-pager")).toContain(
      "systemd[1]: kubelet.service: Scheduled restart job, restart counter is at 1.",
    );
    await sim.exec("systemctl stop containerd");
    await sim.advance(60_000);
    expect(sim.node.units.containerd.state).toBe("inactive");
    expect(readyCond(sim)?.status).toBe("False");
  });
});
