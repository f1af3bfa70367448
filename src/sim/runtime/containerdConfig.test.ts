import { describe, expect, it } from "vitest";
import { CONTAINERD_CONFIG_PATH, DEFAULT_CONTAINERD_CONFIG_TOML, loadConfig } from "./containerdConfig";
import { createContainerdUnitHooks } from "./daemon";
import { makeRuntime } from "./testing";

describe("config.toml", () => {
  it("reads the default version 3 file", () => {
    const r = loadConfig(DEFAULT_CONTAINERD_CONFIG_TOML);
    if (!r.ok) throw new Error(r.message);
    expect(r.config).toMatchObject({
      version: 3,
      sandboxImage: "registry.k8s.io/pause:3.10",
      snapshotter: "overlayfs",
      systemdCgroup: true,
      maxConcurrentDownloads: 3,
      defaultRuntimeName: "runc",
      runtimes: { runc: { runtimeType: "io.containerd.runc.v2", systemdCgroup: true } },
    });
  });

  it("picks up SystemdCgroup and extra runtime handlers", () => {
    const text = DEFAULT_CONTAINERD_CONFIG_TOML.replace(
      "SystemdCgroup = true",
      "SystemdCgroup = false",
    ).concat(
      "\n[plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runsc]\n  runtime_type = 'io.containerd.runsc.v1'\n",
    );
    const r = loadConfig(text);
    if (!r.ok) throw new Error(r.message);
    expect(r.config.systemdCgroup).toBe(false);
    expect(r.config.runtimes.runsc).toEqual({ runtimeType: "io.containerd.runsc.v1", systemdCgroup: false });
  });

  it("reports a broken file and a too-new version like containerd", () => {
    const broken = loadConfig("version = 3\n[plugins\nfoo = 1\n");
    expect(broken.ok).toBe(false);
    if (!broken.ok)
      expect(broken.message).toMatch(/^containerd: failed to unmarshal TOML at row 2 column \d+: toml: /);
    const v4 = loadConfig("version = 4\n");
    expect(!v4.ok && v4.message).toBe(
      "containerd: failed to load TOML from /etc/containerd/config.toml: expected containerd config version equal to or less than `3`, got `4`",
    );
  });

  it("unit hooks: start logs the boot lines, a broken config fails the start, stop closes the socket", () => {
    const h = makeRuntime();
    const hooks = createContainerdUnitHooks(h.rt, h.fs, h.journal);
    h.rt.setAvailable(false);
    expect(hooks.start()).toBeUndefined();
    expect(h.rt.isAvailable).toBe(true);
    const lines = h.journal.query("containerd").map((j) => j.message);
    expect(lines[0]).toMatch(
      /^time="2026-01-15T09:00:00Z" level=info msg="starting containerd" revision=[0-9a-f]{40} version=v2\.1\.\d+$/,
    );
    expect(lines).toContain(
      'time="2026-01-15T09:00:00Z" level=info msg="serving..." address=/run/containerd/containerd.sock',
    );
    expect(lines.at(-1)).toMatch(/msg="containerd successfully booted in 0\.\d+s"$/);
    hooks.stop();
    expect(h.rt.isAvailable).toBe(false);
    h.fs.write(CONTAINERD_CONFIG_PATH, "version = 3\n[plugins\n");
    expect(hooks.start()).toMatch(/^containerd: failed to unmarshal TOML at row 2/);
    expect(h.rt.isAvailable).toBe(false);
  });
});
