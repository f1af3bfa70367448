import { describe, expect, it } from "vitest";
import { Shell } from "../shell";
import { fakeNode } from "../testing/fakeNode";
import { filesCommands } from "./index";

const LOG = [
  "start",
  "info a",
  "ERROR one",
  "info b",
  "info c",
  "info d",
  "ERROR two",
  "info e",
  "error three",
  "end",
].join("\n");

function setup() {
  const node = fakeNode();
  node.fs.write("/var/log/app.log", `${LOG}\n`);
  node.fs.write("/var/log/other.log", "boot\nERROR disk full\nok\n");
  node.fs.write("/root/dots.txt", "a.b\naxb\n");
  node.fs.write(
    "/etc/containerd/config.toml",
    "version = 3\n[plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]\n  SystemdCgroup = false\n",
  );
  node.fs.write("/etc/kubernetes/kubelet.conf", "cgroupDriver: systemd\n");
  const sh = new Shell(node);
  for (const c of filesCommands) sh.register(c);
  return sh;
}

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

describe("grep context: -A/-B/-C/-NUM with GNU's -- group separators", () => {
  const sh = setup();
  const out = async (l: string) => (await sh.run(l)).stdout;

  it("prints trailing, leading and both-side context, marking context lines with -", async () => {
    expect(await out("grep -n -A1 ERROR /var/log/app.log")).toBe(
      "3:ERROR one\n4-info b\n--\n7:ERROR two\n8-info e\n",
    );
    expect(await out("grep -B2 ERROR /var/log/app.log")).toBe(
      "start\ninfo a\nERROR one\n--\ninfo c\ninfo d\nERROR two\n",
    );
    expect(await out("grep -C 1 ERROR /var/log/app.log")).toBe(
      "info a\nERROR one\ninfo b\n--\ninfo d\nERROR two\ninfo e\n",
    );
  });

  it("joins groups that touch or overlap (no separator); -NUM is -C NUM", async () => {
    expect(await out("grep -2 ERROR /var/log/app.log")).toBe(`${LOG.split("\n").slice(0, 9).join("\n")}\n`);
    expect(await out("grep --context=1 -e 'info b' -e 'info c' /var/log/app.log")).toBe(
      "ERROR one\ninfo b\ninfo c\ninfo d\n",
    );
    // -A0 still asks for separators between groups that are not adjacent.
    expect(await out("grep -A0 ERROR /var/log/app.log")).toBe("ERROR one\n--\nERROR two\n");
  });

  it("separates groups across files, with file names and - or : after them", async () => {
    expect(await out("grep -A1 ERROR /var/log/app.log /var/log/other.log")).toBe(
      [
        "/var/log/app.log:ERROR one",
        "/var/log/app.log-info b",
        "--",
        "/var/log/app.log:ERROR two",
        "/var/log/app.log-info e",
        "--",
        "/var/log/other.log:ERROR disk full",
        "/var/log/other.log-ok",
        "",
      ].join("\n"),
    );
  });

  it("-o prints only the matches, with separators but no context lines; -m stops after NUM", async () => {
    expect(await out("grep -o -C1 ERROR /var/log/app.log")).toBe("ERROR\n--\nERROR\n");
    expect(await out("grep -m1 -A1 ERROR /var/log/app.log")).toBe("ERROR one\ninfo b\n");
    expect(await out("grep -c -A3 ERROR /var/log/app.log")).toBe("2\n");
  });
});

