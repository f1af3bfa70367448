// The Kubernetes docs' task-page examples that node.test.ts does not cover yet, run as the pages
// describe them: init containers waiting for Services, the CPU-limit example, and the liveness
// HTTP example's restart.
import { describe, expect, it } from "vitest";
import { createSimulation } from "../../../src/simulation";
import { events, getPod, status } from "./helpers";

describe("docs: pods/init-containers.yaml (concepts/workloads/pods/init-containers)", () => {
  const MYAPP = `apiVersion: v1
kind: Pod
metadata:
  name: myapp-pod
  labels:
    app.kubernetes.io/name: MyApp
spec:
  containers:
  - name: myapp-container
    image: busybox:1.28
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
  initContainers:
  - name: init-myservice
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done"]
  - name: init-mydb
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup mydb.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for mydb; sleep 2; done"]
`;

  it("without the Services the pod stays Init:0/2 and the first init container logs its lookups", async () => {
    const sim = createSimulation({ seed: 1 });
    expect(await sim.apply(MYAPP)).toBe("pod/myapp-pod created\n");
    await sim.advance(60_000);
    expect(await sim.exec("kubectl get pod myapp-pod")).toMatch(
      /^NAME {8}READY {3}STATUS {5}RESTARTS {3}AGE\nmyapp-pod {3}0\/1 {5}Init:0\/2 {3}0 {10}60s\n$/,
    );
    expect(getPod(sim, "myapp-pod").status?.phase).toBe("Pending");
    const logs = await sim.exec("kubectl logs myapp-pod -c init-myservice --tail=5");
    expect(logs).toContain(
      "nslookup: can't resolve 'myservice.default.svc.cluster.local'\nwaiting for myservice\n",
    );
    expect(logs).toContain(
      "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n",
    );
    const app = await sim.run("kubectl logs myapp-pod");
    expect(app.stderr).toBe(
      'Error from server (BadRequest): container "myapp-container" in pod "myapp-pod" is waiting to start: PodInitializing\n',
    );
  });

  // The page's Services (no selector): once both exist, nslookup resolves and the pod runs.
  const SERVICES = `---
apiVersion: v1
kind: Service
metadata:
  name: myservice
spec:
  ports:
  - protocol: TCP
    port: 80
    targetPort: 9376
---
apiVersion: v1
kind: Service
metadata:
  name: mydb
spec:
  ports:
  - protocol: TCP
    port: 80
    targetPort: 9377
`;

  it("with myservice and mydb created, both lookups succeed and the pod runs", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.apply(MYAPP);
    await sim.advance(30_000);
    expect(await sim.exec("kubectl get pod myapp-pod")).toMatch(/myapp-pod {3}0\/1 {5}Init:0\/2 /);
    // the namespace file the script reads is the projected service-account volume's
    expect(
      await sim.exec(
        "kubectl exec myapp-pod -c init-myservice -- cat /var/run/secrets/kubernetes.io/serviceaccount/namespace",
      ),
    ).toBe("default");
    expect(await sim.apply(SERVICES)).toBe("service/myservice created\nservice/mydb created\n");
    await sim.advance(10_000);
    expect(await sim.exec("kubectl get pod myapp-pod")).toMatch(/myapp-pod {3}1\/1 {5}Running {3}0 /);
    const ip = (await sim.exec("kubectl get svc myservice -o jsonpath={.spec.clusterIP}")).trim();
    const logs = await sim.exec("kubectl logs myapp-pod -c init-myservice --tail=2");
    expect(logs).toBe(
      `Name:      myservice.default.svc.cluster.local\nAddress 1: ${ip} myservice.default.svc.cluster.local\n`,
    );
    expect(await sim.exec("kubectl logs myapp-pod -c myapp-container")).toBe("The app is running!\n");
  });
});

