// Volumes as the docs' task pages use them: the kubelet sets each volume up on the node before the
// containers start (ConfigMap, Secret, downward API and the projected service-account token as files,
// emptyDir as a directory that outlives a container restart), a missing ConfigMap is FailedMount,
// and `kill 1` in a container restarts it. Sources: pkg/volume/*, kubelet volumemanager, the pages
// configure-pod-configmap, distribute-credentials-secure, downward-api-volume-expose-pod-information,
// configure-volume-storage.
import { describe, expect, it } from "vitest";
import { createSimulation } from "../../../src/simulation";
import { events, getPod } from "./helpers";

describe("volumes are files the kubelet writes on the node and the runtime mounts", () => {
  it("ConfigMap keys, Secret values and downward API labels appear as files; ConfigMap volumes are read-only", async () => {
    const sim = createSimulation({ seed: 4 });
    await sim.exec(
      "kubectl create configmap special-config --from-literal=SPECIAL_LEVEL=very --from-literal=SPECIAL_TYPE=charm",
    );
    await sim.exec(
      "kubectl create secret generic test-secret --from-literal=username=my-app --from-literal=password='39528$vdg7Jb'",
    );
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: vols
  labels:
    zone: us-est-coast
    cluster: test-cluster1
spec:
  containers:
  - name: test
    image: busybox:1.36
    command: ["sleep", "3600"]
    volumeMounts:
    - name: config-volume
      mountPath: /etc/config
    - name: secret-volume
      mountPath: /etc/secret-volume
      readOnly: true
    - name: podinfo
      mountPath: /etc/podinfo
  volumes:
  - name: config-volume
    configMap:
      name: special-config
  - name: secret-volume
    secret:
      secretName: test-secret
  - name: podinfo
    downwardAPI:
      items:
      - path: labels
        fieldRef:
          fieldPath: metadata.labels
`);
    await sim.advance(20_000);
    const x = (cmd: string) => sim.exec(`kubectl exec vols -- ${cmd}`);
    expect(await x("ls /etc/config/")).toBe("SPECIAL_LEVEL\nSPECIAL_TYPE\n");
    expect(await x("cat /etc/config/SPECIAL_LEVEL")).toBe("very");
    expect(await x("cat /etc/secret-volume/username")).toBe("my-app");
    expect(await x("cat /etc/secret-volume/password")).toBe("39528$vdg7Jb");
    expect(await x("cat /etc/podinfo/labels")).toBe('cluster="test-cluster1"\nzone="us-est-coast"');
    expect(await x("sh -c 'echo x > /etc/config/new'")).toBe(
      "sh: can't create /etc/config/new: Read-only file system\ncommand terminated with exit code 1\n",
    );
    // The same files, on the node, where the kubelet put them.
    const uid = getPod(sim, "vols").metadata?.uid;
    expect(
      await sim.exec(
        `cat /var/lib/kubelet/pods/${uid}/volumes/kubernetes.io~configmap/config-volume/SPECIAL_TYPE`,
      ),
    ).toBe("charm");
    // The service-account token volume every pod gets.
    expect(await x("cat /var/run/secrets/kubernetes.io/serviceaccount/namespace")).toBe("default");
  });

  it("a missing ConfigMap leaves the pod ContainerCreating with FailedMount, until it exists", async () => {
    const sim = createSimulation({ seed: 4 });
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: nocm
spec:
  containers:
  - name: a
    image: busybox:1.36
    command: ["sleep", "3600"]
    volumeMounts:
    - name: c
      mountPath: /etc/c
  volumes:
  - name: c
    configMap:
      name: app-config
`);
    await sim.advance(30_000);
    expect(await sim.exec("kubectl get pod nocm")).toMatch(/nocm +0\/1 +ContainerCreating/);
    expect(events(sim, "nocm").find((e) => e.reason === "FailedMount")?.message).toBe(
      'MountVolume.SetUp failed for volume "c" : configmap "app-config" not found',
    );
    await sim.exec("kubectl create configmap app-config --from-literal=mode=prod");
    await sim.advance(20_000);
    expect(await sim.exec("kubectl get pod nocm")).toMatch(/nocm +1\/1 +Running/);
    expect(await sim.exec("kubectl exec nocm -- cat /etc/c/mode")).toBe("prod");
  });

  it("emptyDir outlives a container restart: kill 1 restarts redis, the file is still there", async () => {
    const sim = createSimulation({ seed: 4 });
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: redis
spec:
  containers:
  - name: redis
    image: redis
    volumeMounts:
    - name: redis-storage
      mountPath: /data/redis
  volumes:
  - name: redis-storage
    emptyDir: {}
`);
    await sim.advance(20_000);
    expect(await sim.exec("kubectl exec redis -- sh -c 'echo Hello > /data/redis/test-file'")).toBe("");
    expect(await sim.exec("kubectl exec redis -- kill 1")).toBe("");
    await sim.advance(15_000);
    expect(await sim.exec("kubectl get pod redis")).toMatch(/redis +1\/1 +Running +1 \(\d+s ago\)/);
    expect(await sim.exec("kubectl exec redis -- cat /data/redis/test-file")).toBe("Hello\n");
    expect(await sim.exec("kubectl exec redis -- kill 42")).toBe(
      "sh: kill: (42) - No such process\ncommand terminated with exit code 1\n",
    );
  });
});

describe("kubectl create namespace", () => {
  it("creates one, refuses a second of the same name and a bad name, in kubectl's words", async () => {
    const sim = createSimulation({ seed: 4 });
    expect(await sim.exec("kubectl create namespace mem-example")).toBe("namespace/mem-example created\n");
    expect(await sim.exec("kubectl create ns mem-example")).toBe(
      'Error from server (AlreadyExists): namespaces "mem-example" already exists\n',
    );
    expect(await sim.exec("kubectl create namespace")).toBe(
      "error: exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples\n",
    );
    expect(await sim.exec("kubectl get ns mem-example")).toMatch(
      /^NAME +STATUS +AGE\nmem-example +Active +0s\n$/,
    );
  });
});

describe("docs: communicate-containers-same-pod-shared-volume, and curl in the nginx image", () => {
  it("the debian container writes index.html into the shared emptyDir; nginx serves it to curl", async () => {
    const sim = createSimulation({ seed: 6 });
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: two-containers
spec:
  restartPolicy: Never
  volumes:
  - name: shared-data
    emptyDir: {}
  containers:
  - name: nginx-container
    image: nginx
    volumeMounts:
    - name: shared-data
      mountPath: /usr/share/nginx/html
  - name: debian-container
    image: debian
    volumeMounts:
    - name: shared-data
      mountPath: /pod-data
    command: ["/bin/sh"]
    args: ["-c", "echo Hello from the debian container > /pod-data/index.html"]
`);
    await sim.advance(30_000);
    const x = (cmd: string) => sim.exec(`kubectl exec two-containers -c nginx-container -- ${cmd}`);
    expect(await x("cat /usr/share/nginx/html/index.html")).toBe("Hello from the debian container\n");
    expect(await x("curl -s localhost")).toBe("Hello from the debian container\n");
    expect(await x("curl -s localhost:8080")).toBe("command terminated with exit code 7\n");
    expect(await x("curl -sS localhost:8080")).toBe(
      "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Connection refused\ncommand terminated with exit code 7\n",
    );
    expect(await x("curl -sSf localhost/nope")).toBe(
      "curl: (22) The requested URL returned error: 404\ncommand terminated with exit code 22\n",
    );
    expect(await x("curl -sS nowhere")).toBe(
      "curl: (6) Could not resolve host: nowhere\ncommand terminated with exit code 6\n",
    );
    // Without -s, curl's progress meter goes to stderr (stdout is not a terminal under kubectl exec).
    const meter = await x("curl localhost");
    expect(meter).toContain("Hello from the debian container\n");
    expect(meter).toContain(
      "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n",
    );
  });
});
