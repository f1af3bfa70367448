// content/en/examples/policy/…: the PodDisruptionBudget manifests of tasks/run-application/configure-pdb
// ("Specifying a Disruption Budget for your Application"), applied by URL. The text is what kubernetes.io serves.

/** content/en/examples/<path> → the file's text. */
export const DISRUPTION_BUDGET_EXAMPLES: Record<string, string> = {
  "policy/zookeeper-pod-disruption-budget-minavailable.yaml": `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: zk-pdb
spec:
  minAvailable: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: zookeeper
`,
  "policy/zookeeper-pod-disruption-budget-maxunavailable.yaml": `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: zk-pdb
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: zookeeper
`,
};
