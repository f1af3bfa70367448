// Issue 3 "Done when": each row of the seed's troubleshooting table (§11) reproduced at the prompt,
// read as a learner would walk through it, with the fluent driver.
import { describe, it } from "vitest";
import { testNode } from "../../helpers/testNode";

const CRASHER = `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo 'panic: cannot connect to db'; exit 1"]
`;

describe("the seed's troubleshooting table", () => {
  it("ImagePullBackOff — image not found: check the image name", async () => {
    await testNode()
      .exec("kubectl run web --image=nginx:1.277")
      .advance("30s")
      .expectPod("web")
      .toHaveStatus("ImagePullBackOff")
      .expectPod("web")
      .toHaveEvent(
        "Failed",
        /^Failed to pull image "nginx:1\.277": .*docker\.io\/library\/nginx:1\.277: not found$/,
      )
      .expectPod("web")
      .toHaveEvent("BackOff", 'Back-off pulling image "nginx:1.277"')
      .exec("kubectl describe pod web")
      .expectOutput(/^ {6}Reason: {7}ImagePullBackOff$/m)
      .exec("kubectl set image pod/web web=nginx:1.27")
      .expectOutput("pod/web image updated\n")
      .advance("5m")
      .expectPod("web")
      .toHaveStatus("Running");
  });

  it("ImagePullBackOff — registry auth: a private image without credentials", async () => {
    await testNode()
      .exec("kubectl run private --image=registry.example.com/team/app:1.0")
      .advance("30s")
      .expectPod("private")
      .toHaveStatus("ImagePullBackOff")
      .expectPod("private")
      .toHaveEvent("Failed", /pull access denied, repository does not exist or may require authorization/);
  });

  it("CrashLoopBackOff — the app crashes: its logs say why", async () => {
    await testNode()
      .apply(CRASHER)
      .advance("1m")
      .expectPod("app")
      .toHaveStatus("CrashLoopBackOff")
      .expectPod("app")
      .toHaveRestarts(3)
      .exec("kubectl logs app --previous")
      .expectOutput("panic: cannot connect to db\n")
      .exec("crictl ps -a --name app")
      .expectOutput(/Exited {14}app {17}\d/)
      .expectPod("app")
      .toHaveEvent("BackOff", /^Back-off restarting failed container app in pod app_default\(/);
  });

  it("kubelet not talking to the runtime — a wrong endpoint in kubeadm-flags.env", async () => {
    await testNode()
      .exec("cat /var/lib/kubelet/kubeadm-flags.env")
      .expectOutput("--container-runtime-endpoint=unix:///run/containerd/containerd.sock")
      .exec("sed -i 's#containerd/containerd.sock#containerd/wrong.sock#' /var/lib/kubelet/kubeadm-flags.env")
      .exec("systemctl restart kubelet")
      .advance("70s")
      .exec("kubectl get nodes")
      .expectOutput(/^node-1 {3}NotReady /m)
      .exec("journalctl -u kubelet --no-pager")
      .expectOutput("unix:///run/containerd/wrong.sock")
      .exec("sed -i 's#containerd/wrong.sock#containerd/containerd.sock#' /var/lib/kubelet/kubeadm-flags.env")
      .exec("systemctl restart kubelet")
      .advance("20s")
      .exec("kubectl get nodes")
      .expectOutput(/^node-1 {3}Ready /m);
  });

  it("old images consuming space — crictl rmi --prune frees what no container uses", async () => {
    await testNode()
      .exec("kubectl run web --image=nginx:1.27")
      .advance("20s")
      .do((sim) => sim.node.faults.fillDisk(90))
      .exec("crictl rmi --prune")
      .expectOutput(/^Deleted: docker\.io\/sim\/unused-1:latest$/m)
      .exec("crictl images")
      .expectOutput(/^docker\.io\/library\/nginx +1\.27 /m)
      .expectPod("web")
      .toHaveStatus("Running");
  });
});
