// Runtime flavours and RuntimeClass handlers: what each runtime prints, which hops a pod's CRI
// calls take, which processes the host shows, and that `sim runtime` replays byte for byte.
import { describe, expect, it } from "vitest";
import { FLAVOURS, type RuntimeFlavour } from "../../../src/sim/runtime/flavours/spec";
import type { TraceEvent } from "../../../src/sim/trace";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";
import { events, pod, status } from "./helpers";

async function onFlavour(flavour: RuntimeFlavour, ...lines: string[]): Promise<LiveSimulation> {
  const sim = createSimulation({ seed: 1 });
  expect(await sim.exec(`sim runtime ${flavour}`)).toMatch(/^node-1 rebuilt with /);
  for (const l of lines) await sim.exec(l);
  return sim;
}

const WEB = ["kubectl run web --image=nginx:1.27", "sim advance 30s"];

describe("crictl version on each flavour (CRI Version)", () => {
  const TABLE: [RuntimeFlavour, string][] = [
    [
      "containerd",
      "Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  v2.1.4\nRuntimeApiVersion:  v1\n",
    ],
    ["crio", "Version:  0.1.0\nRuntimeName:  cri-o\nRuntimeVersion:  1.34.1\nRuntimeApiVersion:  v1\n"],
    // dockershim and cri-dockerd report Docker's engine and API versions
    [
      "docker",
      "Version:  0.1.0\nRuntimeName:  docker\nRuntimeVersion:  20.10.24\nRuntimeApiVersion:  1.41.0\n",
    ],
    [
      "cri-dockerd",
      "Version:  0.1.0\nRuntimeName:  docker\nRuntimeVersion:  28.3.3\nRuntimeApiVersion:  1.51.0\n",
    ],
  ];
  for (const [flavour, out] of TABLE)
    it(flavour, async () => {
      const sim = await onFlavour(flavour);
      expect(await sim.exec("crictl version")).toBe(out);
      const node = sim.node.api.list<{
        status: { nodeInfo: { containerRuntimeVersion: string; kubeletVersion: string } };
      }>("Node")[0];
      expect(node.status.nodeInfo.containerRuntimeVersion).toBe(FLAVOURS[flavour].nodeRuntimeVersion);
      expect(node.status.nodeInfo.kubeletVersion).toBe(FLAVOURS[flavour].kubeletVersion);
    });
});

