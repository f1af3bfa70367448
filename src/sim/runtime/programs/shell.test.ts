import { describe, expect, it } from "vitest";
import { containerConfig, makeRuntime, podConfig } from "../testing";

/** Run `sh -c script` in a busybox container until it exits; returns its log text and exit code. */
function sh(script: string, image = "busybox", env: Record<string, string> = {}) {
  const h = makeRuntime();
  const config = podConfig("t");
  const { podSandboxId } = h.settle(h.rt.runPodSandbox({ config }));
  h.settle(h.rt.pullImage({ image: { image } }));
  const cfg = containerConfig("t", image, {
    command: ["sh", "-c", script],
    envs: Object.entries(env).map(([key, value]) => ({ key, value })),
  });
  const { containerId } = h.settle(
    h.rt.createContainer({ podSandboxId, config: cfg, sandboxConfig: config }),
  );
  h.settle(h.rt.startContainer({ containerId }));
  h.clock.advance(120_000);
  const st = h.settle(h.rt.containerStatus({ containerId })).status;
  const out = (h.fs.read(st.logPath) ?? "")
    .split("\n")
    .filter(Boolean)
    .map((l) => l.split(" ").slice(3).join(" "))
    .join("\n");
  return { out, code: st.exitCode, state: st.state };
}

describe("the shell", () => {
  it("runs lists, && || and variables", () => {
    const script = ['echo "a $GREETING"; false && echo no || echo yes; X=5; echo $X $', "{Y:-dflt}"].join("");
    expect(
      sh(script, "busybox", {
        GREETING: "hi",
      }).out,
    ).toBe("a hi\nyes\n5 dflt");
  });

  it("loops, tests files and substitutes commands", () => {
    const r = sh(
      'mkdir -p /data; for i in 1 2 3; do echo $i >> /data/f; done; [ -f /data/f ] && cat /data/f; echo "host=$(hostname)"; i=0; while [ $i -lt 2 ]; do i=$((i + 1)); echo loop $i; done',
    );
    expect(r.out).toBe("1\n2\n3\nhost=t\nloop 1\nloop 2");
  });

  it("head and tail take -n N, -nN, the old -N and tail's +N; a missing file is an error", () => {
    const seq = "for i in 1 2 3 4 5; do echo $i; done > /tmp/f; ";
    expect(sh(`${seq}head -2 /tmp/f; head -n1 /tmp/f; cat /tmp/f | tail -2; tail -n +4 /tmp/f`).out).toBe(
      "1\n2\n1\n4\n5\n4\n5",
    );
    const r = sh("head /nope");
    expect(r.out).toBe("head: can't open '/nope': No such file or directory");
    expect(r.code).toBe(1);
  });

  it("a redirection into a missing directory fails before the command runs", () => {
    const r = sh("echo x > /nonexist/f; echo st=$?");
    expect(r.out).toBe("sh: can't create /nonexist/f: nonexistent directory\nst=1");
  });

  it("mkdir and touch need the parent directory; mkdir without -p refuses an existing name", () => {
    const r = sh("touch /nonexist/t; mkdir /a/b; mkdir /tmp; mkdir -p /a/b && touch /a/b/c && ls /a/b");
    expect(r.out).toBe(
      [
        "touch: /nonexist/t: No such file or directory",
        "mkdir: can't create directory '/a/b': No such file or directory",
        "mkdir: can't create directory '/tmp': File exists",
        "c",
      ].join("\n"),
    );
  });

  it("tee copies stdin to stdout and files (-a appends)", () => {
    const r = sh(
      "echo one | tee /tmp/t; echo two | tee -a /tmp/t >/dev/null; cat /tmp/t; echo x | tee /no/f",
    );
    expect(r.out).toBe("one\none\ntwo\ntee: /no/f: No such file or directory\nx");
  });

  it("exits with the script's code and reports unknown commands", () => {
    expect(sh("exit 7").code).toBe(7);
    const r = sh("nosuchcmd");
    expect(r.out).toBe("sh: nosuchcmd: not found");
    expect(r.code).toBe(127);
  });

  it("debian images print dash's errors and lack busybox applets", () => {
    const r = sh("cat /nope; ps", "nginx:1.27");
    expect(r.out).toBe("cat: /nope: No such file or directory\nsh: 1: ps: not found");
  });

  it("date prints busybox's format from virtual time", () => {
    expect(sh("date").out).toMatch(/^Thu Jan 15 09:00:0\d UTC 2026$/);
  });
});
