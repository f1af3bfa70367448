import type { Container, Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { simplePod, testNode } from "../testing/testNode";
import {
  appArmorProfile,
  containerSecurityContext,
  determineEffectiveSecurityContext,
  seccompProfile,
  verifyRunAsNonRoot,
} from "./securityContext";

function pod(
  spec: Partial<Pod["spec"]>,
  c: Partial<Container> = {},
  annotations?: Record<string, string>,
): Pod {
  return {
    metadata: { name: "p", namespace: "ns", uid: "u-1", annotations },
    spec: { containers: [{ name: "c", image: "busybox", ...c }], ...spec },
  };
}

describe("verifyRunAsNonRoot (security_context_others.go)", () => {
  const where = '(pod: "p_ns(u-1)", container: c)';
  it.each([
    [
      "image runs as root",
      {},
      { uid: 0, username: "" },
      `container has runAsNonRoot and image will run as root ${where}`,
    ],
    [
      "image user is a name",
      {},
      { username: "app" },
      `container has runAsNonRoot and image has non-numeric user (app), cannot verify user is non-root ${where}`,
    ],
    [
      "runAsUser 0 in the spec",
      { runAsUser: 0 },
      { uid: 1000, username: "" },
      `container's runAsUser breaks non-root policy ${where}`,
    ],
    ["image uid 1000", {}, { uid: 1000, username: "" }, undefined],
    ["runAsUser 1000 over a root image", { runAsUser: 1000 }, { uid: 0, username: "" }, undefined],
  ])("%s", (_, sc, user, want) => {
    const p = pod({ securityContext: { runAsNonRoot: true, ...sc } });
    expect(verifyRunAsNonRoot(p, p.spec!.containers[0], user)).toBe(want);
  });

  it("the container's runAsNonRoot: false overrides the pod's true", () => {
    const p = pod({ securityContext: { runAsNonRoot: true } }, { securityContext: { runAsNonRoot: false } });
    expect(verifyRunAsNonRoot(p, p.spec!.containers[0], { uid: 0, username: "" })).toBeUndefined();
  });
});

describe("the CRI LinuxContainerSecurityContext the kubelet sends", () => {
  it("merges pod and container fields; fsGroup then supplementalGroups; no_new_privs only when asked", () => {
    const p = pod(
      { securityContext: { runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000, supplementalGroups: [4000] } },
      { securityContext: { runAsUser: 2000, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true } },
    );
    const c = p.spec!.containers[0];
    expect(determineEffectiveSecurityContext(p, c)).toMatchObject({ runAsUser: 2000, runAsGroup: 3000 });
    expect(containerSecurityContext(p, c, { uid: 0, username: "" }, false)).toMatchObject({
      runAsUser: { value: 2000 },
      runAsGroup: { value: 3000 },
      supplementalGroups: [2000, 4000],
      readonlyRootfs: true,
      noNewPrivs: true,
      seccomp: { profileType: "Unconfined" },
      namespaceOptions: { network: "POD", pid: "CONTAINER", ipc: "POD" },
    });
  });

  it("passes the image's uid or user name when the spec sets no runAsUser", () => {
    const p = pod({});
    expect(
      containerSecurityContext(p, p.spec!.containers[0], { uid: 101, username: "" }, false).runAsUser,
    ).toEqual({
      value: 101,
    });
    const named = containerSecurityContext(p, p.spec!.containers[0], { username: "app" }, false);
    expect(named.runAsUser).toBeUndefined();
    expect(named.runAsUsername).toBe("app");
  });

  it("capabilities add/drop and privileged pass through", () => {
    const p = pod(
      {},
      { securityContext: { privileged: true, capabilities: { add: ["NET_ADMIN"], drop: ["ALL"] } } },
    );
    expect(containerSecurityContext(p, p.spec!.containers[0], undefined, false)).toMatchObject({
      privileged: true,
      capabilities: { addCapabilities: ["NET_ADMIN"], dropCapabilities: ["ALL"] },
    });
  });

  it("seccomp: the container's field, then the pod's, then RuntimeDefault only with seccompDefault", () => {
    expect(seccompProfile(pod({}), undefined, false)).toEqual({ profileType: "Unconfined" });
    expect(seccompProfile(pod({}), undefined, true)).toEqual({ profileType: "RuntimeDefault" });
    const p = pod(
      { securityContext: { seccompProfile: { type: "RuntimeDefault" } } },
      { securityContext: { seccompProfile: { type: "Localhost", localhostProfile: "profiles/audit.json" } } },
    );
    expect(seccompProfile(p, undefined, false)).toEqual({ profileType: "RuntimeDefault" });
    expect(seccompProfile(p, p.spec!.containers[0], false)).toEqual({
      profileType: "Localhost",
      localhostRef: "/var/lib/kubelet/seccomp/profiles/audit.json",
    });
    expect(() =>
      seccompProfile(pod({ securityContext: { seccompProfile: { type: "Localhost" } } }), undefined, false),
    ).toThrow("localhostProfile must be set if seccompProfile type is Localhost.");
  });

  it("AppArmor: the field, else the deprecated annotation, else the pod's field; unset sends nothing", () => {
    expect(appArmorProfile(pod({}), pod({}).spec!.containers[0])).toEqual({});
    const annotated = pod(
      { securityContext: { appArmorProfile: { type: "Unconfined" } } },
      {},
      {
        "container.apparmor.security.beta.kubernetes.io/c": "localhost/k8s-deny-write",
      },
    );
    expect(appArmorProfile(annotated, annotated.spec!.containers[0])).toEqual({
      profile: { profileType: "Localhost", localhostRef: "k8s-deny-write" },
      deprecated: "localhost/k8s-deny-write",
    });
    const field = pod({}, { securityContext: { appArmorProfile: { type: "RuntimeDefault" } } });
    expect(appArmorProfile(field, field.spec!.containers[0]).deprecated).toBe("runtime/default");
  });
});

describe("kubelet: runAsNonRoot refusal", () => {
  it("waits in CreateContainerConfigError with the Failed event; ImageStatus is asked for the image user", () => {
    const n = testNode();
    n.kubelet.start();
    n.clock.advance(100);
    n.apply(simplePod("web", "busybox:1.37", { securityContext: { runAsNonRoot: true } }));
    n.clock.advance(5000);
    const w = n.state("web", "app")?.waiting;
    expect(w?.reason).toBe("CreateContainerConfigError");
    const uid = n.api.pod("web")?.metadata?.uid;
    const msg = `container has runAsNonRoot and image will run as root (pod: "web_default(${uid})", container: app)`;
    expect(w?.message).toBe(msg);
    expect(n.events("Failed").map((e) => e.message)).toContain(`Error: ${msg}`);
    const sync = n.criCalls().filter((c) => /^(ImageStatus|PullImage|CreateContainer)/.test(c));
    expect(sync.slice(0, 4)).toEqual([
      "ImageStatus(busybox:1.37)",
      "PullImage(busybox:1.37)",
      "ImageStatus(busybox:1.37)",
      "ImageStatus(busybox:1.37)",
    ]);
    expect(sync).not.toContain("CreateContainer(web/app)");
  });
});
