// The Kubernetes docs' task pages under tasks/inject-data-application (and configure-pod-configmap,
// determine-reason-pod-failure, debug-init-containers, get-shell-running-container), run as the
// pages tell a learner to: every manifest applied from its https://k8s.io/examples URL, then the
// page's own commands and the outcome the page documents.
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { docsExample } from "../../../src/shell/kubectl/docsExamples";
import { INJECT_DEBUG_EXAMPLES } from "../../../src/shell/kubectl/examples/injectAndDebug";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";
import { events, getPod } from "./helpers";

const K8S = "https://k8s.io/examples/";
const KIO = "https://kubernetes.io/examples/";

function sim1(): LiveSimulation {
  return createSimulation({ seed: 1 });
}

/** A line typed at the terminal, and the prompt shown next (undefined: the node's own shell). */
async function type(sim: LiveSimulation, line: string) {
  const r = await sim.run(line);
  return { ...r, next: sim.shell.prompt };
}

async function row(sim: LiveSimulation, name: string): Promise<string> {
  return (await sim.exec(`kubectl get pod ${name}`)).split("\n")[1] ?? "";
}

const podIP = (sim: LiveSimulation, name: string) => getPod(sim, name).status?.podIP ?? "";

describe("docs URLs: the built-in examples of the inject-data and debug pages", () => {
  it("every example is served under k8s.io, kubernetes.io and raw GitHub, and parses as kubectl reads it", () => {
    for (const [path, text] of Object.entries(INJECT_DEBUG_EXAMPLES)) {
      expect(docsExample(`${K8S}${path}`)).toBe(text);
      expect(docsExample(`${KIO}${path}`)).toBe(text);
      expect(
        docsExample(`https://raw.githubusercontent.com/kubernetes/website/main/content/en/examples/${path}`),
      ).toBe(text);
      const docs = YAML.parseAllDocuments(text);
      expect(docs.length).toBeGreaterThan(0);
      for (const d of docs) {
        expect(d.errors).toEqual([]);
        expect(d.toJS()).toMatchObject({ apiVersion: expect.any(String), kind: expect.any(String) });
      }
    }
  });

  it("the debug-running-pod page's Deployment manifest is the one the page shows (2 nginx replicas, limits only)", () => {
    const obj = YAML.parse(docsExample(`${K8S}application/nginx-with-request.yaml`) ?? "");
    expect(obj).toMatchObject({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "nginx-deployment" },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "nginx" } },
        template: {
          spec: {
            containers: [
              { name: "nginx", image: "nginx", resources: { limits: { memory: "128Mi", cpu: "500m" } } },
            ],
          },
        },
      },
    });
  });
});

describe("docs: define-command-argument-container (pods/commands.yaml)", () => {
  it("printenv HOSTNAME KUBERNETES_PORT runs once: the pod completes and logs the two values", async () => {
    const sim = sim1();
    expect(await sim.exec(`kubectl apply -f ${K8S}pods/commands.yaml`)).toBe("pod/command-demo created\n");
    await sim.advance(30_000);
    expect(await row(sim, "command-demo")).toBe("command-demo   0/1     Completed   0          30s");
    // the page's `command-demo` / `tcp://10.3.240.1:443`, with this cluster's kubernetes Service
    const svc = (await sim.exec("kubectl get svc kubernetes -o jsonpath={.spec.clusterIP}")).trim();
    expect(await sim.exec("kubectl logs command-demo")).toBe(`command-demo\ntcp://${svc}:443\n`);
    // restartPolicy OnFailure: exit 0 is not restarted
    await sim.advance(60_000);
    expect(getPod(sim, "command-demo").status?.containerStatuses?.[0].restartCount).toBe(0);
  });
});

