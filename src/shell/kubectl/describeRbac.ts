// k8s: staging/src/k8s.io/kubectl/pkg/describe/describe.go RoleDescriber, ClusterRoleDescriber,
// RoleBindingDescriber, ClusterRoleBindingDescriber — rules broken down, compacted and sorted.
import { type BindingObject, displayRules, type RoleObject, ruleRow } from "../../sim/api/rbac";
import {
  describeTabwrite,
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "./describePod";

export function describeRole(role: RoleObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${role.metadata?.name ?? ""}\n`);
  printLabelsMultiline(w, "Labels", role.metadata?.labels);
  printAnnotationsMultiline(w, "Annotations", role.metadata?.annotations);
  w.write(0, "PolicyRule:\n");
  w.write(1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n");
  w.write(1, "---------\t-----------------\t--------------\t-----\n");
  for (const r of displayRules(role.rules ?? [])) w.write(1, `${ruleRow(r).join("\t")}\n`);
  return describeTabwrite(w.text);
}

export function describeRoleBinding(b: BindingObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${b.metadata?.name ?? ""}\n`);
  printLabelsMultiline(w, "Labels", b.metadata?.labels);
  printAnnotationsMultiline(w, "Annotations", b.metadata?.annotations);
  w.write(0, "Role:\n");
  w.write(1, `Kind:\t${b.roleRef?.kind ?? ""}\n`);
  w.write(1, `Name:\t${b.roleRef?.name ?? ""}\n`);
  w.write(0, "Subjects:\n");
  w.write(1, "Kind\tName\tNamespace\n");
  w.write(1, "----\t----\t---------\n");
  for (const s of b.subjects ?? []) w.write(1, `${s.kind}\t${s.name}\t${s.namespace ?? ""}\n`);
  return describeTabwrite(w.text);
}