describe("CRI-O", () => {
  it("journal: the lines crio writes for a pod, one request id per gRPC call", async () => {
    const sim = await onFlavour("crio", ...WEB);
    const lines = (await sim.exec("journalctl -u crio --no-pager")).split("\n");
    const sb = sim.node.runtime.listSandboxViews()[0].sandbox.id;
    const ctr = sim.node.runtime.listContainersNow()[0].id;
    const EXPECT: RegExp[] = [
      /crio\[\d+\]: time="[^"]+" level=info msg="Starting CRI-O, version: 1\.34\.1, git: [0-9a-f]{40}\(clean\)"$/,
      /level=info msg="Using conmon executable: \/usr\/libexec\/crio\/conmon"$/,
      /level=info msg="Running pod sandbox: default\/web\/POD" id=([0-9a-f-]{36}) name=\/runtime\.v1\.RuntimeService\/RunPodSandbox$/,
      new RegExp(
        `level=info msg="Ran pod sandbox ${sb} with infra container: default/web/POD" id=([0-9a-f-]{36}) name=/runtime\\.v1\\.RuntimeService/RunPodSandbox$`,
      ),
      /level=info msg="Pulling image: nginx:1\.27" id=[0-9a-f-]{36} name=\/runtime\.v1\.ImageService\/PullImage$/,
      /level=info msg="Pulled image: docker\.io\/library\/nginx@sha256:[0-9a-f]{64}" id=[0-9a-f-]{36} name=\/runtime\.v1\.ImageService\/PullImage$/,
      /level=info msg="Creating container: default\/web\/web" id=[0-9a-f-]{36} name=\/runtime\.v1\.RuntimeService\/CreateContainer$/,
      new RegExp(`level=info msg="Created container ${ctr}: default/web/web"`),
      new RegExp(`level=info msg="Starting container: ${ctr}"`),
      new RegExp(
        `level=info msg="Started container" PID=\\d+ containerID=${ctr} description=default/web/web id=[0-9a-f-]{36} name=/runtime\\.v1\\.RuntimeService/StartContainer sandboxID=${sb}$`,
      ),
    ];
    for (const re of EXPECT)
      expect(
        lines.some((l) => re.test(l)),
        String(re),
      ).toBe(true);
    const ids = (re: RegExp) => lines.map((l) => re.exec(l)?.[1]).filter(Boolean);
    expect(ids(EXPECT[2])[0]).toBe(ids(EXPECT[3])[0]);
    // containerd's own wording never shows up on a CRI-O node
    expect(lines.some((l) => l.includes("&PodSandboxMetadata"))).toBe(false);
  });

  it("crictl info: RuntimeReady and NetworkReady only (no containerd deprecation condition)", async () => {
    const sim = await onFlavour("crio");
    const info = JSON.parse(await sim.exec("crictl info"));
    expect(info.status.conditions.map((c: { type: string }) => c.type)).toEqual([
      "RuntimeReady",
      "NetworkReady",
    ]);
    expect(info.config.crio.runtime.default_runtime).toBe("crun");
  });

  it("a broken /etc/crio/crio.conf keeps crio down after a restart, with crio's fatal line", async () => {
    const sim = await onFlavour("crio");
    await sim.exec("sed -i 's/^default_runtime = \"crun\"/default_runtime = crun/' /etc/crio/crio.conf");
    const r = await sim.run("systemctl restart crio");
    expect(r.stderr).toBe(
      'Job for crio.service failed because the control process exited with error code.\nSee "systemctl status crio.service" and "journalctl -xeu crio.service" for details.\n',
    );
    const j = await sim.exec("journalctl -u crio --no-pager | tail -n 5");
    expect(j).toMatch(
      /crio\[\d+\]: time="[^"]+" level=fatal msg="unable to decode configuration \/etc\/crio\/crio\.conf: toml: line \d+: /,
    );
    expect(j).toContain("crio.service: Main process exited, code=exited, status=1/FAILURE");
    expect(sim.node.units.crio.state).toBe("failed");
    const c = await sim.run("crictl ps");
    expect(c.stderr).toContain('validate CRI v1 runtime API for endpoint "unix:///var/run/crio/crio.sock"');
  });

  it("a default_runtime without its table is refused", async () => {
    const sim = await onFlavour("crio");
    await sim.exec('sed -i \'s/^default_runtime = "crun"/default_runtime = "kata"/\' /etc/crio/crio.conf');
    await sim.exec("systemctl restart crio");
    expect(await sim.exec("journalctl -u crio --no-pager | grep fatal")).toContain(
      'msg="validating runtime config: default_runtime set to \\"kata\\", but no runtime entry table [crio.runtime.runtimes.kata] was found"',
    );
  });

  it("no containerd.service on a CRI-O node; conmon per container in ps", async () => {
    const sim = await onFlavour("crio", ...WEB);
    const r = await sim.run("systemctl status containerd");
    expect(r.stderr).toBe("Unit containerd.service could not be found.\n");
    expect(r.code).toBe(4);
    const ps = await sim.exec("ps -ef");
    // one conmon for the pause container, one for nginx; each the parent of its process
    const conmons = ps.split("\n").filter((l) => l.includes("/usr/libexec/crio/conmon "));
    expect(conmons).toHaveLength(2);
    expect(ps).toMatch(/^65535 +(\d+) +\d+ .* \/pause$/m);
    expect(ps).not.toContain("containerd-shim");
  });

  it("an unknown RuntimeClass handler: CRI-O's error", async () => {
    const sim = await onFlavour("crio");
    await sim.apply(
      "apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: gvisor\nhandler: runsc\n",
    );
    await sim.apply(pod("s", "runtimeClassName: gvisor\ncontainers:\n- name: c\n  image: nginx:1.27"));
    await sim.advance(10_000);
    const e = events(sim, "s").find((x) => x.reason === "FailedCreatePodSandBox");
    expect(e?.message).toMatch(
      /^Failed to create pod sandbox: rpc error: code = Unknown desc = failed to find runtime handler runsc from runtime list map\[crun:0xc[0-9a-f]+ runc:0xc[0-9a-f]+\]$/,
    );
  });
});