describe("docs: define-environment-variable-container (pods/inject/envars.yaml)", () => {
  it("DEMO_GREETING and DEMO_FAREWELL are in the container's environment, with HOSTNAME and the image's own", async () => {
    const sim = sim1();
    await sim.exec(`kubectl apply -f ${K8S}pods/inject/envars.yaml`);
    await sim.advance(9_000);
    expect(await sim.exec("kubectl get pods -l purpose=demonstrate-envars")).toBe(
      "NAME         READY   STATUS    RESTARTS   AGE\nenvar-demo   1/1     Running   0          9s\n",
    );
    const env = (await sim.exec("kubectl exec envar-demo -- printenv")).split("\n");
    expect(env).toEqual(
      expect.arrayContaining([
        "HOSTNAME=envar-demo",
        "DEMO_GREETING=Hello from the environment",
        "DEMO_FAREWELL=Such a sweet sorrow",
        // hello-app's image config sets PORT; the kubernetes Service's link variables come along
        "PORT=8080",
        "KUBERNETES_SERVICE_PORT=443",
      ]),
    );
    expect(await sim.exec("kubectl exec envar-demo -- printenv DEMO_GREETING")).toBe(
      "Hello from the environment\n",
    );
  });
});

describe("docs: define-interdependent-environment-variables (pods/inject/dependent-envars.yaml)", () => {
  it("$(VAR) resolves only against variables defined earlier; $$( escapes", async () => {
    const sim = sim1();
    expect(await sim.exec(`kubectl apply -f ${K8S}pods/inject/dependent-envars.yaml`)).toBe(
      "pod/dependent-envars-demo created\n",
    );
    await sim.advance(9_000);
    expect(await sim.exec("kubectl get pods dependent-envars-demo")).toBe(
      "NAME                    READY   STATUS    RESTARTS   AGE\ndependent-envars-demo   1/1     Running   0          9s\n",
    );
    expect(await sim.exec("kubectl logs pod/dependent-envars-demo")).toBe(
      "\nUNCHANGED_REFERENCE=$(PROTOCOL)://172.17.0.1:80\n" +
        "SERVICE_ADDRESS=https://172.17.0.1:80\n" +
        "ESCAPED_REFERENCE=$(PROTOCOL)://172.17.0.1:80\n",
    );
  });
});

describe("docs: environment-variable-expose-pod-information", () => {
  it("dapi-envars-pod.yaml: node name, pod name, namespace, pod IP and service account through fieldRef", async () => {
    const sim = sim1();
    await sim.exec(`kubectl apply -f ${K8S}pods/inject/dapi-envars-pod.yaml`);
    await sim.advance(15_000);
    expect(await row(sim, "dapi-envars-fieldref")).toMatch(/^dapi-envars-fieldref {3}1\/1 {5}Running {3}0 /);
    const ip = podIP(sim, "dapi-envars-fieldref");
    expect(ip).toMatch(/^10\.244\.\d+\.\d+$/);
    const block = `\nnode-1\ndapi-envars-fieldref\ndefault\n${ip}\ndefault\n`;
    // the loop prints every ten seconds: two rounds in 15s
    expect(await sim.exec("kubectl logs dapi-envars-fieldref")).toBe(block + block);

    // kubectl exec -it … -- sh, then printenv at busybox's prompt
    expect(await type(sim, "kubectl exec -it dapi-envars-fieldref -- sh")).toMatchObject({
      output: "",
      next: "/ # ",
    });
    const env = (await type(sim, "printenv")).output.split("\n");
    expect(env).toEqual(
      expect.arrayContaining([
        "MY_POD_SERVICE_ACCOUNT=default",
        "MY_POD_NAMESPACE=default",
        `MY_POD_IP=${ip}`,
        "MY_NODE_NAME=node-1",
        "MY_POD_NAME=dapi-envars-fieldref",
      ]),
    );
    expect((await type(sim, "exit")).next).toBeUndefined();
  });

  it("dapi-envars-container.yaml: requests/limits through resourceFieldRef (cpu rounded up to cores, memory in bytes)", async () => {
    const sim = sim1();
    await sim.exec(`kubectl apply -f ${K8S}pods/inject/dapi-envars-container.yaml`);
    await sim.advance(5_000);
    expect(await sim.exec("kubectl logs dapi-envars-resourcefieldref")).toBe("\n1\n1\n33554432\n67108864\n");
    // describe resolves each reference as the container sees it (ExtractContainerResourceValue)
    expect(await sim.exec("kubectl describe pod dapi-envars-resourcefieldref")).toContain(
      "    Environment:\n" +
        "      MY_CPU_REQUEST:  1 (requests.cpu)\n" +
        "      MY_CPU_LIMIT:    1 (limits.cpu)\n" +
        "      MY_MEM_REQUEST:  33554432 (requests.memory)\n" +
        "      MY_MEM_LIMIT:    67108864 (limits.memory)\n",
    );
  });
});

