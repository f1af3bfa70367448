// More of the docs' node-administration task pages, typed at a kubeadm worker node with containerd:
// tasks/administer-cluster/reserve-compute-resources (kubeReserved, systemReserved and evictionHard
// shape Node Allocatable), kubelet-config-file (evictionHard replaces the defaults; a flag beats the
// file), kubeadm/kubeadm-reconfigure (edit the kubelet-config ConfigMap, `kubeadm upgrade node phase
// kubelet-config`, restart) and kubeadm/upgrading-linux-nodes (apt-mark, `kubeadm upgrade node`,
// drain, restart the kubelet, uncordon).
import type { Node } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { nodeAllocatable } from "../../../src/sim/kubelet/cm/nodeAllocatable";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";

async function run(sim: LiveSimulation, line: string) {
  const r = await sim.run(line);
  return { stdout: r.stdout, stderr: r.stderr, code: r.code };
}

function allocatableBlock(describe: string): string[] {
  const lines = describe.split("\n");
  const i = lines.indexOf("Allocatable:");
  return lines.slice(i + 1, i + 6);
}

const nodeStatus = (sim: LiveSimulation) => sim.node.api.tryGet<Node>("Node", undefined, "node-1")?.status;

describe("docs: reserve-compute-resources — Node Allocatable", () => {
  it("by default only the hard eviction thresholds are held back: memory.available 100Mi, nodefs.available 10%", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("sim advance 5s");
    const block = allocatableBlock(await sim.exec("kubectl describe node node-1"));
    // 8148000Ki − 100Mi; 20Gi − 10% as the kubelet computes it (a float32 percentage: 32 bytes more)
    expect(block).toEqual([
      "  cpu:                2",
      "  ephemeral-storage:  19327352800",
      "  hugepages-2Mi:      0",
      "  memory:             8045600Ki",
      "  pods:               110",
    ]);
  });

  it("kubeReserved + systemReserved + evictionHard in config.yaml take effect when the kubelet restarts", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec(
      "cat <<EOF | sudo tee -a /var/lib/kubelet/config.yaml\nkubeReserved:\n  cpu: 500m\n  memory: 1Gi\n  ephemeral-storage: 1Gi\nsystemReserved:\n  cpu: 250m\n  memory: 512Mi\nevictionHard:\n  memory.available: 500Mi\n  nodefs.available: 10%\nEOF",
    );
    // the running kubelet keeps the config it read at start
    await sim.exec("sim advance 15s");
    expect(nodeStatus(sim)?.allocatable?.memory).toBe("8045600Ki");
    expect((await run(sim, "sudo systemctl restart kubelet")).code).toBe(0);
    await sim.exec("sim advance 15s");
    const block = allocatableBlock(await sim.exec("kubectl describe node node-1"));
    expect(block).toEqual([
      "  cpu:                1250m",
      // 20Gi − 1Gi − (10% in float32 of 20Gi = 2147483680)
      "  ephemeral-storage:  18253610976",
      "  hugepages-2Mi:      0",
      // 8148000Ki − 1048576Ki − 524288Ki − 512000Ki
      "  memory:             6063136Ki",
      "  pods:               110",
    ]);
    // Capacity is untouched
    expect(nodeStatus(sim)?.capacity?.memory).toBe("8148000Ki");
    // the scheduler does not over-subscribe Allocatable
    await sim.apply(
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: 1300m\n",
    );
    await sim.exec("sim advance 5s");
    expect(
      await sim.exec(
        "kubectl get events --field-selector reason=FailedScheduling -o jsonpath='{.items[0].message}'",
      ),
    ).toMatch(/Insufficient cpu/);
  });

  it("the page's example scenario: 16 CPUs, 32Gi, 100Gi with its reservations leave 14.5 CPUs, ≈28.5Gi, ≈88Gi", () => {
    const alloc = nodeAllocatable(
      { cpu: "16", memory: "32Gi", "ephemeral-storage": "100Gi", pods: "110" },
      {
        kubeReserved: { cpu: "1", memory: "2Gi", "ephemeral-storage": "1Gi" },
        systemReserved: { cpu: "500m", memory: "1Gi", "ephemeral-storage": "1Gi" },
        evictionHard: { "memory.available": "500Mi", "nodefs.available": "10%" },
      },
    );
    expect(alloc.cpu).toBe("14500m");
    // 32Gi − 2Gi − 1Gi − 500Mi: the page rounds it to 28.5Gi
    expect(alloc.memory).toBe("29196Mi");
    // 100Gi − 2Gi − 10% ≈ 88Gi (the float32 10% is 160 bytes over a tenth)
    expect(alloc["ephemeral-storage"]).toBe("94489280352");
    expect(alloc.pods).toBe("110");
  });

  it("a reservation larger than the capacity leaves zero, never a negative allocatable", () => {
    expect(
      nodeAllocatable({ cpu: "2", memory: "1Gi" }, { kubeReserved: { cpu: "3", memory: "2Gi" } }),
    ).toEqual({
      cpu: "0",
      memory: "0",
    });
  });
});

