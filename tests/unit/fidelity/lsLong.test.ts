// `ls -l` inside containers, as busybox (busybox, alpine-based images) and GNU coreutils (debian-based
// images) print it: owners and groups from the image's /etc/passwd and /etc/group, modes, sizes and
// times of the image's files, of what a process writes (its uid, the umask 022, a setgid directory's
// group), and of the volumes the kubelet lays out (emptyDir 0777 with the fsGroup's setgid group; the
// atomic writer's `..<timestamp>` directory, `..data` and per-key links on tmpfs for the downward API).
// Sources: the docs pages tasks/configure-pod-container/security-context and
// tasks/inject-data-application/downward-api-volume-expose-pod-information; busybox coreutils/ls.c
// (display_single), coreutils ls.c (format_user_or_group), pkg/volume/util/atomic_writer.go,
// pkg/volume/volume_linux.go (SetVolumeOwnership).
import type { ConfigMap } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import type { FileStat } from "../../../src/sim/runtime/programs/containerFs";
import { applyMode, lsDate, modeString } from "../../../src/sim/runtime/programs/fileCommands";
import { createSimulation } from "../../../src/simulation";

/** The docs' security-context.yaml, with the image swapped in. */
const demo = (image: string, fsGroup = "\n    fsGroup: 2000") => `apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo
spec:
  securityContext:
    runAsUser: 1000
    runAsGroup: 3000${fsGroup}
  volumes:
  - name: sec-ctx-vol
    emptyDir: {}
  containers:
  - name: sec-ctx-demo
    image: ${image}
    command: [ "sh", "-c", "sleep 1h" ]
    volumeMounts:
    - name: sec-ctx-vol
      mountPath: /data/demo
    securityContext:
      allowPrivilegeEscalation: false
`;

// The node boots for a minute of virtual time: with this epoch the pod's files are made at 20:08,
// the time the page's output shows.
const JUNE_6 = Date.parse("2026-06-06T20:07:00Z");

describe("docs: security-context (fsGroup): the emptyDir and the file written in it", () => {
  it("GNU ls (a debian image) prints the page's two lines letter for letter", async () => {
    const sim = createSimulation({ seed: 33, epochMs: JUNE_6 });
    await sim.apply(demo("debian:bookworm"));
    await sim.advance(15_000);
    const x = (cmd: string) => sim.exec(`kubectl exec security-context-demo -- sh -c '${cmd}'`);
    expect(await x("cd /data && ls -l")).toBe("total 4\ndrwxrwsrwx 2 root 2000 4096 Jun  6 20:08 demo\n");
    expect(await x("cd /data/demo && echo hello > testfile && ls -l")).toBe(
      "total 4\n-rw-r--r-- 1 1000 2000 6 Jun  6 20:08 testfile\n",
    );
  });

  it("busybox (the page's image) prints the same fields in its fixed columns", async () => {
    const sim = createSimulation({ seed: 33, epochMs: JUNE_6 });
    await sim.apply(demo("busybox:1.28"));
    await sim.advance(15_000);
    const x = (cmd: string) => sim.exec(`kubectl exec security-context-demo -- sh -c '${cmd}'`);
    expect(await x("cd /data && ls -l")).toBe(
      "total 4\ndrwxrwsrwx    2 root     2000          4096 Jun  6 20:08 demo\n",
    );
    expect(await x("cd /data/demo && echo hello > testfile && ls -l")).toBe(
      "total 4\n-rw-r--r--    1 1000     2000             6 Jun  6 20:08 testfile\n",
    );
    // -a: the volume itself and /data, the directory runc made for the mount point
    expect(await x("ls -la /data/demo")).toBe(
      "total 12\n" +
        "drwxrwsrwx    2 root     2000          4096 Jun  6 20:08 .\n" +
        "drwxr-xr-x    3 root     root          4096 Jun  6 20:08 ..\n" +
        "-rw-r--r--    1 1000     2000             6 Jun  6 20:08 testfile\n",
    );
    // a directory made in a setgid directory keeps the group and the setgid bit
    expect(await x("mkdir /data/demo/sub && ls -ld /data/demo/sub")).toBe(
      "drwxr-sr-x    2 1000     2000          4096 Jun  6 20:08 /data/demo/sub\n",
    );
  });

  it("without fsGroup the emptyDir is 0777 root:root and new files get the runAsGroup", async () => {
    const sim = createSimulation({ seed: 33, epochMs: JUNE_6 });
    await sim.apply(demo("busybox:1.28", ""));
    await sim.advance(15_000);
    expect(
      await sim.exec(
        "kubectl exec security-context-demo -- sh -c 'echo hello > /data/demo/testfile && ls -l /data /data/demo'",
      ),
    ).toBe(
      "/data:\ntotal 4\ndrwxrwxrwx    2 root     root          4096 Jun  6 20:08 demo\n\n" +
        "/data/demo:\ntotal 4\n-rw-r--r--    1 1000     3000             6 Jun  6 20:08 testfile\n",
    );
  });
});