describe("docs: assign-cpu-resource (vish/stress -cpus 2 under a 1-CPU limit)", () => {
  it("runs, and the container is throttled to its limit of one core", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: cpu-demo
spec:
  containers:
  - name: cpu-demo-ctr
    image: vish/stress
    resources:
      limits:
        cpu: "1"
      requests:
        cpu: "0.5"
    args:
    - -cpus
    - "2"
`);
    await sim.advance(30_000);
    expect(await status(sim, "cpu-demo")).toBe("Running");
    const c = sim.node.runtime.listContainersNow().find((x) => x.metadata.name === "cpu-demo-ctr");
    const stats = await sim.node.settle(sim.node.runtimeService.containerStats({ containerId: c?.id ?? "" }));
    expect((stats.stats?.cpu?.usageNanoCores?.value ?? 0) / 1e9).toBeCloseTo(1, 2);
    expect(await sim.exec("kubectl logs cpu-demo")).toMatch(
      /main\.go:\d+\] Spawning a thread to consume CPU/,
    );
  });
});

describe("docs: liveness HTTP (agnhost liveness: /healthz answers 500 after 10s)", () => {
  it("three failures at 3s intervals, then Killing and the first restart well within 30s", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: liveness-http
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/e2e-test-images/agnhost:2.40
    args: ["liveness"]
    livenessProbe:
      httpGet:
        path: /healthz
        port: 8080
        httpHeaders:
        - name: Custom-Header
          value: Awesome
      initialDelaySeconds: 3
      periodSeconds: 3
`);
    await sim.advance(30_000);
    expect(getPod(sim, "liveness-http").status?.containerStatuses?.[0].restartCount).toBeGreaterThanOrEqual(
      1,
    );
    const unhealthy = events(sim, "liveness-http").find((e) => e.reason === "Unhealthy");
    expect(unhealthy?.type).toBe("Warning");
    expect(unhealthy?.count).toBeGreaterThanOrEqual(3);
  });
});

describe("docs: tasks/configure-pod-container/static-pod (the kubelet's file source)", () => {
  const MANIFEST = `cat <<EOF >/etc/kubernetes/manifests/static-web.yaml
apiVersion: v1
kind: Pod
metadata:
  name: static-web
  labels:
    role: myrole
spec:
  containers:
    - name: web
      image: nginx
      ports:
        - name: web
          containerPort: 80
          protocol: TCP
EOF`;

  it("a manifest in staticPodPath runs as static-web-<node>, with a mirror pod the API server shows", async () => {
    const sim = createSimulation({ seed: 2 });
    expect(await sim.exec("grep staticPodPath /var/lib/kubelet/config.yaml")).toBe(
      "staticPodPath: /etc/kubernetes/manifests\n",
    );
    expect(await sim.exec(MANIFEST)).toBe("");
    // fileCheckFrequency is 20s: the kubelet sees the file on its next read.
    await sim.advance(40_000);
    expect(await sim.exec("kubectl get pods")).toMatch(
      /^NAME +READY +STATUS +RESTARTS +AGE\nstatic-web-node-1 +1\/1 +Running +0 +\d+s\n$/,
    );
    expect(await sim.exec("crictl ps --name web -q")).toMatch(/^[0-9a-f]{64}\n$/);
    const mirror = getPod(sim, "static-web-node-1");
    const a = mirror.metadata?.annotations ?? {};
    expect(a["kubernetes.io/config.source"]).toBe("file");
    expect(a["kubernetes.io/config.mirror"]).toBe(a["kubernetes.io/config.hash"]);
    expect(a["kubernetes.io/config.hash"]).toMatch(/^[0-9a-f]{32}$/);
    expect(mirror.metadata?.ownerReferences).toEqual([
      expect.objectContaining({ apiVersion: "v1", kind: "Node", name: "node-1", controller: true }),
    ]);
    expect(mirror.spec?.tolerations).toContainEqual({ operator: "Exists", effect: "NoExecute" });
    expect(await sim.exec("journalctl -u kubelet --no-pager | grep 'source=\"file\"'")).toContain(
      '"SyncLoop ADD" source="file" pods=["default/static-web-node-1"]',
    );
  });

  it("kubectl delete only removes the mirror: the kubelet posts it again and the container keeps running", async () => {
    const sim = createSimulation({ seed: 2 });
    await sim.exec(MANIFEST);
    await sim.advance(40_000);
    const id = await sim.exec("crictl ps --name web -q");
    expect(await sim.exec("kubectl delete pod static-web-node-1")).toBe(
      'pod "static-web-node-1" deleted from default namespace\n',
    );
    await sim.advance(3_000);
    expect(await sim.exec("kubectl get pods")).toMatch(/\nstatic-web-node-1 +1\/1 +Running +0 +[0-3]s\n$/);
    expect(await sim.exec("crictl ps --name web -q")).toBe(id);
  });

  it("moving the manifest out stops the pod and removes the mirror; moving it back starts it again", async () => {
    const sim = createSimulation({ seed: 2 });
    await sim.exec(MANIFEST);
    await sim.advance(40_000);
    expect(await sim.exec("mv /etc/kubernetes/manifests/static-web.yaml /tmp")).toBe("");
    await sim.advance(25_000);
    expect(await sim.exec("kubectl get pods")).toBe("No resources found in default namespace.\n");
    expect(await sim.exec("crictl ps -q")).toBe("");
    expect(await sim.exec("mv /tmp/static-web.yaml /etc/kubernetes/manifests/")).toBe("");
    await sim.advance(25_000);
    expect(await sim.exec("kubectl get pods")).toMatch(/\nstatic-web-node-1 +1\/1 +Running/);
    expect(await status(sim, "static-web-node-1")).toBe("Running");
  });

  it("a manifest that is not a valid pod is logged by the kubelet and never runs", async () => {
    const sim = createSimulation({ seed: 2 });
    await sim.exec("echo 'kind: Pod' > /etc/kubernetes/manifests/bad.yaml");
    await sim.advance(25_000);
    expect(await sim.exec("kubectl get pods")).toBe("No resources found in default namespace.\n");
    expect(
      await sim.exec("journalctl -u kubelet --no-pager | grep -c 'Could not process manifest file'"),
    ).toBe("1\n");
  });
});