describe("docs: kubelet-config-file — evictionHard and flags", () => {
  it("setting only memory.available drops the other defaults: nodefs is no longer held back", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec(
      "printf 'evictionHard:\\n    memory.available:  \"200Mi\"\\n' | sudo tee -a /var/lib/kubelet/config.yaml",
    );
    await sim.exec("sudo systemctl restart kubelet");
    await sim.exec("sim advance 15s");
    const st = nodeStatus(sim);
    expect(st?.allocatable?.memory).toBe("7943200Ki"); // 8148000Ki − 200Mi
    expect(st?.allocatable?.["ephemeral-storage"]).toBe(st?.capacity?.["ephemeral-storage"]);
  });

  it("a command-line flag overrides the file (--eviction-hard in kubeadm-flags.env)", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec(
      "printf 'evictionHard:\\n  memory.available: \"200Mi\"\\n' | sudo tee -a /var/lib/kubelet/config.yaml",
    );
    await sim.exec(
      "echo 'KUBELET_KUBEADM_ARGS=\"--container-runtime-endpoint=unix:///run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10 --eviction-hard=memory.available<1Gi --kube-reserved=cpu=200m\"' | sudo tee /var/lib/kubelet/kubeadm-flags.env",
    );
    await sim.exec("sudo systemctl restart kubelet");
    await sim.exec("sim advance 15s");
    const st = nodeStatus(sim);
    expect(st?.allocatable?.memory).toBe("7099424Ki"); // 8148000Ki − 1Gi
    expect(st?.allocatable?.cpu).toBe("1800m");
  });
});

describe("docs: kubeadm-reconfigure — applying kubelet configuration changes", () => {
  it("edit the kubelet-config ConfigMap, kubeadm upgrade node phase kubelet-config, restart the kubelet", async () => {
    const sim = createSimulation({ seed: 1 });
    expect(
      await sim.exec(
        `KUBE_EDITOR="sed -i 's/^    cgroupDriver: systemd/    systemReserved:\\n      memory: 1Gi\\n    cgroupDriver: systemd/'" kubectl edit cm -n kube-system kubelet-config`,
      ),
    ).toBe("configmap/kubelet-config edited\n");
    // the node's file is not touched until kubeadm downloads the ConfigMap
    expect(await sim.exec("grep -c systemReserved /var/lib/kubelet/config.yaml")).toBe("0\n");
    const r = await run(sim, "sudo kubeadm upgrade node phase kubelet-config");
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      '[upgrade] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...',
    );
    expect(lines[2]).toMatch(
      /^\[upgrade\] Backing up kubelet config file to \/etc\/kubernetes\/tmp\/kubeadm-kubelet-config\d+\/config\.yaml$/,
    );
    expect(lines.slice(-3)).toEqual([
      '[patches] Applied patch of type "application/strategic-merge-patch+json" to target "kubeletconfiguration"',
      '[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"',
      "[upgrade/kubelet-config] The kubelet configuration for this node was successfully upgraded!",
    ]);
    // klog's warning goes to stderr
    expect(r.stderr).toMatch(
      /^W0115 09:01:00\.\d{6} +\d+ postupgrade\.go:116\] Using temporary directory \/etc\/kubernetes\/tmp\/kubeadm-kubelet-config\d+ for kubelet config\. To override it set the environment variable KUBEADM_UPGRADE_DRYRUN_DIR\n$/,
    );
    // the backup holds the file as it was
    const backup = /to (\S+config\.yaml)$/.exec(lines[2])?.[1] ?? "";
    expect(await sim.exec(`grep -c systemReserved ${backup}`)).toBe("0\n");
    expect(await sim.exec("grep -A1 systemReserved /var/lib/kubelet/config.yaml")).toBe(
      "systemReserved:\n  memory: 1Gi\n",
    );
    await sim.exec("sudo systemctl restart kubelet");
    await sim.exec("sim advance 15s");
    expect(nodeStatus(sim)?.allocatable?.memory).toBe("6997024Ki"); // − 1Gi − 100Mi
  });

  it("local edits to config.yaml are overwritten by the ConfigMap's content", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("echo 'maxPods: 20' | sudo tee -a /var/lib/kubelet/config.yaml");
    await sim.exec("sudo kubeadm upgrade node phase kubelet-config");
    expect(await sim.exec("grep -c maxPods /var/lib/kubelet/config.yaml")).toBe("0\n");
  });
});

