// curl on the node reaches the cluster as a real node's curl does: pods over the cni0 bridge (their
// servers see the bridge's address), Services through kube-proxy's rules (ClusterIP, NodePort on the
// node's address and on localhost), the kubelet's healthz on localhost:10248.
import { describe, expect, it } from "vitest";
import { createSimulation } from "../../../src/simulation";

async function nginxNode() {
  const sim = createSimulation({ seed: 21 });
  await sim.exec("kubectl run nginx --image=nginx --port=80");
  await sim.advance(30_000);
  await sim.exec("kubectl expose pod nginx --port=80 --type=NodePort");
  await sim.advance(2_000);
  const podIP = (await sim.exec("kubectl get pod nginx -o jsonpath='{.status.podIP}'")).trim();
  const clusterIP = (await sim.exec("kubectl get svc nginx -o jsonpath='{.spec.clusterIP}'")).trim();
  const nodePort = (await sim.exec("kubectl get svc nginx -o jsonpath='{.spec.ports[0].nodePort}'")).trim();
  const nodeIP = (
    await sim.exec(
      "kubectl get node node-1 -o jsonpath='{.status.addresses[?(@.type==\"InternalIP\")].address}'",
    )
  ).trim();
  return { sim, podIP, clusterIP, nodePort, nodeIP };
}

describe("curl on the node", () => {
  it("reaches a pod by its IP and a Service by its ClusterIP; nginx logs the cni0 bridge's address", async () => {
    const { sim, podIP, clusterIP } = await nginxNode();
    expect(podIP).toMatch(/^10\.244\.0\.\d+$/);
    expect(await sim.exec(`curl -s ${podIP}`)).toContain("<title>Welcome to nginx!</title>");
    expect(await sim.exec(`curl -s http://${clusterIP}/`)).toContain("<title>Welcome to nginx!</title>");
    const log = (await sim.exec("kubectl logs nginx")).trim().split("\n").slice(-2);
    expect(log).toHaveLength(2);
    for (const line of log)
      expect(line).toMatch(
        /^10\.244\.0\.1 - - \[[^\]]+\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/7\.88\.1" "-"$/,
      );
  });

  it("reaches a NodePort on the node's address and on localhost; a port nobody serves is refused at once", async () => {
    const { sim, nodePort, nodeIP } = await nginxNode();
    expect(nodePort).toMatch(/^3\d{4}$/);
    expect(await sim.exec(`curl -s ${nodeIP}:${nodePort}`)).toContain("Welcome to nginx!");
    expect(await sim.exec(`curl -s localhost:${nodePort}`)).toContain("Welcome to nginx!");
    const t0 = sim.node.clock.now();
    const refused = await sim.run("curl localhost:80");
    expect(refused.code).toBe(7);
    expect(refused.stderr).toBe(
      "curl: (7) Failed to connect to localhost port 80 after 0 ms: Connection refused\n",
    );
    expect(sim.node.clock.now() - t0).toBeLessThan(1000);
    expect(await sim.exec(`curl -s -o /dev/null -w '%{http_code}\\n' ${nodeIP}:${nodePort}/missing`)).toBe(
      "404\n",
    );
    expect(await sim.exec(`curl -sI ${nodeIP}:${nodePort}`)).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });

  it("gets no route to an address of the pod network nobody has", async () => {
    const { sim } = await nginxNode();
    const r = await sim.run("curl 10.244.0.250");
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(
      /^curl: \(7\) Failed to connect to 10\.244\.0\.250 port 80 after \d+ ms: No route to host\n$/,
    );
  });

  it("asks the kubelet's healthz endpoint, which answers only while the kubelet runs", async () => {
    const sim = createSimulation({ seed: 22 });
    expect(await sim.exec("curl -s localhost:10248/healthz")).toBe("ok");
    await sim.exec("systemctl stop kubelet");
    const r = await sim.run("curl localhost:10248/healthz");
    expect(r.code).toBe(7);
    expect(r.stderr).toContain("Connection refused");
  });
});
