// The Kubernetes docs' node-administration task pages, run in the node's shell as the pages tell:
// tasks/administer-cluster/safely-drain-node (kubectl drain / uncordon, the eviction API, the
// scheduler and a cordoned node) and tasks/administer-cluster/migrating-from-dockershim
// (find-out-runtime-you-use, check-if-dockershim-removal-affects-you, change-runtime-containerd:
// the kubelet's command line in /proc, the CRI sockets under /run, ps/pgrep, kubeadm-flags.env).
import type { Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/sim/apiserver/types";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";
import { events, getPod, pod } from "./helpers";

const KUBELET_ARGV = [
  "/usr/bin/kubelet",
  "--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf",
  "--kubeconfig=/etc/kubernetes/kubelet.conf",
  "--config=/var/lib/kubelet/config.yaml",
  "--container-runtime-endpoint=unix:///run/containerd/containerd.sock",
  "--pod-infra-container-image=registry.k8s.io/pause:3.10",
];

const RS_UID = "__RS_UID__";

/**
 * A pod whose controller is a ReplicaSet of one replica: the pod carries the ReplicaSet's selector
 * label and its controller reference (the uid is filled in by applyOwned once the ReplicaSet exists,
 * or the garbage collector would delete the pod of a missing owner).
 */
function owned(name: string, spec: string): string {
  return pod(name, spec).replace(
    `  name: ${name}\n`,
    `  name: ${name}\n  labels:\n    rs: ${name}-rs\n  ownerReferences:\n  - apiVersion: apps/v1\n    kind: ReplicaSet\n    name: ${name}-rs\n    uid: ${RS_UID}\n    controller: true\n    blockOwnerDeletion: true\n`,
  );
}

/** Apply a manifest; for an owned() pod, its ReplicaSet first (the pod is its one replica). */
async function applyOwned(sim: LiveSimulation, yaml: string): Promise<string> {
  if (!yaml.includes(RS_UID)) return sim.apply(yaml);
  const rsName = /name: (\S+-rs)\n/.exec(yaml)?.[1] ?? "";
  const rs: KubeObject = sim.node.api.create("ReplicaSet", {
    metadata: { name: rsName, namespace: "default" },
    spec: {
      replicas: 1,
      selector: { matchLabels: { rs: rsName } },
      template: {
        metadata: { labels: { rs: rsName } },
        spec: { containers: [{ name: "c", image: "busybox", command: ["sleep", "3600"] }] },
      },
    },
  });
  return sim.apply(yaml.replace(RS_UID, rs.metadata?.uid ?? ""));
}

async function withPods(...yamls: string[]): Promise<LiveSimulation> {
  const sim = createSimulation({ seed: 7 });
  for (const y of yamls) expect(await applyOwned(sim, y)).toMatch(/created\n$/);
  await sim.advance(20_000);
  return sim;
}

const SLEEPER = pod("sleeper", "containers:\n- name: c\n  image: busybox\n  command: ['sleep', '3600']");

describe("docs: tasks/administer-cluster/safely-drain-node", () => {
  it("kubectl drain refuses a pod that declares no controller, after cordoning the node", async () => {
    const sim = await withPods(SLEEPER);
    expect(await sim.exec("kubectl get nodes")).toMatch(
      /^NAME {5}STATUS {3}ROLES {4}AGE {3}VERSION\nnode-1 {3}Ready /,
    );
    const r = await sim.run("kubectl drain node-1");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("node/node-1 cordoned\n");
    expect(r.stderr).toBe(
      'error: unable to drain node "node-1" due to error: cannot delete Pods that declare no controller (use --force to override): default/sleeper, continuing command...\n' +
        "There are pending nodes to be drained:\n" +
        " node-1\n" +
        "cannot delete Pods that declare no controller (use --force to override): default/sleeper\n",
    );
    // nothing was evicted, and the node stays cordoned
    expect(getPod(sim, "sleeper").metadata?.deletionTimestamp).toBeUndefined();
    expect(await sim.exec("kubectl get nodes")).toMatch(/\nnode-1 {3}Ready,SchedulingDisabled {3}<none> /);
  });

  it("several refusals: one `[a, b]` line, then each on its own line", async () => {
    const cache = owned(
      "cache",
      "containers:\n- name: c\n  image: busybox\n  command: ['sleep', '3600']\n  volumeMounts:\n  - name: scratch\n    mountPath: /scratch\nvolumes:\n- name: scratch\n  emptyDir: {}",
    );
    const sim = await withPods(cache, SLEEPER);
    const r = await sim.run("kubectl drain node-1");
    expect(r.stderr).toBe(
      'error: unable to drain node "node-1" due to error: [cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache, cannot delete Pods that declare no controller (use --force to override): default/sleeper], continuing command...\n' +
        "There are pending nodes to be drained:\n" +
        " node-1\n" +
        "cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache\n" +
        "cannot delete Pods that declare no controller (use --force to override): default/sleeper\n",
    );
    // --force alone still stops at the emptyDir pod; with --dry-run=client nothing moves
    expect((await sim.run("kubectl drain node-1 --force")).stderr).toContain(
      "\ncannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache\n",
    );
    const dry = await sim.run("kubectl drain node-1 --force --delete-emptydir-data --dry-run=client");
    expect(dry.output).toBe(
      "node/node-1 already cordoned (dry run)\n" +
        "Warning: deleting Pods that declare no controller: default/sleeper\n" +
        "evicting pod default/cache (dry run)\n" +
        "evicting pod default/sleeper (dry run)\n" +
        "node/node-1 drained (dry run)\n",
    );
    expect(getPod(sim, "cache").metadata?.deletionTimestamp).toBeUndefined();
  });

  it("--force evicts through the eviction API: DisruptionTarget, a graceful delete, and drain waits for it", async () => {
    const sim = await withPods(SLEEPER);
    const t0 = sim.node.clock.now();
    // busybox sleep ignores SIGTERM: the kubelet kills it when the 30 s grace period ends
    const timedOut = await sim.run("kubectl drain node-1 --force --timeout=10s");
    expect(timedOut.code).toBe(1);
    expect(timedOut.output).toBe(
      "node/node-1 cordoned\n" +
        "Warning: deleting Pods that declare no controller: default/sleeper\n" +
        "evicting pod default/sleeper\n" +
        'There are pending pods in node "node-1" when an error occurred: error when waiting for pod "sleeper" in namespace "default" to terminate: global timeout reached: 10s\n' +
        "pod/sleeper\n" +
        'error: unable to drain node "node-1" due to error: error when waiting for pod "sleeper" in namespace "default" to terminate: global timeout reached: 10s, continuing command...\n' +
        "There are pending nodes to be drained:\n" +
        " node-1\n" +
        'error when waiting for pod "sleeper" in namespace "default" to terminate: global timeout reached: 10s\n',
    );
    expect(sim.node.clock.now() - t0).toBe(10_000);
    const p = getPod(sim, "sleeper");
    expect(p.metadata?.deletionGracePeriodSeconds).toBe(30);
    expect(p.status?.conditions?.find((c) => c.type === "DisruptionTarget")).toMatchObject({
      status: "True",
      reason: "EvictionByEvictionAPI",
      message: "Eviction API: evicting",
    });
    expect(await sim.exec("kubectl get pods")).toMatch(/\nsleeper {3}1\/1 {5}Terminating /);
    const done = await sim.run("kubectl drain node-1 --force");
    expect(done.output).toBe(
      "node/node-1 already cordoned\n" +
        "Warning: deleting Pods that declare no controller: default/sleeper\n" +
        "evicting pod default/sleeper\n" +
        "pod/sleeper evicted\n" +
        "node/node-1 drained\n",
    );
    const waited = sim.node.clock.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(30_000);
    expect(waited).toBeLessThan(35_000);
    expect(events(sim, "sleeper").map((e) => e.reason)).toContain("Killing");
    expect(await sim.exec("kubectl get pods")).toBe("No resources found in default namespace.\n");
  });

  it("--grace-period and --disable-eviction: a plain DELETE, `pod/NAME deleted`", async () => {
    const sim = await withPods(SLEEPER);
    const r = await sim.run("kubectl drain node-1 --force --disable-eviction --grace-period=5");
    expect(r.output).toBe(
      "node/node-1 cordoned\n" +
        "Warning: deleting Pods that declare no controller: default/sleeper\n" +
        "pod/sleeper deleted\n" +
        "node/node-1 drained\n",
    );
  });

  it("mirror pods are skipped without a word; DaemonSet pods stop the drain unless --ignore-daemonsets", async () => {
    const sim = createSimulation({ seed: 7 });
    await sim.exec(
      `cat <<'EOF' > /etc/kubernetes/manifests/static-web.yaml\n${pod("static-web", "containers:\n- name: web\n  image: nginx")}EOF`,
    );
    await sim.apply(
      "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\n  namespace: kube-system\nspec:\n  selector:\n    matchLabels:\n      app: agent\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n      containers:\n      - name: c\n        image: nginx\n",
    );
    await sim.advance(30_000);
    expect(await sim.exec("kubectl get pods -A")).toContain("static-web-node-1");
    const agent = (await sim.exec("kubectl get pods -n kube-system -o name")).trim().replace("pod/", "");
    expect(agent).toMatch(/^agent-[a-z0-9]{5}$/);
    const refused = await sim.run("kubectl drain node-1");
    expect(refused.stderr).toContain(
      `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/${agent}\n`,
    );
    const ignored = await sim.run("kubectl drain node-1 --ignore-daemonsets");
    expect(ignored.output).toBe(
      `node/node-1 already cordoned\nWarning: ignoring DaemonSet-managed Pods: kube-system/${agent}\nnode/node-1 drained\n`,
    );
    // the mirror pod and the DaemonSet's pod stay
    expect(await sim.exec("kubectl get pods -A")).toMatch(
      new RegExp(
        `^NAMESPACE +NAME +READY.*\\ndefault +static-web-node-1 +1/1 +Running .*\\nkube-system +${agent} +1/1 +Running `,
      ),
    );
  });

  it("a cordoned node takes no new pods: FailedScheduling, the unschedulable taint, NodeNotSchedulable; uncordon lets it in", async () => {
    const sim = createSimulation({ seed: 7 });
    expect(await sim.exec("kubectl cordon node-1")).toBe("node/node-1 cordoned\n");
    expect(await sim.exec("kubectl cordon node-1")).toBe("node/node-1 already cordoned\n");
    await sim.apply(pod("web", "containers:\n- name: web\n  image: nginx"));
    await sim.advance(10_000);
    expect(await sim.exec("kubectl get pod web")).toMatch(/\nweb {4}0\/1 {5}Pending /);
    expect(events(sim, "web").find((e) => e.reason === "FailedScheduling")?.message).toBe(
      "0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
    );
    const node = await sim.exec("kubectl describe node node-1");
    expect(node).toContain(
      "\nTaints:             node.kubernetes.io/unschedulable:NoSchedule\nUnschedulable:      true\n",
    );
    expect(node).toMatch(
      / {2}Normal {2}NodeNotSchedulable {7}\d+s {4}kubelet {2}Node node-1 status is now: NodeNotSchedulable\n/,
    );
    expect(await sim.exec("kubectl uncordon node-1")).toBe("node/node-1 uncordoned\n");
    expect(await sim.exec("kubectl uncordon node-1")).toBe("node/node-1 already uncordoned\n");
    await sim.advance(20_000);
    expect(getPod(sim, "web").status?.phase).toBe("Running");
    expect(await sim.exec("kubectl describe node node-1")).toContain(
      "\nTaints:             <none>\nUnschedulable:      false\n",
    );
    expect(await sim.exec("kubectl describe node node-1")).toContain(
      "Node node-1 status is now: NodeSchedulable\n",
    );
  });

  it("a pod tolerating node.kubernetes.io/unschedulable is scheduled onto the cordoned node", async () => {
    const sim = createSimulation({ seed: 7 });
    await sim.exec("kubectl cordon node-1");
    await sim.apply(
      pod(
        "tolerant",
        "tolerations:\n- key: node.kubernetes.io/unschedulable\n  operator: Exists\n  effect: NoSchedule\ncontainers:\n- name: web\n  image: nginx",
      ),
    );
    await sim.advance(20_000);
    expect(getPod(sim, "tolerant").spec?.nodeName).toBe("node-1");
  });

  it("kubectl's own refusals: no node, an unknown node, a bad --timeout, a deprecated flag", async () => {
    const sim = createSimulation({ seed: 7 });
    expect((await sim.run("kubectl drain")).stderr).toBe(
      "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n",
    );
    expect((await sim.run("kubectl drain node-9")).stderr).toBe(
      'Error from server (NotFound): nodes "node-9" not found\n',
    );
    expect((await sim.run("kubectl drain node-1 --timeout=60")).stderr).toBe(
      'error: invalid argument "60" for "--timeout" flag: time: missing unit in duration "60"\nSee \'kubectl drain --help\' for usage.\n',
    );
    expect((await sim.run("kubectl drain node-1 -l kubernetes.io/os=linux")).stderr).toBe(
      "error: cannot specify both a node name and a --selector option\nSee 'kubectl drain -h' for help and examples\n",
    );
    const deprecated = await sim.run("kubectl drain node-1 --delete-local-data");
    expect(deprecated.output).toBe(
      "Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use --delete-emptydir-data.\n" +
        "node/node-1 cordoned\nnode/node-1 drained\n",
    );
    expect(await sim.exec("kubectl uncordon -l kubernetes.io/hostname=node-1")).toBe(
      "node/node-1 uncordoned\n",
    );
  });
});

describe("docs: migrating-from-dockershim/find-out-runtime-you-use", () => {
  it("kubectl get nodes -o wide names the runtime in CONTAINER-RUNTIME", async () => {
    const sim = createSimulation({ seed: 7 });
    const wide = await sim.exec("kubectl get nodes -o wide");
    expect(wide.split("\n")[0]).toMatch(/ CONTAINER-RUNTIME$/);
    expect(wide.split("\n")[1]).toMatch(/ containerd:\/\/2\.1\.4$/);
  });

  it("tr \\\\0 ' ' < /proc/\"$(pgrep kubelet)\"/cmdline prints the kubelet's flags, the endpoint among them", async () => {
    const sim = createSimulation({ seed: 7 });
    const pid = (await sim.exec("pgrep kubelet")).trim();
    expect(pid).toMatch(/^\d+$/);
    expect(await sim.exec("pidof kubelet")).toBe(`${pid}\n`);
    // argv NUL-separated, each word NUL-terminated: a trailing space and no newline
    expect(await sim.exec(`tr \\\\0 ' ' < /proc/"$(pgrep kubelet)"/cmdline`)).toBe(
      `${KUBELET_ARGV.join(" ")} `,
    );
    expect(sim.node.fs.read(`/proc/${pid}/cmdline`)).toBe(KUBELET_ARGV.map((a) => `${a}\0`).join(""));
    expect(await sim.exec(`cat /proc/${pid}/comm`)).toBe("kubelet\n");
    const status = await sim.exec(`cat /proc/${pid}/status`);
    expect(status).toMatch(
      new RegExp(
        `^Name:\\tkubelet\\nUmask:\\t0022\\nState:\\tS \\(sleeping\\)\\nTgid:\\t${pid}\\nNgid:\\t0\\nPid:\\t${pid}\\nPPid:\\t1\\n`,
      ),
    );
    expect(status).toContain("\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
    expect(await sim.exec("pgrep dockerd")).toBe("");
    expect((await sim.run("pgrep dockerd")).code).toBe(1);
  });

  it("the containerd socket: srw-rw---- root root under /run, reached through the /var/run symlink too", async () => {
    const sim = createSimulation({ seed: 7 });
    expect(await sim.exec("ls -l /var/run/containerd/containerd.sock")).toBe(
      "srw-rw---- 1 root root 0 Jan 15 09:00 /var/run/containerd/containerd.sock\n",
    );
    expect(await sim.exec("ls -l /run/containerd/containerd.sock")).toBe(
      "srw-rw---- 1 root root 0 Jan 15 09:00 /run/containerd/containerd.sock\n",
    );
    expect(await sim.exec("ls -l /var/run")).toBe("lrwxrwxrwx 1 root root 4 Jan 15 09:00 /var/run -> /run\n");
    // (a real node has containerd's state directories here as well; they sort after the sockets)
    expect(await sim.exec("ls /run/containerd")).toMatch(/^containerd\.sock {2}containerd\.sock\.ttrpc\b/);
    expect((await sim.run("cat /run/containerd/containerd.sock")).stderr).toBe(
      "cat: /run/containerd/containerd.sock: No such device or address\n",
    );
    expect((await sim.run("ls -l /var/run/dockershim.sock /var/run/crio/crio.sock")).stderr).toBe(
      "ls: cannot access '/var/run/dockershim.sock': No such file or directory\n" +
        "ls: cannot access '/var/run/crio/crio.sock': No such file or directory\n",
    );
    // a clean stop removes the socket; the next start makes a new one
    await sim.exec("systemctl stop containerd");
    expect((await sim.run("ls -l /run/containerd/containerd.sock")).stderr).toBe(
      "ls: cannot access '/run/containerd/containerd.sock': No such file or directory\n",
    );
    await sim.advance(60_000);
    await sim.exec("systemctl start containerd");
    expect(await sim.exec("ls -l /run/containerd/containerd.sock")).toBe(
      "srw-rw---- 1 root root 0 Jan 15 09:02 /run/containerd/containerd.sock\n",
    );
  });

  it("ps aux | grep kubelet shows the kubelet and the grep itself; each pod has a containerd-shim-runc-v2", async () => {
    const sim = await withPods(pod("web", "containers:\n- name: web\n  image: nginx"));
    const kubelet = (await sim.exec("pgrep kubelet")).trim();
    const lines = (await sim.exec("ps aux | grep kubelet")).trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(`^root +${kubelet} .* Ssl +09:00 +0:00 ${KUBELET_ARGV.join(" ").replace(/[.]/g, "\\.")}$`),
    );
    expect(lines[1]).toMatch(/^root +(\d+) +0\.0 +0\.1 +\d+ +\d+ pts\/0 +S\+ +09:01 +0:00 grep kubelet$/);
    const ef = (await sim.exec("ps -ef | grep containerd-shim")).trimEnd().split("\n");
    expect(ef[0]).toMatch(
      /^root +(\d+) +1 +0 09:01 \? +00:00:00 \/usr\/bin\/containerd-shim-runc-v2 -namespace k8s\.io -id [0-9a-f]{64} -address \/run\/containerd\/containerd\.sock$/,
    );
    expect(ef[1]).toMatch(/^root +\d+ +4321 +0 09:01 pts\/0 +00:00:00 grep containerd-shim$/);
    // pgrep matches the 15-character comm: containerd and its shim
    const shim = /^root +(\d+)/.exec(ef[0])![1];
    expect(await sim.exec("pgrep -l containerd")).toMatch(
      new RegExp(`^\\d+ containerd\\n${shim} containerd-shim\\n$`),
    );
    expect(await sim.exec(`cat /proc/${shim}/status | grep -E '^(Name|PPid|Threads)'`)).toBe(
      "Name:\tcontainerd-shim\nPPid:\t1\nThreads:\t11\n",
    );
    // the pause process lives in the pod's own PID namespace, as 65535 with no capabilities
    const pause = (await sim.exec("pgrep -x pause")).trim();
    expect(await sim.exec(`grep -E '^(PPid|Uid|NSpid|CapEff)' /proc/${pause}/status`)).toBe(
      `PPid:\t${shim}\nUid:\t65535\t65535\t65535\t65535\nNSpid:\t${pause}\t1\nCapEff:\t0000000000000000\n`,
    );
  });

  it("the kubelet keeps the flags it started with until it is restarted", async () => {
    const sim = createSimulation({ seed: 7 });
    await sim.exec("sed -i 's|pause:3.10|pause:3.10 --v=2|' /var/lib/kubelet/kubeadm-flags.env");
    expect(await sim.exec("ps -ef | grep -c 'v=2'")).toBe("1\n"); // only the grep
    await sim.exec("sudo systemctl restart kubelet");
    expect(await sim.exec(`tr \\\\0 ' ' < /proc/"$(pgrep kubelet)"/cmdline`)).toBe(
      `${KUBELET_ARGV.join(" ")} --v=2 `,
    );
  });
});

describe("docs: migrating-from-dockershim on a Docker node (check-if-dockershim-removal-affects-you)", () => {
  it("a 1.23 kubelet with no endpoint flag uses dockershim: its socket is the kubelet's own", async () => {
    const sim = createSimulation({ seed: 7, flavour: "docker" });
    await sim.advance(1_000);
    expect((await sim.exec("kubectl get nodes -o wide")).split("\n")[1]).toMatch(/ docker:\/\/20\.10\.24$/);
    const cmdline = await sim.exec(`tr \\\\0 ' ' < /proc/"$(pgrep kubelet)"/cmdline`);
    expect(cmdline).not.toContain("--container-runtime");
    expect(cmdline).toMatch(
      / --network-plugin=cni --pod-infra-container-image=registry\.k8s\.io\/pause:3\.6 $/,
    );
    const ls = await sim.exec("ls -l /var/run/dockershim.sock /var/run/docker.sock");
    expect(ls).toMatch(/^srwxr-xr-x 1 root root 0 Jan 15 09:0\d \/var\/run\/dockershim\.sock\n/);
    expect(ls).toMatch(/\nsrw-rw---- 1 root docker 0 Jan 15 09:0\d \/var\/run\/docker\.sock\n$/);
    expect(await sim.exec("pgrep -a dockerd")).toMatch(/^\d+ \/usr\/bin\/dockerd /);
  });
});

describe("docs: migrating-from-dockershim/change-runtime-containerd", () => {
  it("drain, stop the kubelet and Docker, enable containerd's CRI, point the kubelet at it, uncordon", async () => {
    const sim = createSimulation({ seed: 7, flavour: "docker" });
    await applyOwned(sim, owned("web", "containers:\n- name: web\n  image: nginx"));
    await sim.advance(30_000);
    expect(await sim.exec("kubectl drain node-1 --ignore-daemonsets")).toBe(
      "node/node-1 cordoned\nevicting pod default/web\npod/web evicted\nnode/node-1 drained\n",
    );
    await sim.exec("systemctl stop kubelet");
    expect((await sim.run("systemctl disable docker.service --now")).stderr).toBe(
      'Removed "/etc/systemd/system/multi-user.target.wants/docker.service".\n',
    );
    expect((await sim.run("ls /var/run/dockershim.sock /var/run/docker.sock")).stderr).toBe(
      "ls: cannot access '/var/run/dockershim.sock': No such file or directory\n" +
        "ls: cannot access '/var/run/docker.sock': No such file or directory\n",
    );
    // Docker's containerd.io ships with the CRI plugin disabled
    await sim.exec("sudo sed -i 's/^disabled_plugins/#disabled_plugins/' /etc/containerd/config.toml");
    expect((await sim.run("sudo systemctl restart containerd")).code).toBe(0);
    await sim.exec(
      "sed -i 's|--network-plugin=cni|--container-runtime=remote --container-runtime-endpoint=unix:///run/containerd/containerd.sock|' /var/lib/kubelet/kubeadm-flags.env",
    );
    expect((await sim.run("systemctl start kubelet")).code).toBe(0);
    await sim.advance(20_000);
    const wide = (await sim.exec("kubectl get nodes -o wide")).split("\n")[1];
    expect(wide).toMatch(/^node-1 {3}Ready,SchedulingDisabled {3}<none> .* containerd:\/\/1\.7\.27$/);
    expect(await sim.exec(`tr \\\\0 ' ' < /proc/"$(pgrep kubelet)"/cmdline`)).toContain(
      " --container-runtime=remote --container-runtime-endpoint=unix:///run/containerd/containerd.sock ",
    );
    expect(await sim.exec("kubectl uncordon node-1")).toBe("node/node-1 uncordoned\n");
    await sim.apply(pod("after", "containers:\n- name: web\n  image: nginx"));
    await sim.advance(30_000);
    expect(getPod(sim, "after").status?.phase).toBe("Running");
    const p = sim.node.api.get<Pod>("Pod", "default", "after");
    expect(p.status?.containerStatuses?.[0].containerID).toMatch(/^containerd:\/\//);
  });
});
