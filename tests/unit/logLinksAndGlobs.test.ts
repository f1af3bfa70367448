// /var/log/containers (the kubelet's symlinks to the CRI log files) and bash's pathname expansion,
// as a learner reading logs on the node meets them: `ls -l /var/log/containers`, `tail /var/log/containers/*`.
import { describe, expect, it } from "vitest";
import { expandPathname, segmentRegExp } from "../../src/shell/files/glob";
import { NodeFs } from "../../src/sim/node/fs";
import { createSimulation } from "../../src/simulation";

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: hello
spec:
  restartPolicy: Never
  containers:
  - name: say
    image: busybox:1.36
    command: ["sh", "-c", "echo hello from the pod; sleep 3600"]
`;

describe("/var/log/containers", () => {
  it("holds one link per started container, named pod_namespace_container-id.log, pointing into /var/log/pods", async () => {
    const sim = createSimulation({ seed: 7 });
    expect(await sim.exec("ls /var/log/containers")).toBe("");
    expect(await sim.exec("ls /var/log")).toBe("containers  pods\n");
    await sim.apply(POD);
    await sim.advance(30_000);
    const id = (await sim.exec("crictl ps -q --name say")).trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const uid = (await sim.exec("kubectl get pod hello -o jsonpath='{.metadata.uid}'")).trim();
    const target = `/var/log/pods/default_hello_${uid}/say/0.log`;
    const link = `hello_default_say-${id}.log`;
    expect(await sim.exec("ls /var/log/containers")).toBe(`${link}\n`);
    expect(await sim.exec("ls -l /var/log/containers")).toMatch(
      new RegExp(
        `^total 0\\nlrwxrwxrwx 1 root root ${target.length} \\w{3} [ \\d]\\d \\d\\d:\\d\\d ${link} -> ${target}\\n$`,
      ),
    );
    // Reading the link reads the CRI log file: timestamp, stream, tag, line.
    expect(await sim.exec(`cat /var/log/containers/${link}`)).toMatch(/^\S+Z stdout F hello from the pod\n$/);
    expect(await sim.exec(`cat /var/log/containers/${link}`)).toBe(await sim.exec(`cat ${target}`));
  });

  it("the link goes away with the container (crictl-made containers never get one)", async () => {
    const sim = createSimulation({ seed: 7 });
    await sim.apply(POD);
    await sim.advance(30_000);
    expect((await sim.exec("ls /var/log/containers")).trim()).not.toBe("");
    await sim.exec("kubectl delete pod hello");
    await sim.advance(60_000);
    expect(await sim.exec("ls /var/log/containers")).toBe("");
    expect(await sim.exec("crictl ps -a -q")).toBe("");
  });
});

describe("pathname expansion", () => {
  const fs = new NodeFs();
  for (const p of [
    "/etc/cni/net.d/10-bridge.conflist",
    "/etc/cni/net.d/99-loopback.conf",
    "/etc/hosts",
    "/root/.bashrc",
    "/root/notes.txt",
  ])
    fs.write(p, "x");

  it("matches *, ? and [...] segment by segment, sorted, in the form typed", () => {
    expect(expandPathname("/etc/cni/net.d/*", fs, "/root")).toEqual([
      "/etc/cni/net.d/10-bridge.conflist",
      "/etc/cni/net.d/99-loopback.conf",
    ]);
    expect(expandPathname("/etc/cni/*/*.conf", fs, "/root")).toEqual(["/etc/cni/net.d/99-loopback.conf"]);
    expect(expandPathname("/etc/cni/net.d/[0-5]*", fs, "/root")).toEqual([
      "/etc/cni/net.d/10-bridge.conflist",
    ]);
    expect(expandPathname("/etc/cni/net.d/[!0-5]*", fs, "/root")).toEqual([
      "/etc/cni/net.d/99-loopback.conf",
    ]);
    expect(expandPathname("/etc/host?", fs, "/root")).toEqual(["/etc/hosts"]);
    expect(expandPathname("*.txt", fs, "/root")).toEqual(["notes.txt"]);
    expect(expandPathname("../etc/h*", fs, "/root")).toEqual(["../etc/hosts"]);
  });

  it("leaves dot files to patterns that start with a dot, and answers undefined when nothing matches", () => {
    expect(expandPathname("*", fs, "/root")).toEqual(["notes.txt"]);
    expect(expandPathname(".*", fs, "/root")).toEqual([".bashrc"]);
    expect(expandPathname("/nope/*", fs, "/root")).toBeUndefined();
    expect(expandPathname("/etc/\\*", fs, "/root")).toBeUndefined();
  });

  it("turns a segment into an anchored expression", () => {
    expect(segmentRegExp("a*b?").test("axxbc")).toBe(true);
    expect(segmentRegExp("a*b?").test("axxb")).toBe(false);
    expect(segmentRegExp("[abc]").test("b")).toBe(true);
    expect(segmentRegExp("x.y").test("xzy")).toBe(false);
  });

  it("in the shell: unquoted patterns expand, quoted or escaped ones stay, no match keeps the word", async () => {
    const sim = createSimulation({ seed: 3 });
    expect(await sim.exec("echo /etc/cni/net.d/*")).toBe("/etc/cni/net.d/10-containerd-net.conflist\n");
    expect(await sim.exec('echo "/etc/cni/net.d/*"')).toBe("/etc/cni/net.d/*\n");
    expect(await sim.exec("echo /etc/cni/net.d/\\*")).toBe("/etc/cni/net.d/*\n");
    expect(await sim.exec("echo /nope/*")).toBe("/nope/*\n");
    expect(await sim.exec("cat /nope/*")).toBe("cat: /nope/*: No such file or directory\n");
    expect(await sim.exec("ls -d /var/log/*")).toBe("/var/log/containers  /var/log/pods\n");
  });
});

describe("container GC and the logs on the node", () => {
  const CRASH = `apiVersion: v1
