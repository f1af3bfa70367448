// k8s: plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go + controller_policy.go (the default
// ClusterRoles and ClusterRoleBindings the API server reconciles at start), and kubeadm's
// cmd/kubeadm/app/phases/bootstraptoken/clusterinfo + node, addons/dns + proxy, kubeconfig (its
// own ClusterRoles and bindings). The aggregated roles (admin, edit, view) are filled as the
// clusterrole-aggregation controller fills them: selected roles sorted by name, rules deduplicated.
import type { ApiServerClient } from "../apiserver/types";
import { type BindingObject, type PolicyRule, RBAC_GROUP, type RoleObject, type Subject } from "./rbac";

const READ = ["get", "list", "watch"];
const WRITE = ["create", "delete", "deletecollection", "patch", "update"];
const READ_WRITE = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];
const EVENTS = ["create", "patch", "update"];

/** rbacv1helpers.NewRule(verbs…).Groups(…).Resources(…) */
const rule = (verbs: string[], groups: string[], resources: string[], names?: string[]): PolicyRule => ({
  verbs,
  apiGroups: groups,
  resources,
  ...(names ? { resourceNames: names } : {}),
});
const urls = (verbs: string[], nonResourceURLs: string[]): PolicyRule => ({ verbs, nonResourceURLs });
const eventsRule = () => rule(EVENTS, ["", "events.k8s.io"], ["events"]);

const AGG = "rbac.authorization.k8s.io/aggregate-to-";

interface RoleSpec {
  name: string;
  rules?: PolicyRule[];
  labels?: Record<string, string>;
  aggregateFrom?: string;
}