describe("cp, mv and mkdir as GNU coreutils word them", () => {
  it("moves and copies files and directories, and refuses what they refuse", async () => {
    const sim = createSimulation({ seed: 2 });
    await sim.exec("echo hi > /root/a.txt");
    expect(await sim.exec("cp /root/a.txt /tmp && cat /tmp/a.txt")).toBe("hi\n");
    expect(await sim.exec("mv /root/a.txt /root/b.txt; ls /root")).toBe("b.txt\n");
    expect(await sim.exec("mv x")).toBe(
      "mv: missing destination file operand after 'x'\nTry 'mv --help' for more information.\n",
    );
    expect(await sim.exec("cp /nope /tmp")).toBe("cp: cannot stat '/nope': No such file or directory\n");
    expect(await sim.exec("cp /etc/cni /tmp")).toBe("cp: -r not specified; omitting directory '/etc/cni'\n");
    expect(await sim.exec("cp -r /etc/cni /tmp && ls /tmp/cni/net.d")).toBe("10-containerd-net.conflist\n");
    expect(await sim.exec("mkdir /a/b")).toBe(
      "mkdir: cannot create directory '/a/b': No such file or directory\n",
    );
    expect(await sim.exec("mkdir -p /a/b && ls -d /a/b")).toBe("/a/b\n");
  });
});