describe("docs: downward-api-volume-expose-pod-information", () => {
  it('dapi-volume.yaml: labels and annotations as files, key="value" sorted, behind ..data symlinks', async () => {
    const sim = sim1();
    await sim.exec(`kubectl apply -f ${K8S}pods/inject/dapi-volume.yaml`);
    await sim.advance(12_000);
    expect(await row(sim, "kubernetes-downwardapi-volume-example")).toMatch(/1\/1 {5}Running/);
    const labels = 'cluster="test-cluster1"\nrack="rack-22"\nzone="us-est-coast"';
    // kubectl apply adds its last-applied annotation, and the downward API shows every annotation
    const logs = await sim.exec("kubectl logs kubernetes-downwardapi-volume-example");
    expect(logs.startsWith(`\n\n${labels}\n\nbuild="two"\nbuilder="john-doe"\n`)).toBe(true);
    expect(logs).toContain('\nkubectl.kubernetes.io/last-applied-configuration="{\\"apiVersion\\":\\"v1\\"');

    expect((await type(sim, "kubectl exec -it kubernetes-downwardapi-volume-example -- sh")).next).toBe(
      "/ # ",
    );
    // fieldpath.FormatMap trims the last newline: the prompt follows on the same line
    expect((await type(sim, "cat /etc/podinfo/labels")).output).toBe(labels);
    expect((await type(sim, "cat /etc/podinfo/annotations")).output).toMatch(
      /^build="two"\nbuilder="john-doe"\nkubectl\.kubernetes\.io\/last-applied-configuration="\{.*\}\\n"$/,
    );
    const ls = (await type(sim, "ls -laR /etc/podinfo")).output;
    const stamp = /\.\.(\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d\.\d+)/.exec(ls)?.[1];
    expect(stamp).toBeDefined();
    expect(ls).toMatch(new RegExp(`lrwxrwxrwx .* \\.\\.data -> \\.\\.${stamp?.replace(".", "\\.")}\\n`));
    expect(ls).toMatch(/lrwxrwxrwx .* annotations -> \.\.data\/annotations\n/);
    expect(ls).toMatch(/lrwxrwxrwx .* labels -> \.\.data\/labels\n/);
    expect(ls).toContain(`\n/etc/podinfo/..${stamp}:\ntotal 8\n`);
    expect(ls).toMatch(/-rw-r--r-- .* labels\n$/);
    await type(sim, "exit");
  });

  it("dapi-volume-resources.yaml: container limits and requests in the divisor's units", async () => {
    const sim = sim1();
    await sim.exec(`kubectl apply -f ${K8S}pods/inject/dapi-volume-resources.yaml`);
    await sim.advance(12_000);
    expect((await type(sim, "kubectl exec -it kubernetes-downwardapi-volume-example-2 -- sh")).next).toBe(
      "/ # ",
    );
    expect((await type(sim, "cat /etc/podinfo/cpu_limit")).output).toBe("250");
    expect((await type(sim, "cat /etc/podinfo/cpu_request")).output).toBe("125");
    expect((await type(sim, "cat /etc/podinfo/mem_limit")).output).toBe("64");
    expect((await type(sim, "cat /etc/podinfo/mem_request")).output).toBe("32");
    await type(sim, "exit");
    expect(await sim.exec("kubectl describe pod kubernetes-downwardapi-volume-example-2")).toContain(
      "Volumes:\n  podinfo:\n    Type:  DownwardAPI (a volume populated by information about the pod)\n    Items:\n" +
        "      limits.cpu -> cpu_limit\n      requests.cpu -> cpu_request\n" +
        "      limits.memory -> mem_limit\n      requests.memory -> mem_request\n",
    );
  });
});

