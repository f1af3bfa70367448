import type { Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { setPodDefaults } from "./defaults";
import { fieldErrorText, InvalidError } from "./fieldErrors";
import { QuantityError } from "./quantity";
import { validateObject, validatePod, validatePodUpdate } from "./validation";

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

function errors(p: unknown): string[] {
  return validatePod(setPodDefaults(structuredClone(p) as Pod)).map(fieldErrorText);
}
const base = (container: object, spec: object = {}) => ({
  metadata: { name: "web", namespace: "default" },
  spec: { containers: [{ name: "web", image: "nginx", ...container }], ...spec },
});

describe("pod validation messages", () => {
  it("accepts a plain pod", () => {
    expect(errors(base({}))).toEqual([]);
  });

  it.each<[string, object, string]>([
    [
      "bad name",
      { ...base({}), metadata: { name: "Web", namespace: "default" } },
      `metadata.name: Invalid value: "Web": ${SUBDOMAIN}`,
    ],
    [
      "no name",
      { ...base({}), metadata: { namespace: "default" } },
      "metadata.name: Required value: name or generateName is required",
    ],
    [
      "no containers",
      { metadata: { name: "web", namespace: "default" }, spec: {} },
      "spec.containers: Required value",
    ],
    ["no image", base({ image: undefined }), "spec.containers[0].image: Required value"],
    [
      "bad container name",
      base({ name: "Web_1" }),
      `spec.containers[0].name: Invalid value: "Web_1": ${LABEL}`,
    ],
    [
      "restartPolicy",
      base({}, { restartPolicy: "Sometimes" }),
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ],
    [
      "pull policy",
      base({ imagePullPolicy: "Sometimes" }),
      'spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
    ],
    [
      "requests > limits",
      base({ resources: { requests: { memory: "200Mi" }, limits: { memory: "100Mi" } } }),
      'spec.containers[0].resources.requests: Invalid value: "200Mi": must be less than or equal to memory limit of 100Mi',
    ],
    [
      "negative",
      base({ resources: { requests: { cpu: "-1" } } }),
      'spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0',
    ],
    [
      "port range",
      base({ ports: [{ containerPort: 70000 }] }),
      "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
    ],
    [
      "protocol",
      base({ ports: [{ containerPort: 80, protocol: "HTTP" }] }),
      'spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ],
    [
      "two handlers",
      base({ livenessProbe: { exec: { command: ["true"] }, httpGet: { port: 80 } } }),
      "spec.containers[0].livenessProbe.httpGet: Forbidden: may not specify more than 1 handler type",
    ],
    [
      "no handler",
      base({ readinessProbe: { periodSeconds: 5 } }),
      "spec.containers[0].readinessProbe: Required value: must specify a handler type",
    ],
    [
      "liveness success",
      base({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } }),
      "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1",
    ],
    [
      "container restartPolicy",
      base({ restartPolicy: "Always" }),
      "spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers",
    ],
    [
      "init restartPolicy",
      base({}, { initContainers: [{ name: "init", image: "busybox", restartPolicy: "Never" }] }),
      'spec.initContainers[0].restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
    [
      "init probe",
      base(
        {},
        { initContainers: [{ name: "init", image: "busybox", livenessProbe: { exec: { command: ["x"] } } }] },
      ),
      "spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always",
    ],
  ])("%s", (_, p, msg) => {
    expect(errors(p)).toContain(msg);
  });

  it("allows sidecar init containers with probes", () => {
    const p = base(
      {},
      {
        initContainers: [
          {
            name: "proxy",
            image: "envoy:1",
            restartPolicy: "Always",
            readinessProbe: { tcpSocket: { port: 1 } },
          },
        ],
      },
    );
    expect(errors(p)).toEqual([]);
  });

  it("reports duplicates across init and regular containers", () => {
    const p = base({}, { initContainers: [{ name: "web", image: "busybox" }] });
    expect(errors(p)).toEqual(['spec.initContainers[0].name: Duplicate value: "web"']);
    const two = {
      metadata: { name: "web", namespace: "default" },
      spec: {
        containers: [
          { name: "a", image: "x" },
          { name: "a", image: "y" },
        ],
      },
    };
    expect(errors(two)).toEqual(['spec.containers[1].name: Duplicate value: "a"']);
  });

  it("formats one and several causes as kubectl prints them", () => {
    const one = new InvalidError("Pod", "web", validatePod(setPodDefaults(base({ image: "" }) as Pod)));
    expect(one.message).toBe('The Pod "web" is invalid: spec.containers[0].image: Required value');
    expect(one.code).toBe(422);
    expect(one.reason).toBe("Invalid");
    const p = {
      metadata: { name: "web", namespace: "default" },
      spec: { containers: [{ imagePullPolicy: "Always" }] },
    };
    const two = new InvalidError("Pod", "web", validatePod(setPodDefaults(p as Pod)));
    expect(two.message).toBe(
      'The Pod "web" is invalid: \n* spec.containers[0].name: Required value\n* spec.containers[0].image: Required value',
    );
    expect(two.serverMessage).toBe(
      'Pod "web" is invalid: [spec.containers[0].name: Required value, spec.containers[0].image: Required value]',
    );
  });

  it("throws QuantityError for undecodable quantities", () => {
    expect(() => validatePod(base({ resources: { limits: { memory: "100MB" } } }))).toThrow(QuantityError);
  });
});

describe("pod update validation", () => {
  const old = setPodDefaults(base({}) as Pod);
  const FORBIDDEN =
    "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";
  const upd = (f: (p: Pod) => void) => {
    const n = structuredClone(old);
    f(n);
    return validatePodUpdate(n, old).map(fieldErrorText);
  };
  it("allows image, activeDeadlineSeconds and added tolerations", () => {
    expect(upd((p) => (p.spec!.containers[0].image = "nginx:1.27"))).toEqual([]);
    expect(upd((p) => (p.spec!.activeDeadlineSeconds = 60))).toEqual([]);
    expect(upd((p) => (p.spec!.tolerations = [{ key: "a", operator: "Exists" }]))).toEqual([]);
  });
  it("forbids anything else", () => {
    expect(upd((p) => (p.spec!.containers[0].ports = [{ containerPort: 81, protocol: "TCP" }]))).toEqual([
      FORBIDDEN,
    ]);
    expect(upd((p) => (p.spec!.nodeName = "node-2"))).toEqual([FORBIDDEN]);
    expect(upd((p) => p.spec!.containers.push({ name: "b", image: "x", imagePullPolicy: "Always" }))).toEqual(
      [FORBIDDEN],
    );
  });
});

describe("other kinds", () => {
  it("validates RuntimeClass, Namespace, ConfigMap and Service", () => {
    const t = (kind: string, o: object) => validateObject(kind, o).map(fieldErrorText);
    expect(t("RuntimeClass", { metadata: { name: "gvisor" } })).toEqual(["handler: Required value"]);
    expect(t("RuntimeClass", { metadata: { name: "gvisor" }, handler: "Run_SC" })).toEqual([
      `handler: Invalid value: "Run_SC": ${LABEL}`,
    ]);
    expect(t("Namespace", { metadata: { name: "a.b" } })).toEqual([
      `metadata.name: Invalid value: "a.b": ${LABEL}`,
    ]);
    expect(
      t("ConfigMap", { metadata: { name: "c", namespace: "default" }, data: { "a b": "x" } })[0],
    ).toContain(
      `data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.'`,
    );
    expect(t("Service", { metadata: { name: "web", namespace: "default" }, spec: {} })).toEqual([
      "spec.ports: Required value",
    ]);
  });
});