describe("Docker (dockershim ≤1.23, cri-dockerd)", () => {
  it("docker ps: k8s_ names, the pause container, the image ID the kubelet passed", async () => {
    const sim = await onFlavour("docker", ...WEB);
    const uid = sim.node.api.list<{ metadata: { uid: string } }>("Pod")[0].metadata.uid;
    const out = (await sim.exec("docker ps")).split("\n");
    expect(out[0]).toBe(
      "CONTAINER ID   IMAGE                       COMMAND                  CREATED          STATUS          PORTS     NAMES",
    );
    expect(out[1]).toMatch(
      new RegExp(
        `^[0-9a-f]{12}   [0-9a-f]{12}                "/docker-entrypoint\\.…"   \\d+ seconds ago   Up \\d+ seconds             k8s_web_web_default_${uid}_0$`,
      ),
    );
    expect(out[2]).toMatch(
      new RegExp(
        `^[0-9a-f]{12}   registry\\.k8s\\.io/pause:3\\.6   "/pause"                 \\d+ seconds ago   Up \\d+ seconds             k8s_POD_web_default_${uid}_0$`,
      ),
    );
  });

  it("the kubelet 1.23 starts dockershim and warns about it; docker down makes it exit", async () => {
    const sim = await onFlavour("docker");
    expect(await sim.exec("journalctl -u kubelet --no-pager")).toMatch(
      /kubelet\[\d+\]: W0115 [\d:.]+ +\d+ server\.go:\d+\] "Using dockershim is deprecated, please consider using a full-fledged CRI implementation"/,
    );
    await sim.exec("systemctl stop docker");
    await sim.exec("systemctl restart kubelet");
    expect(sim.node.units.kubelet.state).toBe("failed");
    expect(await sim.exec('journalctl -u kubelet --no-pager | grep "command failed"')).toContain(
      'err="failed to run Kubelet: failed to get docker version: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"',
    );
  });

  it("one shim per container (namespace moby), not per pod", async () => {
    const sim = await onFlavour("docker", ...WEB);
    const shims = (await sim.exec("ps -ef"))
      .split("\n")
      .filter((l) => l.includes("containerd-shim-runc-v2 -namespace moby"));
    expect(shims).toHaveLength(2);
  });

  it("cri-dockerd rewrites the sandbox's resolv.conf, and serves unix:///var/run/cri-dockerd.sock", async () => {
    const sim = await onFlavour("cri-dockerd", ...WEB);
    expect(await sim.exec("journalctl -u cri-docker --no-pager")).toMatch(
      /cri-dockerd\[\d+\]: time="[^"]+" level=info msg="Will attempt to re-write config file \/var\/lib\/docker\/containers\/[0-9a-f]{64}\/resolv\.conf as \[nameserver 10\.96\.0\.10 search default\.svc\.cluster\.local svc\.cluster\.local cluster\.local options ndots:5\]"/,
    );
    await sim.exec("systemctl stop cri-docker");
    expect((await sim.run("crictl ps")).stderr).toContain(
      'validate service connection: validate CRI v1 runtime API for endpoint "unix:///var/run/cri-dockerd.sock": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /var/run/cri-dockerd.sock: connect: no such file or directory"',
    );
  });

  it("a RuntimeClass handler on Docker: dockershim's refusal", async () => {
    const sim = await onFlavour("cri-dockerd");
    await sim.apply(
      "apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: gvisor\nhandler: runsc\n",
    );
    await sim.apply(pod("s", "runtimeClassName: gvisor\ncontainers:\n- name: c\n  image: nginx:1.27"));
    await sim.advance(10_000);
    expect(await status(sim, "s")).toBe("ContainerCreating");
    expect(events(sim, "s").find((x) => x.reason === "FailedCreatePodSandBox")?.message).toBe(
      'Failed to create pod sandbox: rpc error: code = Unknown desc = RuntimeHandler "runsc" not supported',
    );
  });
});

