// RBAC as a kubeadm 1.34 cluster has it: the bootstrap ClusterRoles and bindings (admin/edit/view
// filled by aggregation), the docs' RBAC page examples (Role pod-reader, RoleBinding read-pods, kubectl
// create role/rolebinding/clusterrole/clusterrolebinding), get/describe layouts, validation in the API
// server's words (roleRef immutable, unsupported kinds), and kubectl auth can-i / whoami evaluating it.
import { describe, expect, it } from "vitest";
import { bootstrapPolicy } from "../../../src/sim/api/rbacBootstrap";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";

const POD_READER = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  namespace: default
  name: pod-reader
rules:
- apiGroups: [""] # "" indicates the core API group
  resources: ["pods"]
  verbs: ["get", "watch", "list"]
`;
const READ_PODS = (roleKind: string, roleName: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-pods
  namespace: default
subjects:
- kind: User
  name: jane
  apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: ${roleKind}
  name: ${roleName}
  apiGroup: rbac.authorization.k8s.io
`;
const apply = (sim: LiveSimulation, yaml: string) => sim.run(`kubectl apply -f - <<'EOF'\n${yaml}EOF`);
const SA = "--as=system:serviceaccount:default:default";

describe("the bootstrap policy", () => {
  it("has the default ClusterRoles and kubeadm's bindings; cluster-admin is bound to system:masters and kubeadm:cluster-admins", async () => {
    const sim = createSimulation({ seed: 1 });
    const roles = (await sim.exec("kubectl get clusterroles -o name")).split("\n");
    for (const name of [
      "cluster-admin",
      "admin",
      "edit",
      "view",
      "system:basic-user",
      "system:discovery",
      "system:public-info-viewer",
      "system:node",
      "system:node-proxier",
      "system:kube-scheduler",
      "system:kube-controller-manager",
      "system:controller:deployment-controller",
      "system:aggregate-to-admin",
      "system:aggregate-to-edit",
      "system:aggregate-to-view",
    ])
      expect(roles).toContain(`clusterrole.rbac.authorization.k8s.io/${name}`);
    const crb = await sim.exec("kubectl get clusterrolebinding");
    expect(crb.split("\n")[0]).toMatch(/^NAME +ROLE +AGE$/);
    expect(crb).toMatch(/^cluster-admin +ClusterRole\/cluster-admin +\d+s$/m);
    expect(crb).toMatch(/^kubeadm:cluster-admins +ClusterRole\/cluster-admin +\d+s$/m);
    expect(crb).toMatch(/^kubeadm:kubelet-bootstrap +ClusterRole\/system:node-bootstrapper +\d+s$/m);
    const wide = await sim.exec("kubectl get clusterrolebinding cluster-admin system:basic-user -o wide");
    expect(wide).toMatch(/^cluster-admin +ClusterRole\/cluster-admin +\d+s +system:masters *$/m);
    expect(wide).toMatch(
      /^system:basic-user +ClusterRole\/system:basic-user +\d+s +system:authenticated *$/m,
    );
    expect(await sim.exec("kubectl describe clusterrole cluster-admin")).toBe(
      [
        "Name:         cluster-admin",
        "Labels:       kubernetes.io/bootstrapping=rbac-defaults",
        "Annotations:  rbac.authorization.kubernetes.io/autoupdate: true",
        "PolicyRule:",
        "  Resources  Non-Resource URLs  Resource Names  Verbs",
        "  ---------  -----------------  --------------  -----",
        "  *.*        []                 []              [*]",
        "             [*]                []              [*]",
        "",
      ].join("\n"),
    );
  });

  it("admin ⊇ edit ⊇ view by aggregation; view reads but does not write or read secrets", () => {
    const { roles } = bootstrapPolicy();
    const rules = (n: string) => roles.find((r) => r.metadata?.name === n)?.rules ?? [];
    const key = (r: object) => JSON.stringify(r);
    const has = (outer: string, inner: string) =>
      rules(inner).every((r) => rules(outer).some((o) => key(o) === key(r)));
    expect(rules("view").length).toBeGreaterThan(5);
    expect(has("edit", "view")).toBe(true);
    expect(has("admin", "edit")).toBe(true);
    expect(has("view", "edit")).toBe(false);
    expect(roles.find((r) => r.metadata?.name === "admin")?.aggregationRule).toEqual({
      clusterRoleSelectors: [{ matchLabels: { "rbac.authorization.k8s.io/aggregate-to-admin": "true" } }],
    });
  });

  it("kubeadm's namespaced Roles live in kube-system and kube-public", async () => {
    const sim = createSimulation({ seed: 1 });
    const out = await sim.exec("kubectl get roles -n kube-system");
    expect(out.split("\n")[0]).toMatch(/^NAME +CREATED AT$/);
    expect(out).toMatch(/^kube-proxy +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/m);
    expect(out).toMatch(/^kubeadm:kubelet-config +/m);
    expect((await sim.run("kubectl get roles")).stderr).toBe("No resources found in default namespace.\n");
    expect(await sim.exec("kubectl get roles -n kube-public")).toMatch(
      /^kubeadm:bootstrap-signer-clusterinfo +/m,
    );
  });
});