describe("docs: downward-api-volume-expose-pod-information: ls -laR /etc/podinfo", () => {
  const DAPI = `apiVersion: v1
kind: Pod
metadata:
  name: kubernetes-downwardapi-volume-example
  labels:
    zone: us-est-coast
    cluster: test-cluster1
    rack: rack-22
  annotations:
    build: two
    builder: john-doe
spec:
  containers:
    - name: client-container
      image: registry.k8s.io/busybox
      command: ["sh", "-c"]
      args:
      - while true; do
          if [[ -e /etc/podinfo/labels ]]; then
            echo -en '\\n\\n'; cat /etc/podinfo/labels; fi;
          if [[ -e /etc/podinfo/annotations ]]; then
            echo -en '\\n\\n'; cat /etc/podinfo/annotations; fi;
          sleep 5;
        done;
      volumeMounts:
        - name: podinfo
          mountPath: /etc/podinfo
  volumes:
    - name: podinfo
      downwardAPI:
        items:
          - path: "labels"
            fieldRef:
              fieldPath: metadata.labels
          - path: "annotations"
            fieldRef:
              fieldPath: metadata.annotations
`;

  it("..data links to the timestamped directory, labels and annotations link into ..data", async () => {
    const sim = createSimulation({ seed: 5 });
    await sim.apply(DAPI);
    await sim.advance(20_000);
    const x = (cmd: string) => sim.exec(`kubectl exec kubernetes-downwardapi-volume-example -- ${cmd}`);
    const out = await x("ls -laR /etc/podinfo");
    const ts = /\.\.data -> (\.\.\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d\.\d+)\n/.exec(out)?.[1] ?? "";
    // the page's lines, with its elisions
    const lines = out.split("\n");
    expect(lines.find((l) => l.endsWith(` ${ts}`))).toMatch(/^drwxr-xr-x .* \.\.\d{4}(_\d\d){5}\.\d+$/);
    expect(lines).toContainEqual(
      expect.stringMatching(/^lrwxrwxrwx .* \.\.data -> \.\.\d{4}(_\d\d){5}\.\d+$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^lrwxrwxrwx .* annotations -> \.\.data\/annotations$/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^lrwxrwxrwx .* labels -> \.\.data\/labels$/));
    // the timestamp is the UTC time the kubelet wrote the volume
    expect(ts).toMatch(/^\.\.2026_01_15_09_01_\d\d\.\d+$/);
    const labels = (await x("cat /etc/podinfo/labels")).length;
    const annotations = (await x("cat /etc/podinfo/annotations")).length;
    expect(labels).toBe('cluster="test-cluster1"\nrack="rack-22"\nzone="us-est-coast"'.length);
    const n = (v: number) => String(v).padStart(9);
    // the whole listing: a tmpfs (sizes 40 + 20 per entry, mode 1777), files at the default 0644
    expect(out).toBe(
      "/etc/podinfo:\n" +
        "total 4\n" +
        "drwxrwxrwt    3 root     root           120 Jan 15 09:01 .\n" +
        "drwxr-xr-x    1 root     root          4096 Dec  2  2024 ..\n" +
        `drwxr-xr-x    2 root     root            80 Jan 15 09:01 ${ts}\n` +
        `lrwxrwxrwx    1 root     root     ${n(ts.length)} Jan 15 09:01 ..data -> ${ts}\n` +
        "lrwxrwxrwx    1 root     root            18 Jan 15 09:01 annotations -> ..data/annotations\n" +
        "lrwxrwxrwx    1 root     root            13 Jan 15 09:01 labels -> ..data/labels\n" +
        "\n" +
        `/etc/podinfo/${ts}:\n` +
        "total 8\n" +
        "drwxr-xr-x    2 root     root            80 Jan 15 09:01 .\n" +
        "drwxrwxrwt    3 root     root           120 Jan 15 09:01 ..\n" +
        `-rw-r--r--    1 root     root     ${n(annotations)} Jan 15 09:01 annotations\n` +
        `-rw-r--r--    1 root     root     ${n(labels)} Jan 15 09:01 labels\n`,
    );
    // plain ls hides the dot entries; cat reads through both links
    expect(await x("ls /etc/podinfo")).toBe("annotations\nlabels\n");
    expect(await x(`cat /etc/podinfo/..data/labels`)).toBe(await x(`cat /etc/podinfo/${ts}/labels`));
  });
});

