// The Kubernetes docs' "Tasks > Configure Pods and Containers" (and "Inject Data Into
// Applications") examples, run as the pages describe them: the manifests, the kubectl commands the
// pages type (non-interactive forms of their `kubectl exec -it` steps) and what the pages show.
import type { Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";
import { events, getPod } from "./helpers";

function podIn(sim: LiveSimulation, ns: string, name: string): Pod {
  return sim.node.api.get<Pod>("Pod", ns, name);
}

describe("docs: assign-memory-resource (polinux/stress under a memory limit)", () => {
  const stress = (name: string, req: string, lim: string, bytes: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: mem-example
spec:
  containers:
  - name: ${name}-ctr
    image: polinux/stress
    resources:
      requests:
        memory: "${req}"
      limits:
        memory: "${lim}"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "${bytes}", "--vm-hang", "1"]
`;

  it("memory-demo runs within its 200Mi limit; -o yaml shows the request and the limit", async () => {
    const sim = createSimulation({ seed: 21 });
    expect(await sim.exec("kubectl create namespace mem-example")).toBe("namespace/mem-example created\n");
    expect(await sim.apply(stress("memory-demo", "100Mi", "200Mi", "150M"))).toBe(
      "pod/memory-demo created\n",
    );
    await sim.advance(20_000);
    expect(await sim.exec("kubectl get pod memory-demo --namespace=mem-example")).toMatch(
      /^NAME {10}READY {3}STATUS {4}RESTARTS {3}AGE\nmemory-demo {3}1\/1 {5}Running {3}0 {10}20s\n$/,
    );
    expect(await sim.exec("kubectl get pod memory-demo --output=yaml --namespace=mem-example")).toContain(
      "    resources:\n      limits:\n        memory: 200Mi\n      requests:\n        memory: 100Mi\n",
    );
    // a kubeadm cluster has no metrics-server: the page's `kubectl top` step needs one
    expect(await sim.exec("kubectl top pod memory-demo --namespace=mem-example")).toBe(
      "error: Metrics API not available\n",
    );
  });

  it("memory-demo-2 (250M over a 100Mi limit) is OOMKilled, exit 137, and restarted again and again", async () => {
    const sim = createSimulation({ seed: 21 });
    await sim.exec("kubectl create namespace mem-example");
    await sim.apply(stress("memory-demo-2", "50Mi", "100Mi", "250M"));
    const statuses: string[] = [];
    for (let i = 0; i < 40; i++) {
      await sim.advance(500);
      const row = await sim.exec("kubectl get pod memory-demo-2 --namespace=mem-example --no-headers");
      statuses.push(row.split(/\s+/)[2]);
    }
    expect(statuses).toContain("OOMKilled");
    expect(statuses[statuses.length - 1]).toBe("CrashLoopBackOff");
    const cs = podIn(sim, "mem-example", "memory-demo-2").status?.containerStatuses?.[0];
    expect(cs?.restartCount).toBeGreaterThanOrEqual(2);
    expect(cs?.lastState?.terminated).toMatchObject({ exitCode: 137, reason: "OOMKilled" });
    const yaml = await sim.exec("kubectl get pod memory-demo-2 --output=yaml --namespace=mem-example");
    expect(yaml).toMatch(
      / {4}lastState:\n {6}terminated:\n {8}containerID: containerd:\/\/[0-9a-f]{64}\n {8}exitCode: 137\n/,
    );
    expect(yaml).toContain("        reason: OOMKilled\n");
    expect(await sim.exec("kubectl describe pod memory-demo-2 --namespace=mem-example")).toMatch(
      /Warning +BackOff +\S+ \(x\d+ over \S+\) +kubelet +Back-off restarting failed container memory-demo-2-ctr in pod memory-demo-2_mem-example\(/,
    );
  });

  it("memory-demo-3 asks for 1000Gi: Pending, and FailedScheduling in the scheduler's words", async () => {
    const sim = createSimulation({ seed: 21 });
    await sim.exec("kubectl create namespace mem-example");
    await sim.apply(stress("memory-demo-3", "1000Gi", "1000Gi", "150M"));
    await sim.advance(25_000);
    expect(await sim.exec("kubectl get pod memory-demo-3 --namespace=mem-example")).toMatch(
      /\nmemory-demo-3 {3}0\/1 {5}Pending {3}0 {10}25s\n$/,
    );
    expect(await sim.exec("kubectl describe pod memory-demo-3 --namespace=mem-example")).toMatch(
      /Warning {2}FailedScheduling {2}25s {3}default-scheduler {2}0\/1 nodes are available: 1 Insufficient memory\. preemption: 0\/1 nodes are available: 1 No preemption victims found for incoming pod\.\n$/,
    );
  });
});

describe("docs: assign-cpu-resource (cpu-demo-2 asks for 100 CPUs)", () => {
  it("stays Pending with FailedScheduling: Insufficient cpu", async () => {
    const sim = createSimulation({ seed: 22 });
    await sim.exec("kubectl create namespace cpu-example");
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: cpu-demo-2
  namespace: cpu-example
spec:
  containers:
  - name: cpu-demo-ctr-2
    image: vish/stress
    resources:
      limits:
        cpu: "100"
      requests:
        cpu: "100"
    args:
    - -cpus
    - "2"
`);
    await sim.advance(7 * 60_000);
    expect(await sim.exec("kubectl get pod cpu-demo-2 --namespace=cpu-example")).toMatch(
      /\ncpu-demo-2 {3}0\/1 {5}Pending {3}0 {10}7m\n$/,
    );
    const failed = sim.node.api
      .list<{ reason?: string; message?: string; involvedObject: { name?: string } }>("Event", {
        namespace: "cpu-example",
      })
      .find((e) => e.involvedObject.name === "cpu-demo-2" && e.reason === "FailedScheduling");
    expect(failed?.message).toBe(
      "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    );
  });
});

