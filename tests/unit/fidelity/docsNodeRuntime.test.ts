// The Kubernetes docs pages about nodes and container runtimes, typed at a kubeadm node with containerd:
// setup/production-environment/container-runtimes (sysctl, modprobe, containerd config default),
// concepts/architecture/cgroups (stat -fc %T), tasks/administer-cluster/kubeadm/configure-cgroup-driver
// (the kubelet-config ConfigMap), tasks/debug (kubectl events, describe node, debug-running-pod's
// pause:3.1 pod, debug-pods' strict decoding error), concepts/containers/runtime-class and images
// (jsonpath over imageIDs), and crictl's imagefsinfo and stats -o json.
import { createHash } from "node:crypto";
import type { ConfigMap } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";

async function run(sim: LiveSimulation, line: string) {
  const r = await sim.run(line);
  return { stdout: r.stdout, stderr: r.stderr, code: r.code };
}

describe("docs: container-runtimes — Enable IPv4 packet forwarding (procps sysctl)", () => {
  it("the page's tee into /etc/sysctl.d/k8s.conf, sysctl --system, then sysctl net.ipv4.ip_forward", async () => {
    const sim = createSimulation({ seed: 1 });
    expect(await sim.exec("cat <<EOF | sudo tee /etc/sysctl.d/k8s.conf\nnet.ipv4.ip_forward = 1\nEOF")).toBe(
      "net.ipv4.ip_forward = 1\n",
    );
    // procps-ng 4: the files sorted by name across the sysctl.d directories, /etc/sysctl.conf last;
    // the settings are written after every file was read
    expect(await run(sim, "sudo sysctl --system")).toEqual({
      stdout:
        "* Applying /usr/lib/sysctl.d/50-pid-max.conf ...\n" +
        "* Applying /etc/sysctl.d/99-sysctl.conf ...\n" +
        "* Applying /etc/sysctl.d/k8s.conf ...\n" +
        "* Applying /usr/lib/sysctl.d/protect-links.conf ...\n" +
        "* Applying /etc/sysctl.conf ...\n" +
        "kernel.pid_max = 4194304\n" +
        "net.ipv4.ip_forward = 1\n" +
        "fs.protected_fifos = 1\n" +
        "fs.protected_hardlinks = 1\n" +
        "fs.protected_regular = 2\n" +
        "fs.protected_symlinks = 1\n",
      stderr: "",
      code: 0,
    });
    expect(await sim.exec("sysctl net.ipv4.ip_forward")).toBe("net.ipv4.ip_forward = 1\n");
    expect(await sim.exec("ls -l /etc/sysctl.d/99-sysctl.conf")).toMatch(
      /^lrwxrwxrwx 1 root root 14 .* \/etc\/sysctl\.d\/99-sysctl\.conf -> \.\.\/sysctl\.conf\n$/,
    );
  });

  it("sysctl -w / -n / key=value write /proc/sys; an unknown key is procps' cannot stat (exit 255)", async () => {
    const sim = createSimulation({ seed: 1 });
    expect(await sim.exec("sysctl -w net.ipv4.ip_forward=0")).toBe("net.ipv4.ip_forward = 0\n");
    expect(await sim.exec("cat /proc/sys/net/ipv4/ip_forward")).toBe("0\n");
    expect(await sim.exec("sysctl net.ipv4.ip_forward=1")).toBe("net.ipv4.ip_forward = 1\n");
    expect(await sim.exec("sysctl -n net.ipv4.ip_forward")).toBe("1\n");
    expect(await sim.exec("sysctl net/ipv4/ip_forward")).toBe("net.ipv4.ip_forward = 1\n");
    expect(await run(sim, "sysctl net.ipv4.nope")).toEqual({
      stdout: "",
      stderr: "sysctl: cannot stat /proc/sys/net/ipv4/nope: No such file or directory\n",
      code: 255,
    });
    expect(await sim.exec("sysctl -p /etc/sysctl.d/k8s.conf")).toBe("net.ipv4.ip_forward = 1\n");
    await sim.exec("echo 'not a setting' > /etc/sysctl.d/bad.conf");
    expect((await run(sim, "sysctl -p /etc/sysctl.d/bad.conf")).stderr).toBe(
      "sysctl: /etc/sysctl.d/bad.conf(1): invalid syntax, continuing...\n",
    );
  });

  it("older pages' modprobe overlay / br_netfilter and lsmod: net.bridge.* exists only with br_netfilter", async () => {
    const sim = createSimulation({ seed: 1 });
    expect(await run(sim, "sudo modprobe overlay")).toEqual({ stdout: "", stderr: "", code: 0 });
    expect(await run(sim, "sudo modprobe br_netfilter")).toEqual({ stdout: "", stderr: "", code: 0 });
    // kmod lsmod: "%-19s %8lu  %d" and the holders
    expect(await sim.exec("lsmod | grep br_netfilter")).toBe(
      "br_netfilter           32768  0\nbridge                311296  1 br_netfilter\n",
    );
    expect((await sim.exec("lsmod")).split("\n")[0]).toBe("Module                  Size  Used by");
    expect(
      await sim.exec(
        "sysctl net.bridge.bridge-nf-call-iptables net.bridge.bridge-nf-call-ip6tables net.ipv4.ip_forward",
      ),
    ).toBe(
      "net.bridge.bridge-nf-call-iptables = 1\nnet.bridge.bridge-nf-call-ip6tables = 1\nnet.ipv4.ip_forward = 1\n",
    );
    expect(await run(sim, "modprobe -r bridge")).toEqual({
      stdout: "",
      stderr: "modprobe: FATAL: Module bridge is in use.\n",
      code: 1,
    });
    await sim.exec("modprobe -r br_netfilter");
    expect(await sim.exec("lsmod | grep -c bridge")).toBe("0\n");
    expect((await run(sim, "sysctl net.bridge.bridge-nf-call-iptables")).stderr).toBe(
      "sysctl: cannot stat /proc/sys/net/bridge/bridge-nf-call-iptables: No such file or directory\n",
    );
    expect(await run(sim, "modprobe nope")).toEqual({
      stdout: "",
      stderr: "modprobe: FATAL: Module nope not found in directory /lib/modules/6.1.0-28-amd64\n",
      code: 1,
    });
    expect(await sim.exec("ls /etc/modules-load.d/")).toBe("modules.conf\n");
  });
});

