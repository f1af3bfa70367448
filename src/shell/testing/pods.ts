// Hand-built Pods with the statuses the kubelet produces, for printer tests.
import type { ContainerStatus, Pod } from "kubernetes-types/core/v1";

export const T0 = "2026-01-15T09:00:00Z";

export function at(secondsAfterT0: number): string {
  return new Date(Date.parse(T0) + secondsAfterT0 * 1000).toISOString().replace(".000Z", "Z");
}

export function cs(
  name: string,
  state: ContainerStatus["state"],
  extra: Partial<ContainerStatus> = {},
): ContainerStatus {
  return {
    name,
    image: "nginx:1.27",
    imageID: "",
    ready: false,
    restartCount: 0,
    started: false,
    state,
    ...extra,
  };
}

export function pod(
  name: string,
  status: Pod["status"],
  spec: Partial<NonNullable<Pod["spec"]>> = {},
  meta: Partial<NonNullable<Pod["metadata"]>> = {},
): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "default",
      uid: `uid-${name}`,
      creationTimestamp: T0,
      labels: { run: name },
      ...meta,
    },
    spec: {
      containers: [{ name: "app", image: "nginx:1.27" }],
      nodeName: "node-1",
      restartPolicy: "Always",
      ...spec,
    },
    status,
  };
}