/** The distinct `from→to` hops of the pod's trace events. */
function hops(sim: LiveSimulation, podKey = "default/web"): Set<string> {
  return new Set(
    sim.trace
      .all()
      .filter((e: TraceEvent) => e.pod === podKey)
      .map((e) => `${e.from}→${e.to}`),
  );
}

describe("the same pod on each flavour: the documented difference in hops", () => {
  for (const flavour of ["containerd", "crio", "docker", "cri-dockerd"] as RuntimeFlavour[])
    it(flavour, async () => {
      const sim = await onFlavour(flavour, ...WEB);
      expect(await status(sim, "web")).toBe("Running");
      const seen = hops(sim);
      // every hop of the flavour's documented path after the CRI socket shows up for this pod
      const path = FLAVOURS[flavour].hops.slice(2);
      for (let i = 0; i + 1 < path.length; i++)
        expect(seen, `${path[i]}→${path[i + 1]}`).toContain(`${path[i]}→${path[i + 1]}`);
      const actors = new Set([...seen].flatMap((h) => h.split("→")));
      const absent: Record<RuntimeFlavour, string[]> = {
        containerd: ["crio", "conmon", "dockerd", "dockershim", "cri-dockerd"],
        crio: ["containerd", "shim", "dockerd"],
        docker: ["crio", "cri-dockerd"],
        "cri-dockerd": ["crio", "dockershim"],
      };
      for (const a of absent[flavour]) expect(actors, a).not.toContain(a);
    });
});

describe("RuntimeClass handlers under containerd (FIDELITY §15)", () => {
  async function sandboxed(handler: "runsc" | "kata"): Promise<LiveSimulation> {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl run warm --image=nginx:1.27");
    await sim.advance(30_000);
    await sim.exec(`sed -i '/${handler}/s/# //' /etc/containerd/config.toml`);
    await sim.exec("systemctl restart containerd");
    await sim.apply(
      `apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: rc\nhandler: ${handler}\n`,
    );
    await sim.apply(pod("web", "runtimeClassName: rc\ncontainers:\n- name: web\n  image: nginx:1.27"));
    await sim.advance(30_000);
    return sim;
  }
  const sandboxMs = (sim: LiveSimulation, name: string) => {
    const req = sim.trace
      .all()
      .find((e) => e.kind === "cri.request" && e.summary === `RunPodSandbox(${name})`)!;
    const res = sim.trace.all().find((e) => e.causeId === req.id)!;
    return res.t - req.t;
  };

  it("runsc: 4.4.0 and gVisor's dmesg inside; runsc-sandbox/runsc-gofer on the host; RUNTIME column", async () => {
    const sim = await sandboxed("runsc");
    expect(await status(sim, "web")).toBe("Running");
    expect(await sim.exec("kubectl exec web -- uname -r")).toBe("4.4.0\n");
    const dmesg = (await sim.exec("kubectl exec web -- dmesg")).trimEnd().split("\n");
    expect(dmesg[0]).toBe("[    0.000000] Starting gVisor...");
    expect(dmesg.at(-1)).toMatch(/^\[ +\d+\.\d{6}\] Ready!$/);
    const ps = await sim.exec("ps -ef");
    expect(ps).toMatch(/ runsc-sandbox --root=/);
    expect(ps).toMatch(/ runsc-gofer --root=/);
    expect(ps).toContain("containerd-shim-runsc-v1 -namespace k8s.io");
    // the app's processes live inside the Sentry: one nginx on the host (the runc pod's)
    expect(ps.split("\n").filter((l) => l.includes("nginx: master"))).toHaveLength(1);
    expect(await sim.exec("crictl pods --name web")).toMatch(/web +default +0 +runsc\n$/);
    expect(sandboxMs(sim, "web") - sandboxMs(sim, "warm")).toBeGreaterThan(300);
    expect(
      sim.trace.all().some((e) => e.from === "shim" && e.to === "gvisor" && e.pod === "default/web"),
    ).toBe(true);
  });

  it("kata: a guest kernel, qemu and the kata shim on the host, seconds to boot", async () => {
    const sim = await sandboxed("kata");
    expect(await status(sim, "web")).toBe("Running");
    expect(await sim.exec("kubectl exec web -- uname -r")).toBe("6.12.22\n");
    const ps = await sim.exec("ps -ef");
    expect(ps).toContain("/opt/kata/bin/qemu-system-x86_64 -name sandbox-");
    expect(ps).toContain("/opt/kata/bin/containerd-shim-kata-v2 -namespace k8s.io");
    expect(sandboxMs(sim, "web")).toBeGreaterThan(1800);
    expect(sim.trace.all().some((e) => e.to === "kata" && e.pod === "default/web")).toBe(true);
  });

  it("runc shares the host's kernel: same uname -r as the node, and no dmesg for an unprivileged container", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl run web --image=nginx:1.27");
    await sim.advance(30_000);
    expect(await sim.exec("kubectl exec web -- uname -r")).toBe(await sim.exec("uname -r"));
    const r = await sim.run("kubectl exec web -- dmesg");
    expect(r.stderr).toContain("dmesg: read kernel buffer failed: Operation not permitted\n");
  });

  it("systemctl status containerd lists each pod's shim in its CGroup tree", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl run web --image=nginx:1.27");
    await sim.advance(30_000);
    const st = await sim.exec("systemctl status containerd");
    expect(st).toMatch(
      /CGroup: \/system\.slice\/containerd\.service\n +├─ ?\d+ \/usr\/bin\/containerd\n +└─\d+ \/usr\/bin\/containerd-shim-runc-v2 -namespace k8s\.io -id [0-9a-f]{64} -address \/run\/containerd\/containerd\.sock\n/,
    );
  });
});