describe("docs: distribute-credentials-secure", () => {
  it("secret.yaml and secret-pod.yaml: the Secret's two keys as files under /etc/secret-volume", async () => {
    const sim = sim1();
    expect(await sim.exec("echo -n 'my-app' | base64")).toBe("bXktYXBw\n");
    expect(await sim.exec("echo -n '39528$vdg7Jb' | base64")).toBe("Mzk1MjgkdmRnN0pi\n");
    expect(await sim.exec(`kubectl apply -f ${K8S}pods/inject/secret.yaml`)).toBe(
      "secret/test-secret created\n",
    );
    expect(await sim.exec("kubectl get secret test-secret")).toBe(
      "NAME          TYPE     DATA   AGE\ntest-secret   Opaque   2      0s\n",
    );
    // the page's 13/7 bytes date from values encoded with a newline; these are 12 and 6 bytes
    expect(await sim.exec("kubectl describe secret test-secret")).toBe(
      "Name:         test-secret\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\n" +
        "Type:  Opaque\n\nData\n====\npassword:  12 bytes\nusername:  6 bytes\n",
    );
    // the same Secret from literals: it already exists
    const again = await sim.run(
      "kubectl create secret generic test-secret --from-literal='username=my-app' --from-literal='password=39528$vdg7Jb'",
    );
    expect(again.stderr).toBe('error: failed to create secret: secrets "test-secret" already exists\n');

    expect(await sim.exec(`kubectl apply -f ${K8S}pods/inject/secret-pod.yaml`)).toBe(
      "pod/secret-test-pod created\n",
    );
    await sim.advance(42_000);
    expect(await sim.exec("kubectl get pod secret-test-pod")).toBe(
      "NAME              READY   STATUS    RESTARTS   AGE\nsecret-test-pod   1/1     Running   0          42s\n",
    );
    expect((await type(sim, "kubectl exec -i -t secret-test-pod -- /bin/bash")).next).toBe(
      "root@secret-test-pod:/# ",
    );
    // ls on the terminal: columns
    expect((await type(sim, "ls /etc/secret-volume")).output).toBe("password  username\n");
    expect((await type(sim, 'echo "$( cat /etc/secret-volume/username )"')).output).toBe("my-app\n");
    expect((await type(sim, 'echo "$( cat /etc/secret-volume/password )"')).output).toBe("39528$vdg7Jb\n");
    // a Secret volume is a read-only tmpfs: it never touches the node's disk
    expect((await type(sim, "cat /proc/mounts")).output).toContain(
      "\ntmpfs /etc/secret-volume tmpfs ro,relatime,",
    );
    expect((await type(sim, "exit")).output).toBe("exit\n");
  });

  it("secretKeyRef from one and from two Secrets, envFrom a whole Secret, and secret-envars-pod.yaml", async () => {
    const sim = sim1();
    await sim.exec(
      "kubectl create secret generic backend-user --from-literal=backend-username='backend-admin'",
    );
    expect(await sim.exec(`kubectl create -f ${K8S}pods/inject/pod-single-secret-env-variable.yaml`)).toBe(
      "pod/env-single-secret created\n",
    );
    await sim.exec("kubectl create secret generic db-user --from-literal=db-username='db-admin'");
    await sim.exec(`kubectl create -f ${K8S}pods/inject/pod-multiple-secret-env-variable.yaml`);
    await sim.exec(
      "kubectl create secret generic test-secret --from-literal=username='my-app' --from-literal='password=39528$vdg7Jb'",
    );
    await sim.exec(`kubectl create -f ${K8S}pods/inject/pod-secret-envFrom.yaml`);
    await sim.exec(`kubectl apply -f ${K8S}pods/inject/secret-envars-pod.yaml`);
    await sim.advance(30_000);

    expect(await sim.exec("kubectl exec -i -t env-single-secret -- /bin/sh -c 'echo $SECRET_USERNAME'")).toBe(
      "backend-admin\n",
    );
    // the kubelet builds the environment from a Go map: the two lines come in either order
    const multi = await sim.exec(
      "kubectl exec -i -t envvars-multiple-secrets -- /bin/sh -c 'env | grep _USERNAME'",
    );
    expect(multi.split("\n").filter(Boolean).sort()).toEqual([
      "BACKEND_USERNAME=backend-admin",
      "DB_USERNAME=db-admin",
    ]);
    // dash's echo turns \n into a newline: the trailing one leaves an empty line
    expect(
      await sim.exec(
        "kubectl exec -i -t envfrom-secret -- /bin/sh -c 'echo \"username: $username\\npassword: $password\\n\"'",
      ),
    ).toBe("username: my-app\npassword: 39528$vdg7Jb\n\n");
    expect(
      await sim.exec("kubectl exec secret-envars-test-pod -- printenv SECRET_USERNAME SECRET_PASSWORD"),
    ).toBe("my-app\n39528$vdg7Jb\n");
  });

  it("a key missing from the Secret: CreateContainerConfigError naming the key", async () => {
    const sim = sim1();
    await sim.exec("kubectl create secret generic backend-user --from-literal=username=x");
    await sim.exec(`kubectl create -f ${K8S}pods/inject/pod-single-secret-env-variable.yaml`);
    await sim.advance(10_000);
    expect(await row(sim, "env-single-secret")).toMatch(/0\/1 {5}CreateContainerConfigError/);
    expect(events(sim, "env-single-secret").map((e) => e.message)).toContain(
      "Error: couldn't find key backend-username in Secret default/backend-user",
    );
  });

  it("the prod/test List: both pods created, `myClientImage` refused as an image name", async () => {
    const sim = sim1();
    expect(
      await sim.exec(
        "kubectl create secret generic prod-db-secret --from-literal=username=produser --from-literal=password=Y4nys7f11",
      ),
    ).toBe("secret/prod-db-secret created\n");
    await sim.exec(
      "kubectl create secret generic dev-db-secret --from-literal=username=devuser --from-literal=password='S!B\\*d$zDsb='",
    );
    expect(
      await sim.exec("kubectl get secret dev-db-secret -o jsonpath='{.data.password}' | base64 -d"),
    ).toBe("S!B\\*d$zDsb=");
    const list = `apiVersion: v1
kind: List
items:
- kind: Pod
  apiVersion: v1
  metadata:
    name: prod-db-client-pod
    labels:
      name: prod-db-client
  spec:
    volumes:
    - name: secret-volume
      secret:
        secretName: prod-db-secret
    containers:
    - name: db-client-container
      image: myClientImage
      volumeMounts:
      - name: secret-volume
        readOnly: true
        mountPath: "/etc/secret-volume"
`;
    expect(await sim.exec(`cat <<EOF > pod.yaml\n${list}EOF`)).toBe("");
    expect(await sim.exec("kubectl create -f pod.yaml")).toBe("pod/prod-db-client-pod created\n");
    await sim.advance(10_000);
    expect(await row(sim, "prod-db-client-pod")).toMatch(/0\/1 {5}InvalidImageName/);
    expect(events(sim, "prod-db-client-pod").map((e) => e.message)).toContain(
      'Failed to apply default image tag "myClientImage": couldn\'t parse image name "myClientImage": invalid reference format: repository name (library/myClientImage) must be lowercase',
    );
  });
});