describe("docs: determine-reason-pod-failure (termination-demo) and define-command-argument-container", () => {
  it("the message written to /dev/termination-log shows up in lastState and through -o go-template", async () => {
    const sim = createSimulation({ seed: 3 });
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: termination-demo
spec:
  containers:
  - name: termination-demo-container
    image: debian
    command: ["/bin/sh"]
    args: ["-c", "sleep 10 && echo Sleep expired > /dev/termination-log"]
`);
    await sim.advance(30_000);
    expect(
      await sim.exec(
        'kubectl get pod termination-demo -o go-template="{{range .status.containerStatuses}}{{.lastState.terminated.message}}{{end}}"',
      ),
    ).toBe("Sleep expired\n");
    // The kubelet read it from the host side of the mount it gave the container.
    const uid = getPod(sim, "termination-demo").metadata?.uid;
    expect(await sim.exec(`cat /var/lib/kubelet/pods/${uid}/containers/termination-demo-container/0`)).toBe(
      "Sleep expired\n",
    );
  });

  it("FallbackToLogsOnError takes the log's tail when a failed container wrote no message", async () => {
    const sim = createSimulation({ seed: 3 });
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: fallback
spec:
  restartPolicy: Never
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo reading config; echo config.yaml: no such file >&2; exit 3"]
    terminationMessagePolicy: FallbackToLogsOnError
`);
    await sim.advance(20_000);
    expect(
      await sim.exec(
        "kubectl get pod fallback -o jsonpath='{.status.containerStatuses[0].state.terminated.message}'",
      ),
    ).toBe("reading config\nconfig.yaml: no such file\n");
  });

  it("command-demo prints HOSTNAME and KUBERNETES_PORT from printenv; dapi-envars prints the downward API fields", async () => {
    const sim = createSimulation({ seed: 3 });
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: command-demo
  labels:
    purpose: demonstrate-command
spec:
  containers:
  - name: command-demo-container
    image: debian
    command: ["printenv"]
    args: ["HOSTNAME", "KUBERNETES_PORT"]
  restartPolicy: OnFailure
`);
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: dapi-envars-fieldref
spec:
  containers:
    - name: test-container
      image: registry.k8s.io/busybox:1.27.2
      command: [ "sh", "-c"]
      args:
      - while true; do
          echo -en '\\n';
          printenv MY_NODE_NAME MY_POD_NAME MY_POD_NAMESPACE;
          printenv MY_POD_IP MY_POD_SERVICE_ACCOUNT;
          sleep 10;
        done;
      env:
        - name: MY_NODE_NAME
          valueFrom:
            fieldRef:
              fieldPath: spec.nodeName
        - name: MY_POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        - name: MY_POD_NAMESPACE
          valueFrom:
            fieldRef:
              fieldPath: metadata.namespace
        - name: MY_POD_IP
          valueFrom:
            fieldRef:
              fieldPath: status.podIP
        - name: MY_POD_SERVICE_ACCOUNT
          valueFrom:
            fieldRef:
              fieldPath: spec.serviceAccountName
  restartPolicy: Never
`);
    await sim.advance(30_000);
    expect(await sim.exec("kubectl logs command-demo")).toBe("command-demo\ntcp://10.96.0.1:443\n");
    const ip = getPod(sim, "dapi-envars-fieldref").status?.podIP;
    expect(await sim.exec("kubectl logs dapi-envars-fieldref --tail=6")).toBe(
      `\nnode-1\ndapi-envars-fieldref\ndefault\n${ip}\ndefault\n`,
    );
  });
});

describe("docs: a gRPC liveness probe (etcd-with-grpc) and one that cannot connect", () => {
  it("etcd serves the gRPC health check; a probe of a closed port fails with the grpc prober's words", async () => {
    const sim = createSimulation({ seed: 8 });
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: etcd-with-grpc
spec:
  containers:
  - name: etcd
    image: registry.k8s.io/etcd:3.5.1-0
    command: [ "/usr/local/bin/etcd", "--data-dir",  "/var/lib/etcd", "--listen-client-urls", "http://0.0.0.0:2379", "--advertise-client-urls", "http://127.0.0.1:2379", "--log-level", "debug"]
    ports:
    - containerPort: 2379
    livenessProbe:
      grpc:
        port: 2379
      initialDelaySeconds: 10
`);
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: closed
spec:
  containers:
  - name: web
    image: nginx
    livenessProbe:
      grpc:
        port: 9999
`);
    await sim.advance(60_000);
    expect(await sim.exec("kubectl get pod etcd-with-grpc")).toMatch(/etcd-with-grpc +1\/1 +Running +0 /);
    expect(await sim.exec("kubectl describe pod etcd-with-grpc | grep Liveness")).toBe(
      "    Liveness:       grpc <pod>:2379  delay=10s timeout=1s period=10s #success=1 #failure=3\n",
    );
    const ip = getPod(sim, "closed").status?.podIP;
    const unhealthy = events(sim, "closed").find((e) => e.reason === "Unhealthy");
    expect(unhealthy?.message).toBe(
      `Liveness probe failed: timeout: failed to connect service "${ip}:9999" within 1s: context deadline exceeded`,
    );
    expect(await sim.exec("kubectl get pod closed")).toMatch(/closed +1\/1 +Running +[1-9]/);
  });
});

