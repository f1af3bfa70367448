// The Kubernetes docs' task page "Debugging DNS Resolution"
// (tasks/administer-cluster/dns-debugging-resolution), command by command: the dnsutils pod applied
// from its k8s.io/examples URL, nslookup and resolv.conf inside it, a failing lookup, the page's
// busybox-style sample next to BIND's format, and the CoreDNS checks against kube-system.
import { describe, expect, it } from "vitest";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";

const URL = "https://k8s.io/examples/admin/dns/dnsutils.yaml";

async function dnsutils(): Promise<LiveSimulation> {
  const sim = createSimulation({ seed: 1 });
  expect(await sim.exec(`kubectl apply -f ${URL}`)).toBe("pod/dnsutils created\n");
  await sim.advance(30_000);
  return sim;
}

/** BIND 9's nslookup (dnsutils, bind-tools): tab-separated, `#53`, one Name/Address pair per record. */
const BIND_KUBERNETES_DEFAULT =
  "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n" +
  "Name:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n";

describe("docs: dns-debugging-resolution — the dnsutils pod from https://k8s.io/examples", () => {
  it("applies the example by URL: agnhost:2.39 paused, Running", async () => {
    const sim = await dnsutils();
    expect(await sim.exec("kubectl get pods dnsutils")).toBe(
      "NAME       READY   STATUS    RESTARTS   AGE\ndnsutils   1/1     Running   0          30s\n",
    );
    // the example names no command: agnhost's image CMD is `pause`
    expect(await sim.exec("kubectl logs dnsutils")).toBe("Paused\n");
    expect(await sim.exec("kubectl get pod dnsutils -o jsonpath={.spec.containers[0].image}")).toBe(
      "registry.k8s.io/e2e-test-images/agnhost:2.39",
    );
  });

  it("nslookup kubernetes.default answers with the kubernetes Service's ClusterIP", async () => {
    const sim = await dnsutils();
    const r = await sim.run("kubectl exec -i -t dnsutils -- nslookup kubernetes.default");
    expect(r.stdout).toBe(BIND_KUBERNETES_DEFAULT);
    expect(r.code).toBe(0);
    // the name the page's kube-dns Service gives the DNS address resolves too
    expect(await sim.exec("kubectl exec dnsutils -- nslookup kube-dns.kube-system")).toBe(
      "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n" +
        "Name:\tkube-dns.kube-system.svc.cluster.local\nAddress: 10.96.0.10\n\n",
    );
  });

  it("resolv.conf: the pod's namespace first in the search path, the cluster DNS, ndots:5", async () => {
    const sim = await dnsutils();
    expect(await sim.exec("kubectl exec -ti dnsutils -- cat /etc/resolv.conf")).toBe(
      "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n",
    );
  });

  it("a name that does not exist: BIND's `** server can't find …: NXDOMAIN`, exit 1", async () => {
    const sim = await dnsutils();
    const r = await sim.run("kubectl exec -i -t dnsutils -- nslookup kubernetes.defaultx");
    expect(r.stdout).toBe(
      "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find kubernetes.defaultx: NXDOMAIN\n\n",
    );
    expect(r.stderr).toBe("command terminated with exit code 1\n");
    expect(r.code).toBe(1);
  });

  it("right namespace: <service> finds only the pod's namespace, <service>.<namespace> the other", async () => {
    const sim = await dnsutils();
    await sim.exec("kubectl create namespace shop");
    await sim.exec("kubectl create service clusterip cart --tcp=80 -n shop");
    await sim.advance(1_000);
    const ip = (await sim.exec("kubectl get svc cart -n shop -o jsonpath={.spec.clusterIP}")).trim();
    expect((await sim.run("kubectl exec -i -t dnsutils -- nslookup cart")).stdout).toContain(
      "** server can't find cart: NXDOMAIN\n",
    );
    expect(await sim.exec("kubectl exec -i -t dnsutils -- nslookup cart.shop")).toBe(
      `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tcart.shop.svc.cluster.local\nAddress: ${ip}\n\n`,
    );
  });

  it("a URL the simulator does not carry is refused in its own words", async () => {
    const sim = createSimulation({ seed: 1 });
    const r = await sim.run("kubectl apply -f https://example.com/app.yaml");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^k8s-node-sim: https:\/\/example\.com\/app\.yaml cannot be fetched: /);
    // the same built-in example also serves kubernetes.io/examples, and delete -f reads it
    await sim.exec("kubectl apply -f https://kubernetes.io/examples/admin/dns/dnsutils.yaml");
    expect(await sim.exec(`kubectl delete -f ${URL} --wait=false`)).toBe(
      'pod "dnsutils" deleted from default namespace\n',
    );
  });
});