describe("grep selection flags and combinations", () => {
  const sh = setup();
  const out = async (l: string) => (await sh.run(l)).stdout;

  it("-i -v -c -n -o -w -x -E -F", async () => {
    expect(await out("grep -ic error /var/log/app.log")).toBe("3\n");
    expect(await out("grep -vc info /var/log/app.log")).toBe("5\n");
    expect(await out("grep -oi 'error [a-z]*' /var/log/app.log")).toBe("ERROR one\nERROR two\nerror three\n");
    expect(await out("grep -nE 'ERROR|end' /var/log/app.log")).toBe("3:ERROR one\n7:ERROR two\n10:end\n");
    expect(await out("grep -n 'ERROR\\|end' /var/log/app.log")).toBe("3:ERROR one\n7:ERROR two\n10:end\n");
    expect(await out("grep -w in /var/log/app.log")).toBe("");
    expect(await out("grep -wc info /var/log/app.log")).toBe("5\n");
    expect(await out("grep -x 'info [ab]' /var/log/app.log")).toBe("info a\ninfo b\n");
    expect(await out("grep a.b dots.txt")).toBe("a.b\naxb\n");
    expect(await out("grep -F a.b dots.txt")).toBe("a.b\n");
    expect(await out("grep '= [[:digit:]]' /etc/containerd/config.toml")).toBe("version = 3\n");
    expect(await out("grep -ov info /var/log/app.log")).toBe("");
  });

  it("-r over the node's files, -l, -L, -h, -H and stdin", async () => {
    expect(await out("grep -rn SystemdCgroup /etc")).toBe(
      "/etc/containerd/config.toml:3:  SystemdCgroup = false\n",
    );
    expect(await out("grep -ril systemd /etc")).toBe(
      "/etc/containerd/config.toml\n/etc/kubernetes/kubelet.conf\n",
    );
    expect(await out("grep -L ERROR /var/log/app.log /etc/kubernetes/kubelet.conf")).toBe(
      "/etc/kubernetes/kubelet.conf\n",
    );
    expect(await out("grep -c ERROR /var/log/app.log /var/log/other.log")).toBe(
      "/var/log/app.log:2\n/var/log/other.log:1\n",
    );
    expect(await out("grep -h disk /var/log/app.log /var/log/other.log")).toBe("ERROR disk full\n");
    expect(await out("grep -H disk /var/log/other.log")).toBe("/var/log/other.log:ERROR disk full\n");
    expect(await out("cat /var/log/app.log | grep -A1 three")).toBe("error three\nend\n");
    expect(await out("cd /etc; grep -r cgroupDriver; cd")).toBe(
      "kubernetes/kubelet.conf:cgroupDriver: systemd\n",
    );
  });

  it("exit status: 0 selected, 1 none, 2 trouble (even with matches); -q and -s", async () => {
    expect((await sh.run("grep ERROR /var/log/app.log")).code).toBe(0);
    expect((await sh.run("grep nothing /var/log/app.log")).code).toBe(1);
    expect(await sh.run("grep ERROR /x /var/log/other.log")).toMatchObject({
      stdout: "/var/log/other.log:ERROR disk full\n",
      stderr: "grep: /x: No such file or directory\n",
      code: 2,
    });
    expect(await sh.run("grep -q ERROR /x /var/log/other.log")).toMatchObject({
      stdout: "",
      stderr: "grep: /x: No such file or directory\n",
      code: 0,
    });
    expect(await sh.run("grep -s ERROR /x")).toMatchObject({ stdout: "", stderr: "", code: 2 });
    expect(await sh.run("grep x /etc")).toMatchObject({ stderr: "grep: /etc: Is a directory\n", code: 2 });
  });
});

describe("grep's own words for bad usage (exit 2)", () => {
  const sh = setup();
  it.each([
    ["grep -k x", `grep: invalid option -- 'k'\n${USAGE}`],
    ["grep -A", `grep: option requires an argument -- 'A'\n${USAGE}`],
    ["grep -A x ERROR", "grep: x: invalid context length argument\n"],
    ["grep -C -1 ERROR", "grep: -1: invalid context length argument\n"],
    ["grep --frobnicate x", `grep: unrecognized option '--frobnicate'\n${USAGE}`],
    ["grep x --context", `grep: option '--context' requires an argument\n${USAGE}`],
    ["grep --count=3 x", `grep: option '--count' doesn't allow an argument\n${USAGE}`],
    ["grep -m x y", "grep: invalid max count\n"],
    ["grep", USAGE],
    ["grep '[a' /var/log/app.log", "grep: Unmatched [, [^, [:, [., or [=\n"],
    ["grep -E '(a' /var/log/app.log", "grep: Unmatched ( or \\(\n"],
  ])("%s", async (line, stderr) => {
    expect(await sh.run(line)).toMatchObject({ stdout: "", stderr, code: 2 });
  });
});
