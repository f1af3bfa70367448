import { describe, expect, it } from "vitest";
import { createSimulation } from "../../simulation";

describe("edit / nano / vi", () => {
  it("asks the UI to open the file and tells a headless shell how to write it", async () => {
    const sim = createSimulation({ seed: 5 });
    const r = await sim.run("edit /etc/containerd/config.toml");
    expect(r.code).toBe(0);
    expect(r.open).toEqual({
      path: "/etc/containerd/config.toml",
      text: sim.node.fs.read("/etc/containerd/config.toml"),
    });
    expect(r.stdout).toBe(
      "edit: /etc/containerd/config.toml opens in the browser's editor panel (Save writes it); headless, write it with: cat > /etc/containerd/config.toml <<'EOF'\n",
    );
    await sim.run("cd /etc/containerd");
    expect((await sim.run("vim config.toml")).open?.path).toBe("/etc/containerd/config.toml");
    expect((await sim.run("nano new.conf")).open).toEqual({ path: "/etc/containerd/new.conf", text: "" });
    expect(await sim.run("nano /etc")).toMatchObject({ stderr: '"/etc" is a directory\n', code: 1 });
    expect(await sim.run("nano /nope/x.conf")).toMatchObject({
      stderr: "Directory '/nope' does not exist\n",
      code: 1,
    });
    expect(await sim.run("vi /nope/x.conf")).toMatchObject({
      stderr: '"/nope/x.conf" [New DIRECTORY]\n',
      code: 1,
    });
    // Inside $(...) nothing opens.
    expect((await sim.run("echo $(edit /etc/hosts) > /dev/null")).open).toBeUndefined();
  });
});