describe("docs: dns-debugging-resolution — the jessie-dnsutils pod most guides still use", () => {
  const JESSIE = `apiVersion: v1
kind: Pod
metadata:
  name: dnsutils
  namespace: default
spec:
  containers:
  - name: dnsutils
    image: registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3
    command:
      - sleep
      - "infinity"
    imagePullPolicy: IfNotPresent
  restartPolicy: Always
`;

  async function jessie(): Promise<LiveSimulation> {
    const sim = createSimulation({ seed: 1 });
    expect(await sim.apply(JESSIE)).toBe("pod/dnsutils created\n");
    await sim.advance(30_000);
    return sim;
  }

  it("runs `sleep infinity` on Debian 8 with BIND 9.9's dnsutils", async () => {
    const sim = await jessie();
    expect(await sim.exec("kubectl get pods dnsutils")).toContain(
      "dnsutils   1/1     Running   0          30s",
    );
    expect(await sim.exec("kubectl exec dnsutils -- cat /etc/os-release")).toBe(
      'PRETTY_NAME="Debian GNU/Linux 8 (jessie)"\nNAME="Debian GNU/Linux"\nVERSION_ID="8"\nVERSION="8 (jessie)"\nID=debian\nHOME_URL="http://www.debian.org/"\nSUPPORT_URL="http://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n',
    );
    expect(await sim.exec("kubectl exec -i -t dnsutils -- nslookup kubernetes.default")).toBe(
      BIND_KUBERNETES_DEFAULT,
    );
    expect(await sim.exec("crictl images")).toMatch(
      /\nregistry\.k8s\.io\/e2e-test-images\/jessie-dnsutils {3}1\.3 {17}[0-9a-f]{13} {7}91\.7MB\n/,
    );
  });

  it("host and dig: BIND's formats, answers from the Services that exist", async () => {
    const sim = await jessie();
    expect(await sim.exec("kubectl exec dnsutils -- host kubernetes.default")).toBe(
      "kubernetes.default.svc.cluster.local has address 10.96.0.1\n",
    );
    const miss = await sim.run("kubectl exec dnsutils -- host nope");
    expect([miss.stdout, miss.code]).toEqual(["Host nope not found: 3(NXDOMAIN)\n", 1]);
    expect(await sim.exec("kubectl exec dnsutils -- host 10.96.0.10")).toBe(
      "10.0.96.10.in-addr.arpa domain name pointer kube-dns.kube-system.svc.cluster.local.\n",
    );
    expect(await sim.exec("kubectl exec dnsutils -- dig +short kubernetes.default.svc.cluster.local")).toBe(
      "10.96.0.1\n",
    );
    // dig does not use the search list unless told to
    expect(await sim.exec("kubectl exec dnsutils -- dig +short kubernetes.default")).toBe("");
    expect(await sim.exec("kubectl exec dnsutils -- dig +short +search kubernetes.default")).toBe(
      "10.96.0.1\n",
    );
    const full = await sim.exec("kubectl exec dnsutils -- dig kubernetes.default.svc.cluster.local");
    expect(full).toMatch(
      /^\n; <<>> DiG 9\.9\.5-9\+deb8u19-Debian <<>> kubernetes\.default\.svc\.cluster\.local\n;; global options: \+cmd\n;; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: \d+\n/,
    );
    expect(full).toContain(
      ";; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n;; WARNING: recursion requested but not available\n\n" +
        ";; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 4096\n" +
        ";; QUESTION SECTION:\n;kubernetes.default.svc.cluster.local. IN A\n\n" +
        ";; ANSWER SECTION:\nkubernetes.default.svc.cluster.local. 30 IN A\t10.96.0.1\n\n" +
        ";; Query time: 0 msec\n;; SERVER: 10.96.0.10#53(10.96.0.10)\n",
    );
    expect(full).toMatch(/;; WHEN: \w{3} \w{3} \d\d \d\d:\d\d:\d\d UTC \d{4}\n;; MSG SIZE {2}rcvd: 117\n\n$/);
    // a missing name: NXDOMAIN with the zone's SOA in the authority section, columns as dig aligns them
    const nx = await sim.exec("kubectl exec dnsutils -- dig nope.default.svc.cluster.local");
    expect(nx).toContain(";; flags: qr aa rd; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1\n");
    expect(nx).toContain(";; QUESTION SECTION:\n;nope.default.svc.cluster.local.\tIN\tA\n\n");
    expect(nx).toMatch(
      /;; AUTHORITY SECTION:\ncluster\.local\.\t\t30\tIN\tSOA\tns\.dns\.cluster\.local\. hostmaster\.cluster\.local\. \d+ 7200 1800 86400 30\n/,
    );
    expect(nx).toContain("status: NXDOMAIN");
  });
});

