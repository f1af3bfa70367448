// The Kubernetes docs' "Configure Pods and Containers" task pages, run as a learner copies them: each
// manifest applied from its https://k8s.io/examples/… URL (the simulator carries them offline), then
// the page's commands — interactive shells typed line by line — checked against what the page shows.
import type { Event, Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { CONFIGURE_POD_EXAMPLES } from "../../../src/shell/kubectl/examples/configurePods";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";

const URL = "https://k8s.io/examples/";

function podIn(sim: LiveSimulation, ns: string, name: string): Pod | undefined {
  return sim.node.api.tryGet<Pod>("Pod", ns, name);
}

function eventsOf(sim: LiveSimulation, ns: string, name: string): Event[] {
  return sim.node.api.list<Event>("Event", { namespace: ns }).filter((e) => e.involvedObject.name === name);
}

/** The Events table's rows (after the header and underline) of `kubectl describe`. */
function eventRows(describe: string): string[] {
  const i = describe.indexOf("\nEvents:\n");
  return describe
    .slice(i + 9)
    .split("\n")
    .slice(2)
    .filter((l) => l.trim() !== "");
}

/** Type a line at the terminal: into the program that owns it, or the node's shell. */
async function type(sim: LiveSimulation, line: string): Promise<string> {
  return (await sim.run(line)).output;
}

describe("the examples are the files kubernetes.io serves (release 1.34)", () => {
  it("every example of these pages applies by URL, in each form the docs link it", async () => {
    const sim = createSimulation({ seed: 40 });
    for (const ns of ["mem-example", "cpu-example", "qos-example"])
      await sim.exec(`kubectl create namespace ${ns}`);
    const paths = Object.keys(CONFIGURE_POD_EXAMPLES);
    expect(paths.length).toBe(31);
    for (const path of paths) {
      const r = await sim.run(`kubectl apply -f ${URL}${path} --dry-run=client`);
      expect(r.stderr, path).toBe("");
      expect(r.stdout, path).toMatch(/^pod\/[a-z0-9-]+ created \(dry run\)\n$/);
    }
    // the other two prefixes the pages and their raw links use
    expect(
      await sim.exec(
        "kubectl apply -f https://kubernetes.io/examples/pods/qos/qos-pod-3.yaml -n qos-example",
      ),
    ).toBe("pod/qos-demo-3 created\n");
    expect(
      await sim.exec(
        "kubectl create -f https://raw.githubusercontent.com/kubernetes/website/main/content/en/examples/pods/pod-nginx.yaml",
      ),
    ).toBe("pod/nginx created\n");
  });
});

describe("docs: assign-memory-resource", () => {
  it("memory-demo runs inside its limit; --output=yaml shows request and limit; no metrics-server for top", async () => {
    const sim = createSimulation({ seed: 41 });
    expect(await sim.exec("kubectl create namespace mem-example")).toBe("namespace/mem-example created\n");
    expect(
      await sim.exec(
        `kubectl apply -f ${URL}pods/resource/memory-request-limit.yaml --namespace=mem-example`,
      ),
    ).toBe("pod/memory-demo created\n");
    await sim.advance(20_000);
    expect(await sim.exec("kubectl get pod memory-demo --namespace=mem-example")).toBe(
      "NAME          READY   STATUS    RESTARTS   AGE\nmemory-demo   1/1     Running   0          20s\n",
    );
    expect(await sim.exec("kubectl get pod memory-demo --output=yaml --namespace=mem-example")).toContain(
      "    resources:\n      limits:\n        memory: 200Mi\n      requests:\n        memory: 100Mi\n",
    );
    // a kubeadm cluster runs no metrics-server: the page's `kubectl top` step needs one installed
    const top = await sim.run("kubectl top pod memory-demo --namespace=mem-example");
    expect(top.stderr).toBe("error: Metrics API not available\n");
    expect(await sim.exec("kubectl delete pod memory-demo --namespace=mem-example")).toBe(
      'pod "memory-demo" deleted from mem-example namespace\n',
    );
  });

  it("memory-demo-2 (250M against a 100Mi limit) is OOMKilled with exit 137 and restarted again and again", async () => {
    const sim = createSimulation({ seed: 41 });
    await sim.exec("kubectl create namespace mem-example");
    await sim.exec(
      `kubectl apply -f ${URL}pods/resource/memory-request-limit-2.yaml --namespace=mem-example`,
    );
    const seen = new Set<string>();
    for (let i = 0; i < 80; i++) {
      await sim.advance(500);
      const row = await sim.exec("kubectl get pod memory-demo-2 --namespace=mem-example --no-headers");
      seen.add(row.split(/\s+/)[2]);
    }
    // "the Container might be running or killed. Repeat the preceding command until the Container is killed"
    expect([...seen]).toEqual(expect.arrayContaining(["OOMKilled", "CrashLoopBackOff"]));
    const yaml = await sim.exec("kubectl get pod memory-demo-2 --output=yaml --namespace=mem-example");
    expect(yaml).toMatch(
      / {4}lastState:\n {6}terminated:\n {8}containerID: containerd:\/\/[0-9a-f]{64}\n {8}exitCode: 137\n {8}finishedAt: "[^"]+"\n {8}reason: OOMKilled\n/,
    );
    const cs = podIn(sim, "mem-example", "memory-demo-2")?.status?.containerStatuses?.[0];
    expect(cs?.restartCount).toBeGreaterThanOrEqual(3);
    const rows = eventRows(await sim.exec("kubectl describe pod memory-demo-2 --namespace=mem-example"));
    expect(
      rows.some((r) => /^ +Normal +Created +.* +kubelet +Created container: memory-demo-2-ctr$/.test(r)),
    ).toBe(true);
    expect(
      rows.some((r) =>
        /^ +Warning +BackOff +\S+ \(x\d+ over \S+\) +kubelet +Back-off restarting failed container memory-demo-2-ctr in pod memory-demo-2_mem-example\(/.test(
          r,
        ),
      ),
    ).toBe(true);
  });

  it("memory-demo-3 asks for 1000Gi: Pending for good, FailedScheduling for insufficient memory", async () => {
    const sim = createSimulation({ seed: 41 });
    await sim.exec("kubectl create namespace mem-example");
    await sim.exec(
      `kubectl apply -f ${URL}pods/resource/memory-request-limit-3.yaml --namespace=mem-example`,
    );
    await sim.advance(25_000);
    expect(await sim.exec("kubectl get pod memory-demo-3 --namespace=mem-example")).toBe(
      "NAME            READY   STATUS    RESTARTS   AGE\nmemory-demo-3   0/1     Pending   0          25s\n",
    );
    expect(eventRows(await sim.exec("kubectl describe pod memory-demo-3 --namespace=mem-example"))).toEqual([
      "  Warning  FailedScheduling  25s   default-scheduler  0/1 nodes are available: 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    ]);
    // clean up: the namespace goes with its pods
    expect(await sim.exec("kubectl delete namespace mem-example")).toBe('namespace "mem-example" deleted\n');
  });
});

describe("docs: assign-cpu-resource", () => {
  it("cpu-demo runs with a 1-CPU limit and a 0.5 request; cpu-demo-2 wants 100 CPUs and stays Pending", async () => {
    const sim = createSimulation({ seed: 42 });
    await sim.exec("kubectl create namespace cpu-example");
    expect(
      await sim.exec(`kubectl apply -f ${URL}pods/resource/cpu-request-limit.yaml --namespace=cpu-example`),
    ).toBe("pod/cpu-demo created\n");
    await sim.advance(20_000);
    expect(await sim.exec("kubectl get pod cpu-demo --namespace=cpu-example")).toMatch(
      /^NAME {7}READY {3}STATUS {4}RESTARTS {3}AGE\ncpu-demo {3}1\/1 {5}Running {3}0 {10}20s\n$/,
    );
    // "0.5" is stored in canonical form
    expect(await sim.exec("kubectl get pod cpu-demo --output=yaml --namespace=cpu-example")).toContain(
      '    resources:\n      limits:\n        cpu: "1"\n      requests:\n        cpu: 500m\n',
    );
    await sim.exec("kubectl delete pod cpu-demo --namespace=cpu-example");
    await sim.exec(`kubectl apply -f ${URL}pods/resource/cpu-request-limit-2.yaml --namespace=cpu-example`);
    await sim.advance(7 * 60_000);
    expect(await sim.exec("kubectl get pod cpu-demo-2 --namespace=cpu-example")).toBe(
      "NAME         READY   STATUS    RESTARTS   AGE\ncpu-demo-2   0/1     Pending   0          7m\n",
    );
    expect(await sim.exec("kubectl describe pod cpu-demo-2 --namespace=cpu-example")).toMatch(
      /Warning {2}FailedScheduling {2}\S+ \(x\d+ over 7m\) {2}default-scheduler {2}0\/1 nodes are available: 1 Insufficient cpu\. preemption: /,
    );
  });
});

describe("docs: quality-service-pod", () => {
  it("qos-demo Guaranteed, qos-demo-2 Burstable, qos-demo-3 BestEffort, qos-demo-4 Burstable", async () => {
    const sim = createSimulation({ seed: 43 });
    await sim.exec("kubectl create namespace qos-example");
    const qos = async (file: string, name: string) => {
      expect(await sim.exec(`kubectl apply -f ${URL}pods/qos/${file} --namespace=qos-example`)).toBe(
        `pod/${name} created\n`,
      );
      return sim.exec(`kubectl get pod ${name} --namespace=qos-example --output=yaml`);
    };
    const guaranteed = await qos("qos-pod.yaml", "qos-demo");
    expect(guaranteed).toContain(
      "    resources:\n      limits:\n        cpu: 700m\n        memory: 200Mi\n      requests:\n        cpu: 700m\n        memory: 200Mi\n",
    );
    expect(guaranteed).toContain("  qosClass: Guaranteed\n");
    await sim.exec("kubectl delete pod qos-demo --namespace=qos-example");
    const burstable = await qos("qos-pod-2.yaml", "qos-demo-2");
    expect(burstable).toContain(
      "  - image: nginx\n    imagePullPolicy: Always\n    name: qos-demo-2-ctr\n    resources:\n      limits:\n        memory: 200Mi\n      requests:\n        memory: 100Mi\n",
    );
    expect(burstable).toContain("  qosClass: Burstable\n");
    const best = await qos("qos-pod-3.yaml", "qos-demo-3");
    expect(best).toContain("    resources: {}\n");
    expect(best).toContain("  qosClass: BestEffort\n");
    const two = await qos("qos-pod-4.yaml", "qos-demo-4");
    expect(two).toContain(
      "    name: qos-demo-4-ctr-1\n    resources:\n      requests:\n        memory: 200Mi\n",
    );
    expect(two).toContain("    name: qos-demo-4-ctr-2\n    resources: {}\n");
    expect(
      await sim.exec(
        `kubectl --namespace=qos-example get pod qos-demo-4 -o jsonpath='{ .status.qosClass}{"\\n"}'`,
      ),
    ).toBe("Burstable\n");
    await sim.advance(20_000);
    expect(await sim.exec("kubectl get pods --namespace=qos-example")).toMatch(
      /\nqos-demo-4 {3}2\/2 {5}Running {3}0 /,
    );
    expect(await sim.exec("kubectl delete namespace qos-example")).toBe('namespace "qos-example" deleted\n');
  });
});

describe("docs: configure-liveness-readiness-startup-probes", () => {
  it("liveness-exec: healthy for 30 s, then three failures, Killing, and RESTARTS 1", async () => {
    const sim = createSimulation({ seed: 44 });
    expect(await sim.exec(`kubectl apply -f ${URL}pods/probe/exec-liveness.yaml`)).toBe(
      "pod/liveness-exec created\n",
    );
    await sim.advance(11_000);
    const early = eventRows(await sim.exec("kubectl describe pod liveness-exec"));
    expect(early.map((r) => r.trim().split(/\s+/)[1])).toEqual([
      "Scheduled",
      "Pulling",
      "Pulled",
      "Created",
      "Started",
    ]);
    expect(early[1]).toMatch(/kubelet +Pulling image "registry\.k8s\.io\/busybox:1\.27\.2"$/);
    await sim.advance(46_000);
    const later = eventRows(await sim.exec("kubectl describe pod liveness-exec"));
    expect(later).toContainEqual(
      expect.stringMatching(
        /^ {2}Warning {2}Unhealthy {2}\d+s \(x3 over \d+s\) {2}kubelet {12}Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory$/,
      ),
    );
    expect(later).toContainEqual(
      expect.stringMatching(
        /^ {2}Normal {3}Killing {4}\d+s +kubelet +Container liveness failed liveness probe, will be restarted$/,
      ),
    );
    await sim.advance(30_000);
    expect(await sim.exec("kubectl get pod liveness-exec")).toMatch(
      /^NAME {12}READY {3}STATUS {4}RESTARTS {6}AGE\nliveness-exec {3}1\/1 {5}Running {3}1 \(\d+s ago\) {3}87s\n$/,
    );
  });

  it("liveness-http: agnhost's /healthz answers 500 after 10 s; the kubelet restarts the container", async () => {
    const sim = createSimulation({ seed: 44 });
    await sim.exec(`kubectl apply -f ${URL}pods/probe/http-liveness.yaml`);
    await sim.advance(25_000);
    const rows = eventRows(await sim.exec("kubectl describe pod liveness-http"));
    expect(rows).toContainEqual(
      expect.stringMatching(
        /Warning {2}Unhealthy .* Liveness probe failed: HTTP probe failed with statuscode: 500$/,
      ),
    );
    expect(rows).toContainEqual(
      expect.stringMatching(/Killing .* Container liveness failed liveness probe, will be restarted$/),
    );
    expect(
      podIn(sim, "default", "liveness-http")?.status?.containerStatuses?.[0].restartCount,
    ).toBeGreaterThanOrEqual(1);
    expect(await sim.exec("kubectl describe pod liveness-http")).toContain(
      "    Liveness:       http-get http://:8080/healthz delay=3s timeout=1s period=3s #success=1 #failure=3\n",
    );
  });

  it("goproxy: TCP readiness and liveness on 8080 pass; etcd answers the gRPC health check", async () => {
    const sim = createSimulation({ seed: 44 });
    expect(await sim.exec(`kubectl apply -f ${URL}pods/probe/tcp-liveness-readiness.yaml`)).toBe(
      "pod/goproxy created\n",
    );
    expect(await sim.exec(`kubectl apply -f ${URL}pods/probe/grpc-liveness.yaml`)).toBe(
      "pod/etcd-with-grpc created\n",
    );
    await sim.advance(40_000);
    const goproxy = await sim.exec("kubectl describe pod goproxy");
    expect(goproxy).toContain(
      "    Liveness:       tcp-socket :8080 delay=15s timeout=1s period=10s #success=1 #failure=3\n" +
        "    Readiness:      tcp-socket :8080 delay=15s timeout=1s period=10s #success=1 #failure=3\n",
    );
    const etcd = await sim.exec("kubectl describe pod etcd-with-grpc");
    expect(etcd).toContain(
      "    Liveness:       grpc <pod>:2379  delay=10s timeout=1s period=10s #success=1 #failure=3\n",
    );
    // "verify that the liveness check has not failed"
    for (const name of ["goproxy", "etcd-with-grpc"]) {
      expect(eventsOf(sim, "default", name).filter((e) => e.reason === "Unhealthy")).toEqual([]);
      expect(podIn(sim, "default", name)?.status?.containerStatuses?.[0]).toMatchObject({
        ready: true,
        restartCount: 0,
      });
    }
  });
});

describe("docs: configure-volume-storage", () => {
  it("a file written to the emptyDir is still there after redis is killed and restarted", async () => {
    const sim = createSimulation({ seed: 45 });
    expect(await sim.exec(`kubectl apply -f ${URL}pods/storage/redis.yaml`)).toBe("pod/redis created\n");
    await sim.advance(13_000);
    expect(await sim.exec("kubectl get pod redis --watch")).toBe(
      "NAME    READY   STATUS    RESTARTS   AGE\nredis   1/1     Running   0          13s\n",
    );
    expect(await type(sim, "kubectl exec -it redis -- /bin/bash")).toBe("");
    expect(sim.shell.prompt).toBe("root@redis:/data# ");
    await type(sim, "cd /data/redis/");
    expect(sim.shell.prompt).toBe("root@redis:/data/redis# ");
    expect(await type(sim, "echo Hello > test-file")).toBe("");
    // the redis image has no procps (the page installs it with apt-get): redis-server is PID 1
    expect(await type(sim, "kill 1")).toBe("");
    await type(sim, "exit");
    await sim.advance(1_000);
    // redis exits 0 on SIGTERM: Completed, and restartPolicy Always starts it again
    expect(await sim.exec("kubectl get pod redis --no-headers")).toMatch(/^redis +0\/1 +Completed +0 /);
    await sim.advance(2_000);
    expect(await sim.exec("kubectl get pod redis --no-headers")).toMatch(
      /^redis +1\/1 +Running +1 \(\ds ago\) /,
    );
    await type(sim, "kubectl exec -it redis -- /bin/bash");
    await type(sim, "cd /data/redis/");
    expect(await type(sim, "ls")).toBe("test-file\n");
    await type(sim, "exit");
    expect(await sim.exec("kubectl delete pod redis")).toBe('pod "redis" deleted from default namespace\n');
  });
});

describe("docs: configure-pod-initialization", () => {
  const PAGE_HEAD =
    "<html><head></head><body><header>\n<title>http://info.cern.ch</title>\n</header>\n\n" +
    "<h1>http://info.cern.ch - home of the first website</h1>\n";

  it("the install init container fetches info.cern.ch into the shared volume; nginx serves it", async () => {
    const sim = createSimulation({ seed: 46 });
    expect(await sim.exec(`kubectl apply -f ${URL}pods/init-containers.yaml`)).toBe(
      "pod/init-demo created\n",
    );
    await sim.advance(15_000);
    expect(await sim.exec("kubectl get pod init-demo")).toBe(
      "NAME        READY   STATUS    RESTARTS   AGE\ninit-demo   1/1     Running   0          15s\n",
    );
    // dnsPolicy Default: the lookup leaves the cluster zone; busybox wget names the address it reached
    expect(await sim.exec("kubectl logs init-demo -c install")).toMatch(
      /^Connecting to info\.cern\.ch \(188\.184\.21\.108:80\)\n/,
    );
    const init = podIn(sim, "default", "init-demo")?.status?.initContainerStatuses?.[0];
    expect(init?.state?.terminated).toMatchObject({ exitCode: 0, reason: "Completed" });

    expect(await type(sim, "kubectl exec -it init-demo -- /bin/bash")).toBe(
      'Defaulted container "nginx" out of: nginx, install (init)\n',
    );
    // the nginx image ships curl: the page's apt-get steps are not needed (nor simulated)
    const page = await type(sim, "curl localhost");
    expect(page.startsWith(PAGE_HEAD)).toBe(true);
    expect(page).toContain(
      '<li><a href="http://info.cern.ch/hypertext/WWW/TheProject.html">Browse the first website</a></li>\n',
    );
    expect(page.length).toBe(646);
    await type(sim, "exit");
  });
});

describe("docs: attach-handler-lifecycle-event", () => {
  it("the postStart handler wrote /usr/share/message; the preStop handler stops nginx cleanly", async () => {
    const sim = createSimulation({ seed: 47 });
    expect(await sim.exec(`kubectl apply -f ${URL}pods/lifecycle-events.yaml`)).toBe(
      "pod/lifecycle-demo created\n",
    );
    await sim.advance(10_000);
    expect(await sim.exec("kubectl get pod lifecycle-demo")).toMatch(
      /\nlifecycle-demo {3}1\/1 {5}Running {3}0 /,
    );
    await type(sim, "kubectl exec -it lifecycle-demo -- /bin/bash");
    expect(sim.shell.prompt).toBe("root@lifecycle-demo:/# ");
    expect(await type(sim, "cat /usr/share/message")).toBe("Hello from the postStart handler\n");
    await type(sim, "exit");
    await sim.exec("kubectl delete pod lifecycle-demo");
    const reasons = eventsOf(sim, "default", "lifecycle-demo").map((e) => e.reason);
    expect(reasons).toContain("Killing");
    expect(reasons).not.toContain("FailedPreStopHook");
  });
});

describe("docs: share-process-namespace", () => {
  it("ps ax in the shell container lists pause, nginx and itself; SIGHUP makes new workers; /proc/PID/root", async () => {
    const sim = createSimulation({ seed: 48 });
    expect(await sim.exec(`kubectl apply -f ${URL}pods/share-process-namespace.yaml`)).toBe(
      "pod/nginx created\n",
    );
    await sim.advance(15_000);
    await type(sim, "kubectl exec -it nginx -c shell -- /bin/sh");
    expect(sim.shell.prompt).toBe("/ # ");
    const ps = (await type(sim, "ps ax")).trimEnd().split("\n");
    expect(ps[0]).toBe("PID   USER     TIME  COMMAND");
    expect(ps[1]).toBe("    1 root      0:00 /pause");
    const rows = ps.slice(2).map((r) => ({ pid: Number(r.slice(0, 5)), rest: r.slice(6) }));
    expect(rows.map((r) => r.rest)).toEqual([
      "root      0:00 nginx: master process nginx -g daemon off;",
      "101       0:00 nginx: worker process",
      "101       0:00 nginx: worker process",
      "root      0:00 sleep 3600",
      "root      0:00 /bin/sh",
      "root      0:00 ps ax",
    ]);
    const master = rows[0].pid;
    const workers = [rows[1].pid, rows[2].pid];
    // "send SIGHUP to nginx to restart the worker process"
    expect(await type(sim, `kill -HUP ${master}`)).toBe("");
    const after = (await type(sim, "ps ax")).trimEnd().split("\n").slice(1);
    const newWorkers = after
      .filter((r) => r.endsWith("nginx: worker process"))
      .map((r) => Number(r.slice(0, 5)));
    expect(newWorkers).toHaveLength(2);
    for (const w of newWorkers) expect(workers).not.toContain(w);
    expect(
      after.filter((r) => r.includes("nginx: master process")).map((r) => Number(r.slice(0, 5))),
    ).toEqual([master]);
    // another container's files through /proc/$pid/root
    expect(await type(sim, `head /proc/${master}/root/etc/nginx/nginx.conf`)).toBe(
      "\nuser  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /run/nginx.pid;\n\n\nevents {\n    worker_connections  1024;\n",
    );
    expect(await type(sim, "kill -HUP 4242")).toBe("kill: can't kill pid 4242: No such process\n");
    await type(sim, "exit");
    // nginx logged the reload: new workers started, the old ones exited gracefully
    const log = await sim.exec("kubectl logs nginx -c nginx");
    expect(log).toContain("[notice] 1#1: signal 1 (SIGHUP) received, reconfiguring\n");
    expect(log).toContain("[notice] 1#1: worker process 29 exited with code 0\n");
  });
});

describe("docs: security-context", () => {
  it("security-context-demo: ps shows user 1000, /data/demo is group 2000 (setgid), id shows 3000 and 2000,3000,4000", async () => {
    const sim = createSimulation({ seed: 49 });
    expect(await sim.exec(`kubectl apply -f ${URL}pods/security/security-context.yaml`)).toBe(
      "pod/security-context-demo created\n",
    );
    await sim.advance(10_000);
    expect(await sim.exec("kubectl get pod security-context-demo")).toMatch(
      /\nsecurity-context-demo {3}1\/1 {5}Running /,
    );
    await type(sim, "kubectl exec -it security-context-demo -- sh");
    expect(sim.shell.prompt).toBe("/ $ ");
    // the shell's ps is its own child: it lists itself after sh
    expect(await type(sim, "ps")).toMatch(
      /^PID {3}USER {5}TIME {2}COMMAND\n {4}1 1000 {6}0:00 sleep 1h\n +\d+ 1000 {6}0:00 sh\n +\d+ 1000 {6}0:00 ps\n$/,
    );
    await type(sim, "cd /data");
    expect(await type(sim, "ls -l")).toMatch(
      /^total 4\ndrwxrwsrwx {4}2 root {5}2000 {10}4096 \w{3} [ \d]\d \d\d:\d\d demo\n$/,
    );
    await type(sim, "cd demo");
    expect(await type(sim, "echo hello > testfile")).toBe("");
    expect(await type(sim, "ls -l")).toMatch(/^total 4\n-rw-r--r-- {4}1 1000 {5}2000 {13}6 .* testfile\n$/);
    expect(await type(sim, "id")).toBe("uid=1000 gid=3000 groups=2000,3000,4000\n");
    await type(sim, "exit");
  });

  it("security-context-5 merges the image's group 50000; security-context-6 (Strict) does not", async () => {
    const sim = createSimulation({ seed: 49 });
    await sim.exec(`kubectl apply -f ${URL}pods/security/security-context-5.yaml`);
    await sim.advance(10_000);
    await type(sim, "kubectl exec -it security-context-demo -- sh");
    expect(await type(sim, "id")).toBe(
      "uid=1000(user-defined-in-image) gid=3000 groups=3000,4000,50000(group-defined-in-image)\n",
    );
    expect(await type(sim, "cat /etc/group")).toMatch(
      /\nuser-defined-in-image:x:1000:\ngroup-defined-in-image:x:50000:user-defined-in-image\n$/,
    );
    await type(sim, "exit");
    await sim.exec("kubectl delete pod security-context-demo");
    await sim.exec(`kubectl apply -f ${URL}pods/security/security-context-6.yaml`);
    await sim.advance(10_000);
    expect(await sim.exec("kubectl exec -it security-context-demo -- id")).toBe(
      "uid=1000(user-defined-in-image) gid=3000 groups=3000,4000\n",
    );
    expect(await sim.exec("kubectl get pod security-context-demo -o yaml")).toContain(
      "    name: sec-ctx-demo\n" + "    ready: true\n" + "    restartCount: 0\n" + "    started: true\n",
    );
    expect(await sim.exec("kubectl get pod security-context-demo -o yaml")).toContain(
      "    user:\n      linux:\n        gid: 3000\n        supplementalGroups:\n        - 3000\n        - 4000\n        uid: 1000\n",
    );
  });

  it("security-context-2 runs as the container's 2000; -3 and -4 differ by CAP_NET_ADMIN and CAP_SYS_TIME", async () => {
    const sim = createSimulation({ seed: 49 });
    for (const n of ["2", "3", "4"])
      await sim.exec(`kubectl apply -f ${URL}pods/security/security-context-${n}.yaml`);
    await sim.advance(15_000);
    await type(sim, "kubectl exec -it security-context-demo-2 -- sh");
    const ps = await type(sim, "ps aux");
    expect(ps).toMatch(/\n {4}1 2000 {6}0:00 \S*hello-app\n/);
    expect(
      ps
        .trimEnd()
        .split("\n")
        .slice(1)
        .every((r) => r.slice(6, 15) === "2000     "),
    ).toBe(true);
    await type(sim, "exit");
    const caps = async (pod: string) => {
      await type(sim, `kubectl exec -it ${pod} -- sh`);
      await type(sim, "cd /proc/1");
      const status = await type(sim, "cat status");
      await type(sim, "exit");
      return status.split("\n").filter((l) => /^Cap(Prm|Eff):/.test(l));
    };
    expect(await caps("security-context-demo-3")).toEqual([
      "CapPrm:\t00000000a80425fb",
      "CapEff:\t00000000a80425fb",
    ]);
    expect(await caps("security-context-demo-4")).toEqual([
      "CapPrm:\t00000000aa0435fb",
      "CapEff:\t00000000aa0435fb",
    ]);
  });
});

describe("docs: assign-pods-nodes and assign-pods-nodes-using-node-affinity", () => {
  it("kubectl label nodes adds disktype=ssd; the nodeSelector pod waits for it, then runs there", async () => {
    const sim = createSimulation({ seed: 50 });
    expect(await sim.exec("kubectl get nodes --show-labels")).toMatch(
      /^NAME {5}STATUS {3}ROLES {4}AGE {3}VERSION {3}LABELS\nnode-1 {3}Ready {4}<none> {3}\S+ +v1\.34\.\d+ {3}beta\.kubernetes\.io\/arch=amd64,.*kubernetes\.io\/hostname=node-1,kubernetes\.io\/os=linux\n$/,
    );
    // before the label: no node matches the selector
    await sim.exec(`kubectl apply -f ${URL}pods/pod-nginx.yaml`);
    await sim.advance(5_000);
    expect(eventsOf(sim, "default", "nginx").map((e) => e.message)).toEqual([
      "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
    ]);
    expect(await sim.exec("kubectl label nodes node-1 disktype=ssd")).toBe("node/node-1 labeled\n");
    expect(await sim.exec("kubectl get nodes --show-labels")).toContain(
      ",disktype=ssd,kubernetes.io/arch=amd64,",
    );
    await sim.advance(13_000);
    expect(await sim.exec("kubectl get pods --output=wide")).toMatch(
      /^NAME {4}READY {3}STATUS {4}RESTARTS {3}AGE {3}IP {11}NODE {5}NOMINATED NODE {3}READINESS GATES\nnginx {3}1\/1 {5}Running {3}0 {10}18s {3}10\.244\.0\.\d+ {3}node-1 {3}<none> {11}<none>\n$/,
    );
  });

  it("nodeName foo-node: no scheduler and no kubelet for it; the pod garbage collector removes the orphan", async () => {
    const sim = createSimulation({ seed: 50 });
    expect(await sim.exec(`kubectl apply -f ${URL}pods/pod-nginx-specific-node.yaml`)).toBe(
      "pod/nginx created\n",
    );
    await sim.advance(5_000);
    expect(await sim.exec("kubectl get pods --output=wide")).toMatch(
      /\nnginx {3}0\/1 {5}Pending {3}0 {10}5s {4}<none> {3}foo-node /,
    );
    let gone: number | undefined;
    const seen: string[] = [];
    const stopWatch = sim.node.api.watch<Pod>("Pod", {}, (e) => {
      if (e.type === "MODIFIED")
        seen.push(`${e.object.status?.phase} ${e.object.status?.conditions?.map((c) => c.reason).join(",")}`);
    });
    for (let t = 5; t <= 90 && gone === undefined; t++) {
      await sim.advance(1_000);
      if (!podIn(sim, "default", "nginx")) gone = t;
    }
    stopWatch();
    // PodGC: every 20 s; a missing node is quarantined for 40 s, then its pods are failed and force-deleted
    expect(gone).toBeGreaterThanOrEqual(40);
    expect(gone).toBeLessThanOrEqual(80);
    expect(seen).toEqual(["Failed DeletionByPodGC"]);
    expect(eventsOf(sim, "default", "nginx")).toEqual([]);
  });

  it("required node affinity waits for disktype=ssd; preferred affinity schedules without it", async () => {
    const sim = createSimulation({ seed: 51 });
    await sim.exec(`kubectl apply -f ${URL}pods/pod-nginx-required-affinity.yaml`);
    await sim.advance(13_000);
    expect(await sim.exec("kubectl get pods --no-headers")).toMatch(/^nginx +0\/1 +Pending +0 /);
    expect(await sim.exec("kubectl describe pod nginx")).toContain(
      "1 node(s) didn't match Pod's node affinity/selector.",
    );
    await sim.exec("kubectl label nodes node-1 disktype=ssd");
    await sim.advance(13_000);
    expect(await sim.exec("kubectl get pods --output=wide --no-headers")).toMatch(
      /^nginx +1\/1 +Running +0 .* node-1 /,
    );
    await sim.exec("kubectl delete pod nginx");
    await sim.exec("kubectl label nodes node-1 disktype-");
    await sim.exec(`kubectl apply -f ${URL}pods/pod-nginx-preferred-affinity.yaml`);
    await sim.advance(13_000);
    expect(await sim.exec("kubectl get pods --output=wide --no-headers")).toMatch(
      /^nginx +1\/1 +Running +0 +13s +10\.244\.0\.\d+ +node-1 /,
    );
  });
});

describe("docs: pull-image-private-registry", () => {
  it("a docker-registry Secret, the example downloaded with curl and edited, and the pod pulls with it", async () => {
    const sim = createSimulation({ seed: 52 });
    expect(
      await sim.exec(
        "kubectl create secret docker-registry regcred --docker-server=your.private.registry.example.com --docker-username=janedoe --docker-password=xxxxxxxxxxx --docker-email=jdoe@example.com",
      ),
    ).toBe("secret/regcred created\n");
    expect(await sim.exec("kubectl get secret regcred --output=yaml")).toMatch(
      /^apiVersion: v1\ndata:\n {2}\.dockerconfigjson: eyJ[A-Za-z0-9+/=]+\nkind: Secret\n[\s\S]*\ntype: kubernetes\.io\/dockerconfigjson\n$/,
    );
    expect(
      await sim.exec(
        'kubectl get secret regcred --output="jsonpath={.data.\\.dockerconfigjson}" | base64 --decode',
      ),
    ).toBe(
      '{"auths":{"your.private.registry.example.com":{"username":"janedoe","password":"xxxxxxxxxxx","email":"jdoe@example.com","auth":"amFuZWRvZTp4eHh4eHh4eHh4eA=="}}}',
    );
    expect(await sim.exec('echo "amFuZWRvZTp4eHh4eHh4eHh4eA==" | base64 --decode')).toBe(
      "janedoe:xxxxxxxxxxx",
    );

    const dl = await sim.run(
      "curl -L -o my-private-reg-pod.yaml https://k8s.io/examples/pods/private-reg-pod.yaml",
    );
    expect(dl.code).toBe(0);
    expect(dl.stderr).toMatch(/^ {2}% Total {4}% Received % Xferd {2}Average Speed/);
    expect(sim.node.fs.read("/root/my-private-reg-pod.yaml")).toBe(
      CONFIGURE_POD_EXAMPLES["pods/private-reg-pod.yaml"],
    );
    await sim.exec(
      "sed -i 's|<your-private-image>|your.private.registry.example.com/janedoe/jdoe-private:v1|' my-private-reg-pod.yaml",
    );
    expect(await sim.exec("kubectl apply -f my-private-reg-pod.yaml")).toBe("pod/private-reg created\n");
    await sim.advance(10_000);
    expect(await sim.exec("kubectl get pod private-reg")).toMatch(/\nprivate-reg {3}1\/1 {5}Running {3}0 /);
    const pull = sim.trace.all().find((e) => e.kind === "cri.request" && e.summary.startsWith("PullImage"));
    expect(JSON.stringify(pull?.detail)).toContain('"username":"janedoe"');
  });

  it("unedited, <your-private-image> is no image name: InvalidImageName; without regcred the pull is refused", async () => {
    const sim = createSimulation({ seed: 52 });
    await sim.exec(`kubectl apply -f ${URL}pods/private-reg-pod.yaml`);
    await sim.advance(10_000);
    expect(await sim.exec("kubectl get pod private-reg --no-headers")).toMatch(
      /^private-reg +0\/1 +InvalidImageName +0 /,
    );
    expect(eventsOf(sim, "default", "private-reg").map((e) => `${e.reason}: ${e.message}`)).toContain(
      'InspectFailed: Failed to apply default image tag "<your-private-image>": couldn\'t parse image name "<your-private-image>": invalid reference format',
    );
    await sim.exec("kubectl delete pod private-reg");
    await sim.exec("curl -sLo my-private-reg-pod.yaml https://k8s.io/examples/pods/private-reg-pod.yaml");
    await sim.exec(
      "sed -i 's|<your-private-image>|your.private.registry.example.com/janedoe/jdoe-private:v1|' my-private-reg-pod.yaml",
    );
    await sim.exec("kubectl apply -f my-private-reg-pod.yaml");
    await sim.advance(20_000);
    // the pull is tried without credentials, denied, and retried with back-off
    expect(await sim.exec("kubectl get pod private-reg --no-headers")).toMatch(
      /^private-reg +0\/1 +(ErrImagePull|ImagePullBackOff) /,
    );
    expect(eventsOf(sim, "default", "private-reg").map((e) => e.message)).toContainEqual(
      expect.stringMatching(/pull access denied, repository does not exist or may require authorization/),
    );
    expect(eventsOf(sim, "default", "private-reg").map((e) => `${e.reason}: ${e.message}`)).toContain(
      "FailedToRetrieveImagePullSecret: Unable to retrieve some image pull secrets (regcred); attempting to pull the image may not succeed.",
    );
  });
});

describe("curl on the node: the docs' example URLs and nothing else of the Internet", () => {
  it("k8s.io redirects (followed with -L); unknown hosts do not resolve; -f fails on a 404", async () => {
    const sim = createSimulation({ seed: 53 });
    const moved = await sim.run("curl https://k8s.io/examples/pods/pod-nginx.yaml");
    expect(moved.stdout).toContain("<head><title>301 Moved Permanently</title></head>");
    expect(await sim.exec("curl -sL https://k8s.io/examples/pods/pod-nginx.yaml")).toBe(
      CONFIGURE_POD_EXAMPLES["pods/pod-nginx.yaml"],
    );
    const nope = await sim.run("curl -fsSL https://k8s.io/examples/pods/nope.yaml");
    expect(nope).toMatchObject({
      stdout: "",
      stderr: "curl: (22) The requested URL returned error: 404\n",
      code: 22,
    });
    const host = await sim.run("curl https://example.com/");
    expect(host).toMatchObject({ stderr: "curl: (6) Could not resolve host: example.com\n", code: 6 });
    await sim.exec("curl -sLO https://k8s.io/examples/pods/lifecycle-events.yaml");
    expect(await sim.exec("kubectl apply -f lifecycle-events.yaml")).toBe("pod/lifecycle-demo created\n");
  });
});