describe("docs: quality-service-pod (qos-demo … qos-demo-4)", () => {
  it("Guaranteed, Burstable, BestEffort and a two-container Burstable pod", async () => {
    const sim = createSimulation({ seed: 23 });
    await sim.exec("kubectl create namespace qos-example");
    const pod = (name: string, containers: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: qos-example\nspec:\n  containers:\n${containers}`;
    await sim.apply(
      pod(
        "qos-demo",
        `  - name: qos-demo-ctr\n    image: nginx\n    resources:\n      limits:\n        memory: "200Mi"\n        cpu: "700m"\n      requests:\n        memory: "200Mi"\n        cpu: "700m"\n`,
      ),
    );
    await sim.apply(
      pod(
        "qos-demo-2",
        `  - name: qos-demo-2-ctr\n    image: nginx\n    resources:\n      limits:\n        memory: "200Mi"\n      requests:\n        memory: "100Mi"\n`,
      ),
    );
    await sim.apply(pod("qos-demo-3", `  - name: qos-demo-3-ctr\n    image: nginx\n`));
    await sim.apply(
      pod(
        "qos-demo-4",
        `  - name: qos-demo-4-ctr-1\n    image: nginx\n    resources:\n      requests:\n        memory: "200Mi"\n  - name: qos-demo-4-ctr-2\n    image: redis\n`,
      ),
    );
    await sim.advance(20_000);
    const yaml = (n: string) => sim.exec(`kubectl get pod ${n} --namespace=qos-example --output=yaml`);
    const guaranteed = await yaml("qos-demo");
    expect(guaranteed).toContain(
      "    resources:\n      limits:\n        cpu: 700m\n        memory: 200Mi\n      requests:\n        cpu: 700m\n        memory: 200Mi\n",
    );
    expect(guaranteed).toContain("  qosClass: Guaranteed\n");
    const burstable = await yaml("qos-demo-2");
    expect(burstable).toContain(
      "  - image: nginx\n    imagePullPolicy: Always\n    name: qos-demo-2-ctr\n    resources:\n      limits:\n        memory: 200Mi\n      requests:\n        memory: 100Mi\n",
    );
    expect(burstable).toContain("  qosClass: Burstable\n");
    const best = await yaml("qos-demo-3");
    expect(best).toContain("    resources: {}\n");
    expect(best).toContain("  qosClass: BestEffort\n");
    const two = await yaml("qos-demo-4");
    expect(two).toContain(
      "    name: qos-demo-4-ctr-1\n    resources:\n      requests:\n        memory: 200Mi\n",
    );
    expect(two).toContain("    name: qos-demo-4-ctr-2\n    resources: {}\n");
    expect(two).toContain("  qosClass: Burstable\n");
    expect(await sim.exec("kubectl describe pod qos-demo --namespace=qos-example | grep QoS")).toBe(
      "QoS Class:                   Guaranteed\n",
    );
  });
});

describe("docs: configure-volume-storage (redis with an emptyDir at /data/redis)", () => {
  it("a file written to the volume survives the container being killed and restarted", async () => {
    const sim = createSimulation({ seed: 24 });
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
    await sim.advance(13_000);
    expect(await sim.exec("kubectl get pod redis")).toMatch(/\nredis {3}1\/1 {5}Running {3}0 {10}13s\n$/);
    expect(await sim.exec("kubectl exec redis -- sh -c 'cd /data/redis/ && echo Hello > test-file'")).toBe(
      "",
    );
    // the redis image ships no procps: the page installs it before `ps aux`
    expect(await sim.exec("kubectl exec redis -- sh -c 'ps aux'")).toBe(
      "sh: 1: ps: not found\ncommand terminated with exit code 127\n",
    );
    expect(await sim.exec("kubectl exec redis -- kill 1")).toBe("");
    await sim.advance(5_000);
    expect(await sim.exec("kubectl get pod redis")).toMatch(/\nredis {3}1\/1 {5}Running {3}1 \(\d+s ago\) /);
    expect(getPod(sim, "redis").status?.containerStatuses?.[0].lastState?.terminated?.reason).toBe(
      "Completed",
    );
    expect(await sim.exec("kubectl exec redis -- ls /data/redis")).toBe("test-file\n");
    expect(await sim.exec("kubectl exec redis -- cat /data/redis/test-file")).toBe("Hello\n");
  });
});

describe("docs: configure-pod-configmap", () => {
  const FILES = `mkdir -p configure-pod-container/configmap/
cat <<EOF > configure-pod-container/configmap/game.properties
enemies=aliens
lives=3
enemies.cheat=true
enemies.cheat.level=noGoodRotten
secret.code.passphrase=UUDDLRLRBABAS
secret.code.allowed=true
secret.code.lives=30
EOF
cat <<EOF > configure-pod-container/configmap/ui.properties
color.good=purple
color.bad=yellow
allow.textmode=true
how.nice.to.look=fairlyNice
EOF`;
  const GAME = `enemies=aliens
lives=3
enemies.cheat=true
enemies.cheat.level=noGoodRotten
secret.code.passphrase=UUDDLRLRBABAS
secret.code.allowed=true
secret.code.lives=30
`;
  const UI = "color.good=purple\ncolor.bad=yellow\nallow.textmode=true\nhow.nice.to.look=fairlyNice\n";

  it("--from-file with a directory packs each file; describe and -o yaml show the data", async () => {
    const sim = createSimulation({ seed: 25 });
    expect(await sim.exec(FILES)).toBe("");
    expect(
      await sim.exec("kubectl create configmap game-config --from-file=configure-pod-container/configmap/"),
    ).toBe("configmap/game-config created\n");
    expect(await sim.exec("kubectl describe configmaps game-config")).toBe(
      `Name:         game-config\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\ngame.properties:\n----\n${GAME}\n\nui.properties:\n----\n${UI}\n\n\nBinaryData\n====\n\nEvents:  <none>\n`,
    );
    const yaml = await sim.exec("kubectl get configmaps game-config -o yaml");
    expect(yaml).toMatch(/^apiVersion: v1\ndata:\n {2}game\.properties: \|\n {4}enemies=aliens\n/);
    expect(yaml).toContain("  ui.properties: |\n    color.good=purple\n");
    expect(yaml).toMatch(
      /\nkind: ConfigMap\nmetadata:\n {2}creationTimestamp: "[^"]+"\n {2}name: game-config\n/,
    );
  });

  it("--from-file twice, key=path, --from-env-file (quotes kept, comments skipped) and --from-literal", async () => {
    const sim = createSimulation({ seed: 25 });
    await sim.exec(FILES);
    expect(
      await sim.exec(
        "kubectl create configmap game-config-2 --from-file=configure-pod-container/configmap/game.properties --from-file=configure-pod-container/configmap/ui.properties",
      ),
    ).toBe("configmap/game-config-2 created\n");
    expect(await sim.exec("kubectl get configmap game-config-2 -o jsonpath='{.data.ui\\.properties}'")).toBe(
      UI,
    );
    expect(
      await sim.exec(
        "kubectl create configmap game-config-3 --from-file=game-special-key=configure-pod-container/configmap/game.properties",
      ),
    ).toBe("configmap/game-config-3 created\n");
    expect(await sim.exec("kubectl get configmaps game-config-3 -o yaml")).toContain(
      "data:\n  game-special-key: |\n    enemies=aliens\n",
    );
    await sim.exec(`cat <<EOF > configure-pod-container/configmap/game-env-file.properties
enemies=aliens
lives=3
allowed="true"

# This comment and the empty line above it are ignored
EOF
cat <<EOF > configure-pod-container/configmap/ui-env-file.properties
color=purple
textmode=true
how=fairlyNice
EOF`);
    expect(
      await sim.exec(
        "kubectl create configmap game-config-env-file --from-env-file=configure-pod-container/configmap/game-env-file.properties",
      ),
    ).toBe("configmap/game-config-env-file created\n");
    expect(await sim.exec("kubectl get configmap game-config-env-file -o yaml")).toMatch(
      /^apiVersion: v1\ndata:\n {2}allowed: '"true"'\n {2}enemies: aliens\n {2}lives: "3"\nkind: ConfigMap\n/,
    );
    await sim.exec(
      "kubectl create configmap config-multi-env-files --from-env-file=configure-pod-container/configmap/game-env-file.properties --from-env-file=configure-pod-container/configmap/ui-env-file.properties",
    );
    expect(await sim.exec("kubectl get configmap config-multi-env-files -o yaml")).toMatch(
      /^apiVersion: v1\ndata:\n {2}allowed: '"true"'\n {2}color: purple\n {2}enemies: aliens\n {2}how: fairlyNice\n {2}lives: "3"\n {2}textmode: "true"\n/,
    );
    expect(
      await sim.exec(
        "kubectl create configmap special-config --from-literal=special.how=very --from-literal=special.type=charm",
      ),
    ).toBe("configmap/special-config created\n");
    expect(await sim.exec("kubectl get configmaps special-config -o yaml")).toMatch(
      /^apiVersion: v1\ndata:\n {2}special\.how: very\n {2}special\.type: charm\nkind: ConfigMap\n/,
    );
    // kubectl's own refusals
    expect(await sim.exec("kubectl create configmap special-config --from-literal=special.how=very")).toBe(
      'error: failed to create configmap: configmaps "special-config" already exists\n',
    );
    expect(await sim.exec("kubectl create configmap x --from-file=nope.properties")).toBe(
      "error: error reading nope.properties: no such file or directory\n",
    );
    expect(
      await sim.exec(
        "kubectl create configmap x --from-env-file=configure-pod-container/configmap/ui-env-file.properties --from-literal=a=b",
      ),
    ).toBe("error: from-env-file cannot be combined with from-file or from-literal\n");
    expect(await sim.exec("kubectl create configmap x --from-literal='bad key=1'")).toBe(
      `error: "bad key" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n`,
    );
    expect(await sim.exec("kubectl create configmap x --from-literal=a=1 --dry-run=client -o yaml")).toBe(
      'apiVersion: v1\ndata:\n  a: "1"\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: x\n',
    );
  });

  const SPECIAL = `apiVersion: v1
kind: ConfigMap
metadata:
  name: special-config
  namespace: default
data:
  SPECIAL_LEVEL: very
  SPECIAL_TYPE: charm
`;
  const busybox = (name: string, body: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
    - name: test-container
      image: registry.k8s.io/busybox:1.27.2
${body}
  restartPolicy: Never
`;

  it("env from one key, envFrom, $(VAR) in the command, and a configMap volume (all keys, or one at a path)", async () => {
    const sim = createSimulation({ seed: 26 });
    await sim.apply(SPECIAL);
    await sim.apply(
      busybox(
        "env-one",
        `      command: [ "/bin/sh", "-c", "env" ]
      env:
        - name: SPECIAL_LEVEL_KEY
          valueFrom:
            configMapKeyRef:
              name: special-config
              key: SPECIAL_LEVEL`,
      ),
    );
    await sim.apply(
      busybox(
        "env-from",
        `      command: [ "/bin/sh", "-c", "env" ]
      envFrom:
      - configMapRef:
          name: special-config`,
      ),
    );
    await sim.apply(
      busybox(
        "env-command",
        `      command: [ "/bin/echo", "$(SPECIAL_LEVEL_KEY) $(SPECIAL_TYPE_KEY)" ]
      env:
        - name: SPECIAL_LEVEL_KEY
          valueFrom:
            configMapKeyRef:
              name: special-config
              key: SPECIAL_LEVEL
        - name: SPECIAL_TYPE_KEY
          valueFrom:
            configMapKeyRef:
              name: special-config
              key: SPECIAL_TYPE`,
      ),
    );
    await sim.apply(
      busybox(
        "volume",
        `      command: [ "/bin/sh", "-c", "ls /etc/config/" ]
      volumeMounts:
      - name: config-volume
        mountPath: /etc/config
  volumes:
    - name: config-volume
      configMap:
        name: special-config`,
      ),
    );
    await sim.apply(
      busybox(
        "volume-key",
        `      command: [ "/bin/sh","-c","cat /etc/config/keys" ]
      volumeMounts:
      - name: config-volume
        mountPath: /etc/config
  volumes:
    - name: config-volume
      configMap:
        name: special-config
        items:
        - key: SPECIAL_LEVEL
          path: keys`,
      ),
    );
    await sim.advance(20_000);
    expect(await sim.exec("kubectl logs env-one")).toContain("\nSPECIAL_LEVEL_KEY=very\n");
    const all = await sim.exec("kubectl logs env-from");
    expect(all).toContain("\nSPECIAL_LEVEL=very\n");
    expect(all).toContain("\nSPECIAL_TYPE=charm\n");
    expect(await sim.exec("kubectl logs env-command")).toBe("very charm\n");
    expect(await sim.exec("kubectl logs volume")).toBe("SPECIAL_LEVEL\nSPECIAL_TYPE\n");
    // the last line had no newline: containerd's logger writes it as a partial (P) entry at EOF,
    // and the kubelet prints a partial entry without one
    expect(await sim.exec("kubectl logs volume-key")).toBe("very");
  });

  it("a missing key or ConfigMap keeps the container in CreateContainerConfigError with the kubelet's message", async () => {
    const sim = createSimulation({ seed: 26 });
    await sim.exec("kubectl create configmap special-config --from-literal=special.how=very");
    await sim.apply(
      busybox(
        "missing-key",
        `      command: [ "/bin/sh", "-c", "env" ]
      env:
        - name: SPECIAL_LEVEL_KEY
          valueFrom:
            configMapKeyRef:
              name: special-config
              key: special.type`,
      ),
    );
    await sim.apply(
      busybox(
        "missing-map",
        `      command: [ "/bin/sh", "-c", "env" ]
      env:
        - name: LOG_LEVEL
          valueFrom:
            configMapKeyRef:
              name: env-config
              key: log_level`,
      ),
    );
    await sim.advance(20_000);
    expect(await sim.exec("kubectl get pod missing-key missing-map --no-headers")).toMatch(
      /^missing-key {3}0\/1 {3}CreateContainerConfigError {3}0 {3}20s\nmissing-map {3}0\/1 {3}CreateContainerConfigError {3}0 {3}20s\n$/,
    );
    expect(getPod(sim, "missing-key").status?.containerStatuses?.[0].state?.waiting?.message).toBe(
      "couldn't find key special.type in ConfigMap default/special-config",
    );
    expect(events(sim, "missing-map").find((e) => e.reason === "Failed")?.message).toBe(
      'Error: configmap "env-config" not found',
    );
  });
});

describe("docs: distribute-credentials-secure (Secrets as files and as environment variables)", () => {
  it("base64, the Secret table and describe, and the secret volume's files", async () => {
    const sim = createSimulation({ seed: 27 });
    expect(await sim.exec("echo -n 'my-app' | base64")).toBe("bXktYXBw\n");
    expect(await sim.exec("echo -n '39528$vdg7Jb' | base64")).toBe("Mzk1MjgkdmRnN0pi\n");
    await sim.apply(`apiVersion: v1
kind: Secret
metadata:
  name: test-secret
data:
  username: bXktYXBw
  password: Mzk1MjgkdmRnN0pi
`);
    await sim.advance(60_000);
    expect(await sim.exec("kubectl get secret test-secret")).toBe(
      "NAME          TYPE     DATA   AGE\ntest-secret   Opaque   2      60s\n",
    );
    // SecretDescriber prints no events section
    expect(await sim.exec("kubectl describe secret test-secret")).toBe(
      "Name:         test-secret\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  12 bytes\nusername:  6 bytes\n",
    );
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: secret-test-pod
spec:
  containers:
    - name: test-container
      image: nginx
      volumeMounts:
        - name: secret-volume
          mountPath: /etc/secret-volume
          readOnly: true
  volumes:
    - name: secret-volume
      secret:
        secretName: test-secret
`);
    await sim.advance(15_000);
    expect(await sim.exec("kubectl get pod secret-test-pod")).toMatch(
      /\nsecret-test-pod {3}1\/1 {5}Running {3}0 /,
    );
    expect(await sim.exec("kubectl exec secret-test-pod -- ls /etc/secret-volume")).toBe(
      "password\nusername\n",
    );
    expect(
      await sim.exec(
        "kubectl exec secret-test-pod -- /bin/bash -c 'cd /etc/secret-volume; cat username; echo; cat password; echo'",
      ),
    ).toBe("my-app\n39528$vdg7Jb\n");
  });

  it("create secret generic, then secretKeyRef from one and from two Secrets, and envFrom", async () => {
    const sim = createSimulation({ seed: 27 });
    expect(
      await sim.exec(
        "kubectl create secret generic backend-user --from-literal=backend-username='backend-admin'",
      ),
    ).toBe("secret/backend-user created\n");
    await sim.exec("kubectl create secret generic db-user --from-literal=db-username='db-admin'");
    expect(
      await sim.exec(
        "kubectl create secret generic test-secret --from-literal=username='my-app' --from-literal=password='39528$vdg7Jb'",
      ),
    ).toBe("secret/test-secret created\n");
    expect(
      await sim.exec("kubectl create secret generic db-user --from-literal=db-username='db-admin'"),
    ).toBe('error: failed to create secret: secrets "db-user" already exists\n');
    const nginx = (name: string, env: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: envars-test-container\n    image: nginx\n${env}`;
    await sim.apply(
      nginx(
        "env-single-secret",
        "    env:\n    - name: SECRET_USERNAME\n      valueFrom:\n        secretKeyRef:\n          name: backend-user\n          key: backend-username\n",
      ),
    );
    await sim.apply(
      nginx(
        "envvars-multiple-secrets",
        "    env:\n    - name: BACKEND_USERNAME\n      valueFrom:\n        secretKeyRef:\n          name: backend-user\n          key: backend-username\n    - name: DB_USERNAME\n      valueFrom:\n        secretKeyRef:\n          name: db-user\n          key: db-username\n",
      ),
    );
    await sim.apply(nginx("envfrom-secret", "    envFrom:\n    - secretRef:\n        name: test-secret\n"));
    await sim.advance(15_000);
    expect(await sim.exec("kubectl exec env-single-secret -- /bin/sh -c 'echo $SECRET_USERNAME'")).toBe(
      "backend-admin\n",
    );
    const both = await sim.exec("kubectl exec envvars-multiple-secrets -- /bin/sh -c 'env | grep _USERNAME'");
    expect(both.split("\n").sort()).toEqual(["", "BACKEND_USERNAME=backend-admin", "DB_USERNAME=db-admin"]);
    // dash's echo turns \n into newlines
    expect(
      await sim.exec(
        "kubectl exec envfrom-secret -- /bin/sh -c 'echo \"username: $username\\npassword: $password\\n\"'",
      ),
    ).toBe("username: my-app\npassword: 39528$vdg7Jb\n\n");
  });
});

describe("docs: define-environment-variable-container and define-command-argument-container", () => {
  it("envar-demo (hello-app:2.0) shows DEMO_GREETING and DEMO_FAREWELL in printenv", async () => {
    const sim = createSimulation({ seed: 28 });
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: envar-demo
  labels:
    purpose: demonstrate-envars
spec:
  containers:
  - name: envar-demo-container
    image: gcr.io/google-samples/hello-app:2.0
    env:
    - name: DEMO_GREETING
      value: "Hello from the environment"
    - name: DEMO_FAREWELL
      value: "Such a sweet sorrow"
`);
    await sim.advance(9_000);
    expect(await sim.exec("kubectl get pods -l purpose=demonstrate-envars")).toBe(
      "NAME         READY   STATUS    RESTARTS   AGE\nenvar-demo   1/1     Running   0          9s\n",
    );
    const env = await sim.exec("kubectl exec envar-demo -- printenv");
    expect(env).toContain("\nHOSTNAME=envar-demo\n");
    expect(env).toContain("\nDEMO_GREETING=Hello from the environment\nDEMO_FAREWELL=Such a sweet sorrow\n");
    expect(await sim.exec("kubectl logs envar-demo")).toMatch(
      /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d Server listening on port 8080\n$/,
    );
  });

  it("$(VAR) in args expands from env defined earlier; $$ escapes; a later variable stays literal", async () => {
    const sim = createSimulation({ seed: 28 });
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: print-greeting
spec:
  containers:
  - name: env-print-demo
    image: bash
    env:
    - name: GREETING
      value: "Warm greetings to"
    - name: HONORIFIC
      value: "The Most Honorable"
    - name: NAME
      value: "Kubernetes"
    - name: MESSAGE
      value: "$(GREETING) $(HONORIFIC) $(NAME)"
    command: ["echo"]
    args: ["$(MESSAGE)"]
`);
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: dependent-envars-demo
spec:
  containers:
  - name: dependent-envars-demo
    args:
    - while true; do echo -en '\\n'; printenv SERVICE_ADDRESS; printenv UNCHANGED_REFERENCE; printenv ESCAPED_REFERENCE; sleep 30; done;
    command:
    - sh
    - -c
    image: busybox:1.28
    env:
    - name: SERVICE_PORT
      value: "80"
    - name: SERVICE_IP
      value: "172.17.0.1"
    - name: UNCHANGED_REFERENCE
      value: "$(PROTOCOL)://$(SERVICE_IP):$(SERVICE_PORT)"
    - name: PROTOCOL
      value: "https"
    - name: SERVICE_ADDRESS
      value: "$(PROTOCOL)://$(SERVICE_IP):$(SERVICE_PORT)"
    - name: ESCAPED_REFERENCE
      value: "$$(PROTOCOL)://$(SERVICE_IP):$(SERVICE_PORT)"
`);
    await sim.advance(10_000);
    expect(await sim.exec("kubectl logs print-greeting --tail=1")).toBe(
      "Warm greetings to The Most Honorable Kubernetes\n",
    );
    expect(await sim.exec("kubectl logs dependent-envars-demo")).toBe(
      "\nhttps://172.17.0.1:80\n$(PROTOCOL)://172.17.0.1:80\n$(PROTOCOL)://172.17.0.1:80\n",
    );
  });
});

describe("docs: environment-variable-expose-pod-information (resourceFieldRef)", () => {
  it("requests and limits in cores (rounded up) and bytes", async () => {
    const sim = createSimulation({ seed: 29 });
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: dapi-envars-resourcefieldref
spec:
  containers:
    - name: test-container
      image: registry.k8s.io/busybox:1.27.2
      command: [ "sh", "-c"]
      args:
      - while true; do
          echo -en '\\n';
          printenv MY_CPU_REQUEST MY_CPU_LIMIT;
          printenv MY_MEM_REQUEST MY_MEM_LIMIT;
          sleep 10;
        done;
      resources:
        requests:
          memory: "32Mi"
          cpu: "125m"
        limits:
          memory: "64Mi"
          cpu: "250m"
      env:
        - name: MY_CPU_REQUEST
          valueFrom:
            resourceFieldRef:
              containerName: test-container
              resource: requests.cpu
        - name: MY_CPU_LIMIT
          valueFrom:
            resourceFieldRef:
              containerName: test-container
              resource: limits.cpu
        - name: MY_MEM_REQUEST
          valueFrom:
            resourceFieldRef:
              containerName: test-container
              resource: requests.memory
        - name: MY_MEM_LIMIT
          valueFrom:
            resourceFieldRef:
              containerName: test-container
              resource: limits.memory
  restartPolicy: Never
`);
    await sim.advance(5_000);
    expect(await sim.exec("kubectl logs dapi-envars-resourcefieldref")).toBe("\n1\n1\n33554432\n67108864\n");
  });
});

describe("docs: downward-api-volume-expose-pod-information", () => {
  it('labels and annotations as files (key="value", no final newline); an edited label reaches the file', async () => {
    const sim = createSimulation({ seed: 30 });
    await sim.exec(`cat <<'EOF' | kubectl create -f -
apiVersion: v1
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
      image: registry.k8s.io/busybox:1.27.2
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
EOF`);
    await sim.advance(3_000);
    // the files end without a newline; the last line waits in containerd's logger for the next echo
    expect(await sim.exec("kubectl logs kubernetes-downwardapi-volume-example")).toBe(
      '\n\ncluster="test-cluster1"\nrack="rack-22"\nzone="us-est-coast"\n\nbuild="two"\n',
    );
    expect(
      await sim.exec("kubectl exec kubernetes-downwardapi-volume-example -- cat /etc/podinfo/labels"),
    ).toBe('cluster="test-cluster1"\nrack="rack-22"\nzone="us-est-coast"');
    await sim.exec("kubectl label pod kubernetes-downwardapi-volume-example zone=us-west --overwrite");
    await sim.advance(120_000);
    expect(
      await sim.exec("kubectl exec kubernetes-downwardapi-volume-example -- cat /etc/podinfo/labels"),
    ).toBe('cluster="test-cluster1"\nrack="rack-22"\nzone="us-west"');
  });

  it("container resources as files, with the divisors 1m and 1Mi", async () => {
    const sim = createSimulation({ seed: 30 });
    const item = (path: string, resource: string, divisor: string) =>
      `          - path: "${path}"\n            resourceFieldRef:\n              containerName: client-container\n              resource: ${resource}\n              divisor: ${divisor}\n`;
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: kubernetes-downwardapi-volume-example-2
spec:
  containers:
    - name: client-container
      image: registry.k8s.io/busybox:1.27.2
      command: ["sh", "-c", "sleep 3600"]
      resources:
        requests:
          memory: "32Mi"
          cpu: "125m"
        limits:
          memory: "64Mi"
          cpu: "250m"
      volumeMounts:
        - name: podinfo
          mountPath: /etc/podinfo
  volumes:
    - name: podinfo
      downwardAPI:
        items:
${item("cpu_limit", "limits.cpu", "1m")}${item("cpu_request", "requests.cpu", "1m")}${item("mem_limit", "limits.memory", "1Mi")}${item("mem_request", "requests.memory", "1Mi")}`);
    await sim.advance(10_000);
    const cat = (f: string) =>
      sim.exec(`kubectl exec kubernetes-downwardapi-volume-example-2 -- cat /etc/podinfo/${f}`);
    expect(await cat("cpu_limit")).toBe("250");
    expect(await cat("cpu_request")).toBe("125");
    expect(await cat("mem_limit")).toBe("64");
    expect(await cat("mem_request")).toBe("32");
  });
});

describe("docs: attach-handler-lifecycle-event (postStart and preStop)", () => {
  it("postStart writes /usr/share/message; preStop's `nginx -s quit` stops nginx without a failed hook", async () => {
    const sim = createSimulation({ seed: 31 });
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: lifecycle-demo
spec:
  containers:
  - name: lifecycle-demo-container
    image: nginx
    lifecycle:
      postStart:
        exec:
          command: ["/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"]
      preStop:
        exec:
          command: ["/bin/sh","-c","nginx -s quit; while killall -0 nginx; do sleep 1; done"]
`);
    await sim.advance(15_000);
    expect(await sim.exec("kubectl get pod lifecycle-demo")).toMatch(
      /\nlifecycle-demo {3}1\/1 {5}Running {3}0 /,
    );
    expect(await sim.exec("kubectl exec lifecycle-demo -- cat /usr/share/message")).toBe(
      "Hello from the postStart handler\n",
    );
    const t0 = sim.node.clock.now();
    expect(await sim.exec("kubectl delete pod lifecycle-demo")).toBe(
      'pod "lifecycle-demo" deleted from default namespace\n',
    );
    // the hook's quit makes nginx exit at once, well before the 30s grace period
    expect(sim.node.clock.now() - t0).toBeLessThan(5_000);
    expect(events(sim, "lifecycle-demo").map((e) => e.reason)).not.toContain("FailedPreStopHook");
    expect(await sim.exec("crictl ps --name lifecycle-demo-container -q")).toBe("");
  });
});