describe("docs: configure-pod-configmap — the Pods that read ConfigMaps", () => {
  it("configMapKeyRef from one ConfigMap, then from two (configmaps.yaml)", async () => {
    const sim = sim1();
    await sim.exec("kubectl create configmap special-config --from-literal=special.how=very");
    expect(await sim.exec(`kubectl create -f ${KIO}pods/pod-single-configmap-env-variable.yaml`)).toBe(
      "pod/dapi-test-pod created\n",
    );
    await sim.advance(10_000);
    expect(await row(sim, "dapi-test-pod")).toMatch(/0\/1 {5}Completed/);
    expect((await sim.exec("kubectl logs dapi-test-pod")).split("\n")).toContain("SPECIAL_LEVEL_KEY=very");
    await sim.exec("kubectl delete pod dapi-test-pod --now");
    await sim.exec("kubectl delete configmap special-config");

    expect(await sim.exec(`kubectl create -f ${KIO}configmap/configmaps.yaml`)).toBe(
      "configmap/special-config created\nconfigmap/env-config created\n",
    );
    await sim.exec(`kubectl create -f ${KIO}pods/pod-multiple-configmap-env-variable.yaml`);
    await sim.advance(10_000);
    expect((await sim.exec("kubectl logs dapi-test-pod")).split("\n")).toEqual(
      expect.arrayContaining(["SPECIAL_LEVEL_KEY=very", "LOG_LEVEL=INFO"]),
    );
    expect(await sim.exec("kubectl delete pod dapi-test-pod --now")).toBe(
      'pod "dapi-test-pod" deleted from default namespace\n',
    );
  });

  it("envFrom (configmap-multikeys.yaml), $(VAR) in the command, and the ConfigMap as a volume", async () => {
    const sim = sim1();
    expect(await sim.exec(`kubectl create -f ${KIO}configmap/configmap-multikeys.yaml`)).toBe(
      "configmap/special-config created\n",
    );
    await sim.exec(`kubectl create -f ${KIO}pods/pod-configmap-envFrom.yaml`);
    await sim.advance(10_000);
    expect((await sim.exec("kubectl logs dapi-test-pod")).split("\n")).toEqual(
      expect.arrayContaining(["SPECIAL_LEVEL=very", "SPECIAL_TYPE=charm"]),
    );
    await sim.exec("kubectl delete pod dapi-test-pod --now");

    await sim.exec(`kubectl create -f ${KIO}pods/pod-configmap-env-var-valueFrom.yaml`);
    await sim.advance(10_000);
    expect(await sim.exec("kubectl logs dapi-test-pod")).toBe("very charm\n");
    await sim.exec("kubectl delete pod dapi-test-pod --now");

    // the page creates the ConfigMap again: it exists already
    const again = await sim.run(`kubectl create -f ${KIO}configmap/configmap-multikeys.yaml`);
    expect(again.stderr).toBe(
      `Error from server (AlreadyExists): error when creating "${KIO}configmap/configmap-multikeys.yaml": configmaps "special-config" already exists\n`,
    );
    await sim.exec(`kubectl create -f ${KIO}pods/pod-configmap-volume.yaml`);
    await sim.advance(10_000);
    expect(await sim.exec("kubectl logs dapi-test-pod")).toBe("SPECIAL_LEVEL\nSPECIAL_TYPE\n");
    await sim.exec("kubectl delete pod dapi-test-pod --now");

    await sim.exec(`kubectl create -f ${KIO}pods/pod-configmap-volume-specific-key.yaml`);
    await sim.advance(10_000);
    // `cat` of a value without a newline: containerd logs it as a partial (P) entry, printed as it is
    expect(await sim.exec("kubectl logs dapi-test-pod")).toBe("very");
    const id = (await sim.exec("crictl ps -a --name test-container -q")).split("\n")[0];
    expect(await sim.exec(`crictl logs ${id}`)).toBe("very");
    const uid = getPod(sim, "dapi-test-pod").metadata?.uid;
    expect(sim.node.fs.read(`/var/log/pods/default_dapi-test-pod_${uid}/test-container/0.log`)).toMatch(
      /^\S+ stdout P very\n$/,
    );
  });
});