describe("docs: container-runtimes / change-runtime-containerd — the containerd binary", () => {
  it("containerd --version and containerd config default (2.1 on amd64): no SystemdCgroup in runc's options", async () => {
    const sim = createSimulation({ seed: 1 });
    expect(await sim.exec("containerd --version")).toBe(
      "containerd github.com/containerd/containerd/v2 v2.1.4 75cb2b7193e4e490e9fbdc236c0e811ccaba3376\n",
    );
    const def = await sim.exec("containerd config default");
    expect(def.split("\n").slice(0, 4)).toEqual([
      "version = 3",
      "root = '/var/lib/containerd'",
      "state = '/run/containerd'",
      "temp = ''",
    ]);
    expect(def).toContain(
      "\n    [plugins.'io.containerd.cri.v1.images'.pinned_images]\n      sandbox = 'registry.k8s.io/pause:3.10'\n",
    );
    expect(def).toContain("\n  [plugins.'io.containerd.runtime.v2.task']\n    platforms = ['linux/amd64']\n");
    expect(def).not.toContain("SystemdCgroup");
    // the page: containerd config default | sudo tee /etc/containerd/config.toml, then restart
    await sim.exec("sudo mkdir -p /etc/containerd");
    await sim.exec("containerd config default | sudo tee /etc/containerd/config.toml > /dev/null");
    expect(await sim.exec("cat /etc/containerd/config.toml")).toBe(def);
    expect((await run(sim, "sudo systemctl restart containerd")).code).toBe(0);
    expect(await sim.exec("systemctl is-active containerd")).toBe("active\n");
    expect(await sim.exec("grep -c SystemdCgroup /etc/containerd/config.toml")).toBe("0\n");
  });

  it("a CRI-O node has no containerd binary", async () => {
    const sim = createSimulation({ seed: 1, flavour: "crio" });
    expect(await run(sim, "containerd --version")).toEqual({
      stdout: "",
      stderr: "bash: containerd: command not found\n",
      code: 127,
    });
  });
});