describe("sim runtime: a rebuild that the timeline and replay can follow", () => {
  it("time and trace ids go on; a subscriber of the old trace keeps receiving", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.advance(5_000);
    const t0 = sim.node.clock.now();
    const id0 = sim.trace.lastId;
    const got: number[] = [];
    sim.trace.subscribe((e) => got.push(e.id));
    await sim.exec("sim runtime crio");
    expect(sim.node.clock.now()).toBeGreaterThan(t0);
    expect(sim.trace.all()[0].id).toBe(id0 + 1);
    await sim.exec("kubectl run web --image=nginx:1.27");
    await sim.advance(5_000);
    expect(got.length).toBeGreaterThan(0);
    expect(got.at(-1)).toBe(sim.trace.lastId);
    expect(sim.snapshot().flavour?.name).toBe("crio");
    expect(sim.snapshot().units).toEqual({ crio: "active", kubelet: "active" });
  });

  it("bad input: the tool's own words", async () => {
    const sim = createSimulation({ seed: 1 });
    const r = await sim.run("sim runtime podman");
    expect(r.stderr).toBe('sim: unknown runtime "podman"; one of: containerd, crio, docker, cri-dockerd\n');
    expect(r.code).toBe(1);
    expect((await sim.run("sim upgrade 1.24")).stderr).toBe(
      'sim: invalid kubelet version "1.24" (e.g. v1.24.17)\n',
    );
    expect(await sim.exec("sim runtime")).toMatch(/^\* containerd +containerd 2\.1\n {2}crio +CRI-O 1\.34\n/);
    expect((await sim.run("docker ps")).code).toBe(127);
  });

  it("determinism: the same commands on each flavour give byte-identical output and trace", async () => {
    const script = [
      "sim runtime cri-dockerd",
      ...WEB,
      "docker ps",
      "sim runtime crio",
      ...WEB,
      "journalctl -u crio --no-pager",
      "ps aux",
    ];
    const run = async () => {
      const sim = createSimulation({ seed: 7 });
      let out = "";
      for (const l of script) out += await sim.exec(l);
      return { out, trace: JSON.stringify(sim.trace.all()) };
    };
    const [a, b] = [await run(), await run()];
    expect(a.out).toBe(b.out);
    expect(a.trace).toBe(b.trace);
  });
});
