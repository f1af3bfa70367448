// ServiceAccounts as a kubeadm 1.34 cluster has them: the kind in the API server, the
// serviceaccount-controller's `default` in every namespace (made again when deleted), the
// ServiceAccount admission (default account, missing account refused, automountServiceAccountToken,
// imagePullSecrets copied onto the pod), kubectl get/describe/create/delete/set/create token and the
// docs task page "Configure Service Accounts for Pods".
import type { Pod, ServiceAccount } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { docsExample } from "../../../src/shell/kubectl/docsExamples";
import { SERVICE_ACCOUNT_EXAMPLES } from "../../../src/shell/kubectl/examples/serviceAccounts";
import { base64urlDecode } from "../../../src/sim/apiserver/serviceAccountToken";
import { parseRfc3339 } from "../../../src/sim/clock/time";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";

const K8S = "https://k8s.io/examples/";
const sim1 = (): LiveSimulation => createSimulation({ seed: 1 });
const pod = (sim: LiveSimulation, name: string, ns = "default") => sim.node.api.get<Pod>("Pod", ns, name);
const sa = (sim: LiveSimulation, name: string, ns = "default") =>
  sim.node.api.tryGet<ServiceAccount>("ServiceAccount", ns, name);
const tokenVolumes = (p: Pod) => (p.spec?.volumes ?? []).filter((v) => v.name.startsWith("kube-api-access-"));

const BUILD_ROBOT = `kubectl apply -f - <<EOF
apiVersion: v1
kind: ServiceAccount
metadata:
  name: build-robot
EOF`;

const podYaml = (name: string, extra: string) => `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${extra}  containers:
  - name: c
    image: busybox
    command: ["sleep", "3600"]
EOF`;

describe("the ServiceAccount kind and the serviceaccount-controller", () => {
  it("kubectl knows sa / serviceaccount / serviceaccounts and api-resources lists the row", async () => {
    const sim = sim1();
    const row = (await sim.exec("kubectl api-resources"))
      .split("\n")
      .find((l) => l.startsWith("serviceaccounts "));
    expect(row?.split(/\s+/)).toEqual(["serviceaccounts", "sa", "v1", "true", "ServiceAccount"]);
    const table = await sim.exec("kubectl get sa");
    expect(table).toBe("NAME      SECRETS   AGE\ndefault   0         60s\n");
    expect(await sim.exec("kubectl get serviceaccount")).toBe(table);
    expect(await sim.exec("kubectl get serviceaccounts")).toBe(table);
  });

  it("every namespace has its default ServiceAccount, a new one at once", async () => {
    const sim = sim1();
    expect(await sim.exec("kubectl get sa -A")).toBe(
      [
        "NAMESPACE         NAME      SECRETS   AGE",
        "default           default   0         60s",
        "kube-node-lease   default   0         60s",
        "kube-public       default   0         60s",
        "kube-system       default   0         60s",
        "",
      ].join("\n"),
    );
    expect(await sim.exec("kubectl create ns team-a")).toBe("namespace/team-a created\n");
    expect(await sim.exec("kubectl get sa -n team-a")).toBe(
      "NAME      SECRETS   AGE\ndefault   0         0s\n",
    );
    // a pod created right after its namespace is admitted (the admission waits for `default`)
    expect(await sim.exec("kubectl run web -n team-a --image=nginx")).toBe("pod/web created\n");
    expect(pod(sim, "web", "team-a").spec?.serviceAccountName).toBe("default");
  });

  it("a deleted default is made again (a new uid); kubectl delete's wait sees the old one go", async () => {
    const sim = sim1();
    const before = sa(sim, "default")?.metadata?.uid;
    expect(await sim.exec("kubectl delete sa default")).toBe(
      'serviceaccount "default" deleted from default namespace\n',
    );
    const after = sa(sim, "default")?.metadata?.uid;
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect(await sim.exec("kubectl get sa")).toBe("NAME      SECRETS   AGE\ndefault   0         0s\n");
  });

  it("other accounts are not made again, and a deleted namespace takes its accounts with it", async () => {
    const sim = sim1();
    await sim.exec("kubectl create ns gone");
    await sim.exec("kubectl create sa robot -n gone");
    expect(await sim.exec("kubectl delete sa robot -n gone")).toBe(
      'serviceaccount "robot" deleted from gone namespace\n',
    );
    expect(sa(sim, "robot", "gone")).toBeUndefined();
    await sim.exec("kubectl delete ns gone");
    expect(sa(sim, "default", "gone")).toBeUndefined();
    expect(await sim.exec("kubectl get sa -n gone")).toBe("No resources found in gone namespace.\n");
  });
});

