import type { Container, Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { admitPodCreate, defaultPullPolicy, podQosClass, setPodDefaults } from "./defaults";

const pod = (containers: Container[]): Pod => ({
  metadata: { name: "web" },
  spec: { containers },
});

describe("pod defaulting", () => {
  it.each([
    ["nginx", "Always"],
    ["nginx:latest", "Always"],
    ["nginx:1.27", "IfNotPresent"],
    ["registry.local:5000/app", "Always"],
    ["registry.local:5000/app:v2", "IfNotPresent"],
    ["nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent"],
  ])("image %s ⇒ imagePullPolicy %s", (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });

  it("fills the pod and container defaults the API server adds", () => {
    const p = setPodDefaults(
      pod([
        {
          name: "web",
          image: "nginx",
          ports: [{ containerPort: 80 }],
          livenessProbe: { httpGet: { port: 80 } },
          resources: { limits: { cpu: "500m", memory: "128Mi" } },
        },
      ]),
    );
    admitPodCreate(p, { tokenVolumeSuffix: "abcde" });
    const s = p.spec!;
    expect(s).toMatchObject({
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
      dnsPolicy: "ClusterFirst",
      schedulerName: "default-scheduler",
      serviceAccountName: "default",
      serviceAccount: "default",
      enableServiceLinks: true,
      securityContext: {},
      priority: 0,
      preemptionPolicy: "PreemptLowerPriority",
    });
    expect(s.tolerations).toEqual([
      {
        key: "node.kubernetes.io/not-ready",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
      {
        key: "node.kubernetes.io/unreachable",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
    ]);
    const c = s.containers[0];
    expect(c).toMatchObject({
      imagePullPolicy: "Always",
      terminationMessagePath: "/dev/termination-log",
      terminationMessagePolicy: "File",
      ports: [{ containerPort: 80, protocol: "TCP" }],
      resources: { limits: { cpu: "500m", memory: "128Mi" }, requests: { cpu: "500m", memory: "128Mi" } },
    });
    expect(c.livenessProbe).toEqual({
      httpGet: { port: 80, path: "/", scheme: "HTTP" },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(s.volumes?.[0].name).toBe("kube-api-access-abcde");
    expect(c.volumeMounts).toEqual([
      {
        name: "kube-api-access-abcde",
        readOnly: true,
        mountPath: "/var/run/secrets/kubernetes.io/serviceaccount",
      },
    ]);
  });

  it("keeps a toleration the user already gave", () => {
    const p = setPodDefaults(pod([{ name: "a", image: "x" }]));
    p.spec!.tolerations = [
      { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 5 },
    ];
    admitPodCreate(p);
    expect(p.spec!.tolerations).toHaveLength(2);
    expect(p.spec!.tolerations![0].tolerationSeconds).toBe(5);
  });

  it("computes the QoS class like GetPodQOS", () => {
    const q = (resources: object, more: object[] = []) =>
      podQosClass(setPodDefaults(pod([{ name: "a", image: "x", resources }, ...(more as never[])])).spec);
    expect(q({})).toBe("BestEffort");
    expect(q({ limits: { cpu: "1", memory: "1Gi" } })).toBe("Guaranteed");
    expect(q({ requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } })).toBe(
      "Guaranteed",
    );
    expect(q({ requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } })).toBe(
      "Burstable",
    );
    expect(q({ requests: { memory: "100Mi" } })).toBe("Burstable");
    expect(q({ limits: { cpu: "1" } })).toBe("Burstable");
    expect(q({ limits: { cpu: "1", memory: "1Gi" } }, [{ name: "b", image: "y" }])).toBe("Burstable");
  });
});