describe("docs: determine-reason-pod-failure (debug/termination.yaml)", () => {
  it("the container writes /dev/termination-log and exits 0; the kubelet keeps the message in lastState", async () => {
    const sim = sim1();
    expect(await sim.exec(`kubectl apply -f ${K8S}debug/termination.yaml`)).toBe(
      "pod/termination-demo created\n",
    );
    await sim.advance(5_000);
    expect(await row(sim, "termination-demo")).toBe("termination-demo   1/1     Running   0          5s");
    await sim.advance(10_000);
    // restartPolicy Always: the exited container runs again, so the message is in lastState
    expect(await row(sim, "termination-demo")).toMatch(
      /^termination-demo {3}1\/1 {5}Running {3}1 \(\d+s ago\) {3}15s$/,
    );
    const yaml = await sim.exec("kubectl get pod termination-demo --output=yaml");
    expect(yaml).toMatch(
      /\n {4}lastState:\n {6}terminated:\n {8}containerID: containerd:\/\/[0-9a-f]{64}\n {8}exitCode: 0\n {8}finishedAt: "[^"]+"\n {8}message: \|\n {10}Sleep expired\n {8}reason: Completed\n/,
    );
    expect(
      await sim.exec(
        'kubectl get pod termination-demo -o go-template="{{range .status.containerStatuses}}{{.lastState.terminated.message}}{{end}}"',
      ),
    ).toBe("Sleep expired\n");
    expect(
      await sim.exec(
        "kubectl get pod termination-demo -o go-template='{{range .status.containerStatuses}}{{printf \"%s:\\n%s\\n\\n\" .name .lastState.terminated.message}}{{end}}'",
      ),
    ).toBe("termination-demo-container:\nSleep expired\n\n\n");
  });
});

