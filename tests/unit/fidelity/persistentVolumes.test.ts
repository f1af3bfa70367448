// PersistentVolumes, PersistentVolumeClaims and StorageClasses on a one-node kubeadm cluster (no default
// StorageClass): the docs' configure-persistent-volume-storage page end to end (node files, the hostPath
// PV, the claim binding to it, nginx serving the file through the claim, clean-up), the binding rules of
// the persistentvolume-controller (class, access modes, size, selector, the smallest that fits), a claim
// with nothing to bind to, Released after the claim goes, pvc-protection, the scheduler waiting for claims.
import type { PersistentVolume, PersistentVolumeClaim, Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { docsExample } from "../../../src/shell/kubectl/docsExamples";
import { STORAGE_EXAMPLES } from "../../../src/shell/kubectl/examples/storage";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";

const K8S = "https://k8s.io/examples/pods/storage/";
const sim1 = (): LiveSimulation => createSimulation({ seed: 1 });
const pv = (sim: LiveSimulation, name: string) =>
  sim.node.api.tryGet<PersistentVolume>("PersistentVolume", undefined, name);
const pvc = (sim: LiveSimulation, name: string) =>
  sim.node.api.tryGet<PersistentVolumeClaim>("PersistentVolumeClaim", "default", name);

const volume = (name: string, size: string, extra = "", modes = "[ReadWriteOnce]", cls = "manual") =>
  `apiVersion: v1
kind: PersistentVolume
metadata:
  name: ${name}
${extra}spec:
  storageClassName: ${cls}
  capacity:
    storage: ${size}
  accessModes: ${modes}
  hostPath:
    path: /mnt/${name}
`;
const claim = (name: string, size: string, more = "", modes = "[ReadWriteOnce]") =>
  `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
  accessModes: ${modes}
  resources:
    requests:
      storage: ${size}
${more}`;
const apply = (sim: LiveSimulation, yaml: string) => sim.exec(`kubectl apply -f - <<'EOF'\n${yaml}EOF`);

describe("docs: Configure a Pod to Use a PersistentVolume for Storage", () => {
  it("serves the page's manifests by URL", () => {
    for (const [path, text] of Object.entries(STORAGE_EXAMPLES))
      expect(docsExample(`https://k8s.io/examples/${path}`)).toBe(text);
  });

  it("runs the page end to end: node file, PV, claim bound, nginx serves the file, clean-up", async () => {
    const sim = sim1();
    expect(await sim.exec("sudo mkdir /mnt/data")).toBe("");
    expect(await sim.exec(`sudo sh -c "echo 'Hello from Kubernetes storage' > /mnt/data/index.html"`)).toBe(
      "",
    );
    expect(await sim.exec("cat /mnt/data/index.html")).toBe("Hello from Kubernetes storage\n");

    expect(await sim.exec(`kubectl apply -f ${K8S}pv-volume.yaml`)).toBe(
      "persistentvolume/task-pv-volume created\n",
    );
    await sim.advance(4_000);
    expect(await sim.exec("kubectl get pv task-pv-volume")).toBe(
      "NAME             CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS      CLAIM   STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\n" +
        "task-pv-volume   10Gi       RWO            Retain           Available           manual         <unset>                          4s\n",
    );

    expect(await sim.exec(`kubectl apply -f ${K8S}pv-claim.yaml`)).toBe(
      "persistentvolumeclaim/task-pv-claim created\n",
    );
    await sim.advance(1_000);
    expect(await sim.exec("kubectl get pv task-pv-volume")).toBe(
      "NAME             CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM                   STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\n" +
        "task-pv-volume   10Gi       RWO            Retain           Bound    default/task-pv-claim   manual         <unset>                          5s\n",
    );
    expect(await sim.exec("kubectl get pvc task-pv-claim")).toBe(
      "NAME            STATUS   VOLUME           CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n" +
        "task-pv-claim   Bound    task-pv-volume   10Gi       RWO            manual         <unset>                 1s\n",
    );
    // the controller's marks: claimRef with the claim's uid, the two annotations, the finalizers
    const v = pv(sim, "task-pv-volume")!;
    const c = pvc(sim, "task-pv-claim")!;
    expect(v.spec?.claimRef).toMatchObject({
      kind: "PersistentVolumeClaim",
      namespace: "default",
      name: "task-pv-claim",
      uid: c.metadata?.uid,
    });
    expect(v.metadata?.annotations?.["pv.kubernetes.io/bound-by-controller"]).toBe("yes");
    expect(v.metadata?.finalizers).toEqual(["kubernetes.io/pv-protection"]);
    expect(v.spec?.persistentVolumeReclaimPolicy).toBe("Retain");
    expect(v.spec?.volumeMode).toBe("Filesystem");
    expect(c.metadata?.annotations).toMatchObject({
      "pv.kubernetes.io/bind-completed": "yes",
      "pv.kubernetes.io/bound-by-controller": "yes",
    });
    expect(c.metadata?.finalizers).toEqual(["kubernetes.io/pvc-protection"]);
    expect(c.status).toEqual({
      phase: "Bound",
      accessModes: ["ReadWriteOnce"],
      capacity: { storage: "10Gi" },
    });

    expect(await sim.exec(`kubectl apply -f ${K8S}pv-pod.yaml`)).toBe("pod/task-pv-pod created\n");
    await sim.advance(30_000);
    expect(await sim.exec("kubectl get pod task-pv-pod")).toMatch(/^task-pv-pod +1\/1 +Running +0 /m);
    expect(await sim.exec("kubectl exec task-pv-pod -- curl -s http://localhost/")).toBe(
      "Hello from Kubernetes storage\n",
    );
    // the same file, seen from the container: the PV's hostPath is bind-mounted
    expect(await sim.exec("kubectl exec task-pv-pod -- cat /usr/share/nginx/html/index.html")).toBe(
      "Hello from Kubernetes storage\n",
    );
    const describePod = await sim.exec("kubectl describe pod task-pv-pod");
    expect(describePod).toContain(
      "  task-pv-storage:\n    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:  task-pv-claim\n    ReadOnly:   false\n",
    );
    expect(await sim.exec("kubectl describe pvc task-pv-claim")).toBe(
      [
        "Name:          task-pv-claim",
        "Namespace:     default",
        "StorageClass:  manual",
        "Status:        Bound",
        "Volume:        task-pv-volume",
        "Labels:        <none>",
        "Annotations:   pv.kubernetes.io/bind-completed: yes",
        "               pv.kubernetes.io/bound-by-controller: yes",
        "Finalizers:    [kubernetes.io/pvc-protection]",
        "Capacity:      10Gi",
        "Access Modes:  RWO",
        "VolumeMode:    Filesystem",
        "Used By:       task-pv-pod",
        "Events:        <none>",
        "",
      ].join("\n"),
    );
    expect(await sim.exec("kubectl describe pv task-pv-volume")).toBe(
      [
        "Name:            task-pv-volume",
        "Labels:          type=local",
        "Annotations:     pv.kubernetes.io/bound-by-controller: yes",
        "Finalizers:      [kubernetes.io/pv-protection]",
        "StorageClass:    manual",
        "Status:          Bound",
        "Claim:           default/task-pv-claim",
        "Reclaim Policy:  Retain",
        "Access Modes:    RWO",
        "VolumeMode:      Filesystem",
        "Capacity:        10Gi",
        "Node Affinity:   <none>",
        "Message:         ",
        "Source:",
        "    Type:          HostPath (bare host directory volume)",
        "    Path:          /mnt/data",
        "    HostPathType:  ",
        "Events:            <none>",
        "",
      ].join("\n"),
    );

    // clean up, in the page's order
    expect(await sim.exec("kubectl delete pod task-pv-pod")).toBe(
      'pod "task-pv-pod" deleted from default namespace\n',
    );
    expect(await sim.exec("kubectl delete pvc task-pv-claim")).toBe(
      'persistentvolumeclaim "task-pv-claim" deleted from default namespace\n',
    );
    expect(await sim.exec("kubectl delete pv task-pv-volume")).toBe(
      'persistentvolume "task-pv-volume" deleted\n',
    );
    expect(await sim.exec("kubectl get pv,pvc")).toBe("No resources found in default namespace.\n");
    expect(await sim.exec("sudo rm /mnt/data/index.html")).toBe("");
    expect(await sim.exec("sudo rmdir /mnt/data")).toBe("");
    expect(await sim.exec("ls /mnt/data")).toMatch(/No such file or directory/);
  });
});

describe("the API server: defaults, validation, discovery", () => {
  it("lists the three kinds in api-resources with their short names", async () => {
    const out = await createSimulation({ seed: 1 }).exec("kubectl api-resources");
    expect(out).toMatch(/^persistentvolumeclaims +pvc +v1 +true +PersistentVolumeClaim$/m);
    expect(out).toMatch(/^persistentvolumes +pv +v1 +false +PersistentVolume$/m);
    expect(out).toMatch(/^storageclasses +sc +storage\.k8s\.io\/v1 +false +StorageClass$/m);
  });

  it("has no default StorageClass on a kubeadm cluster", async () => {
    expect(await sim1().exec("kubectl get sc")).toBe("No resources found\n");
  });

  it("rejects a PV and a claim without their required fields, in the real words", async () => {
    const sim = sim1();
    const out = await sim.exec(
      "kubectl create -f - <<'EOF'\napiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: bad\nspec: {}\nEOF",
    );
    expect(out).toBe(
      'The PersistentVolume "bad" is invalid: \n' +
        "* spec.accessModes: Required value\n" +
        "* spec.capacity: Required value\n" +
        '* spec.capacity: Unsupported value: core.ResourceList(nil): supported values: "storage"\n' +
        "* spec: Required value: must specify a volume type\n",
    );
    const out2 = await sim.exec(
      "kubectl create -f - <<'EOF'\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: bad\nspec: {}\nEOF",
    );
    expect(out2).toBe(
      'The PersistentVolumeClaim "bad" is invalid: \n' +
        "* spec.accessModes: Required value: at least 1 access mode is required\n" +
        "* spec.resources[storage]: Required value\n",
    );
  });

  it("defaults a StorageClass's reclaimPolicy and binding mode and prints it", async () => {
    const sim = sim1();
    await apply(
      sim,
      "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: local\nprovisioner: example.com/none\n",
    );
    await sim.advance(3_000);
    expect(await sim.exec("kubectl get sc")).toBe(
      "NAME    PROVISIONER        RECLAIMPOLICY   VOLUMEBINDINGMODE   ALLOWVOLUMEEXPANSION   AGE\n" +
        "local   example.com/none   Delete          Immediate           false                  3s\n",
    );
  });
});

describe("the persistentvolume-controller: binding rules", () => {
  it("binds the smallest Available volume of the claim's class that fits", async () => {
    const sim = sim1();
    await apply(sim, volume("big", "20Gi"));
    await apply(sim, volume("small", "1Gi"));
    await apply(sim, volume("medium", "5Gi"));
    await apply(sim, volume("other-class", "4Gi", "", "[ReadWriteOnce]", "fast"));
    await apply(sim, claim("want", "3Gi", "  storageClassName: manual\n"));
    await sim.advance(1_000);
    expect(pvc(sim, "want")?.spec?.volumeName).toBe("medium");
    expect(pv(sim, "medium")?.status?.phase).toBe("Bound");
    for (const n of ["big", "small", "other-class"]) expect(pv(sim, n)?.status?.phase).toBe("Available");
  });

  it("needs every access mode the claim asks for, and the selector's labels", async () => {
    const sim = sim1();
    await apply(sim, volume("rwo", "5Gi"));
    await apply(
      sim,
      volume("rwx-fast", "8Gi", "  labels:\n    tier: fast\n", "[ReadWriteOnce, ReadWriteMany]"),
    );
    await apply(sim, volume("rwx-slow", "6Gi", "  labels:\n    tier: slow\n", "[ReadWriteMany]"));
    await apply(
      sim,
      claim(
        "shared",
        "1Gi",
        "  storageClassName: manual\n  selector:\n    matchLabels:\n      tier: fast\n",
        "[ReadWriteMany]",
      ),
    );
    await sim.advance(1_000);
    expect(pvc(sim, "shared")?.spec?.volumeName).toBe("rwx-fast");
    expect(pvc(sim, "shared")?.status?.accessModes).toEqual(["ReadWriteOnce", "ReadWriteMany"]);
    expect(await sim.exec("kubectl get pvc shared")).toMatch(
      /shared +Bound +rwx-fast +8Gi +RWO,RWX +manual /,
    );
  });

  it("leaves a claim with no PV and no class Pending with the FailedBinding event, binding later on resync", async () => {
    const sim = sim1();
    await apply(sim, claim("lonely", "1Gi"));
    await sim.advance(20_000);
    expect(pvc(sim, "lonely")?.status?.phase).toBe("Pending");
    expect(pvc(sim, "lonely")?.spec?.storageClassName).toBeUndefined();
    const out = await sim.exec("kubectl describe pvc lonely");
    expect(out).toMatch(
      /Normal {2}FailedBinding {2}\S+ \(x2 over 20s\) {2}persistentvolume-controller {2}no persistent volumes available for this claim and no storage class is set\n$/,
    );
    // a PV without a class appears: the next periodic sync (15 s) binds it
    await apply(sim, volume("late", "2Gi", "", "[ReadWriteOnce]", '""'));
    await sim.advance(15_000);
    expect(pvc(sim, "lonely")?.spec?.volumeName).toBe("late");
  });

  it("waits for the provisioner of a class that has none running, and reports a missing class", async () => {
    const sim = sim1();
    await apply(sim, claim("ghost", "1Gi", "  storageClassName: nope\n"));
    await sim.advance(1_000);
    expect(await sim.exec("kubectl describe pvc ghost")).toMatch(
      /Warning {2}ProvisioningFailed {2}1s {4}persistentvolume-controller {2}storageclass\.storage\.k8s\.io "nope" not found\n$/,
    );
    await apply(
      sim,
      "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: ext\nprovisioner: example.com/nfs\n",
    );
    await apply(sim, claim("waits", "1Gi", "  storageClassName: ext\n"));
    await sim.advance(1_000);
    const c = pvc(sim, "waits")!;
    expect(c.status?.phase).toBe("Pending");
    expect(c.metadata?.annotations?.["volume.kubernetes.io/storage-provisioner"]).toBe("example.com/nfs");
    expect(await sim.exec("kubectl describe pvc waits")).toContain(
      "Waiting for a volume to be created either by the external provisioner 'example.com/nfs' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    );
  });

  it("marks a Retain volume Released once its claim is deleted, keeping the claimRef", async () => {
    const sim = sim1();
    await apply(sim, volume("keep", "1Gi"));
    await apply(sim, claim("c1", "1Gi", "  storageClassName: manual\n"));
    await sim.advance(1_000);
    const uid = pvc(sim, "c1")?.metadata?.uid;
    expect(await sim.exec("kubectl delete pvc c1")).toBe(
      'persistentvolumeclaim "c1" deleted from default namespace\n',
    );
    await sim.advance(1_000);
    expect(pv(sim, "keep")?.status?.phase).toBe("Released");
    expect(pv(sim, "keep")?.spec?.claimRef?.uid).toBe(uid);
    expect(await sim.exec("kubectl get pv keep")).toMatch(
      /keep +1Gi +RWO +Retain +Released +default\/c1 +manual /,
    );
    // a new claim of the same name is a different claim: the Released volume is not handed over
    await apply(sim, claim("c1", "1Gi", "  storageClassName: manual\n"));
    await sim.advance(20_000);
    expect(pvc(sim, "c1")?.status?.phase).toBe("Pending");
  });

  it("fails the Delete policy on a hostPath outside /tmp, as the hostPath deleter does", async () => {
    const sim = sim1();
    await apply(
      sim,
      volume("gone", "1Gi").replace("spec:\n", "spec:\n  persistentVolumeReclaimPolicy: Delete\n"),
    );
    await apply(sim, claim("c2", "1Gi", "  storageClassName: manual\n"));
    await sim.advance(1_000);
    await sim.exec("kubectl delete pvc c2");
    await sim.advance(1_000);
    expect(pv(sim, "gone")?.status?.phase).toBe("Failed");
    expect(pv(sim, "gone")?.status?.message).toBe(
      "host_path deleter only supports /tmp/.+ but received provided /mnt/gone",
    );
  });
});

describe("protection and scheduling", () => {
  it("keeps a claim in use Terminating until its pod is gone (pvc-protection)", async () => {
    const sim = sim1();
    await sim.exec("sudo mkdir /mnt/data");
    await sim.exec(`kubectl apply -f ${K8S}pv-volume.yaml`);
    await sim.exec(`kubectl apply -f ${K8S}pv-claim.yaml`);
    await sim.exec(`kubectl apply -f ${K8S}pv-pod.yaml`);
    await sim.advance(30_000);
    expect(await sim.exec("kubectl delete pvc task-pv-claim --wait=false")).toBe(
      'persistentvolumeclaim "task-pv-claim" deleted from default namespace\n',
    );
    await sim.advance(5_000);
    expect(pvc(sim, "task-pv-claim")?.metadata?.deletionTimestamp).toBeDefined();
    expect(await sim.exec("kubectl get pvc")).toMatch(
      /task-pv-claim +Terminating +task-pv-volume +10Gi +RWO +manual /,
    );
    // the volume cannot go either while it is Bound (pv-protection)
    await sim.exec("kubectl delete pv task-pv-volume --wait=false");
    await sim.advance(5_000);
    expect(await sim.exec("kubectl get pv")).toMatch(
      /task-pv-volume .* Terminating +default\/task-pv-claim /,
    );
    await sim.exec("kubectl delete pod task-pv-pod");
    await sim.advance(2_000);
    expect(pvc(sim, "task-pv-claim")).toBeUndefined();
    expect(pv(sim, "task-pv-volume")).toBeUndefined();
  });

  it("holds a pod with an unbound claim Pending with the VolumeBinding PreFilter message", async () => {
    const sim = sim1();
    await sim.exec(`kubectl apply -f ${K8S}pv-claim.yaml`);
    await sim.exec(`kubectl apply -f ${K8S}pv-pod.yaml`);
    await sim.advance(2_000);
    const pod = sim.node.api.get<Pod>("Pod", "default", "task-pv-pod");
    expect(pod.spec?.nodeName).toBeUndefined();
    expect(pod.status?.conditions?.find((c) => c.type === "PodScheduled")?.message).toBe(
      "0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
    );
    // the claim names class "manual", which does not exist: the controller says so
    expect(await sim.exec("kubectl describe pvc task-pv-claim")).toContain(
      'persistentvolume-controller  storageclass.storage.k8s.io "manual" not found',
    );
    // a volume appears: the claim binds on the next sync and the pod is scheduled
    await sim.exec(`kubectl apply -f ${K8S}pv-volume.yaml`);
    await sim.advance(45_000);
    expect(sim.node.api.get<Pod>("Pod", "default", "task-pv-pod").status?.phase).toBe("Running");
  });

  it("names a missing claim in FailedScheduling", async () => {
    const sim = sim1();
    await sim.exec("kubectl apply -f https://k8s.io/examples/pods/storage/pv-duplicate.yaml");
    await sim.advance(2_000);
    expect(await sim.exec("kubectl describe pod test")).toContain(
      'FailedScheduling  2s    default-scheduler  0/1 nodes are available: persistentvolumeclaim "test-nfs-claim" not found. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
  });
});