describe("docs: kubeadm/upgrading-linux-nodes — a worker node", () => {
  it("apt-mark unhold / hold answer as apt does", async () => {
    const sim = createSimulation({ seed: 1 });
    expect(await sim.exec("sudo apt-mark unhold kubeadm")).toBe("Canceled hold on kubeadm.\n");
    expect(await sim.exec("sudo apt-mark unhold kubeadm")).toBe("kubeadm was already not on hold.\n");
    expect(await sim.exec("sudo apt-mark hold kubeadm")).toBe("kubeadm set on hold.\n");
    expect(await sim.exec("sudo apt-mark hold kubelet kubectl")).toBe(
      "kubelet was already set on hold.\nkubectl was already set on hold.\n",
    );
    expect(await sim.exec("apt-mark showhold")).toBe("kubeadm\nkubectl\nkubelet\n");
  });

  it("kubeadm version and kubelet --version name the release", async () => {
    const sim = createSimulation({ seed: 1 });
    expect(await sim.exec("kubeadm version -o short")).toBe("v1.34.1\n");
    expect(await sim.exec("kubeadm version")).toMatch(
      /^kubeadm version: &version\.Info\{Major:"1", Minor:"34", .*GitVersion:"v1\.34\.1", GitCommit:"93248f9ae092f571eb870b7664c534bfc7d00f03", .*Platform:"linux\/amd64"\}\n$/,
    );
    expect(await sim.exec("kubelet --version")).toBe("Kubernetes v1.34.1\n");
  });

  it("sudo kubeadm upgrade node skips the control-plane phases and moves the CRI endpoint into instance-config.yaml", async () => {
    const sim = createSimulation({ seed: 1 });
    const r = await run(sim, "sudo kubeadm upgrade node");
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.slice(0, 6)).toEqual([
      '[upgrade] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...',
      "[upgrade] Use 'kubeadm init phase upload-config kubeadm --config your-config-file' to re-upload it.",
      "[upgrade/preflight] Running pre-flight checks",
      "[upgrade/preflight] Skipping prepull. Not a control plane node.",
      "[upgrade/control-plane] Skipping phase. Not a control plane node.",
      "[upgrade/kubeconfig] Skipping phase. Not a control plane node.",
    ]);
    expect(lines.slice(7)).toEqual([
      '[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"',
      '[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/instance-config.yaml"',
      '[patches] Applied patch of type "application/strategic-merge-patch+json" to target "kubeletconfiguration"',
      '[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"',
      "[upgrade/kubelet-config] The kubelet configuration for this node was successfully upgraded!",
      "[upgrade/addon] Skipping the addon/coredns phase. Not a control plane node.",
      "[upgrade/addon] Skipping the addon/kube-proxy phase. Not a control plane node.",
    ]);
    expect(await sim.exec("cat /var/lib/kubelet/kubeadm-flags.env")).toBe(
      'KUBELET_KUBEADM_ARGS="--pod-infra-container-image=registry.k8s.io/pause:3.10"\n',
    );
    expect(await sim.exec("grep containerRuntimeEndpoint /var/lib/kubelet/config.yaml")).toBe(
      "containerRuntimeEndpoint: unix:///run/containerd/containerd.sock\n",
    );
    // a second run finds instance-config.yaml and leaves the flags alone
    const again = (await sim.exec("sudo kubeadm upgrade node")).split("\n");
    expect(again.some((l) => l.includes("kubeadm-flags.env"))).toBe(false);

    // drain, restart the kubelet, uncordon: the kubelet comes back on the endpoint from config.yaml
    expect(await sim.exec("kubectl drain node-1 --ignore-daemonsets")).toBe(
      "node/node-1 cordoned\nnode/node-1 drained\n",
    );
    await sim.exec("sudo systemctl daemon-reload");
    expect((await run(sim, "sudo systemctl restart kubelet")).code).toBe(0);
    await sim.exec("sim advance 20s");
    expect(await sim.exec("kubectl uncordon node-1")).toBe("node/node-1 uncordoned\n");
    expect((await sim.exec("kubectl get nodes")).split("\n")[1]).toMatch(
      /^node-1 +Ready +<none> +\S+ +v1\.34\.1$/,
    );
  });
});
