import { describe, expect, it } from "vitest";
import { TEMPLATES } from "./templates";
import { fieldPath, validateManifest } from "./validate";

describe("validateManifest", () => {
  it("accepts every template", () => {
    for (const t of TEMPLATES) expect(validateManifest(t.yaml), t.id).toEqual([]);
  });

  it("splits field paths like the API server writes them", () => {
    expect(fieldPath("spec.containers[0].image")).toEqual(["spec", "containers", 0, "image"]);
    expect(fieldPath("metadata.labels[app]")).toEqual(["metadata", "labels", "app"]);
  });

  it("puts an invalid image pull policy on its own line with the API server's message", () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    imagePullPolicy: Sometimes
`;
    const [p] = validateManifest(text);
    expect(p.line).toBe(9);
    expect(p.message).toContain(
      'The Pod "web" is invalid: spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes"',
    );
  });

  it("reports a missing image on the container's line", () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
`;
    const ps = validateManifest(text);
    expect(ps.map((p) => p.message)).toContain(
      'The Pod "web" is invalid: spec.containers[0].image: Required value',
    );
    expect(ps.find((p) => p.message.includes("image"))?.line).toBe(7);
  });

  it("reports a bad name and YAML syntax errors", () => {
    const bad = validateManifest(
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: Web_1\nspec:\n  containers: []\n",
    );
    expect(bad[0].line).toBe(4);
    expect(bad[0].message).toContain("metadata.name: Invalid value");
    const syntax = validateManifest("kind: Pod\n  name: [x\n");
    expect(syntax.length).toBeGreaterThan(0);
    expect(validateManifest("metadata:\n  name: x\n")[0].message).toBe(
      "error: error validating data: [apiVersion not set, kind not set]",
    );
  });
});

describe("validateManifest uses the API server's own checks for every kind it serves", () => {
  const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: other
    spec:
      containers:
      - name: c
        image: busybox:1.36
`;

  it("flags a DaemonSet whose selector misses its template, with the words kubectl apply prints", async () => {
    const { createSimulation } = await import("../../simulation");
    const sim = createSimulation({ seed: 3 });
    const applied = await sim.run(`kubectl apply -f - <<'EOF'\n${DS}EOF`);
    expect(applied.code).toBe(1);
    const problems = validateManifest(DS);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems)
      expect(applied.stderr).toContain(p.message.replace(/^The DaemonSet "agent" is invalid: /, ""));
    // the message sits on the template's labels
    expect(problems[0].line).toBeGreaterThanOrEqual(11);
    expect(problems[0].line).toBeLessThanOrEqual(12);
  });

  it("leaves kinds the server does not serve to kubectl", () => {
    expect(validateManifest("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n")).toEqual([]);
  });
});