describe("docs: share-process-namespace", () => {
  it("the shell container's ps sees /pause as PID 1, the nginx master and workers, and itself", async () => {
    const sim = createSimulation({ seed: 32 });
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  shareProcessNamespace: true
  containers:
  - name: nginx
    image: nginx
  - name: shell
    image: busybox:1.28
    command: ["sleep", "3600"]
    securityContext:
      capabilities:
        add:
        - SYS_PTRACE
    stdin: true
    tty: true
`);
    await sim.advance(20_000);
    const ps = await sim.exec("kubectl exec nginx -c shell -- ps ax");
    const rows = ps.trimEnd().split("\n");
    expect(rows[0]).toBe("PID   USER     TIME  COMMAND");
    expect(rows[1]).toBe("    1 root      0:00 /pause");
    expect(rows.slice(2).map((r) => r.slice(6))).toEqual([
      "root      0:00 nginx: master process nginx -g daemon off;",
      "101       0:00 nginx: worker process",
      "101       0:00 nginx: worker process",
      "root      0:00 sleep 3600",
      "root      0:00 ps ax",
    ]);
    // without the shared namespace each container sees only its own processes
    const plain = createSimulation({ seed: 32 });
    await plain.exec("kubectl run plain --image=busybox:1.28 -- sleep 3600");
    await plain.advance(15_000);
    expect(await plain.exec("kubectl exec plain -- ps")).toMatch(
      /^PID {3}USER {5}TIME {2}COMMAND\n {4}1 root {6}0:00 sleep 3600\n {4}\d+ root {6}0:00 ps\n$/,
    );
  });
});

describe("docs: security-context", () => {
  const DEMO = `apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo
spec:
  securityContext:
    runAsUser: 1000
    runAsGroup: 3000
    fsGroup: 2000
    supplementalGroups: [4000]
  volumes:
  - name: sec-ctx-vol
    emptyDir: {}
  containers:
  - name: sec-ctx-demo
    image: busybox:1.28
    command: [ "sh", "-c", "sleep 1h" ]
    volumeMounts:
    - name: sec-ctx-vol
      mountPath: /data/demo
    securityContext:
      allowPrivilegeEscalation: false
`;

  it("security-context-demo: processes run as 1000; id shows gid 3000 and groups 2000,3000,4000", async () => {
    const sim = createSimulation({ seed: 33 });
    await sim.apply(DEMO);
    await sim.advance(15_000);
    expect(await sim.exec("kubectl get pod security-context-demo")).toMatch(
      /\nsecurity-context-demo {3}1\/1 {5}Running {3}0 /,
    );
    expect(await sim.exec("kubectl exec security-context-demo -- ps")).toMatch(
      /^PID {3}USER {5}TIME {2}COMMAND\n {4}1 1000 {6}0:00 sleep 1h\n {4}\d+ 1000 {6}0:00 ps\n$/,
    );
    expect(await sim.exec("kubectl exec security-context-demo -- id")).toBe(
      "uid=1000 gid=3000 groups=2000,3000,4000\n",
    );
    expect(
      await sim.exec(
        "kubectl exec security-context-demo -- sh -c 'cd /data/demo && echo hello > testfile && ls'",
      ),
    ).toBe("testfile\n");
    // SupplementalGroupsPolicy: the kubelet reports the identity containerd gave the process
    expect(await sim.exec("kubectl get pod security-context-demo -o yaml")).toContain(
      "    user:\n      linux:\n        gid: 3000\n        supplementalGroups:\n        - 2000\n        - 3000\n        - 4000\n        uid: 1000\n",
    );
  });

  it("groups from the image's /etc/group are merged, unless supplementalGroupsPolicy is Strict", async () => {
    const sim = createSimulation({ seed: 33 });
    const agnhost = (name: string, policy: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  securityContext:
    runAsUser: 1000
    runAsGroup: 3000
    supplementalGroups: [4000]${policy}
  containers:
  - name: sec-ctx-demo
    image: registry.k8s.io/e2e-test-images/agnhost:2.45
    command: [ "sh", "-c", "sleep 1h" ]
    securityContext:
      allowPrivilegeEscalation: false
`;
    await sim.apply(agnhost("merge", ""));
    await sim.apply(agnhost("strict", "\n    supplementalGroupsPolicy: Strict"));
    await sim.advance(20_000);
    expect(await sim.exec("kubectl exec merge -- cat /etc/group")).toContain(
      "\nuser-defined-in-image:x:1000:\ngroup-defined-in-image:x:50000:user-defined-in-image\n",
    );
    expect(await sim.exec("kubectl exec merge -- id")).toBe(
      "uid=1000(user-defined-in-image) gid=3000 groups=3000,4000,50000(group-defined-in-image)\n",
    );
    expect(await sim.exec("kubectl exec strict -- id")).toBe(
      "uid=1000(user-defined-in-image) gid=3000 groups=3000,4000\n",
    );
    expect(
      await sim.exec("kubectl get pod merge -o jsonpath='{.status.containerStatuses[0].user.linux}'"),
    ).toBe('{"gid":3000,"supplementalGroups":[3000,4000,50000],"uid":1000}');
  });

  it("security-context-demo-2 runs hello-app as the container's 2000; -3 and -4 differ by NET_ADMIN and SYS_TIME", async () => {
    const sim = createSimulation({ seed: 34 });
    const hello = (name: string, c: string, pod = "") => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:${pod}
  containers:
  - name: ${c}
    image: gcr.io/google-samples/hello-app:2.0
`;
    await sim.apply(
      `${hello("security-context-demo-2", "sec-ctx-demo-2", "\n  securityContext:\n    runAsUser: 1000")}    securityContext:\n      runAsUser: 2000\n      allowPrivilegeEscalation: false\n`,
    );
    await sim.apply(hello("security-context-demo-3", "sec-ctx-3"));
    await sim.apply(
      `${hello("security-context-demo-4", "sec-ctx-4")}    securityContext:\n      capabilities:\n        add: ["NET_ADMIN", "SYS_TIME"]\n`,
    );
    await sim.advance(20_000);
    expect(await sim.exec("kubectl exec security-context-demo-2 -- ps aux")).toMatch(
      /^PID {3}USER {5}TIME {2}COMMAND\n {4}1 2000 {6}0:00 \.\/hello-app\n {4}\d+ 2000 {6}0:00 ps aux\n$/,
    );
    expect(await sim.exec("kubectl exec security-context-demo-3 -- ps aux")).toMatch(
      /\n {4}1 root {6}0:00 \.\/hello-app\n/,
    );
    const caps = (pod: string) =>
      sim.exec(`kubectl exec ${pod} -- sh -c 'cd /proc/1 && grep -e CapPrm -e CapEff status'`);
    expect(await caps("security-context-demo-3")).toBe(
      "CapPrm:\t00000000a80425fb\nCapEff:\t00000000a80425fb\n",
    );
    expect(await caps("security-context-demo-4")).toBe(
      "CapPrm:\t00000000aa0435fb\nCapEff:\t00000000aa0435fb\n",
    );
  });
});