describe("docs: debug-init-containers", () => {
  const POD = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  initContainers:
  - name: init-1
    image: busybox:1.28
    command: ['sh', '-c', 'echo first done']
  - name: init-2
    image: busybox:1.28
    command: ['sh', '-c', "set -x; A='a b'; echo checking db; exit 1"]
  containers:
  - name: nginx
    image: nginx
`;

  it("Init:CrashLoopBackOff, --template over initContainerStatuses, and set -x in the init container's log", async () => {
    const sim = sim1();
    await sim.apply(POD);
    await sim.advance(60_000);
    expect(await row(sim, "nginx")).toMatch(/^nginx {3}0\/1 {5}Init:CrashLoopBackOff {3}\d \(\d+s ago\)/);
    // --template alone means -o go-template; a list of maps prints as Go prints it, not as JSON
    const t = await sim.exec("kubectl get pod nginx --template '{{.status.initContainerStatuses}}'");
    expect(t).toMatch(
      /^\[map\[containerID:containerd:\/\/[0-9a-f]{64} image:docker\.io\/library\/busybox:1\.28 /,
    );
    expect(t).toContain(" name:init-1 ready:true restartCount:0 ");
    expect(t).toContain(" name:init-2 ready:false ");
    expect(t).toMatch(/state:map\[waiting:map\[message:back-off \d+s restarting failed container=init-2 /);
    expect(t.endsWith("]]]]")).toBe(true);
    expect(await sim.exec("kubectl get pod nginx --template '{{.metadata.name}}' -o go-template")).toBe(
      "nginx",
    );
    // busybox ash's xtrace: PS4 `+ `, words needing it single-quoted
    expect(await sim.exec("kubectl logs nginx -c init-2")).toBe(
      "+ A='a b'\n+ echo checking db\nchecking db\n+ exit 1\n",
    );
  });
});

describe("docs: get-shell-running-container (application/shell-demo.yaml)", () => {
  it("hostNetwork: the pod has the node's IP and hostname, and the node's hosts file", async () => {
    const sim = sim1();
    expect(await sim.exec(`kubectl apply -f ${K8S}application/shell-demo.yaml`)).toBe(
      "pod/shell-demo created\n",
    );
    await sim.advance(20_000);
    expect(await row(sim, "shell-demo")).toBe("shell-demo   1/1     Running   0          20s");
    expect(podIP(sim, "shell-demo")).toBe(getPod(sim, "shell-demo").status?.hostIP);

    const open = await type(sim, "kubectl exec --stdin --tty shell-demo -- /bin/bash");
    expect(open).toMatchObject({ output: "", code: 0, next: "root@node-1:/# " });
    expect((await type(sim, "cat /etc/hosts")).output).toBe(
      `# Kubernetes-managed hosts file (host network).\n${sim.node.fs.read("/etc/hosts")}`,
    );
    // containerd sorts the mounts by depth: the kubelet's files, then the emptyDir, then the token
    const mounts = (await type(sim, "cat /proc/mounts")).output
      .split("\n")
      .filter((l) => /^(\/dev\/sda1|shm|tmpfs \/var)/.test(l))
      .map((l) => l.split(" ")[1]);
    expect(mounts).toEqual([
      "/etc/hosts",
      "/dev/termination-log",
      "/etc/hostname",
      "/etc/resolv.conf",
      "/dev/shm",
      "/usr/share/nginx/html",
      "/var/run/secrets/kubernetes.io/serviceaccount",
    ]);
    expect((await type(sim, "echo 'Hello shell demo' > /usr/share/nginx/html/index.html")).output).toBe("");
    // the nginx image ships curl; nginx listens on the node's network here
    expect((await type(sim, "curl http://localhost/")).output).toBe("Hello shell demo\n");
    expect((await type(sim, "exit")).next).toBeUndefined();

    expect((await sim.exec("kubectl exec shell-demo -- env")).split("\n")).toContain("HOSTNAME=node-1");
    expect((await sim.run("kubectl exec shell-demo -- ps aux")).stderr).toContain(
      'exec: "ps": executable file not found in $PATH: unknown',
    );
    expect((await sim.exec("kubectl exec shell-demo -- ls /")).split("\n")).toContain("docker-entrypoint.d");
  });
});