describe("the ServiceAccount admission", () => {
  it("a pod naming none gets default (spec.serviceAccountName and the deprecated spec.serviceAccount) and the token volume", async () => {
    const sim = sim1();
    await sim.exec("kubectl run web --image=nginx");
    const yaml = await sim.exec("kubectl get pod web -o yaml");
    expect(yaml).toContain("  serviceAccount: default\n  serviceAccountName: default\n");
    const p = pod(sim, "web");
    expect(tokenVolumes(p)).toHaveLength(1);
    expect(p.spec?.containers[0].volumeMounts).toEqual([
      {
        mountPath: "/var/run/secrets/kubernetes.io/serviceaccount",
        name: tokenVolumes(p)[0].name,
        readOnly: true,
      },
    ]);
  });

  it("a pod naming a missing ServiceAccount is refused with the admission's error", async () => {
    const sim = sim1();
    expect(await sim.exec(podYaml("x", "  serviceAccountName: foo\n"))).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "x" is forbidden: error looking up service account default/foo: serviceaccount "foo" not found\n',
    );
    expect(sim.node.api.tryGet("Pod", "default", "x")).toBeUndefined();
    await sim.exec(BUILD_ROBOT);
    expect(await sim.exec(podYaml("x", "  serviceAccountName: build-robot\n"))).toBe("pod/x created\n");
    expect(pod(sim, "x").spec?.serviceAccount).toBe("build-robot");
  });

  it("a controller's pod names its generateName in the FailedCreate event", async () => {
    const sim = sim1();
    await sim.exec("kubectl create deployment web --image=nginx");
    await sim.advance(5_000);
    expect(await sim.exec("kubectl set serviceaccount deployment web nobody")).toBe(
      "deployment.apps/web serviceaccount updated\n",
    );
    await sim.advance(5_000);
    const events = await sim.exec("kubectl get events --field-selector reason=FailedCreate");
    expect(events).toMatch(
      /Error creating: pods "web-[a-z0-9]+-" is forbidden: error looking up service account default\/nobody: serviceaccount "nobody" not found/,
    );
  });

  it("automountServiceAccountToken: false on the ServiceAccount or the pod skips the volume; the pod's choice wins", async () => {
    const sim = sim1();
    await sim.exec(`kubectl apply -f - <<EOF
apiVersion: v1
kind: ServiceAccount
metadata:
  name: build-robot
automountServiceAccountToken: false
EOF`);
    await sim.exec(podYaml("sa-off", "  serviceAccountName: build-robot\n"));
    await sim.exec(
      podYaml("pod-on", "  serviceAccountName: build-robot\n  automountServiceAccountToken: true\n"),
    );
    await sim.exec(podYaml("pod-off", "  automountServiceAccountToken: false\n"));
    expect(tokenVolumes(pod(sim, "sa-off"))).toHaveLength(0);
    expect(pod(sim, "sa-off").spec?.containers[0].volumeMounts).toBeUndefined();
    expect(tokenVolumes(pod(sim, "pod-on"))).toHaveLength(1);
    expect(tokenVolumes(pod(sim, "pod-off"))).toHaveLength(0);
    await sim.advance(30_000);
    expect(await sim.exec("kubectl exec sa-off -- ls /var/run/secrets/kubernetes.io/serviceaccount")).toMatch(
      /No such file or directory[\s\S]*command terminated with exit code 1\n$/,
    );
    expect(await sim.exec("kubectl exec pod-on -- ls /var/run/secrets/kubernetes.io/serviceaccount")).toBe(
      "ca.crt\nnamespace\ntoken\n",
    );
  });

  it("the ServiceAccount's imagePullSecrets go onto a pod that has none of its own", async () => {
    const sim = sim1();
    await sim.exec(
      `kubectl patch serviceaccount default -p '{"imagePullSecrets": [{"name": "myregistrykey"}]}'`,
    );
    await sim.exec(podYaml("plain", ""));
    await sim.exec(podYaml("own", "  imagePullSecrets:\n  - name: mine\n"));
    expect(pod(sim, "plain").spec?.imagePullSecrets).toEqual([{ name: "myregistrykey" }]);
    expect(pod(sim, "own").spec?.imagePullSecrets).toEqual([{ name: "mine" }]);
  });

  it("a mirror pod gets no ServiceAccount and no token volume", async () => {
    const sim = sim1();
    await sim.exec(`cat > /etc/kubernetes/manifests/static-web.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: static-web
spec:
  containers:
  - name: web
    image: nginx
EOF`);
    await sim.advance(30_000);
    const mirror = pod(sim, "static-web-node-1");
    expect(mirror.metadata?.annotations?.["kubernetes.io/config.mirror"]).toBeDefined();
    expect(mirror.spec?.serviceAccountName).toBeUndefined();
    expect(mirror.spec?.volumes).toBeUndefined();
  });
});

