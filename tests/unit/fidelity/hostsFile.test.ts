// docs: tasks/network/customize-hosts-file-for-pods — the kubelet writes each pod's /etc/hosts
// (/var/lib/kubelet/pods/<uid>/etc-hosts) and bind-mounts it: the IPv4/IPv6 boilerplate, the pod's own
// name (with its FQDN when it has a subdomain), then the HostAliases entries.
import { describe, expect, it } from "vitest";
import { createSimulation } from "../../../src/simulation";

const BOILERPLATE =
  "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n" +
  "fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n";

describe("docs: Adding entries to Pod /etc/hosts with HostAliases", () => {
  it("shows the default hosts file, then the HostAliases entries at the bottom", async () => {
    const sim = createSimulation({ seed: 51 });
    expect(await sim.exec("kubectl run nginx --image nginx")).toBe("pod/nginx created\n");
    await sim.advance(20_000);
    const ip = (await sim.exec("kubectl get pod nginx -o jsonpath='{.status.podIP}'")).trim();
    expect(await sim.exec("kubectl exec nginx -- cat /etc/hosts")).toBe(`${BOILERPLATE}${ip}\tnginx\n`);
    // the file the kubelet wrote on the node is the one the container reads
    const uid = (await sim.exec("kubectl get pod nginx -o jsonpath='{.metadata.uid}'")).trim();
    expect(await sim.exec(`cat /var/lib/kubelet/pods/${uid}/etc-hosts`)).toBe(`${BOILERPLATE}${ip}\tnginx\n`);

    expect(
      await sim.exec("kubectl apply -f https://k8s.io/examples/service/networking/hostaliases-pod.yaml"),
    ).toBe("pod/hostaliases-pod created\n");
    await sim.advance(20_000);
    expect(await sim.exec("kubectl get pod hostaliases-pod")).toMatch(/hostaliases-pod +0\/1 +Completed +0 /);
    const ip2 = (await sim.exec("kubectl get pod hostaliases-pod -o jsonpath='{.status.podIP}'")).trim();
    expect(await sim.exec("kubectl logs hostaliases-pod")).toBe(
      `${BOILERPLATE}${ip2}\thostaliases-pod\n\n# Entries added by HostAliases.\n127.0.0.1\tfoo.local\tbar.local\n10.1.2.3\tfoo.remote\tbar.remote\n`,
    );
  });

  it("names a pod with a hostname and subdomain by its FQDN; a hostNetwork pod gets the node's file", async () => {
    const sim = createSimulation({ seed: 52 });
    await sim.apply(
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: busybox-1\nspec:\n  hostname: busybox-1\n  subdomain: busybox-subdomain\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: [sleep, '3600']\n",
    );
    await sim.apply(
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: hostnet\nspec:\n  hostNetwork: true\n  hostAliases:\n  - ip: 10.9.9.9\n    hostnames: [extra.local]\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: [sleep, '3600']\n",
    );
    await sim.advance(20_000);
    const ip = (await sim.exec("kubectl get pod busybox-1 -o jsonpath='{.status.podIP}'")).trim();
    expect(await sim.exec("kubectl exec busybox-1 -- cat /etc/hosts")).toBe(
      `${BOILERPLATE}${ip}\tbusybox-1.busybox-subdomain.default.svc.cluster.local\tbusybox-1\n`,
    );
    const nodeHosts = await sim.exec("cat /etc/hosts");
    expect(await sim.exec("kubectl exec hostnet -- cat /etc/hosts")).toBe(
      `# Kubernetes-managed hosts file (host network).\n${nodeHosts}\n# Entries added by HostAliases.\n10.9.9.9\textra.local\n`,
    );
  });
});
