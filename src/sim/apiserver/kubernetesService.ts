// k8s: pkg/controlplane/controller/kubernetesservice/controller.go + pkg/controlplane/reconcilers —
// the API server publishes itself as the `kubernetes` Service (first IP of the service range) with an
// Endpoints and an EndpointSlice it manages itself (no selector: no controller touches them).
import type { ApiServer } from "./apiServer";

export const KUBERNETES_SERVICE_IP = "10.96.0.1";
/** kubeadm's --secure-port. */
export const APISERVER_PORT = 6443;

/** Create (once) the `kubernetes` Service and its endpoints pointing at the API server's address. */
export function ensureKubernetesService(api: ApiServer, advertiseAddress: string): void {
  if (api.tryGet("Service", "default", "kubernetes")) return;
  api.create(
    "Service",
    {
      metadata: {
        name: "kubernetes",
        namespace: "default",
        labels: { component: "apiserver", provider: "kubernetes" },
      },
      spec: {
        clusterIP: KUBERNETES_SERVICE_IP,
        ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: APISERVER_PORT }],
        sessionAffinity: "None",
        type: "ClusterIP",
      },
    },
    "apiserver",
  );
  api.create(
    "Endpoints",
    {
      metadata: {
        name: "kubernetes",
        namespace: "default",
        labels: { "endpointslice.kubernetes.io/skip-mirror": "true" },
      },
      subsets: [
        {
          addresses: [{ ip: advertiseAddress }],
          ports: [{ name: "https", port: APISERVER_PORT, protocol: "TCP" }],
        },
      ],
    },
    "apiserver",
  );
  api.create(
    "EndpointSlice",
    {
      metadata: {
        name: "kubernetes",
        namespace: "default",
        labels: { "kubernetes.io/service-name": "kubernetes" },
      },
      addressType: "IPv4",
      endpoints: [{ addresses: [advertiseAddress], conditions: { ready: true } }],
      ports: [{ name: "https", port: APISERVER_PORT, protocol: "TCP" }],
    },
    "apiserver",
  );
}
