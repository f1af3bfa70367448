// content/en/examples/…: the manifests of tasks/configure-pod-container: resources, QoS, probes, volumes, init containers, lifecycle hooks, security context, node assignment, private registries — applied by URL as the task pages do.

/** content/en/examples/<path> → the file's text. */
export const CONFIGURE_POD_EXAMPLES: Record<string, string> = {};