describe("docs: dns-debugging-resolution — the page's sample output is busybox's, not BIND's", () => {
  it("busybox 1.28 prints the page's `Server:`/`Address 1:` form and `can't resolve`", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl run busybox --image=busybox:1.28 -- sleep 3600");
    await sim.advance(20_000);
    expect(await sim.exec("kubectl exec -i -t busybox -- nslookup kubernetes.default")).toBe(
      "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n" +
        "Name:      kubernetes.default\nAddress 1: 10.96.0.1 kubernetes.default.svc.cluster.local\n",
    );
    // with -t the container's stderr shares the terminal: the error comes out with the rest
    const r = await sim.run("kubectl exec -i -t busybox -- nslookup kubernetes.defaultx");
    expect(r.stdout).toBe(
      "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n" +
        "nslookup: can't resolve 'kubernetes.defaultx'\n",
    );
    expect(r.stderr).toBe("command terminated with exit code 1\n");
    // without a terminal it is the process's stderr
    expect((await sim.run("kubectl exec busybox -- nslookup kubernetes.defaultx")).stderr).toBe(
      "nslookup: can't resolve 'kubernetes.defaultx'\ncommand terminated with exit code 1\n",
    );
  });

  it("the ubuntu image has no nslookup, dig or host", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl run u --image=ubuntu -- sleep infinity");
    await sim.advance(20_000);
    for (const tool of ["nslookup", "dig", "host"])
      expect((await sim.run(`kubectl exec u -- ${tool} kubernetes.default`)).stderr).toContain(
        `exec: "${tool}": executable file not found in $PATH: unknown`,
      );
  });
});