describe("docs: concepts/architecture/cgroups — stat -fc %T and the cgroup v2 tree", () => {
  it("cgroup2fs at /sys/fs/cgroup/, ext2/ext3 for the root's ext4, proc and tmpfs", async () => {
    const sim = createSimulation({ seed: 1 });
    expect(await sim.exec("stat -fc %T /sys/fs/cgroup/")).toBe("cgroup2fs\n");
    expect(await sim.exec("stat -f -c %T /")).toBe("ext2/ext3\n");
    expect(await sim.exec("stat --file-system --format=%T /proc /run")).toBe("proc\ntmpfs\n");
    expect(await sim.exec("stat -c '%n %a %U:%G %F' /etc/hostname")).toBe(
      "/etc/hostname 644 root:root regular file\n",
    );
    expect(await run(sim, "stat -fc %T /nope")).toEqual({
      stdout: "",
      stderr: "stat: cannot read file system information for '/nope': No such file or directory\n",
      code: 1,
    });
  });

  it("kubepods.slice holds a Guaranteed pod's slice with its limits; kubelet.service its PID", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.apply(
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n    resources:\n      limits:\n        cpu: 500m\n        memory: 128Mi\n",
    );
    await sim.advance(20_000);
    const uid = (await sim.exec("kubectl get pod web -o jsonpath='{.metadata.uid}'")).replace(/-/g, "_");
    const slice = `/sys/fs/cgroup/kubepods.slice/kubepods-pod${uid}.slice`;
    expect(await sim.exec(`cat ${slice}/memory.max ${slice}/cpu.max`)).toBe("134217728\n50000 100000\n");
    const id = (await sim.exec("crictl ps -q --name web")).trim();
    expect(await sim.exec(`cat ${slice}/cri-containerd-${id}.scope/memory.max`)).toBe("134217728\n");
    expect(await sim.exec("cat /sys/fs/cgroup/system.slice/kubelet.service/cgroup.procs")).toBe(
      await sim.exec("pgrep kubelet"),
    );
    expect(await sim.exec("ls /sys/fs/cgroup/kubepods.slice | grep slice")).toBe(
      `kubepods-besteffort.slice\nkubepods-burstable.slice\nkubepods-pod${uid}.slice\n`,
    );
  });
});

describe("docs: kubeadm/configure-cgroup-driver — the kubelet-config ConfigMap", () => {
  it("kube-system/kubelet-config holds the KubeletConfiguration kubeadm wrote, with its checksum", async () => {
    const sim = createSimulation({ seed: 1 });
    const cm = sim.node.api.get<ConfigMap>("ConfigMap", "kube-system", "kubelet-config");
    const yaml = await sim.exec("cat /var/lib/kubelet/config.yaml");
    expect(cm.data?.kubelet).toBe(yaml);
    // componentconfigs.ChecksumForConfigMap: sha256 over the data values in key order
    expect(cm.metadata?.annotations?.["kubeadm.kubernetes.io/component-config.hash"]).toBe(
      `sha256:${createHash("sha256").update(yaml).digest("hex")}`,
    );
    const out = await sim.exec("kubectl get cm -n kube-system kubelet-config -o yaml");
    expect(out).toMatch(
      /^apiVersion: v1\ndata:\n {2}kubelet: \|\n {4}apiVersion: kubelet\.config\.k8s\.io\/v1beta1\n/,
    );
    expect(out).toContain("\n    cgroupDriver: systemd\n");
    expect(out).toContain("\n  name: kubelet-config\n  namespace: kube-system\n");
  });

  it("a 1.23 kubeadm node names it kubelet-config-1.23", async () => {
    const sim = createSimulation({ seed: 7, flavour: "docker" });
    expect(await sim.exec("kubectl get cm -n kube-system -o name")).toContain(
      "configmap/kubelet-config-1.23\n",
    );
  });
});

