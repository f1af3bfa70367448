import { describe, expect, it } from "vitest";
import { CONTAINERD_CONFIG_PATH, DEFAULT_CONTAINERD_CONFIG_TOML, loadConfig } from "./containerdConfig";
import { CONTAINERD_UNIT_PATH, createContainerdUnitHooks } from "./daemon";
import { parseVerifier } from "./imageVerifier";
import { containerConfig, makeRuntime, podConfig } from "./testing";

const BIN = "/opt/containerd/image-verifier/bin";
const VERIFIER = `#!/bin/sh
# containerd runs me with -name <ref> -digest <digest>; exit 0 allows the pull.
REGISTRIES="localhost:5000 ghcr.io"
while [ $# -gt 0 ]; do case "$1" in -name) NAME="$2"; shift 2 ;; -digest) DIGEST="$2"; shift 2 ;; *) shift ;; esac; done
for r in $REGISTRIES; do case "$NAME" in "$r"/*) IN_SCOPE=1 ;; esac; done
[ -z "$IN_SCOPE" ] && { echo "registry not covered by the signing policy"; exit 0; }
if ! cosign verify --key /etc/containerd/cosign.pub "$NAME@$DIGEST" >/dev/null 2>&1; then
  echo "no valid signature for $NAME"; exit 1
fi
echo "signature verified"
`;

describe("containerd image verifiers (bindir plugin)", () => {
  it("the default config enables the plugin on /opt/containerd/image-verifier/bin", () => {
    const r = loadConfig(DEFAULT_CONTAINERD_CONFIG_TOML);
    if (!r.ok) throw new Error(r.message);
    expect(r.config.imageVerifierBinDir).toBe(BIN);
    expect(r.config.maxVerifiers).toBe(10);
  });

  it("reads the policy and the rejection message from the script", () => {
    expect(parseVerifier(VERIFIER)).toEqual({
      registries: ["localhost:5000", "ghcr.io"],
      message: "no valid signature for $NAME",
      exitCode: 1,
    });
  });

  it("with no verifier every pull passes; an unsigned image in scope is blocked, a signed one passes", () => {
    const h = makeRuntime();
    expect(h.settle(h.rt.pullImage({ image: { image: "localhost:5000/myapp:dev" } })).imageRef).toMatch(
      /^sha256:/,
    );
    h.fs.write(`${BIN}/cosign-verifier`, VERIFIER);
    const err = h.settleErr(h.rt.pullImage({ image: { image: "localhost:5000/myapp:latest" } }));
    expect(err.message).toMatch(
      /^rpc error: code = Unknown desc = failed to pull and unpack image "localhost:5000\/myapp:latest": image verifier bindir blocked pull of localhost:5000\/myapp:latest with digest sha256:[0-9a-f]{64} for reason: verifier cosign-verifier rejected image \(exit code 1\): no valid signature for localhost:5000\/myapp:latest$/,
    );
    expect(
      h.journal
        .query("containerd")
        .some((e) => e.message.includes('level=warning msg="Image verifier blocked pull"')),
    ).toBe(true);
    expect(
      h.settle(h.rt.pullImage({ image: { image: "ghcr.io/stefanprodan/podinfo:6.7.1" } })).imageRef,
    ).toMatch(/^sha256:/);
    // docker.io is outside REGISTRIES: not judged
    expect(h.settle(h.rt.pullImage({ image: { image: "nginx:1.27" } })).imageRef).toMatch(/^sha256:/);
  });

  it("a verifier without a registry list guards every pull (the sandbox image is signed)", () => {
    const h = makeRuntime();
    h.fs.write(`${BIN}/verify`, 'echo "unsigned"; exit 3\n');
    const { podSandboxId } = h.settle(h.rt.runPodSandbox({ config: podConfig("t") }));
    expect(podSandboxId).toMatch(/^[0-9a-f]{64}$/);
    expect(h.settleErr(h.rt.pullImage({ image: { image: "nginx:1.27" } })).message).toContain(
      "for reason: verifier verify rejected image (exit code 3): unsigned",
    );
  });
});

describe("rootless containerd", () => {
  it("containerd-rootless.sh in the unit: containers see rootlesskit's uid map", () => {
    const h = makeRuntime();
    h.fs.write(CONTAINERD_CONFIG_PATH, DEFAULT_CONTAINERD_CONFIG_TOML);
    h.fs.write(CONTAINERD_UNIT_PATH, "[Service]\nExecStart=/usr/local/bin/containerd-rootless.sh\n");
    expect(createContainerdUnitHooks(h.rt, h.fs, h.journal).start()).toBeUndefined();
    expect(h.rt.rootless).toBe(true);
    const config = podConfig("t");
    const { podSandboxId } = h.settle(h.rt.runPodSandbox({ config }));
    h.settle(h.rt.pullImage({ image: { image: "busybox:1.37" } }));
    const { containerId } = h.settle(
      h.rt.createContainer({
        podSandboxId,
        config: containerConfig("c", "busybox:1.37", { command: ["sleep", "60"] }),
        sandboxConfig: config,
      }),
    );
    h.settle(h.rt.startContainer({ containerId }));
    const r = h.settle(h.rt.execSync({ containerId, cmd: ["cat", "/proc/self/uid_map"], timeout: 5 }));
    expect(r.stdout).toBe("         0       1000          1\n         1     100000      65536\n");
  });
});
