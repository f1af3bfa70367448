// k8s: pkg/printers/internalversion/printers.go printRole/printClusterRole (NAME, CREATED AT) and
// printRoleBinding/printClusterRoleBinding (NAME, ROLE, AGE; -o wide USERS, GROUPS, SERVICEACCOUNTS).
import type { BindingObject } from "../../sim/api/rbac";
import type { KubeObject } from "../../sim/apiserver/types";
import { ageSince } from "../format/duration";

/** metav1.Time in UTC, RFC3339 (seconds). */
const createdAt = (ts: string | undefined) => (ts ? ts.replace(/\.\d+Z$/, "Z") : "");

export const ROLE_PRINTER = {
  headers: ["NAME", "CREATED AT"],
  wide: [],
  row(o: KubeObject): string[] {
    return [o.metadata?.name ?? "", createdAt(o.metadata?.creationTimestamp)];
  },
};

/** rbac.SubjectsStrings: users, groups, and ServiceAccounts as namespace/name. */
export function subjectsStrings(b: BindingObject): { users: string[]; groups: string[]; sas: string[] } {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of b.subjects ?? []) {
    if (s.kind === "User") users.push(s.name);
    else if (s.kind === "Group") groups.push(s.name);
    else if (s.kind === "ServiceAccount") sas.push(`${s.namespace ?? ""}/${s.name}`);
  }
  return { users, groups, sas };
}

export const ROLEBINDING_PRINTER = {
  headers: ["NAME", "ROLE", "AGE"],
  wide: ["USERS", "GROUPS", "SERVICEACCOUNTS"],
  row(o: KubeObject, now: number, wide?: boolean): string[] {
    const b = o as BindingObject;
    const cells = [
      b.metadata?.name ?? "",
      `${b.roleRef?.kind ?? ""}/${b.roleRef?.name ?? ""}`,
      ageSince(b.metadata?.creationTimestamp, now),
    ];
    if (!wide) return cells;
    const s = subjectsStrings(b);
    return [...cells, s.users.join(", "), s.groups.join(", "), s.sas.join(", ")];
  },
};