const AGGREGATE_TO_VIEW = [
  rule(
    READ,
    [""],
    [
      "pods",
      "replicationcontrollers",
      "replicationcontrollers/scale",
      "serviceaccounts",
      "services",
      "services/status",
      "endpoints",
      "persistentvolumeclaims",
      "persistentvolumeclaims/status",
      "configmaps",
    ],
  ),
  rule(
    READ,
    [""],
    [
      "limitranges",
      "resourcequotas",
      "bindings",
      "events",
      "pods/status",
      "resourcequotas/status",
      "namespaces/status",
      "replicationcontrollers/status",
      "pods/log",
    ],
  ),
  rule(READ, [""], ["namespaces"]),
  rule(READ, ["discovery.k8s.io"], ["endpointslices"]),
  rule(
    READ,
    ["apps"],
    [
      "controllerrevisions",
      "statefulsets",
      "statefulsets/status",
      "statefulsets/scale",
      "daemonsets",
      "daemonsets/status",
      "deployments",
      "deployments/status",
      "deployments/scale",
      "replicasets",
      "replicasets/status",
      "replicasets/scale",
    ],
  ),
  rule(READ, ["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
  rule(READ, ["batch"], ["cronjobs", "cronjobs/status", "jobs", "jobs/status"]),
  rule(
    READ,
    ["extensions"],
    [
      "daemonsets",
      "daemonsets/status",
      "deployments",
      "deployments/scale",
      "deployments/status",
      "ingresses",
      "ingresses/status",
      "replicasets",
      "replicasets/scale",
      "replicasets/status",
      "replicationcontrollers/scale",
      "networkpolicies",
    ],
  ),
  rule(READ, ["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
  rule(READ, ["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"]),
];

const AGGREGATE_TO_EDIT = [
  rule(
    READ,
    [""],
    ["pods/attach", "pods/proxy", "pods/exec", "pods/portforward", "secrets", "services/proxy"],
  ),
  rule(["impersonate"], [""], ["serviceaccounts"]),
  rule(WRITE, [""], ["pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward"]),
  rule(["create"], [""], ["pods/eviction"]),
  rule(
    WRITE,
    [""],
    [
      "replicationcontrollers",
      "replicationcontrollers/scale",
      "serviceaccounts",
      "services",
      "services/proxy",
      "persistentvolumeclaims",
      "configmaps",
      "secrets",
      "events",
    ],
  ),
  rule(["create"], [""], ["serviceaccounts/token"]),
  rule(
    WRITE,
    ["apps"],
    [
      "statefulsets",
      "statefulsets/scale",
      "daemonsets",
      "deployments",
      "deployments/scale",
      "deployments/rollback",
      "replicasets",
      "replicasets/scale",
    ],
  ),
  rule(WRITE, ["autoscaling"], ["horizontalpodautoscalers"]),
  rule(WRITE, ["batch"], ["jobs", "cronjobs"]),
  rule(
    WRITE,
    ["extensions"],
    [
      "daemonsets",
      "deployments",
      "deployments/scale",
      "deployments/rollback",
      "ingresses",
      "replicasets",
      "replicasets/scale",
      "replicationcontrollers/scale",
      "networkpolicies",
    ],
  ),
  rule(WRITE, ["policy"], ["poddisruptionbudgets"]),
  rule(WRITE, ["networking.k8s.io"], ["networkpolicies", "ingresses"]),
  rule(READ_WRITE, ["coordination.k8s.io"], ["leases"]),
];

const AGGREGATE_TO_ADMIN = [
  rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"]),
  rule(READ_WRITE, [RBAC_GROUP], ["roles", "rolebindings"]),
];

const NODE_RULES = [
  rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
  rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews", "localsubjectaccessreviews"]),
  rule(READ, [""], ["services"]),
  rule(["create", "get", "list", "watch"], [""], ["nodes"]),
  rule(["update", "patch"], [""], ["nodes/status"]),
  rule(["update", "patch"], [""], ["nodes"]),
  rule(EVENTS, ["", "events.k8s.io"], ["events"]),
  rule(READ, [""], ["pods"]),
  rule(["create", "delete"], [""], ["pods"]),
  rule(["update", "patch"], [""], ["pods/status"]),
  rule(["create"], [""], ["pods/eviction"]),
  rule(READ, [""], ["secrets", "configmaps"]),
  rule(["get"], [""], ["persistentvolumeclaims", "persistentvolumes"]),
  rule(["get"], [""], ["endpoints"]),
  rule(["create", "get", "list", "watch"], ["certificates.k8s.io"], ["certificatesigningrequests"]),
  rule(["get", "create", "update", "patch", "delete"], ["coordination.k8s.io"], ["leases"]),
  rule(["get"], ["storage.k8s.io"], ["volumeattachments"]),
  rule(["create"], [""], ["serviceaccounts/token"]),
  rule(["get", "update", "patch"], [""], ["persistentvolumeclaims/status"]),
  rule(["get", "watch", "list"], ["storage.k8s.io"], ["csidrivers"]),
  rule(["get", "create", "update", "patch", "delete"], ["storage.k8s.io"], ["csinodes"]),
  rule(READ, ["node.k8s.io"], ["runtimeclasses"]),
  rule(["get"], ["resource.k8s.io"], ["resourceclaims"]),
  rule(["deletecollection"], ["resource.k8s.io"], ["resourceslices"]),
];

/** The default ClusterRoles (policy.go ClusterRoles()), in the order the API server creates them. */
const CLUSTER_ROLES: RoleSpec[] = [
  { name: "cluster-admin", rules: [rule(["*"], ["*"], ["*"]), urls(["*"], ["*"])] },
  {
    name: "system:discovery",
    rules: [
      urls(
        ["get"],
        [
          "/api",
          "/api/*",
          "/apis",
          "/apis/*",
          "/healthz",
          "/livez",
          "/openapi",
          "/openapi/*",
          "/readyz",
          "/version",
          "/version/",
        ],
      ),
    ],
  },
  {
    name: "system:monitoring",
    rules: [
      urls(
        ["get"],
        ["/healthz", "/healthz/*", "/livez", "/livez/*", "/metrics", "/metrics/slis", "/readyz", "/readyz/*"],
      ),
    ],
  },
  {
    name: "system:basic-user",
    rules: [
      rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
      rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"]),
    ],
  },
  {
    name: "system:public-info-viewer",
    rules: [urls(["get"], ["/healthz", "/livez", "/readyz", "/version", "/version/"])],
  },
  { name: "admin", aggregateFrom: "admin" },
  { name: "edit", labels: { [`${AGG}admin`]: "true" }, aggregateFrom: "edit" },
  { name: "view", labels: { [`${AGG}edit`]: "true" }, aggregateFrom: "view" },
  { name: "system:aggregate-to-admin", labels: { [`${AGG}admin`]: "true" }, rules: AGGREGATE_TO_ADMIN },
  { name: "system:aggregate-to-edit", labels: { [`${AGG}edit`]: "true" }, rules: AGGREGATE_TO_EDIT },
  { name: "system:aggregate-to-view", labels: { [`${AGG}view`]: "true" }, rules: AGGREGATE_TO_VIEW },
  {
    name: "system:heapster",
    rules: [
      rule(READ, [""], ["events", "namespaces", "nodes", "pods"]),
      rule(READ, ["extensions"], ["deployments"]),
    ],
  },
  { name: "system:node", rules: NODE_RULES },
  {
    name: "system:node-problem-detector",
    rules: [rule(["get"], [""], ["nodes"]), rule(["patch"], [""], ["nodes/status"]), eventsRule()],
  },
  {
    name: "system:kubelet-api-admin",
    rules: [
      rule(["get", "list", "watch"], [""], ["nodes"]),
      rule(["proxy"], [""], ["nodes"]),
      rule(["*"], [""], ["nodes/log", "nodes/metrics", "nodes/proxy", "nodes/stats"]),
    ],
  },
  {
    name: "system:node-bootstrapper",
    rules: [
      rule(["create", "get", "list", "watch"], ["certificates.k8s.io"], ["certificatesigningrequests"]),
    ],
  },
  {
    name: "system:auth-delegator",
    rules: [
      rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
      rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
    ],
  },
  { name: "system:kube-aggregator", rules: [rule(READ, [""], ["endpoints", "services"])] },
  {
    name: "system:kube-controller-manager",
    rules: [
      eventsRule(),
      rule(["create"], ["coordination.k8s.io"], ["leases"]),
      rule(["get", "update"], ["coordination.k8s.io"], ["leases"], ["kube-controller-manager"]),
      rule(["create"], [""], ["secrets", "serviceaccounts"]),
      rule(["delete"], [""], ["secrets"]),
      rule(["get"], [""], ["configmaps", "namespaces", "secrets", "serviceaccounts"]),
      rule(["update"], [""], ["secrets", "serviceaccounts"]),
      rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
      rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
      rule(["list", "watch"], ["*"], ["*"]),
      rule(["create"], [""], ["serviceaccounts/token"]),
    ],
  },
  {
    name: "system:kube-dns",
    rules: [rule(["list", "watch"], [""], ["endpoints", "services"])],
  },
  {
    name: "system:persistent-volume-provisioner",
    rules: [
      rule(["create", "delete", "get", "list", "watch"], [""], ["persistentvolumes"]),
      rule(["get", "list", "update", "watch"], [""], ["persistentvolumeclaims"]),
      rule(READ, ["storage.k8s.io"], ["storageclasses"]),
      rule(["watch"], [""], ["events"]),
      eventsRule(),
    ],
  },
  {
    name: "system:certificates.k8s.io:certificatesigningrequests:nodeclient",
    rules: [rule(["create"], ["certificates.k8s.io"], ["certificatesigningrequests/nodeclient"])],
  },
  {
    name: "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
    rules: [rule(["create"], ["certificates.k8s.io"], ["certificatesigningrequests/selfnodeclient"])],
  },
  {
    name: "system:volume-scheduler",
    rules: [
      rule(["get", "list", "patch", "update", "watch"], [""], ["persistentvolumes"]),
      rule(READ, ["storage.k8s.io"], ["storageclasses"]),
      rule(["get", "list", "patch", "update", "watch"], [""], ["persistentvolumeclaims"]),
    ],
  },
  {
    name: "system:certificates.k8s.io:legacy-unknown-approver",
    rules: [rule(["approve"], ["certificates.k8s.io"], ["signers"], ["kubernetes.io/legacy-unknown"])],
  },
  {
    name: "system:certificates.k8s.io:kubelet-serving-approver",
    rules: [rule(["approve"], ["certificates.k8s.io"], ["signers"], ["kubernetes.io/kubelet-serving"])],
  },
  {
    name: "system:certificates.k8s.io:kube-apiserver-client-approver",
    rules: [rule(["approve"], ["certificates.k8s.io"], ["signers"], ["kubernetes.io/kube-apiserver-client"])],
  },
  {
    name: "system:certificates.k8s.io:kube-apiserver-client-kubelet-approver",
    rules: [
      rule(
        ["approve"],
        ["certificates.k8s.io"],
        ["signers"],
        ["kubernetes.io/kube-apiserver-client-kubelet"],
      ),
    ],
  },
  {
    name: "system:service-account-issuer-discovery",
    rules: [
      urls(
        ["get"],
        [
          "/.well-known/openid-configuration",
          "/.well-known/openid-configuration/",
          "/openid/v1/jwks",
          "/openid/v1/jwks/",
        ],
      ),
    ],
  },
  {
    name: "system:node-proxier",
    rules: [
      rule(["list", "watch"], [""], ["endpoints", "services"]),
      rule(["get", "list", "watch"], [""], ["nodes"]),
      eventsRule(),
      rule(["list", "watch"], ["discovery.k8s.io"], ["endpointslices"]),
    ],
  },
  {
    name: "system:kube-scheduler",
    rules: [
      eventsRule(),
      rule(["create"], ["coordination.k8s.io"], ["leases"]),
      rule(["get", "update"], ["coordination.k8s.io"], ["leases"], ["kube-scheduler"]),
      rule(["delete", "get", "list", "watch"], [""], ["pods"]),
      rule(READ, [""], ["nodes"]),
      rule(["create"], [""], ["bindings", "pods/binding"]),
      rule(["patch", "update"], [""], ["pods/status"]),
      rule(READ, [""], ["replicationcontrollers", "services"]),
      rule(READ, ["apps", "extensions"], ["replicasets"]),
      rule(READ, ["apps"], ["statefulsets"]),
      rule(READ, ["policy"], ["poddisruptionbudgets"]),
      rule(READ, [""], ["persistentvolumeclaims", "persistentvolumes"]),
      rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
      rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
      rule(READ, ["storage.k8s.io"], ["csinodes"]),
      rule(READ, [""], ["namespaces"]),
      rule(READ, ["storage.k8s.io"], ["csidrivers"]),
      rule(READ, ["storage.k8s.io"], ["csistoragecapacities"]),
    ],
  },
];

/** controller_policy.go: one ClusterRole per controller, bound to its kube-system ServiceAccount. */
const CONTROLLER_ROLES: [string, PolicyRule[]][] = [
  [
    "attachdetach-controller",
    [
      rule(["list", "watch"], [""], ["persistentvolumes", "persistentvolumeclaims"]),
      rule(["get", "list", "watch"], [""], ["nodes"]),
      rule(["patch", "update"], [""], ["nodes/status"]),
      rule(["list", "watch"], [""], ["pods"]),
      eventsRule(),
      rule(["create", "delete", "get", "list", "watch"], ["storage.k8s.io"], ["volumeattachments"]),
    ],
  ],
  [
    "clusterrole-aggregation-controller",
    [rule(["escalate", "get", "list", "patch", "update", "watch"], [RBAC_GROUP], ["clusterroles"])],
  ],
  [
    "cronjob-controller",
    [
      rule(["get", "list", "update", "watch"], ["batch"], ["cronjobs"]),
      rule(["create", "delete", "get", "list", "patch", "update", "watch"], ["batch"], ["jobs"]),
      rule(["update"], ["batch"], ["cronjobs/status"]),
      rule(["update"], ["batch"], ["cronjobs/finalizers"]),
      rule(["delete", "list"], [""], ["pods"]),
      eventsRule(),
    ],
  ],
  [
    "daemon-set-controller",
    [
      rule(["get", "list", "watch"], ["apps", "extensions"], ["daemonsets"]),
      rule(["update"], ["apps", "extensions"], ["daemonsets/status"]),
      rule(["update"], ["apps", "extensions"], ["daemonsets/finalizers"]),
      rule(["list", "watch"], [""], ["nodes"]),
      rule(["create", "delete", "list", "patch", "watch"], [""], ["pods"]),
      rule(["create"], [""], ["pods/binding"]),
      rule(["create", "delete", "list", "patch", "update", "watch"], ["apps"], ["controllerrevisions"]),
      eventsRule(),
    ],
  ],
  [
    "deployment-controller",
    [
      rule(["get", "list", "update", "watch"], ["apps", "extensions"], ["deployments"]),
      rule(["update"], ["apps", "extensions"], ["deployments/status"]),
      rule(["update"], ["apps", "extensions"], ["deployments/finalizers"]),
      rule(
        ["create", "delete", "get", "list", "patch", "update", "watch"],
        ["apps", "extensions"],
        ["replicasets"],
      ),
      rule(["get", "list", "update", "watch"], [""], ["pods"]),
      eventsRule(),
    ],
  ],
  [
    "disruption-controller",
    [
      rule(["get", "list", "watch"], ["apps", "extensions"], ["deployments"]),
      rule(["get", "list", "watch"], ["apps", "extensions"], ["replicasets"]),
      rule(["get", "list", "watch"], [""], ["replicationcontrollers"]),
      rule(["get", "list", "watch"], ["policy"], ["poddisruptionbudgets"]),
      rule(["get"], ["apps"], ["statefulsets"]),
      rule(["update"], ["policy"], ["poddisruptionbudgets/status"]),
      rule(["get"], ["*"], ["*/scale"]),
      eventsRule(),
    ],
  ],
  [
    "endpoint-controller",
    [
      rule(["get", "list", "watch"], [""], ["services", "pods"]),
      rule(["get", "list", "create", "update", "delete"], [""], ["endpoints"]),
      rule(["create"], [""], ["endpoints/restricted"]),
      eventsRule(),
    ],
  ],
  [
    "endpointslice-controller",
    [
      rule(["get", "list", "watch"], [""], ["services", "pods", "nodes"]),
      rule(["update"], [""], ["services/finalizers"]),
      rule(["get", "list", "create", "update", "delete"], ["discovery.k8s.io"], ["endpointslices"]),
      eventsRule(),
    ],
  ],
  ["generic-garbage-collector", [rule(["delete", "get", "list", "patch", "update", "watch"], ["*"], ["*"])]],
  [
    "job-controller",
    [
      rule(["get", "list", "patch", "update", "watch"], ["batch"], ["jobs"]),
      rule(["update"], ["batch"], ["jobs/status"]),
      rule(["update"], ["batch"], ["jobs/finalizers"]),
      rule(["create", "delete", "list", "patch", "watch"], [""], ["pods"]),
      eventsRule(),
    ],
  ],
  [
    "namespace-controller",
    [
      rule(["delete", "get", "list", "watch"], [""], ["namespaces"]),
      rule(["update"], [""], ["namespaces/finalize", "namespaces/status"]),
      rule(["delete", "deletecollection", "get", "list"], ["*"], ["*"]),
    ],
  ],
  [
    "node-controller",
    [
      rule(["delete", "get", "list", "patch", "update"], [""], ["nodes"]),
      rule(["patch", "update"], [""], ["nodes/status"]),
      rule(["patch", "update"], [""], ["pods/status"]),
      rule(["delete", "list"], [""], ["pods"]),
      eventsRule(),
    ],
  ],
  [
    "persistent-volume-binder",
    [
      rule(["create", "delete", "get", "list", "update", "watch"], [""], ["persistentvolumes"]),
      rule(["update"], [""], ["persistentvolumes/status"]),
      rule(["get", "list", "update", "watch"], [""], ["persistentvolumeclaims"]),
      rule(["update"], [""], ["persistentvolumeclaims/status"]),
      rule(["create", "delete", "get", "list", "watch"], [""], ["pods"]),
      rule(["get", "list", "watch"], ["storage.k8s.io"], ["storageclasses"]),
      eventsRule(),
    ],
  ],
  [
    "pod-garbage-collector",
    [
      rule(["delete", "list", "watch"], [""], ["pods"]),
      rule(["get", "list"], [""], ["nodes"]),
      rule(["patch"], [""], ["pods/status"]),
    ],
  ],
  [
    "pv-protection-controller",
    [rule(["get", "list", "update", "watch"], [""], ["persistentvolumes"]), eventsRule()],
  ],
  [
    "pvc-protection-controller",
    [
      rule(["get", "list", "update", "watch"], [""], ["persistentvolumeclaims"]),
      rule(["get", "list", "watch"], [""], ["pods"]),
      eventsRule(),
    ],
  ],
  [
    "replicaset-controller",
    [
      rule(["get", "list", "update", "watch"], ["apps", "extensions"], ["replicasets"]),
      rule(["update"], ["apps", "extensions"], ["replicasets/status"]),
      rule(["update"], ["apps", "extensions"], ["replicasets/finalizers"]),
      rule(["create", "delete", "list", "patch", "watch"], [""], ["pods"]),
      eventsRule(),
    ],
  ],
  [
    "replication-controller",
    [
      rule(["get", "list", "update", "watch"], [""], ["replicationcontrollers"]),
      rule(["update"], [""], ["replicationcontrollers/status"]),
      rule(["update"], [""], ["replicationcontrollers/finalizers"]),
      rule(["create", "delete", "list", "patch", "watch"], [""], ["pods"]),
      eventsRule(),
    ],
  ],
  [
    "resourcequota-controller",
    [rule(["list", "watch"], ["*"], ["*"]), rule(["update"], [""], ["resourcequotas/status"]), eventsRule()],
  ],
  ["root-ca-cert-publisher", [rule(["create", "update"], [""], ["configmaps"]), eventsRule()]],
  ["service-account-controller", [rule(["create"], [""], ["serviceaccounts"]), eventsRule()]],
  [
    "statefulset-controller",
    [
      rule(["list", "watch"], [""], ["pods"]),
      rule(["get", "list", "watch"], ["apps"], ["statefulsets"]),
      rule(["update"], ["apps"], ["statefulsets/status"]),
      rule(["update"], ["apps"], ["statefulsets/finalizers"]),
      rule(["create", "delete", "get", "patch", "update"], [""], ["pods"]),
      rule(
        ["create", "delete", "get", "list", "patch", "update", "watch"],
        ["apps"],
        ["controllerrevisions"],
      ),
      rule(["create", "get"], [""], ["persistentvolumeclaims"]),
      eventsRule(),
    ],
  ],
  [
    "ttl-after-finished-controller",
    [rule(["delete", "get", "list", "watch"], ["batch"], ["jobs"]), eventsRule()],
  ],
  ["ttl-controller", [rule(["list", "patch", "update", "watch"], [""], ["nodes"]), eventsRule()]],
  [
    "certificate-controller",
    [
      rule(["delete", "get", "list", "watch"], ["certificates.k8s.io"], ["certificatesigningrequests"]),
      rule(
        ["update"],
        ["certificates.k8s.io"],
        ["certificatesigningrequests/approval", "certificatesigningrequests/status"],
      ),
      rule(
        ["approve"],
        ["certificates.k8s.io"],
        ["signers"],
        [
          "kubernetes.io/kube-apiserver-client",
          "kubernetes.io/kube-apiserver-client-kubelet",
          "kubernetes.io/kubelet-serving",
          "kubernetes.io/legacy-unknown",
        ],
      ),
      rule(
        ["sign"],
        ["certificates.k8s.io"],
        ["signers"],
        [
          "kubernetes.io/kube-apiserver-client",
          "kubernetes.io/kube-apiserver-client-kubelet",
          "kubernetes.io/kubelet-serving",
          "kubernetes.io/legacy-unknown",
        ],
      ),
      rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
      eventsRule(),
    ],
  ],
  [
    "ephemeral-volume-controller",
    [
      rule(["get", "list", "watch"], [""], ["pods"]),
      rule(["update"], [""], ["pods/finalizers"]),
      rule(["create", "get", "list", "watch"], [""], ["persistentvolumeclaims"]),
      eventsRule(),
    ],
  ],
  [
    "expand-controller",
    [
      rule(["get", "list", "patch", "update", "watch"], [""], ["persistentvolumes"]),
      rule(["patch", "update"], [""], ["persistentvolumeclaims/status"]),
      rule(["get", "list", "watch"], [""], ["persistentvolumeclaims"]),
      rule(["get"], [""], ["endpoints", "services"]),
      rule(["get"], [""], ["secrets"]),
      eventsRule(),
    ],
  ],
  [
    "horizontal-pod-autoscaler",
    [
      rule(["get", "list", "watch"], ["autoscaling"], ["horizontalpodautoscalers"]),
      rule(["update"], ["autoscaling"], ["horizontalpodautoscalers/status"]),
      rule(["get", "update"], ["*"], ["*/scale"]),
      rule(["list"], [""], ["pods"]),
      rule(["list"], ["metrics.k8s.io"], ["pods"]),
      rule(["get", "list"], ["custom.metrics.k8s.io"], ["*"]),
      rule(["get", "list"], ["external.metrics.k8s.io"], ["*"]),
      eventsRule(),
    ],
  ],
  [
    "legacy-service-account-token-cleaner",
    [
      rule(["get"], [""], ["configmaps"], ["kube-apiserver-legacy-service-account-token-tracking"]),
      rule(["delete", "patch"], [""], ["secrets"]),
    ],
  ],
  [
    "route-controller",
    [rule(["list", "watch"], [""], ["nodes"]), rule(["patch"], [""], ["nodes/status"]), eventsRule()],
  ],
  [
    "service-controller",
    [
      rule(["get", "list", "watch"], [""], ["services"]),
      rule(["patch", "update"], [""], ["services/status"]),
      rule(["list", "watch"], [""], ["nodes"]),
      eventsRule(),
    ],
  ],
];

const group = (name: string): Subject => ({ apiGroup: RBAC_GROUP, kind: "Group", name });
const user = (name: string): Subject => ({ apiGroup: RBAC_GROUP, kind: "User", name });
const sa = (name: string, namespace = "kube-system"): Subject => ({
  kind: "ServiceAccount",
  name,
  namespace,
});

/** policy.go ClusterRoleBindings() */
const CLUSTER_ROLE_BINDINGS: [string, string, Subject[]][] = [
  ["cluster-admin", "cluster-admin", [group("system:masters")]],
  ["system:monitoring", "system:monitoring", [group("system:monitoring")]],
  ["system:discovery", "system:discovery", [group("system:authenticated")]],
  ["system:basic-user", "system:basic-user", [group("system:authenticated")]],
  [
    "system:public-info-viewer",
    "system:public-info-viewer",
    [group("system:authenticated"), group("system:unauthenticated")],
  ],
  ["system:node-proxier", "system:node-proxier", [user("system:kube-proxy")]],
  [
    "system:kube-controller-manager",
    "system:kube-controller-manager",
    [user("system:kube-controller-manager")],
  ],
  ["system:kube-dns", "system:kube-dns", [sa("kube-dns")]],
  ["system:kube-scheduler", "system:kube-scheduler", [user("system:kube-scheduler")]],
  ["system:volume-scheduler", "system:volume-scheduler", [user("system:kube-scheduler")]],
  ["system:node", "system:node", []],
  [
    "system:service-account-issuer-discovery",
    "system:service-account-issuer-discovery",
    [group("system:serviceaccounts")],
  ],
];

/** What kubeadm init adds: its admins group, bootstrap-token joins, CoreDNS and kube-proxy. */
const KUBEADM_CLUSTER_ROLES: RoleSpec[] = [
  { name: "kubeadm:get-nodes", rules: [rule(["get"], [""], ["nodes"])] },
  {
    name: "system:coredns",
    rules: [
      rule(["list", "watch"], [""], ["endpoints", "services", "pods", "namespaces"]),
      rule(["list", "watch"], ["discovery.k8s.io"], ["endpointslices"]),
    ],
  },
];
const BOOTSTRAP_TOKENS = "system:bootstrappers:kubeadm:default-node-token";
const KUBEADM_BINDINGS: [string, string, Subject[]][] = [
  ["kubeadm:cluster-admins", "cluster-admin", [group("kubeadm:cluster-admins")]],
  ["kubeadm:kubelet-bootstrap", "system:node-bootstrapper", [group(BOOTSTRAP_TOKENS)]],
  [
    "kubeadm:node-autoapprove-bootstrap",
    "system:certificates.k8s.io:certificatesigningrequests:nodeclient",
    [group(BOOTSTRAP_TOKENS)],
  ],
  [
    "kubeadm:node-autoapprove-certificate-rotation",
    "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
    [group("system:nodes")],
  ],
  ["kubeadm:get-nodes", "kubeadm:get-nodes", [group(BOOTSTRAP_TOKENS)]],
  ["system:coredns", "system:coredns", [sa("coredns")]],
  ["kubeadm:node-proxier", "system:node-proxier", [sa("kube-proxy")]],
];

const BOOTSTRAP_META = {
  annotations: { "rbac.authorization.kubernetes.io/autoupdate": "true" },
  labels: { "kubernetes.io/bootstrapping": "rbac-defaults" },
};

/** The clusterrole-aggregation controller: rules of the roles carrying the label, sorted by name. */
function aggregate(roles: RoleObject[], target: RoleObject, label: string): PolicyRule[] {
  const out: PolicyRule[] = [];
  const selected = roles
    .filter((r) => r.metadata?.labels?.[label] === "true" && r.metadata?.name !== target.metadata?.name)
    .sort((a, b) => ((a.metadata?.name ?? "") < (b.metadata?.name ?? "") ? -1 : 1));
  for (const r of selected)
    for (const rule of r.rules ?? [])
      if (!out.some((x) => JSON.stringify(x) === JSON.stringify(rule))) out.push(rule);
  return out;
}

function roleObject(spec: RoleSpec, bootstrap: boolean): RoleObject {
  const labels = { ...(bootstrap ? BOOTSTRAP_META.labels : {}), ...(spec.labels ?? {}) };
  const obj: RoleObject = {
    apiVersion: `${RBAC_GROUP}/v1`,
    kind: "ClusterRole",
    metadata: {
      name: spec.name,
      ...(bootstrap ? { annotations: { ...BOOTSTRAP_META.annotations } } : {}),
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
    },
  };
  if (spec.aggregateFrom)
    obj.aggregationRule = {
      clusterRoleSelectors: [{ matchLabels: { [`${AGG}${spec.aggregateFrom}`]: "true" } }],
    };
  obj.rules = spec.rules ?? [];
  return obj;
}

function bindingObject(name: string, role: string, subjects: Subject[], bootstrap: boolean): BindingObject {
  return {
    apiVersion: `${RBAC_GROUP}/v1`,
    kind: "ClusterRoleBinding",
    metadata: {
      name,
      ...(bootstrap ? { ...BOOTSTRAP_META, annotations: { ...BOOTSTRAP_META.annotations } } : {}),
    },
    roleRef: { apiGroup: RBAC_GROUP, kind: "ClusterRole", name: role },
    ...(subjects.length > 0 ? { subjects } : {}),
  };
}

/** Every default ClusterRole and ClusterRoleBinding of a kubeadm 1.34 control plane. */
export function bootstrapPolicy(): { roles: RoleObject[]; bindings: BindingObject[] } {
  const roles = CLUSTER_ROLES.map((s) => roleObject(s, true));
  for (const [name, rules] of CONTROLLER_ROLES)
    roles.push(roleObject({ name: `system:controller:${name}`, rules }, true));
  // aggregation fills view first, then edit (which takes view's rules), then admin
  for (const target of ["view", "edit", "admin"]) {
    const r = roles.find((x) => x.metadata?.name === target)!;
    r.rules = aggregate(roles, r, `${AGG}${target}`);
  }
  roles.push(...KUBEADM_CLUSTER_ROLES.map((s) => roleObject(s, false)));
  const bindings = CLUSTER_ROLE_BINDINGS.map(([n, r, s]) => bindingObject(n, r, s, true));
  for (const [name] of CONTROLLER_ROLES)
    bindings.push(bindingObject(`system:controller:${name}`, `system:controller:${name}`, [sa(name)], true));
  bindings.push(...KUBEADM_BINDINGS.map(([n, r, s]) => bindingObject(n, r, s, false)));
  return { roles, bindings };
}

/** policy.go NamespaceRoles()/NamespaceRoleBindings() and kubeadm's Roles: [namespace, name, rules, bootstrap]. */
const NAMESPACE_ROLES: [string, string, PolicyRule[], boolean][] = [
  [
    "kube-public",
    "system:controller:bootstrap-signer",
    [
      rule(READ, [""], ["configmaps"]),
      rule(["update"], [""], ["configmaps"], ["cluster-info"]),
      eventsRule(),
    ],
    true,
  ],
  [
    "kube-system",
    "extension-apiserver-authentication-reader",
    [rule(READ, [""], ["configmaps"], ["extension-apiserver-authentication"])],
    true,
  ],
  [
    "kube-system",
    "system::leader-locking-kube-controller-manager",
    [
      rule(["watch"], [""], ["configmaps"]),
      rule(["get", "update"], [""], ["configmaps"], ["kube-controller-manager"]),
    ],
    true,
  ],
  [
    "kube-system",
    "system::leader-locking-kube-scheduler",
    [
      rule(["watch"], [""], ["configmaps"]),
      rule(["get", "update"], [""], ["configmaps"], ["kube-scheduler"]),
    ],
    true,
  ],
  ["kube-system", "system:controller:bootstrap-signer", [rule(READ, [""], ["secrets"])], true],
  [
    "kube-system",
    "system:controller:cloud-provider",
    [rule(["create", "get", "list", "watch"], [""], ["configmaps"])],
    true,
  ],
  [
    "kube-system",
    "system:controller:token-cleaner",
    [rule(["delete", "get", "list", "watch"], [""], ["secrets"]), eventsRule()],
    true,
  ],
  [
    "kube-public",
    "kubeadm:bootstrap-signer-clusterinfo",
    [rule(["get"], [""], ["configmaps"], ["cluster-info"])],
    false,
  ],
  ["kube-system", "kube-proxy", [rule(["get"], [""], ["configmaps"], ["kube-proxy"])], false],
  ["kube-system", "kubeadm:kubelet-config", [rule(["get"], [""], ["configmaps"], ["kubelet-config"])], false],
  [
    "kube-system",
    "kubeadm:nodes-kubeadm-config",
    [rule(["get"], [""], ["configmaps"], ["kubeadm-config"])],
    false,
  ],
];
const NAMESPACE_BINDINGS: [string, string, string, Subject[], boolean][] = [
  [
    "kube-public",
    "system:controller:bootstrap-signer",
    "system:controller:bootstrap-signer",
    [sa("bootstrap-signer")],
    true,
  ],
  [
    "kube-system",
    "system::extension-apiserver-authentication-reader",
    "extension-apiserver-authentication-reader",
    [user("system:kube-controller-manager"), user("system:kube-scheduler")],
    true,
  ],
  [
    "kube-system",
    "system::leader-locking-kube-controller-manager",
    "system::leader-locking-kube-controller-manager",
    [user("system:kube-controller-manager"), sa("kube-controller-manager")],
    true,
  ],
  [
    "kube-system",
    "system::leader-locking-kube-scheduler",
    "system::leader-locking-kube-scheduler",
    [user("system:kube-scheduler"), sa("kube-scheduler")],
    true,
  ],
  [
    "kube-system",
    "system:controller:bootstrap-signer",
    "system:controller:bootstrap-signer",
    [sa("bootstrap-signer")],
    true,
  ],
  [
    "kube-system",
    "system:controller:cloud-provider",
    "system:controller:cloud-provider",
    [sa("cloud-provider")],
    true,
  ],
  [
    "kube-system",
    "system:controller:token-cleaner",
    "system:controller:token-cleaner",
    [sa("token-cleaner")],
    true,
  ],
  [
    "kube-public",
    "kubeadm:bootstrap-signer-clusterinfo",
    "kubeadm:bootstrap-signer-clusterinfo",
    [user("system:anonymous")],
    false,
  ],
  ["kube-system", "kube-proxy", "kube-proxy", [group(BOOTSTRAP_TOKENS)], false],
  [
    "kube-system",
    "kubeadm:kubelet-config",
    "kubeadm:kubelet-config",
    [group("system:nodes"), group(BOOTSTRAP_TOKENS)],
    false,
  ],
  [
    "kube-system",
    "kubeadm:nodes-kubeadm-config",
    "kubeadm:nodes-kubeadm-config",
    [group(BOOTSTRAP_TOKENS), group("system:nodes")],
    false,
  ],
];

/** Create the bootstrap policy in the API server (as the apiserver's post-start hook and kubeadm init do). */
export function ensureBootstrapPolicy(api: ApiServerClient): void {
  const { roles, bindings } = bootstrapPolicy();
  for (const r of roles) api.create("ClusterRole", r, "apiserver");
  for (const b of bindings) api.create("ClusterRoleBinding", b, "apiserver");
  for (const [namespace, name, rules, bootstrap] of NAMESPACE_ROLES) {
    const r = roleObject({ name, rules }, bootstrap);
    api.create("Role", { ...r, kind: "Role", metadata: { ...r.metadata, namespace } }, "apiserver");
  }
  for (const [namespace, name, role, subjects, bootstrap] of NAMESPACE_BINDINGS) {
    const b = bindingObject(name, role, subjects, bootstrap);
    b.roleRef.kind = "Role";
    api.create(
      "RoleBinding",
      { ...b, kind: "RoleBinding", metadata: { ...b.metadata, namespace } },
      "apiserver",
    );
  }
}
