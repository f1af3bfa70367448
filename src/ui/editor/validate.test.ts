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