describe("the docs' RBAC examples", () => {
  it("Role pod-reader and RoleBinding read-pods: get, describe, and can-i for jane", async () => {
    const sim = createSimulation({ seed: 1 });
    expect((await apply(sim, POD_READER)).stdout).toBe("role.rbac.authorization.k8s.io/pod-reader created\n");
    expect(await sim.exec("kubectl auth can-i list pods --as=jane")).toBe("no\n");
    expect((await apply(sim, READ_PODS("Role", "pod-reader"))).stdout).toBe(
      "rolebinding.rbac.authorization.k8s.io/read-pods created\n",
    );
    const yes = await sim.run("kubectl auth can-i list pods --as=jane");
    expect([yes.stdout, yes.code]).toEqual(["yes\n", 0]);
    const other = await sim.run("kubectl auth can-i list pods --as=jane -n kube-system");
    expect([other.stdout, other.code]).toEqual(["no\n", 1]);
    expect((await sim.run("kubectl auth can-i delete pods --as=jane")).stdout).toBe("no\n");
    expect((await sim.run("kubectl auth can-i get pods/web --as=jane")).stdout).toBe("yes\n");
    expect(await sim.exec("kubectl describe role pod-reader")).toBe(
      [
        "Name:         pod-reader",
        "Labels:       <none>",
        "Annotations:  <none>",
        "PolicyRule:",
        "  Resources  Non-Resource URLs  Resource Names  Verbs",
        "  ---------  -----------------  --------------  -----",
        "  pods       []                 []              [get watch list]",
        "",
      ].join("\n"),
    );
    expect(await sim.exec("kubectl describe rolebinding read-pods")).toBe(
      [
        "Name:         read-pods",
        "Labels:       <none>",
        "Annotations:  <none>",
        "Role:",
        "  Kind:  Role",
        "  Name:  pod-reader",
        "Subjects:",
        "  Kind  Name  Namespace",
        "  ----  ----  ---------",
        "  User  jane  ",
        "",
      ].join("\n"),
    );
    expect(await sim.exec("kubectl get rolebinding read-pods")).toMatch(
      /^NAME +ROLE +AGE\nread-pods +Role\/pod-reader +\d+s\n$/,
    );
  });

  it("roleRef cannot change; unsupported kinds are refused in the API server's words", async () => {
    const sim = createSimulation({ seed: 1 });
    await apply(sim, POD_READER);
    await apply(sim, READ_PODS("Role", "pod-reader"));
    const changed = await apply(sim, READ_PODS("ClusterRole", "view"));
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain(
      'The RoleBinding "read-pods" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"view"}: cannot change roleRef',
    );
    const bad = await apply(sim, READ_PODS("Deployment", "x").replace("read-pods", "bad"));
    expect(bad.stderr).toContain(
      'The RoleBinding "bad" is invalid: roleRef.kind: Unsupported value: "Deployment": supported values: "Role", "ClusterRole"',
    );
    const crb = await apply(
      sim,
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: c\nroleRef:\n  kind: Role\n  name: x\n  apiGroup: rbac.authorization.k8s.io\n`,
    );
    expect(crb.stderr).toContain(
      'The ClusterRoleBinding "c" is invalid: roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
    );
  });

  it("kubectl create role / rolebinding / clusterrole / clusterrolebinding", async () => {
    const sim = createSimulation({ seed: 1 });
    expect(
      await sim.exec("kubectl create role pod-reader --verb=get --verb=list --verb=watch --resource=pods"),
    ).toBe("role.rbac.authorization.k8s.io/pod-reader created\n");
    expect(sim.node.api.get<{ rules: unknown }>("Role", "default", "pod-reader").rules).toEqual([
      { apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] },
    ]);
    await sim.exec("kubectl create namespace acme");
    expect(
      await sim.exec(
        "kubectl create rolebinding myapp-view-binding --clusterrole=view --serviceaccount=acme:myapp --namespace=acme",
      ),
    ).toBe("rolebinding.rbac.authorization.k8s.io/myapp-view-binding created\n");
    expect(await sim.exec("kubectl get rolebinding -n acme -o wide")).toMatch(
      /^NAME +ROLE +AGE +USERS +GROUPS +SERVICEACCOUNTS\nmyapp-view-binding +ClusterRole\/view +\d+s +acme\/myapp\n$/,
    );
    expect(
      (
        await sim.run(
          "kubectl auth can-i list deployments.apps -n acme --as=system:serviceaccount:acme:myapp",
        )
      ).stdout,
    ).toBe("yes\n");
    expect(
      (await sim.run("kubectl auth can-i list secrets -n acme --as=system:serviceaccount:acme:myapp")).stdout,
    ).toBe("no\n");
    expect(
      await sim.exec("kubectl create clusterrole pod-reader --verb=get,list,watch --resource=pods"),
    ).toBe("clusterrole.rbac.authorization.k8s.io/pod-reader created\n");
    expect(
      await sim.exec(
        "kubectl create clusterrolebinding root-cluster-admin-binding --clusterrole=cluster-admin --user=root",
      ),
    ).toBe("clusterrolebinding.rbac.authorization.k8s.io/root-cluster-admin-binding created\n");
    expect((await sim.run("kubectl auth can-i delete nodes --as=root")).stdout).toBe("yes\n");
    expect((await sim.run("kubectl create rolebinding x --role=a --clusterrole=b")).stderr).toBe(
      "error: exactly one of clusterrole or role must be specified\n",
    );
    expect((await sim.run("kubectl create role r --verb=fly --resource=pods")).stderr).toBe(
      "error: invalid verb: 'fly'\n",
    );
    const dry = await sim.exec(
      "kubectl create role r2 --verb=get --resource=deployments,rs.apps,pods/log --dry-run=client -o yaml",
    );
    expect(dry).toContain('- apiGroups:\n  - ""\n  resources:\n  - pods/log\n');
    expect(dry).toContain("- apiGroups:\n  - apps\n  resources:\n  - deployments\n  - replicasets\n");
  });
});

describe("kubectl auth", () => {
  it("the kubeadm admin may do everything; whoami shows its certificate's user and groups", async () => {
    const sim = createSimulation({ seed: 1 });
    const r = await sim.run("kubectl auth can-i '*' '*'");
    expect([r.stdout, r.code]).toEqual(["yes\n", 0]);
    expect(await sim.exec("kubectl auth whoami")).toBe(
      "ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n",
    );
    const nodes = await sim.run("kubectl auth can-i get nodes");
    expect([nodes.stdout, nodes.stderr]).toEqual([
      "yes\n",
      "Warning: resource 'nodes' is not namespace scoped\n",
    ]);
    const list = await sim.exec("kubectl auth can-i --list");
    expect(list.split("\n").slice(0, 3)).toEqual([
      "Resources                                       Non-Resource URLs   Resource Names   Verbs",
      "*.*                                             []                  []               [*]",
      "                                                [*]                 []               [*]",
    ]);
  });

  it("a ServiceAccount without bindings may do almost nothing; a RoleBinding grants it the Role", async () => {
    const sim = createSimulation({ seed: 1 });
    const no = await sim.run(`kubectl auth can-i list pods ${SA}`);
    expect([no.stdout, no.code]).toEqual(["no\n", 1]);
    expect(
      (await sim.run(`kubectl auth can-i create selfsubjectaccessreviews.authorization.k8s.io ${SA}`)).stdout,
    ).toBe("yes\n");
    expect((await sim.run(`kubectl auth can-i get /healthz ${SA}`)).stdout).toBe("yes\n");
    const list = await sim.exec(`kubectl auth can-i --list ${SA}`);
    expect(list.split("\n").slice(0, 5)).toEqual([
      "Resources                                       Non-Resource URLs                      Resource Names   Verbs",
      "selfsubjectreviews.authentication.k8s.io        []                                     []               [create]",
      "selfsubjectaccessreviews.authorization.k8s.io   []                                     []               [create]",
      "selfsubjectrulesreviews.authorization.k8s.io    []                                     []               [create]",
      "                                                [/.well-known/openid-configuration/]   []               [get]",
    ]);
    const get = await sim.run(`kubectl get pods ${SA}`);
    expect([get.stderr, get.code]).toEqual([
      'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:default" cannot list resource "pods" in API group "" in the namespace "default"\n',
      1,
    ]);
    await sim.exec("kubectl create role pod-reader --verb=get,list,watch --resource=pods");
    await sim.exec(
      "kubectl create rolebinding sa-reads-pods --role=pod-reader --serviceaccount=default:default",
    );
    expect((await sim.run(`kubectl auth can-i list pods ${SA}`)).stdout).toBe("yes\n");
    expect((await sim.run(`kubectl get pods ${SA}`)).stderr).toBe(
      "No resources found in default namespace.\n",
    );
    expect((await sim.run(`kubectl get pods -n kube-system ${SA}`)).stderr).toContain(
      'cannot list resource "pods" in API group "" in the namespace "kube-system"',
    );
    expect((await sim.run(`kubectl get nodes ${SA}`)).stderr).toBe(
      'Error from server (Forbidden): nodes is forbidden: User "system:serviceaccount:default:default" cannot list resource "nodes" in API group "" at the cluster scope\n',
    );
    expect((await sim.run(`kubectl get deployments -A ${SA}`)).stderr).toBe(
      'Error from server (Forbidden): deployments.apps is forbidden: User "system:serviceaccount:default:default" cannot list resource "deployments" in API group "apps" at the cluster scope\n',
    );
    // a binding to a Role that does not exist: the denial says so
    await sim.exec("kubectl create rolebinding dangling --role=missing --user=bob");
    expect((await sim.run("kubectl auth can-i get pods --as=bob")).stdout).toBe(
      'no - RBAC: role.rbac.authorization.k8s.io "missing" not found\n',
    );
    // --as-group: a group bound to cluster-admin
    expect(
      (await sim.run("kubectl auth can-i delete nodes --as=someone --as-group=system:masters")).stdout,
    ).toBe("yes\n");
  });

  it("other verbs as an impersonated user: run, logs, exec and create are authorized first", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl run web --image=nginx");
    await sim.advance(20_000);
    expect((await sim.run("kubectl run x --image=nginx --as=jane")).stderr).toBe(
      'Error from server (Forbidden): pods is forbidden: User "jane" cannot create resource "pods" in API group "" in the namespace "default"\n',
    );
    expect(sim.node.api.tryGet("Pod", "default", "x")).toBeUndefined();
    expect((await sim.run("kubectl logs web --as=jane")).stderr).toBe(
      'Error from server (Forbidden): pods "web" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "default"\n',
    );
    await sim.exec("kubectl create role pod-reader --verb=get,list --resource=pods");
    await sim.exec("kubectl create rolebinding jane-reads --role=pod-reader --user=jane");
    expect((await sim.run("kubectl logs web --as=jane")).stderr).toBe(
      'Error from server (Forbidden): pods "web" is forbidden: User "jane" cannot get resource "pods/log" in API group "" in the namespace "default"\n',
    );
    expect((await sim.run("kubectl exec web --as=jane -- ls")).stderr).toBe(
      'Error from server (Forbidden): pods "web" is forbidden: User "jane" cannot create resource "pods/exec" in API group "" in the namespace "default"\n',
    );
    expect((await sim.run("kubectl create configmap c --from-literal=a=b --as=jane")).stderr).toBe(
      'error: failed to create configmap: configmaps is forbidden: User "jane" cannot create resource "configmaps" in API group "" in the namespace "default"\n',
    );
    expect((await sim.run("kubectl delete role pod-reader --as=jane")).stderr).toBe(
      'Error from server (Forbidden): roles.rbac.authorization.k8s.io "pod-reader" is forbidden: User "jane" cannot delete resource "roles" in API group "rbac.authorization.k8s.io" in the namespace "default"\n',
    );
    expect((await sim.run("kubectl logs web --as=jane --as-group=system:masters")).code).toBe(0);
  });
});

describe("the clusterrole-aggregation controller", () => {
  it("a ClusterRole labelled aggregate-to-view joins view, edit and admin (the docs' crontabs example)", async () => {
    const sim = createSimulation({ seed: 1 });
    const crontabs = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: aggregate-cron-tabs-view
  labels:
    rbac.authorization.k8s.io/aggregate-to-view: "true"
rules:
- apiGroups: ["stable.example.com"]
  resources: ["crontabs"]
  verbs: ["get", "list", "watch"]
`;
    const row = /^ {2}crontabs\.stable\.example\.com +\[\] +\[\] +\[get list watch\]$/m;
    expect(await sim.exec("kubectl describe clusterrole view")).not.toMatch(row);
    await apply(sim, crontabs);
    for (const role of ["view", "edit", "admin"])
      expect(await sim.exec(`kubectl describe clusterrole ${role}`)).toMatch(row);
    await sim.exec("kubectl delete clusterrole aggregate-cron-tabs-view");
    expect(await sim.exec("kubectl describe clusterrole admin")).not.toMatch(row);
    // an aggregated role of one's own: rules from the roles its selector matches
    await sim.exec(
      'kubectl create clusterrole monitoring --aggregation-rule="rbac.example.com/aggregate-to-monitoring=true"',
    );
    await sim.exec("kubectl create clusterrole m1 --verb=get --resource=services");
    await sim.exec("kubectl label clusterrole m1 rbac.example.com/aggregate-to-monitoring=true");
    expect(sim.node.api.get<{ rules: unknown }>("ClusterRole", undefined, "monitoring").rules).toEqual([
      { apiGroups: [""], resources: ["services"], verbs: ["get"] },
    ]);
  });
});
