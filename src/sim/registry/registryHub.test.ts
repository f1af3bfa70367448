import { describe, expect, it } from "vitest";
import { fakeDigestHex } from "./digest";
import { familiarName, normalizeReference } from "./reference";
import { RegistryHub } from "./registryHub";

describe("image references", () => {
  it("normalises like containerd", () => {
    expect(normalizeReference("nginx")).toBe("docker.io/library/nginx:latest");
    expect(normalizeReference("nginx:1.27")).toBe("docker.io/library/nginx:1.27");
    expect(normalizeReference("polinux/stress")).toBe("docker.io/polinux/stress:latest");
    expect(normalizeReference("registry.k8s.io/pause:3.10")).toBe("registry.k8s.io/pause:3.10");
    expect(normalizeReference("localhost:5000/myapp")).toBe("localhost:5000/myapp:latest");
    const d = `sha256:${"a".repeat(64)}`;
    expect(normalizeReference(`nginx@${d}`)).toBe(`docker.io/library/nginx@${d}`);
    expect(familiarName("docker.io/library/nginx:1.27")).toBe("nginx:1.27");
    expect(() => normalizeReference("Nginx")).toThrow(/must be lowercase/);
  });

  it("derives stable 64-hex digests", () => {
    expect(fakeDigestHex("x")).toMatch(/^[0-9a-f]{64}$/);
    expect(fakeDigestHex("x")).toBe(fakeDigestHex("x"));
    expect(fakeDigestHex("x")).not.toBe(fakeDigestHex("y"));
  });
});

describe("RegistryHub", () => {
  it("resolves tags of one manifest to the same image and shares base layers", () => {
    const hub = new RegistryHub();
    const a = hub.resolve("nginx");
    const b = hub.resolve("nginx:1.27");
    const redis = hub.resolve("redis:7.4");
    if (!a.ok || !b.ok || !redis.ok) throw new Error("resolve failed");
    expect(a.image.configDigest).toBe(b.image.configDigest);
    expect(a.image.layers).toHaveLength(7);
    expect(redis.image.layers[0].digest).toBe(a.image.layers[0].digest);
    const byDigest = hub.resolve(`nginx@${a.image.manifestDigest}`);
    expect(byDigest.ok && byDigest.image.configDigest).toBe(a.image.configDigest);
  });

  it("fails a missing tag with containerd's not found", () => {
    const r = new RegistryHub().resolve("nginx:1.99");
    expect(r).toEqual({
      ok: false,
      code: "NotFound",
      message:
        'failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found',
    });
  });

  it("denies unknown Docker Hub repositories and private ones without credentials", () => {
    const hub = new RegistryHub();
    const denied =
      "pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed";
    const r = hub.resolve("nosuchimage");
    expect(!r.ok && r.message).toBe(
      `failed to pull and unpack image "docker.io/library/nosuchimage:latest": failed to resolve reference "docker.io/library/nosuchimage:latest": ${denied}`,
    );
    const p = hub.resolve("registry.example.com/team/app:1.0");
    expect(!p.ok && p.message).toContain(denied);
    const bad = hub.resolve("registry.example.com/team/app:1.0", { username: "developer", password: "nope" });
    expect(!bad.ok && bad.message).toContain("failed to authorize: failed to fetch oauth token");
    expect(bad.ok).toBe(false);
    expect(
      hub.resolve("registry.example.com/team/app:1.0", { username: "developer", password: "s3cr3t" }).ok,
    ).toBe(true);
    expect(hub.resolve("registry.example.com/team/app:1.0", { auth: btoa("developer:s3cr3t") }).ok).toBe(
      true,
    );
  });

  it("reports an outage as connection refused and a rate limit as 429", () => {
    const hub = new RegistryHub();
    hub.setDown(true, "docker.io");
    const down = hub.resolve("nginx");
    expect(!down.ok && down.message).toBe(
      'failed to pull and unpack image "docker.io/library/nginx:latest": failed to resolve reference "docker.io/library/nginx:latest": failed to do request: Head "https://registry-1.docker.io/v2/library/nginx/manifests/latest": dial tcp 54.236.113.205:443: connect: connection refused',
    );
    expect(hub.resolve("registry.k8s.io/pause:3.10").ok).toBe(true);
    hub.setDown(false);
    hub.setRateLimit(true);
    const limited = hub.resolve("nginx");
    expect(!limited.ok && limited.message).toMatch(
      /^failed to pull and unpack image "docker\.io\/library\/nginx:latest": failed to copy: httpReadSeeker: failed open: unexpected status code https:\/\/registry-1\.docker\.io\/v2\/library\/nginx\/manifests\/sha256:[0-9a-f]{64}: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit\. You may increase the limit by authenticating and upgrading: https:\/\/www\.docker\.com\/increase-rate-limit$/,
    );
    expect(hub.resolve("nginx", { username: "me", password: "pw" }).ok).toBe(true);
  });

  it("slows downloads by ms per MB", () => {
    const hub = new RegistryHub();
    const reg = hub.registry("docker.io")!;
    const fast = hub.layerDurationMs(reg, 40_000_000);
    hub.setSlow(500, "docker.io");
    expect(hub.layerDurationMs(reg, 40_000_000)).toBe(fast + 20_000);
  });
});
