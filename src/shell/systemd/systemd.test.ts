import { beforeEach, describe, expect, test } from "vitest";
import { fakeNode } from "../crictl/testing/fakeNode";
import { runJournalctl } from "./journal";
import { runSystemctl } from "./systemctl";
import { parseSystemdTime, systemdRelative, systemdTimespan } from "./time";

let env: ReturnType<typeof fakeNode>;
const systemctl = (...a: string[]) => runSystemctl(env.run(a));
const journalctl = (...a: string[]) => runJournalctl(env.run(a));

beforeEach(() => {
  env = fakeNode();
  env.clock.advance(1000);
  env.node.journal.append(
    "containerd",
    "containerd[812]",
    'time="2026-01-15T09:00:01Z" level=info msg="containerd successfully booted in 0.04s"',
  );
  env.clock.advance(5 * 60_000 + 2_000);
});

test("systemd relative times and timespans", () => {
  expect(systemdRelative(3_000)).toBe("3s ago");
  expect(systemdRelative(90_000)).toBe("1min 30s ago");
  expect(systemdRelative(5 * 60_000)).toBe("5min ago");
  expect(systemdRelative(62 * 60_000)).toBe("1h 2min ago");
  expect(systemdRelative(7 * 3_600_000)).toBe("7h ago");
  expect(systemdRelative(26 * 3_600_000)).toBe("1 day 2h ago");
  expect(systemdRelative(3 * 86_400_000)).toBe("3 days ago");
  expect(systemdTimespan(95)).toBe("95ms");
  expect(systemdTimespan(1204)).toBe("1.204s");
  expect(systemdTimespan(62_345)).toBe("1min 2.345s");
});

describe("systemctl status", () => {
  test("active unit: the systemd 252 block with the last journal lines", async () => {
    const r = await systemctl("status", "containerd");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        "● containerd.service - containerd container runtime",
        "     Loaded: loaded (/lib/systemd/system/containerd.service; enabled; preset: enabled)",
        "     Active: active (running) since Thu 2026-01-15 09:00:00 UTC; 5min ago",
        "       Docs: https://containerd.io",
        "   Main PID: 812 (containerd)",
        "      Tasks: 23",
        "     Memory: 41.7M",
        "        CPU: 1.203s",
        "     CGroup: /system.slice/containerd.service",
        "             └─812 /usr/bin/containerd",
        "",
        "Jan 15 09:00:00 node-1 systemd[1]: Starting containerd container runtime...",
        "Jan 15 09:00:00 node-1 systemd[1]: Started containerd container runtime.",
        'Jan 15 09:00:01 node-1 containerd[812]: time="2026-01-15T09:00:01Z" level=info msg="containerd successfully booted in 0.04s"',
        "",
      ].join("\n"),
    );
  });

  test("kubelet shows its drop-in", async () => {
    const out = (await systemctl("status", "kubelet.service")).stdout;
    expect(out).toContain("● kubelet.service - kubelet: The Kubernetes Node Agent\n");
    expect(out).toContain(
      "    Drop-In: /usr/lib/systemd/system/kubelet.service.d\n             └─10-kubeadm.conf\n",
    );
    expect(out).toContain("       Docs: https://kubernetes.io/docs/\n");
  });

  test("stop prints nothing; inactive status exits 3", async () => {
    expect(await systemctl("stop", "containerd")).toEqual({ stdout: "", stderr: "", code: 0 });
    env.clock.advance(3000);
    const r = await systemctl("status", "containerd");
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("○ containerd.service - containerd container runtime\n");
    expect(r.stdout).toContain("     Active: inactive (dead) since Thu 2026-01-15 09:05:03 UTC; 3s ago\n");
    expect(r.stdout).toContain("   Main PID: 812 (code=exited, status=0/SUCCESS)\n");
    expect(r.stdout).toContain("Jan 15 09:05:03 node-1 systemd[1]: Stopped containerd container runtime.\n");
    expect((await systemctl("is-active", "containerd")).stdout).toBe("inactive\n");
    expect((await systemctl("is-active", "containerd")).code).toBe(3);
  });

  test("failed unit", async () => {
    env.node.units.containerd.crash();
    env.clock.advance(62_000);
    const r = await systemctl("status", "containerd");
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("× containerd.service");
    expect(r.stdout).toContain(
      "     Active: failed (Result: signal) since Thu 2026-01-15 09:05:03 UTC; 1min 2s ago\n",
    );
    expect(r.stdout).toContain("   Main PID: 812 (code=killed, signal=KILL)\n");
  });

  test("start/restart bring it back; unknown units", async () => {
    env.node.units.containerd.stop();
    await systemctl("start", "containerd");
    expect(env.node.units.containerd.state).toBe("active");
    expect((await systemctl("is-active", "containerd")).stdout).toBe("active\n");
    expect(await systemctl("status", "docker")).toEqual({
      stdout: "",
      stderr: "Unit docker.service could not be found.\n",
      code: 4,
    });
    expect((await systemctl("restart", "docker")).stderr).toBe(
      "Failed to restart docker.service: Unit docker.service not found.\n",
    );
    expect(await systemctl("daemon-reload")).toEqual({ stdout: "", stderr: "", code: 0 });
  });
});

describe("journalctl", () => {
  test("-u filters by unit; -n keeps the last N", async () => {
    const r = await journalctl("-u", "containerd", "-n", "1", "--no-pager");
    expect(r.stdout).toBe(
      'Jan 15 09:00:01 node-1 containerd[812]: time="2026-01-15T09:00:01Z" level=info msg="containerd successfully booted in 0.04s"\n',
    );
    expect((await journalctl("-u", "kubelet")).stdout.split("\n")).toHaveLength(3);
  });

  test("--since relative and absolute; no entries", async () => {
    env.node.journal.append("kubelet", "kubelet[1043]", "E0115 09:05:03.000000    1043 run.go:72] boom");
    expect((await journalctl("-u", "kubelet", "--since", "1 min ago")).stdout).toBe(
      "Jan 15 09:05:03 node-1 kubelet[1043]: E0115 09:05:03.000000    1043 run.go:72] boom\n",
    );
    expect(
      (await journalctl("-u", "kubelet", "--since", "2026-01-15 09:05:00")).stdout.split("\n"),
    ).toHaveLength(2);
    expect((await journalctl("-u", "containerd", "--since", "2026-01-16")).stdout).toBe("-- No entries --\n");
    expect(parseSystemdTime("5 min ago", 600_000)).toBe(300_000);
    expect(parseSystemdTime("-5m", 600_000)).toBe(300_000);
  });

  test("-f follows new entries of the unit until interrupted", async () => {
    const chunks: string[] = [];
    let stop = () => {};
    const interrupted = new Promise<void>((res) => {
      stop = res;
    });
    const done = runJournalctl(
      env.run(["-fu", "kubelet", "-n", "0"], { follow: { write: (c) => chunks.push(c), interrupted } }),
    );
    env.node.journal.append("containerd", "containerd[812]", "not me");
    env.node.journal.append("kubelet", "kubelet[1043]", "hello");
    stop();
    await done;
    expect(chunks.join("")).toBe("Jan 15 09:05:03 node-1 kubelet[1043]: hello\n");
  });
});