describe("docs: dns-debugging-resolution — checking CoreDNS in kube-system", () => {
  it("kubeadm's kube-dns Service holds the cluster DNS address; no CoreDNS pods run here", async () => {
    const sim = createSimulation({ seed: 1 });
    const pods = await sim.run("kubectl get pods --namespace=kube-system -l k8s-app=kube-dns");
    expect([pods.stdout, pods.stderr]).toEqual(["", "No resources found in kube-system namespace.\n"]);
    expect(await sim.exec("kubectl get svc --namespace=kube-system")).toBe(
      "NAME       TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE\n" +
        "kube-dns   ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   60s\n",
    );
    // the selector matches no pod: the endpoint slice controller's placeholder slice
    expect(
      await sim.exec(
        "kubectl get endpointslices -l kubernetes.io/service-name=kube-dns --namespace=kube-system",
      ),
    ).toMatch(
      /^NAME {13}ADDRESSTYPE {3}PORTS {5}ENDPOINTS {3}AGE\nkube-dns-[a-z0-9]{5} {3}IPv4 {10}<unset> {3}<unset> {5}60s\n$/,
    );
    // the label some translations of the page still use does not exist
    const old = await sim.run(
      "kubectl get endpointslices -l k8s.io/service-name=kube-dns --namespace=kube-system",
    );
    expect(old.stderr).toBe("No resources found in kube-system namespace.\n");
    const logs = await sim.run("kubectl logs --namespace=kube-system -l k8s-app=kube-dns");
    expect([logs.stdout, logs.stderr, logs.code]).toEqual([
      "",
      "No resources found in kube-system namespace.\n",
      0,
    ]);
    // the page's older form of the endpoints check
    expect(await sim.exec("kubectl get endpoints kube-dns --namespace=kube-system")).toBe(
      "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n" +
        "NAME       ENDPOINTS   AGE\nkube-dns   <none>      60s\n",
    );
    expect(await sim.exec("kubectl get svc kube-dns -n kube-system -o jsonpath={.spec.selector}")).toBe(
      '{"k8s-app":"kube-dns"}',
    );
  });

  it("adds no pod or container to the node", async () => {
    const sim = createSimulation({ seed: 1 });
    expect((await sim.run("kubectl get pods -A")).stderr).toBe("No resources found\n");
    expect(await sim.exec("crictl ps -a -q")).toBe("");
  });

  it("kubectl logs -l prints each matching pod's last 10 lines", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec(
      "kubectl run a --image=busybox:1.28 --labels=app=x -- sh -c 'for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo line $i; done; sleep 3600'",
    );
    await sim.exec("kubectl run b --image=busybox:1.28 --labels=app=x -- sh -c 'echo hi; sleep 3600'");
    await sim.advance(20_000);
    const lines = Array.from({ length: 10 }, (_, i) => `line ${i + 3}\n`).join("");
    expect(await sim.exec("kubectl logs -l app=x")).toBe(`${lines}hi\n`);
    expect(await sim.exec("kubectl logs -l app=x --prefix --tail=1")).toBe(
      "[pod/a/a] line 12\n[pod/b/b] hi\n",
    );
    expect((await sim.run("kubectl logs a -l app=x")).stderr).toBe(
      "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n",
    );
  });
});

describe("/etc/os-release follows the image", () => {
  it("Ubuntu 24.04 and 22.04, Alpine, Debian; the busybox image has none", async () => {
    const sim = createSimulation({ seed: 1 });
    for (const [name, image] of [
      ["u", "ubuntu"],
      ["j", "ubuntu:22.04"],
      ["a", "alpine"],
      ["d", "debian"],
      ["b", "busybox"],
    ])
      await sim.exec(`kubectl run ${name} --image=${image} -- sleep infinity`);
    await sim.advance(30_000);
    const os = (name: string) => sim.exec(`kubectl exec ${name} -- cat /etc/os-release`);
    expect(await os("u")).toContain('PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\n');
    expect(await os("u")).toContain("VERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\n");
    expect(await os("j")).toContain('VERSION="22.04.5 LTS (Jammy Jellyfish)"\nVERSION_CODENAME=jammy\n');
    expect(await os("a")).toBe(
      'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.2\nPRETTY_NAME="Alpine Linux v3.21"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n',
    );
    expect(await os("d")).toContain('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n');
    expect((await sim.run("kubectl exec b -- cat /etc/os-release")).stderr).toBe(
      "cat: can't open '/etc/os-release': No such file or directory\ncommand terminated with exit code 1\n",
    );
    // Ubuntu 24.04's image adds a non-root user
    expect(await sim.exec("kubectl exec u -- grep ubuntu /etc/passwd")).toBe(
      "ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n",
    );
  });
});