describe("kubectl and ServiceAccounts", () => {
  it("create serviceaccount: created, already exists, a NAME required, dry run", async () => {
    const sim = sim1();
    expect(await sim.exec("kubectl create serviceaccount build-robot")).toBe(
      "serviceaccount/build-robot created\n",
    );
    expect(await sim.exec("kubectl create sa build-robot")).toBe(
      'error: failed to create serviceaccount: serviceaccounts "build-robot" already exists\n',
    );
    expect(await sim.exec("kubectl create serviceaccount")).toBe(
      "error: exactly one NAME is required, got 0\nSee 'kubectl create serviceaccount -h' for help and examples\n",
    );
    expect(await sim.exec("kubectl create sa other --dry-run=client -o yaml")).toBe(
      "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  creationTimestamp: null\n  name: other\n",
    );
    expect(sa(sim, "other")).toBeUndefined();
  });

  it("describe sa in kubectl's layout: the three lists, (not found), Tokens, Events", async () => {
    const sim = sim1();
    expect(await sim.exec("kubectl describe sa default")).toBe(
      [
        "Name:                default",
        "Namespace:           default",
        "Labels:              <none>",
        "Annotations:         <none>",
        "Image pull secrets:  <none>",
        "Mountable secrets:   <none>",
        "Tokens:              <none>",
        "Events:              <none>",
        "",
      ].join("\n"),
    );
    await sim.exec(
      "kubectl create secret docker-registry myregistrykey --docker-server=DUMMY_SERVER --docker-username=DUMMY_USERNAME --docker-password=DUMMY_DOCKER_PASSWORD",
    );
    await sim.exec(`kubectl apply -f - <<EOF
apiVersion: v1
kind: ServiceAccount
metadata:
  name: build-robot
  labels:
    team: ci
imagePullSecrets:
- name: myregistrykey
- name: missing-key
secrets:
- name: build-robot-secret
EOF`);
    const uid = sa(sim, "build-robot")?.metadata?.uid;
    await sim.exec(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Secret
metadata:
  name: build-robot-secret
  annotations:
    kubernetes.io/service-account.name: build-robot
    kubernetes.io/service-account.uid: ${uid}
type: kubernetes.io/service-account-token
EOF`);
    const text = await sim.exec("kubectl describe serviceaccount build-robot");
    expect(text.replace(/^Annotations:[\s\S]*?(?=^Image pull)/m, "")).toBe(
      [
        "Name:                build-robot",
        "Namespace:           default",
        "Labels:              team=ci",
        "Image pull secrets:  myregistrykey",
        "                     missing-key (not found)",
        "Mountable secrets:   build-robot-secret",
        "Tokens:              build-robot-secret",
        "Events:              <none>",
        "",
      ].join("\n"),
    );
  });

  it("create token: a JWT whose claims are the real ones, 1h by default, --duration, --audience", async () => {
    const sim = sim1();
    await sim.exec("kubectl create sa build-robot");
    const uid = sa(sim, "build-robot")?.metadata?.uid;
    const out = await sim.exec("kubectl create token build-robot");
    const parts = out.trimEnd().split(".");
    expect(parts).toHaveLength(3);
    for (const p of parts) expect(p).toMatch(/^[A-Za-z0-9_-]+$/);
    const json = (s: string) => JSON.parse(new TextDecoder().decode(base64urlDecode(s)));
    expect(json(parts[0]).alg).toBe("RS256");
    expect(base64urlDecode(parts[2])).toHaveLength(256);
    const claims = json(parts[1]);
    expect(Object.keys(claims)).toEqual(["aud", "exp", "iat", "iss", "jti", "kubernetes.io", "nbf", "sub"]);
    const now = Math.floor(sim.node.clock.wallMs() / 1000);
    expect(claims).toMatchObject({
      aud: ["https://kubernetes.default.svc.cluster.local"],
      iat: now,
      nbf: now,
      exp: now + 3600,
      iss: "https://kubernetes.default.svc.cluster.local",
      "kubernetes.io": { namespace: "default", serviceaccount: { name: "build-robot", uid } },
      sub: "system:serviceaccount:default:build-robot",
    });
    const two = json(
      (await sim.exec("kubectl create token build-robot --duration=2h --audience vault")).split(".")[1],
    );
    expect(two.exp - two.iat).toBe(7200);
    expect(two.aud).toEqual(["vault"]);
    expect(two.jti).not.toBe(claims.jti);
    expect(await sim.exec("kubectl create token nobody")).toBe(
      'error: failed to create token: serviceaccounts "nobody" not found\n',
    );
    expect(await sim.exec("kubectl create token build-robot --duration 1m")).toBe(
      'error: failed to create token: TokenRequest.authentication.k8s.io "build-robot" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes\n',
    );
    expect(await sim.exec("kubectl create token build-robot --duration=-1s")).toBe(
      "error: --duration must be greater than or equal to 0\n",
    );
  });

  it("set serviceaccount changes a workload's pod template; new pods use the account", async () => {
    const sim = sim1();
    await sim.exec("kubectl create sa build-robot");
    await sim.exec("kubectl create deployment web --image=nginx");
    expect(await sim.exec("kubectl set sa deploy/web build-robot")).toBe(
      "deployment.apps/web serviceaccount updated\n",
    );
    await sim.advance(60_000);
    const pods = sim.node.api
      .list<Pod>("Pod", { namespace: "default", labelSelector: "app=web" })
      .filter((p) => !p.metadata?.deletionTimestamp);
    expect(pods.map((p) => p.spec?.serviceAccountName)).toEqual(["build-robot"]);
    expect(await sim.exec("kubectl run solo --image=nginx")).toBe("pod/solo created\n");
    expect(await sim.exec("kubectl set serviceaccount pod solo build-robot")).toMatch(
      /^error: failed to patch ServiceAccountName Pod "solo" is invalid: spec: Forbidden: pod updates may not change fields/,
    );
  });
});

describe("docs: Configure Service Accounts for Pods", () => {
  it("the default ServiceAccount, build-robot, its YAML, and deleting it", async () => {
    const sim = sim1();
    await sim.exec("kubectl run web --image=nginx");
    expect(await sim.exec("kubectl get pods/web -o jsonpath='{.spec.serviceAccountName}'")).toBe("default");
    expect(await sim.exec(BUILD_ROBOT)).toBe("serviceaccount/build-robot created\n");
    const robot = sa(sim, "build-robot")!;
    expect(await sim.exec("kubectl get serviceaccounts/build-robot -o yaml")).toBe(
      [
        "apiVersion: v1",
        "kind: ServiceAccount",
        "metadata:",
        "  annotations:",
        "    kubectl.kubernetes.io/last-applied-configuration: |",
        '      {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"annotations":{},"name":"build-robot","namespace":"default"}}',
        `  creationTimestamp: "${robot.metadata?.creationTimestamp}"`,
        "  name: build-robot",
        "  namespace: default",
        `  resourceVersion: "${robot.metadata?.resourceVersion}"`,
        `  uid: ${robot.metadata?.uid}`,
        "",
      ].join("\n"),
    );
    expect(parseRfc3339(robot.metadata?.creationTimestamp ?? "")).toBe(sim.node.clock.wallMs());
    expect(await sim.exec("kubectl get serviceaccounts")).toBe(
      "NAME          SECRETS   AGE\nbuild-robot   0         0s\ndefault       0         60s\n",
    );
    expect(await sim.exec("kubectl delete serviceaccount/build-robot")).toBe(
      'serviceaccount "build-robot" deleted from default namespace\n',
    );
  });

  it("ServiceAccount token volume projection: the docs pod by URL, with build-robot", async () => {
    const path = "pods/pod-projected-svc-token.yaml";
    expect(docsExample(`${K8S}${path}`)).toBe(SERVICE_ACCOUNT_EXAMPLES[path]);
    const sim = sim1();
    expect(await sim.exec(`kubectl create -f ${K8S}${path}`)).toBe(
      'Error from server (Forbidden): error when creating "https://k8s.io/examples/pods/pod-projected-svc-token.yaml": pods "nginx" is forbidden: error looking up service account default/build-robot: serviceaccount "build-robot" not found\n',
    );
    await sim.exec(BUILD_ROBOT);
    expect(await sim.exec(`kubectl create -f ${K8S}${path}`)).toBe("pod/nginx created\n");
    await sim.advance(30_000);
    expect(await sim.exec("kubectl get pod nginx")).toMatch(/nginx {3}1\/1 {5}Running/);
    expect(await sim.exec("kubectl exec nginx -- ls /var/run/secrets/tokens")).toBe("vault-token\n");
  });

  it("Add ImagePullSecrets to a service account: a new pod shows them", async () => {
    const sim = sim1();
    expect(
      await sim.exec(
        "kubectl create secret docker-registry myregistrykey --docker-server=DUMMY_SERVER --docker-username=DUMMY_USERNAME --docker-password=DUMMY_DOCKER_PASSWORD --docker-email=DUMMY_DOCKER_EMAIL",
      ),
    ).toBe("secret/myregistrykey created\n");
    expect(await sim.exec("kubectl get secrets myregistrykey")).toBe(
      "NAME            TYPE                             DATA   AGE\nmyregistrykey   kubernetes.io/dockerconfigjson   1      0s\n",
    );
    expect(
      await sim.exec(
        `kubectl patch serviceaccount default -p '{"imagePullSecrets": [{"name": "myregistrykey"}]}'`,
      ),
    ).toBe("serviceaccount/default patched\n");
    const yaml = await sim.exec("kubectl get serviceaccounts default -o yaml");
    expect(yaml).toMatch(/^apiVersion: v1\nimagePullSecrets:\n- name: myregistrykey\nkind: ServiceAccount\n/);
    expect(await sim.exec("kubectl run nginx --image=nginx --restart=Never")).toBe("pod/nginx created\n");
    expect(
      await sim.exec(`kubectl get pod nginx -o=jsonpath='{.spec.imagePullSecrets[0].name}{"\\n"}'`),
    ).toBe("myregistrykey\n");
    expect(await sim.exec("kubectl get pod nginx -o yaml")).toContain(
      "  imagePullSecrets:\n  - name: myregistrykey\n",
    );
  });
});