describe("docs: kubectl events (debug-running-pod, debug-cluster)", () => {
  async function crashing(): Promise<LiveSimulation> {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl run bb --image=busybox:1.28 -- false");
    await sim.advance(60_000);
    return sim;
  }

  it("--for pod/NAME: LAST SEEN, TYPE, REASON, OBJECT as Kind/name, MESSAGE; oldest first", async () => {
    const sim = await crashing();
    const lines = (await sim.exec("kubectl events --for pod/bb")).trimEnd().split("\n");
    expect(lines[0]).toMatch(/^LAST SEEN {11}TYPE {6}REASON {6}OBJECT {3}MESSAGE$/);
    expect(lines[1]).toMatch(
      /^60s {17}Normal {4}Scheduled {3}Pod\/bb {3}Successfully assigned default\/bb to node-1$/,
    );
    expect(lines.at(-1)).toMatch(
      /^\d+s \(x\d+ over \d+s\) +Warning +BackOff +Pod\/bb +Back-off restarting failed container bb in pod bb_default\(/,
    );
    const warnings = (await sim.exec("kubectl events --for=pod/bb --types=Warning")).trimEnd().split("\n");
    expect(warnings.slice(1).every((l) => / Warning /.test(l))).toBe(true);
    expect(warnings).toHaveLength(2);
  });

  it("-A adds NAMESPACE; errors and the empty list in kubectl's words", async () => {
    const sim = await crashing();
    expect((await sim.exec("kubectl events -A")).split("\n")[1]).toMatch(
      /^default {5}\S+ +Normal +Starting +Node\/node-1 +Starting kubelet\.$/,
    );
    expect(await run(sim, "kubectl events -n kube-system")).toEqual({
      stdout: "",
      stderr: "No events found in kube-system namespace.\n",
      code: 0,
    });
    expect((await run(sim, "kubectl events --for bb")).stderr).toBe(
      "error: --for must be in resource/name form\n",
    );
    expect((await run(sim, "kubectl events --types=Info")).stderr).toBe(
      "error: valid --types are Normal or Warning\n",
    );
    expect(await sim.exec("kubectl events --for pod/bb -o yaml")).toMatch(
      /\nkind: EventList\nmetadata: \{\}\n$/,
    );
  });
});

describe("docs: debug-cluster and nodes — kubectl describe node", () => {
  it("Non-terminated Pods has kubectl's empty column after Name", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl run web --image=nginx");
    await sim.advance(10_000);
    const out = await sim.exec("kubectl describe node node-1");
    const block = out.slice(out.indexOf("Non-terminated Pods:")).split("\n").slice(0, 4);
    expect(block[1]).toMatch(
      /^ {2}Namespace {19}Name {4}CPU Requests {2}CPU Limits {2}Memory Requests {2}Memory Limits {2}Age$/,
    );
    expect(block[2]).toMatch(/^ {2}-{9} {19}-{4} {4}-{12} {2}-{10} {2}-{15} {2}-{13} {2}---$/);
    expect(block[3]).toMatch(/^ {2}default {21}web {5}0 \(0%\) {8}0 \(0%\) {6}0 \(0%\) {11}0 \(0%\) {9}10s$/);
  });
});

describe("docs: runtime-class — kubectl describe runtimeclass (genericDescriber)", () => {
  it("Namespace (empty), the object's fields and its Metadata block", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.apply(
      "apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: gvisor\nhandler: runsc\n",
    );
    const lines = (await sim.exec("kubectl describe runtimeclass gvisor")).split("\n");
    expect(lines.slice(0, 9)).toEqual([
      "Name:         gvisor",
      "Namespace:    ",
      "Labels:       <none>",
      "Annotations:  <none>",
      "API Version:  node.k8s.io/v1",
      "Handler:      runsc",
      "Kind:         RuntimeClass",
      "Metadata:",
      expect.stringMatching(/^ {2}Creation Timestamp: {2}2026-01-15T09:01:00Z$/),
    ]);
    expect(lines[9]).toMatch(/^ {2}Resource Version: {4}\d+$/);
    expect(lines[10]).toMatch(/^ {2}UID: {17}[0-9a-f-]{36}$/);
    expect(lines[11]).toBe("Events:                <none>");
  });
});

describe("docs: debug-pods — server-side field validation", () => {
  const MYPOD =
    'cat > mypod.yaml <<X\napiVersion: v1\nkind: Pod\nmetadata:\n  name: mypod\nspec:\n  containers:\n  - name: c\n    image: busybox\n    commnd: ["sleep", "3600"]\nX';

  it("a misspelled field is refused with the strict decoding error the page shows", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec(MYPOD);
    expect(await run(sim, "kubectl apply -f mypod.yaml")).toEqual({
      stdout: "",
      stderr:
        'Error from server (BadRequest): error when creating "mypod.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].commnd"\n',
      code: 1,
    });
    expect((await run(sim, "kubectl create -f mypod.yaml")).stderr).toContain(
      'unknown field "spec.containers[0].commnd"',
    );
    expect((await run(sim, "kubectl get pod mypod")).stderr).toBe(
      'Error from server (NotFound): pods "mypod" not found\n',
    );
  });

  it("--validate=warn warns and drops the field; --validate=ignore drops it silently", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec(MYPOD);
    expect(await run(sim, "kubectl apply -f mypod.yaml --validate=warn")).toEqual({
      stdout: "pod/mypod created\n",
      stderr: 'Warning: unknown field "spec.containers[0].commnd"\n',
      code: 0,
    });
    expect(
      sim.node.api.get<{ spec: { containers: object[] } }>("Pod", "default", "mypod").spec.containers[0],
    ).not.toHaveProperty("commnd");
    expect(await sim.exec("kubectl apply -f mypod.yaml --validate=ignore")).toBe("pod/mypod unchanged\n");
    expect((await run(sim, "kubectl apply -f mypod.yaml --validate=maybe")).stderr).toBe(
      'error: invalid - validate option "maybe"; must be one of: strict (or true), warn, ignore (or false)\n',
    );
  });

  it("a Deployment's template is checked too, with the group's version", async () => {
    const sim = createSimulation({ seed: 1 });
    const r = await run(
      sim,
      "kubectl apply -f - <<X\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        port: 80\nX",
    );
    expect(r.stderr).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].port"\n',
    );
  });
});