describe("docs: taint-and-toleration — kubectl taint, and the scheduler honouring it", () => {
  it("a NoSchedule taint keeps an intolerant pod Pending; a toleration, or removing the taint, lets it run", async () => {
    const sim = createSimulation({ seed: 9 });
    expect(await sim.exec("kubectl taint nodes node-1 key1=value1:NoSchedule")).toBe("node/node-1 tainted\n");
    await sim.exec("kubectl run plain --image=nginx");
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: tolerant
spec:
  containers:
  - name: nginx
    image: nginx
  tolerations:
  - key: "key1"
    operator: "Equal"
    value: "value1"
    effect: "NoSchedule"
`);
    await sim.advance(20_000);
    expect(await sim.exec("kubectl get pod plain")).toMatch(/plain +0\/1 +Pending/);
    expect(await sim.exec("kubectl get pod tolerant")).toMatch(/tolerant +1\/1 +Running/);
    expect(events(sim, "plain").find((e) => e.reason === "FailedScheduling")?.message).toMatch(
      /^0\/1 nodes are available: 1 node\(s\) had untolerated taint \{key1: value1\}\./,
    );
    expect(await sim.exec("kubectl taint nodes node-1 key1=value1:NoSchedule")).toBe(
      "error: node node-1 already has key1 taint(s) with same effect(s) and --overwrite is false\n",
    );
    expect(await sim.exec("kubectl taint nodes node-1 key1=value1:NoSchedule-")).toBe(
      "node/node-1 untainted\n",
    );
    expect(await sim.exec("kubectl taint nodes node-1 key1:NoSchedule-")).toBe(
      'error: taint "key1:NoSchedule" not found\n',
    );
    await sim.advance(20_000);
    expect(await sim.exec("kubectl get pod plain")).toMatch(/plain +1\/1 +Running/);
  });
});

describe("kubectl top on a cluster without metrics-server", () => {
  it("says the Metrics API is not available, as on a fresh kubeadm cluster", async () => {
    const sim = createSimulation({ seed: 9 });
    expect(await sim.exec("kubectl top pod")).toBe("error: Metrics API not available\n");
    expect(await sim.exec("kubectl top node")).toBe("error: Metrics API not available\n");
  });
});

describe("kubectl wait and logs --all-containers, as tutorials use them", () => {
  it("wait moves virtual time until the condition holds, or times out in kubectl's words", async () => {
    const sim = createSimulation({ seed: 10 });
    await sim.exec("kubectl run web --image=nginx");
    const t0 = sim.node.clock.now();
    expect(await sim.exec("kubectl wait --for=condition=Ready pod/web --timeout=60s")).toBe(
      "pod/web condition met\n",
    );
    expect(sim.node.clock.now() - t0).toBeGreaterThan(0);
    expect(sim.node.clock.now() - t0).toBeLessThan(60_000);
    await sim.exec("kubectl run bad --image=nginx:nope");
    expect(await sim.exec("kubectl wait --for=condition=Ready pod/bad --timeout=10s")).toBe(
      "error: timed out waiting for the condition on pods/bad\n",
    );
    expect(await sim.exec("kubectl wait --for=jsonpath={.status.phase}=Running pod/web")).toBe(
      "pod/web condition met\n",
    );
    expect(await sim.exec("kubectl wait --for=condition=Ready pod/nope")).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
    await sim.exec("kubectl delete pod web --wait=false");
    expect(await sim.exec("kubectl wait --for=delete pod/web --timeout=60s")).toBe("pod/web condition met\n");
  });

  it("logs --all-containers prints init and app containers in order; --prefix names each", async () => {
    const sim = createSimulation({ seed: 10 });
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  initContainers:
  - name: init
    image: busybox:1.36
    command: ["sh", "-c", "echo init done"]
  containers:
  - name: a
    image: busybox:1.36
    command: ["sh", "-c", "echo from a; sleep 3600"]
  - name: b
    image: busybox:1.36
    command: ["sh", "-c", "echo hi from b; sleep 3600"]
`);
    await sim.advance(20_000);
    expect(await sim.exec("kubectl logs two --all-containers")).toBe("init done\nfrom a\nhi from b\n");
    expect(await sim.exec("kubectl logs two --all-containers --prefix")).toBe(
      "[pod/two/init] init done\n[pod/two/a] from a\n[pod/two/b] hi from b\n",
    );
  });
});