kind: Pod
metadata:
  name: crash
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo run; sleep 2; exit 1"]
`;

  it("removes a removed container's log file (status asked twice, then RemoveContainer), keeping the last dead one's", async () => {
    const sim = createSimulation({ seed: 11 });
    await sim.apply(CRASH);
    await sim.advance(240_000);
    const uid = (await sim.exec("kubectl get pod crash -o jsonpath='{.metadata.uid}'")).trim();
    const restarts = Number(
      await sim.exec("kubectl get pod crash -o jsonpath='{.status.containerStatuses[0].restartCount}'"),
    );
    expect(restarts).toBeGreaterThanOrEqual(4);
    // MaxPerPodContainer 1: the newest dead container (what `logs --previous` reads) and the current one
    const files = (await sim.exec(`ls /var/log/pods/default_crash_${uid}/app`)).trim().split(/\s+/);
    expect(files.length).toBeGreaterThanOrEqual(1);
    expect(files.length).toBeLessThanOrEqual(2);
    expect(files).toContain(`${restarts}.log`);
    expect(files).not.toContain("0.log");
    expect(await sim.exec("kubectl logs crash --previous")).toBe("run\n");
    // each removal: ContainerStatus (the log manager's Clean), ContainerStatus (the legacy link), RemoveContainer
    const calls = sim.trace
      .all()
      .filter((e) => e.kind === "cri.request")
      .map((e) => e.summary.replace(/\(.*$/, ""));
    const i = calls.indexOf("RemoveContainer");
    expect(i).toBeGreaterThan(1);
    expect(calls.slice(i - 2, i + 1)).toEqual(["ContainerStatus", "ContainerStatus", "RemoveContainer"]);
  });

  it("removes a deleted pod's /var/log/pods directory at the next GC pass", async () => {
    const sim = createSimulation({ seed: 12 });
    await sim.apply(POD);
    await sim.advance(30_000);
    const uid = (await sim.exec("kubectl get pod hello -o jsonpath='{.metadata.uid}'")).trim();
    expect(await sim.exec("ls /var/log/pods")).toBe(`default_hello_${uid}\n`);
    await sim.exec("kubectl delete pod hello --wait=false");
    await sim.advance(100_000);
    expect(await sim.exec("kubectl get pods")).toBe("No resources found in default namespace.\n");
    expect(await sim.exec("ls /var/log/pods")).toBe("");
    expect(await sim.exec("ls /var/log/containers")).toBe("");
  });
});
