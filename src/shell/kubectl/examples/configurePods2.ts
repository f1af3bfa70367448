// content/en/examples/…: manifests of the "Configure Pods and Containers" task pages not carried by
// configurePods.ts — extended resources and in-place resize — applied by URL as those pages do.
// The text is what kubernetes.io serves for release 1.34 (comments and flow style kept).

/** content/en/examples/<path> → the file's text. */
export const CONFIGURE_POD_EXAMPLES_2: Record<string, string> = {
  // tasks/configure-pod-container/extended-resource
  "pods/resource/extended-resource-pod.yaml": `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "extended-resource-demo",
  },
  spec: {
    containers: [{
      name: "extended-resource-demo-ctr",
      image: "nginx",
      resources: {
        requests: {
          example.com/dongle: 3,
        },
        limits: {
          example.com/dongle: 3,
        },
      },
    }],
  },
}
`,
  "pods/resource/extended-resource-pod-2.yaml": `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "extended-resource-demo-2",
  },
  spec: {
    containers: [{
      name: "extended-resource-demo-2-ctr",
      image: "nginx",
      resources: {
        requests: {
          example.com/dongle: 2,
        },
        limits: {
          example.com/dongle: 2,
        },
      },
    }],
  },
}
`,
  // tasks/configure-pod-container/resize-container-resources
  "pods/resource/pod-resize.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: resize-demo
spec:
  containers:
  - name: pause
    image: registry.k8s.io/pause:3.8
    resizePolicy:
    - resourceName: cpu
      restartPolicy: NotRequired # Default, but explicit here
    - resourceName: memory
      restartPolicy: RestartContainer
    resources:
      limits:
        memory: "200Mi"
        cpu: "700m"
      requests:
        memory: "200Mi"
        cpu: "700m"
`,
};