describe("ConfigMap volumes: defaultMode, item modes, fsGroup and updates (GNU ls)", () => {
  const POD = `apiVersion: v1
kind: Pod
metadata:
  name: cm
spec:
  securityContext:
    runAsUser: 1000
    fsGroup: 2000
  containers:
  - name: c
    image: debian:bookworm
    command: ["sleep", "3600"]
    volumeMounts:
    - name: modes
      mountPath: /etc/modes
    - name: plain
      mountPath: /etc/plain
  volumes:
  - name: modes
    configMap:
      name: cfg
      defaultMode: 0400
      items:
      - key: a
        path: a
      - key: b
        path: sub/b
        mode: 0755
  - name: plain
    configMap:
      name: cfg
`;

  it("modes come from the spec, the fsGroup owns everything (links too) and adds group read", async () => {
    const sim = createSimulation({ seed: 9 });
    await sim.exec("kubectl create configmap cfg --from-literal=a=1 --from-literal=b=22");
    await sim.apply(POD);
    await sim.advance(20_000);
    const x = (cmd: string) => sim.exec(`kubectl exec cm -- ${cmd}`);
    const out = await x("ls -la /etc/modes");
    const ts = /\.\.data -> (\S+)\n/.exec(out)?.[1] ?? "";
    // a disk emptyDir underneath (0777, 4096-byte directories), setgid group 2000 from SetVolumeOwnership
    expect(out).toBe(
      "total 12\n" +
        "drwxrwsrwx 3 root 2000 4096 Jan 15 09:01 .\n" +
        "drwxr-xr-x 1 root root 4096 Dec  2  2024 ..\n" +
        `drwxr-sr-x 3 root 2000 4096 Jan 15 09:01 ${ts}\n` +
        `lrwxrwxrwx 1 root 2000   ${ts.length} Jan 15 09:01 ..data -> ${ts}\n` +
        "lrwxrwxrwx 1 root 2000    8 Jan 15 09:01 a -> ..data/a\n" +
        "lrwxrwxrwx 1 root 2000   10 Jan 15 09:01 sub -> ..data/sub\n",
    );
    // defaultMode 0400 | the read-only volume's 0440 mask; the item's own 0755
    expect(await x(`ls -l /etc/modes/${ts}/a /etc/modes/..data/sub/b`)).toBe(
      "-r--r----- 1 root 2000 1 Jan 15 09:01 /etc/modes/" +
        `${ts}/a\n` +
        "-rwxr-xr-x 1 root 2000 2 Jan 15 09:01 /etc/modes/..data/sub/b\n",
    );
    expect(await x("stat -c '%a %U %G %F' /etc/plain/a /etc/plain/..data/a /etc/plain")).toBe(
      "777 root UNKNOWN symbolic link\n644 root UNKNOWN regular file\n2777 root UNKNOWN directory\n",
    );
  });

  it("an edited ConfigMap gets a new timestamped directory; a removed key's link goes", async () => {
    const sim = createSimulation({ seed: 9 });
    await sim.exec("kubectl create configmap cfg --from-literal=a=1 --from-literal=b=22");
    // only the volume without items (the other would fail on the removed key)
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: cm
spec:
  securityContext:
    fsGroup: 2000
  containers:
  - name: c
    image: debian:bookworm
    command: ["sleep", "3600"]
    volumeMounts:
    - name: plain
      mountPath: /etc/plain
  volumes:
  - name: plain
    configMap:
      name: cfg
`);
    await sim.advance(20_000);
    const x = (cmd: string) => sim.exec(`kubectl exec cm -- ${cmd}`);
    const before = /\.\.data -> (\S+)\n/.exec(await x("ls -l /etc/plain/..data"))?.[1];
    const cm = sim.node.api.tryGet<ConfigMap>("ConfigMap", "default", "cfg");
    sim.node.api.update("ConfigMap", { ...cm, data: { b: "333", c: "4" } });
    await sim.advance(90_000);
    const out = await x("ls -l /etc/plain");
    const after = /\.\.data -> (\S+)/.exec(await x("ls -l /etc/plain/..data"))?.[1];
    expect(after).toMatch(/^\.\.2026_01_15_09_0[23]_\d\d\.\d+$/);
    expect(after).not.toBe(before);
    expect(out).toBe(
      "total 0\n" +
        "lrwxrwxrwx 1 root 2000 8 Jan 15 09:01 b -> ..data/b\n" +
        "lrwxrwxrwx 1 root 2000 8 Jan 15 09:02 c -> ..data/c\n",
    );
    expect(await x("cat /etc/plain/b /etc/plain/c")).toBe("3334");
    expect(await x(`ls /etc/plain/${before}`)).toMatch(/No such file or directory/);
  });
});

describe("busybox and GNU long listings of the image's files", () => {
  it("names from /etc/passwd and /etc/group, image modes (1777 /tmp, 0700 /root), years for old files", async () => {
    const sim = createSimulation({ seed: 2 });
    await sim.exec("kubectl run bb --image=busybox:1.36 -- sleep 3600");
    await sim.exec("kubectl run deb --image=debian:bookworm -- sleep 3600");
    await sim.advance(20_000);
    expect(await sim.exec("kubectl exec bb -- ls -ld /tmp /root")).toBe(
      "drwx------    2 root     root          4096 Dec  2  2024 /root\n" +
        "drwxrwxrwt    2 root     root          4096 Dec  2  2024 /tmp\n",
    );
    expect(await sim.exec("kubectl exec deb -- ls -ld /tmp /root")).toBe(
      "drwx------ 2 root root 4096 Dec  2  2024 /root\ndrwxrwxrwt 2 root root 4096 Dec  2  2024 /tmp\n",
    );
    // hostname is the sandbox's file, written when the pod started; passwd is the image's
    expect(await sim.exec("kubectl exec bb -- ls -l /etc/hostname /etc/passwd")).toBe(
      "-rw-r--r--    1 root     root             3 Jan 15 09:01 /etc/hostname\n" +
        `-rw-r--r--    1 root     root     ${String((await sim.exec("kubectl exec bb -- cat /etc/passwd")).length).padStart(9)} Dec  2  2024 /etc/passwd\n`,
    );
    // GNU fits each column to its widest entry: the sizes right-aligned
    const gnu = await sim.exec("kubectl exec deb -- ls -l /etc");
    expect(gnu).toMatch(/^total 24\n-rw-r--r-- 1 root root +\d+ Dec {2}2 {2}2024 group\n/);
    expect(gnu).toContain("-rw-r--r-- 1 root root   4 Jan 15 09:01 hostname\n");
    // -n: numbers; busybox pads them in 8-wide columns, GNU right-aligns them
    expect(await sim.exec("kubectl exec bb -- ls -n /etc/hostname")).toBe(
      "-rw-r--r--    1 0        0                3 Jan 15 09:01 /etc/hostname\n",
    );
    expect(await sim.exec("kubectl exec deb -- ls -n /etc/hostname")).toBe(
      "-rw-r--r-- 1 0 0 4 Jan 15 09:01 /etc/hostname\n",
    );
    expect(await sim.exec("kubectl exec deb -- ls -l /nope")).toBe(
      "ls: cannot access '/nope': No such file or directory\ncommand terminated with exit code 2\n",
    );
  });
});

describe("files a non-root process writes", () => {
  const NODE_USER = `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  securityContext:
    runAsUser: 1000
  containers:
  - name: app
    image: node:22
    command: ["sleep", "3600"]
`;

  it("are the process's (node:node from the image's passwd), 0644 and 0755 after the umask", async () => {
    const sim = createSimulation({ seed: 3 });
    await sim.apply(NODE_USER);
    await sim.advance(20_000);
    const x = (cmd: string) => sim.exec(`kubectl exec app -- sh -c '${cmd}'`);
    expect(await x("echo hi > /tmp/f && mkdir /tmp/d && ls -l /tmp && ls -ln /tmp")).toBe(
      "total 8\n" +
        "drwxr-xr-x 2 node node 4096 Jan 15 09:01 d\n" +
        "-rw-r--r-- 1 node node    3 Jan 15 09:01 f\n" +
        "total 8\n" +
        "drwxr-xr-x 2 1000 1000 4096 Jan 15 09:01 d\n" +
        "-rw-r--r-- 1 1000 1000    3 Jan 15 09:01 f\n",
    );
    // the modes are enforced: a read-only file refuses its owner, the image's files refuse chmod
    expect(await x("chmod 444 /tmp/f && echo again > /tmp/f")).toBe(
      "sh: 1: cannot create /tmp/f: Permission denied\ncommand terminated with exit code 2\n",
    );
    expect(await x('stat -c "%a %A %U:%G %s %F" /tmp/f /tmp/d')).toBe(
      "444 -r--r--r-- node:node 3 regular file\n755 drwxr-xr-x node:node 4096 directory\n",
    );
    expect(await x("chmod 600 /etc/passwd")).toBe(
      "chmod: changing permissions of '/etc/passwd': Operation not permitted\ncommand terminated with exit code 1\n",
    );
    expect(await x("chown root /tmp/f")).toBe(
      "chown: changing ownership of '/tmp/f': Operation not permitted\ncommand terminated with exit code 1\n",
    );
    // the Dockerfile's chown: /home/node is the user's
    expect(await x("ls -ld /home/node")).toBe("drwxr-xr-x 2 node node 4096 Dec  2  2024 /home/node\n");
  });

  it("root may chown and chmod with names or numbers", async () => {
    const sim = createSimulation({ seed: 3 });
    await sim.exec("kubectl run bb --image=busybox:1.36 -- sleep 3600");
    await sim.advance(20_000);
    expect(
      await sim.exec(
        "kubectl exec bb -- sh -c 'touch /tmp/f && chown www-data:1234 /tmp/f && chmod u+x,g=rs,o= /tmp/f && ls -l /tmp/f'",
      ),
    ).toBe("-rwxr-S---    1 www-data 1234             0 Jan 15 09:01 /tmp/f\n");
    expect(await sim.exec("kubectl exec bb -- chown nobodyx /tmp/f")).toBe(
      "chown: unknown user nobodyx\ncommand terminated with exit code 1\n",
    );
  });
});

describe("formatting helpers", () => {
  const st = (mode: number, type: FileStat["type"] = "file"): FileStat => ({
    type,
    mode,
    uid: 0,
    gid: 0,
    size: 0,
    blocks: 0,
    nlink: 1,
    mtime: 0,
  });

  it("mode strings fold setuid, setgid and sticky into the x columns", () => {
    expect(modeString(st(0o4755))).toBe("-rwsr-xr-x");
    expect(modeString(st(0o2644))).toBe("-rw-r-Sr--");
    expect(modeString(st(0o1777, "dir"))).toBe("drwxrwxrwt");
    expect(modeString(st(0o1776, "dir"))).toBe("drwxrwxrwT");
    expect(modeString(st(0o777, "link"))).toBe("lrwxrwxrwx");
  });

  it("chmod modes: octal, symbolic, and the umask for a bare +w", () => {
    expect(applyMode("640", 0o755, false)).toBe(0o640);
    expect(applyMode("g+s", 0o755, true)).toBe(0o2755);
    expect(applyMode("+w", 0o444, false)).toBe(0o644);
    expect(applyMode("a+X", 0o644, true)).toBe(0o755);
    expect(applyMode("a+X", 0o644, false)).toBe(0o644);
    expect(applyMode("bogus", 0o644, false)).toBeUndefined();
  });

  it("six months: busybox and GNU switch from the time to the year", () => {
    const now = Date.parse("2026-06-06T20:08:00Z");
    expect(lsDate(Date.parse("2026-06-06T20:08:00Z"), now, true)).toBe("Jun  6 20:08");
    expect(lsDate(Date.parse("2026-01-01T00:00:00Z"), now, false)).toBe("Jan  1 00:00");
    expect(lsDate(Date.parse("2025-12-01T00:00:00Z"), now, true)).toBe("Dec  1  2025");
    expect(lsDate(Date.parse("2025-12-01T00:00:00Z"), now, false)).toBe("Dec  1  2025");
    // busybox tolerates 15 minutes in the future, GNU none
    expect(lsDate(now + 60_000, now, true)).toBe("Jun  6 20:09");
    expect(lsDate(now + 60_000, now, false)).toBe("Jun  6  2026");
  });
});
