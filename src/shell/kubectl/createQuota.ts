// k8s: staging/src/k8s.io/kubectl/pkg/cmd/create/create_quota.go — `kubectl create quota NAME
// --hard=cpu=1,memory=1G,pods=2 [--scopes=BestEffort,NotTerminating]`.
export const CREATE_QUOTA_FLAGS = [
  { name: "hard", type: "string" as const },
  { name: "scopes", type: "string" as const },
];

/** The ResourceQuota object the command sends, or kubectl's error text. */
export function quotaObject(
  name: string | undefined,
  extraArgs: number,
  namespace: string,
  hard: string | undefined,
  scopes: string | undefined,
): { kind: string; metadata: { name: string; namespace: string }; [k: string]: unknown } | string {
  if (!name || extraArgs > 0)
    return `error: exactly one NAME is required, got ${name ? extraArgs + 1 : 0}\nSee 'kubectl create quota -h' for help and examples`;
  const spec: { hard?: Record<string, string>; scopes?: string[] } = {};
  if (hard) {
    spec.hard = {};
    // populateResourceListV1: name=quantity pairs separated by commas
    for (const pair of hard.split(",")) {
      const eq = pair.indexOf("=");
      if (eq < 0) return `error: invalid option specified: ${pair}`;
      spec.hard[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  if (scopes) spec.scopes = scopes.split(",").filter(Boolean);
  return { apiVersion: "v1", kind: "ResourceQuota", metadata: { name, namespace }, spec };
}
