import { describe, expect, it } from "vitest";
import { humanDuration } from "./duration";
import { goTabwrite } from "./goTabwriter";
import { jsonpath } from "./jsonpath";
import { toJson, toYaml } from "./objects";
import { formatBytes, formatCpu, parseQuantity } from "./quantity";

describe("humanDuration (apimachinery duration.go)", () => {
  it.each([
    [-5_000, "<invalid>"],
    [-500, "0s"],
    [0, "0s"],
    [59_999, "59s"],
    [119_000, "119s"],
    [120_000, "2m"],
    [150_000, "2m30s"],
    [599_000, "9m59s"],
    [600_000, "10m"],
    [179 * 60_000, "179m"],
    [3 * 3_600_000, "3h"],
    [3 * 3_600_000 + 5 * 60_000, "3h5m"],
    [8 * 3_600_000 + 59 * 60_000, "8h"],
    [47 * 3_600_000, "47h"],
    [48 * 3_600_000, "2d"],
    [3 * 86_400_000 + 4 * 3_600_000, "3d4h"],
    [45 * 86_400_000, "45d"],
    [(2 * 365 + 20) * 86_400_000, "2y20d"],
    [3 * 365 * 86_400_000, "3y"],
    [9 * 365 * 86_400_000, "9y"],
  ])("%d ms → %s", (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe("goTabwrite", () => {
  it("aligns a column only across consecutive lines that have it", () => {
    const text = "Name:\tweb\nService Account:\tdefault\nIPs:\n  IP:\t10.0.0.1\nQoS:\tx\n";
    expect(goTabwrite(text, 0, 2)).toBe(
      "Name:             web\nService Account:  default\nIPs:\n  IP:  10.0.0.1\nQoS:   x\n",
    );
  });

  it("pads empty trailing cells and keeps the last cell unpadded", () => {
    expect(goTabwrite("a\tb\tc\nlonger\t\tz\n", 0, 3)).toBe("a        b   c\nlonger       z\n");
  });
});

describe("jsonpath", () => {
  const list = {
    items: [
      { metadata: { name: "a", labels: { app: "x" } }, status: { podIP: "10.0.0.1" } },
      { metadata: { name: "b" }, status: { podIP: "10.0.0.2" } },
    ],
  };
  it("reads fields, wildcards, indexes, ranges and filters", () => {
    expect(jsonpath("{.items[*].metadata.name}", list)).toBe("a b");
    expect(jsonpath("{.items[0].status.podIP}", list)).toBe("10.0.0.1");
    expect(jsonpath("{.items[-1].metadata.name}", list)).toBe("b");
    expect(jsonpath('{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}', list)).toBe(
      "a\t10.0.0.1\nb\t10.0.0.2\n",
    );
    expect(jsonpath('{.items[?(@.metadata.name=="b")].status.podIP}', list)).toBe("10.0.0.2");
    expect(jsonpath("{.items[0].metadata.labels}", list)).toBe('{"app":"x"}');
    expect(jsonpath("{.metadata.labels['app']}", list.items[0])).toBe("x");
    expect(jsonpath("name={.metadata.name}", list.items[1])).toBe("name=b");
    expect(jsonpath("{.missing.field}", list)).toBe("");
  });
  it("refuses malformed templates", () => {
    expect(() => jsonpath("{.items[*]", list)).toThrow();
    expect(() => jsonpath("{range .items[*]}{.x}", list)).toThrow(/unclosed range/);
  });
});

describe("-o yaml / -o json", () => {
  const pod = {
    kind: "Pod",
    apiVersion: "v1",
    metadata: { name: "web", resourceVersion: "12", creationTimestamp: "2026-01-15T09:00:00Z" },
    spec: { containers: [{ name: "app", image: "nginx", args: ["true", "a: b"] }] },
  };
  it("sorts keys, does not indent sequences, and quotes like yaml.v2", () => {
    expect(toYaml(pod)).toBe(
      `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: "2026-01-15T09:00:00Z"
  name: web
  resourceVersion: "12"
spec:
  containers:
  - args:
    - "true"
    - 'a: b'
    image: nginx
    name: app
`,
    );
  });
  it("indents JSON with four spaces and sorted keys", () => {
    expect(toJson({ b: 1, a: { d: [1], c: "x" } })).toBe(
      '{\n    "a": {\n        "c": "x",\n        "d": [\n            1\n        ]\n    },\n    "b": 1\n}\n',
    );
  });
});

describe("quantities", () => {
  it("parses and prints cpu and memory", () => {
    expect(parseQuantity("250m")).toBeCloseTo(0.25);
    expect(parseQuantity("128Mi")).toBe(128 * 1024 * 1024);
    expect(parseQuantity("1G")).toBe(1e9);
    expect(formatCpu(0.35)).toBe("350m");
    expect(formatCpu(2)).toBe("2");
    expect(formatBytes(192 * 1024 * 1024)).toBe("192Mi");
    expect(formatBytes(0)).toBe("0");
  });
});