describe("docs: debug-running-pod — the ephemeral-demo pod (registry.k8s.io/pause:3.1)", () => {
  it("pause:3.1 is served and runs; it has no shell to exec", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl run ephemeral-demo --image=registry.k8s.io/pause:3.1 --restart=Never");
    await sim.advance(20_000);
    expect(await sim.exec("kubectl get pod ephemeral-demo")).toMatch(/\nephemeral-demo {3}1\/1 {5}Running /);
    expect(await sim.exec("crictl images")).toMatch(
      /^registry\.k8s\.io\/pause {3}3\.1 {17}[0-9a-f]{13} {7}317kB$/m,
    );
    const exec = await run(sim, "kubectl exec -it ephemeral-demo -- sh");
    expect(exec.stderr).toMatch(/exec: "sh": executable file not found in \$PATH: unknown\n$/);
    // pause before 3.5 runs as root
    expect(await sim.exec("crictl inspecti registry.k8s.io/pause:3.1")).toContain('"User": ""');
  });
});

describe("docs: images / list-all-running-container-images — kubectl jsonpath", () => {
  it("{range.items[*]…} without a space, and the ['initContainers', 'containers'] union", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl run web --image=nginx");
    await sim.advance(10_000);
    expect(await sim.exec("kubectl get nodes -o jsonpath='{range.items[*].metadata}{.name} {end}'")).toBe(
      "node-1 ",
    );
    expect(
      await sim.exec(
        `kubectl get pods --all-namespaces -o jsonpath="{.items[*].spec['initContainers', 'containers'][*].image}"`,
      ),
    ).toBe("nginx");
    expect(await sim.exec("kubectl get pod web -o jsonpath=\"{.spec.containers[0]['name', 'image']}\"")).toBe(
      "web nginx",
    );
    expect(
      await sim.exec("kubectl get pods -o jsonpath='{.items[*].status.containerStatuses[*].imageID}'"),
    ).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  });
});

describe("crictl imagefsinfo and stats -o json (protojson int64 as strings)", () => {
  it("imagefsinfo prints {status: {containerFilesystems, imageFilesystems}}; -o table the labelled lines", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("crictl pull busybox");
    const j = JSON.parse(await sim.exec("crictl imagefsinfo"));
    expect(Object.keys(j)).toEqual(["status"]);
    expect(j.status.containerFilesystems).toEqual([]);
    const fs = j.status.imageFilesystems[0];
    expect(Object.keys(fs)).toEqual(["fsId", "inodesUsed", "timestamp", "usedBytes"]);
    expect(fs.fsId.mountpoint).toBe("/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs");
    expect(fs.usedBytes.value).toMatch(/^\d+$/);
    expect(await sim.exec("crictl imagefsinfo -o table")).toMatch(
      /^Container Filesystem \nImage Filesystem \nTimeStamp\[0\]: \d{19}\nDisk\[0\]: [\d.]+MB\nInodes\[0\]: \d+\nMountpoint\[0\]: \/var\/lib\/containerd\/io\.containerd\.snapshotter\.v1\.overlayfs\n$/,
    );
  });

  it("stats -o json: timestamps and UInt64Values are strings", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl run web --image=nginx");
    await sim.advance(10_000);
    const s = JSON.parse(await sim.exec("crictl stats -o json")).stats[0];
    expect(s.cpu.timestamp).toMatch(/^\d{19}$/);
    expect(typeof s.cpu.usageCoreNanoSeconds.value).toBe("string");
    expect(typeof s.memory.workingSetBytes.value).toBe("string");
    expect(s.attributes.metadata.attempt).toBe(0);
  });
});
