import { beforeEach, describe, expect, test } from "vitest";
import { fakeNode } from "../crictl/testing/fakeNode";
import type { CommandResult } from "../types";
import { filesCommands } from "./index";

let env: ReturnType<typeof fakeNode>;
const run = (name: string, args: string[], stdin?: string): Promise<CommandResult> => {
  const cmd = filesCommands.find((c) => c.name === name);
  if (!cmd) throw new Error(`no ${name}`);
  return cmd.run(env.run(args, { stdin }));
};

const CONFIG = `version = 3

[plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]
  SystemdCgroup = false
`;

beforeEach(() => {
  env = fakeNode();
  env.node.fs.write("/etc/containerd/config.toml", CONFIG);
  env.node.fs.write("/etc/hostname", "node-1\n");
  env.node.fs.write("/root/.bashrc", "alias k=kubectl\n");
  env.node.fs.write("/var/log/syslog", "a\nb\nc\nd\ne\n");
});

describe("ls / cat errors use GNU wording", () => {
  test("ls", async () => {
    expect((await run("ls", ["/etc"])).stdout).toBe("containerd  hostname\n");
    expect((await run("ls", ["-1", "/etc"])).stdout).toBe("containerd\nhostname\n");
    // into a pipe (`ls /etc | head`), one name per line; the last stage writes to the terminal
    const piped = (index: number) =>
      filesCommands
        .find((c) => c.name === "ls")!
        .run({ ...env.run(["/etc"]), pipeline: { argv: [["ls", "/etc"], ["head"]], index } });
    expect((await piped(0)).stdout).toBe("containerd\nhostname\n");
    expect((await piped(1)).stdout).toBe("containerd  hostname\n");
    expect((await run("ls", [])).stdout).toBe("");
    expect((await run("ls", ["-a"])).stdout).toBe(".  ..  .bashrc\n");
    expect(await run("ls", ["/x"])).toEqual({
      stdout: "",
      stderr: "ls: cannot access '/x': No such file or directory\n",
      code: 2,
    });
    const long = (await run("ls", ["-l", "/etc/containerd"])).stdout;
    expect(long).toBe(`total 4\n-rw-r--r-- 1 root root ${CONFIG.length} Jan 15 09:00 config.toml\n`);
  });

  test("cat", async () => {
    expect((await run("cat", ["/etc/hostname"])).stdout).toBe("node-1\n");
    expect(await run("cat", ["/x"])).toEqual({
      stdout: "",
      stderr: "cat: /x: No such file or directory\n",
      code: 1,
    });
    expect((await run("cat", ["/etc"])).stderr).toBe("cat: /etc: Is a directory\n");
    expect((await run("cat", [], "piped\n")).stdout).toBe("piped\n");
    expect((await run("less", ["/etc/hostname"])).stdout).toBe("node-1\n");
  });
});

test("head and tail", async () => {
  expect((await run("head", ["-n", "2", "/var/log/syslog"])).stdout).toBe("a\nb\n");
  expect((await run("tail", ["-2", "/var/log/syslog"])).stdout).toBe("d\ne\n");
  expect((await run("tail", ["-n", "+4", "/var/log/syslog"])).stdout).toBe("d\ne\n");
  expect((await run("tail", ["/nope"])).stderr).toBe(
    "tail: cannot open '/nope' for reading: No such file or directory\n",
  );
});

test("tail -f follows appends", async () => {
  const chunks: string[] = [];
  let stop = () => {};
  const interrupted = new Promise<void>((r) => {
    stop = r;
  });
  const cmd = filesCommands.find((c) => c.name === "tail")!;
  const done = cmd.run(
    env.run(["-f", "-n", "1", "/var/log/syslog"], { follow: { write: (c) => chunks.push(c), interrupted } }),
  );
  env.node.fs.append("/var/log/syslog", "f\n");
  stop();
  await done;
  expect(chunks.join("")).toBe("e\nf\n");
});

describe("grep", () => {
  test("file, -i, -n, -v, -c, no match exit 1, missing file exit 2", async () => {
    expect((await run("grep", ["SystemdCgroup", "/etc/containerd/config.toml"])).stdout).toBe(
      "  SystemdCgroup = false\n",
    );
    expect((await run("grep", ["-in", "systemdcgroup", "/etc/containerd/config.toml"])).stdout).toBe(
      "4:  SystemdCgroup = false\n",
    );
    expect((await run("grep", ["-c", "-v", "a", "/var/log/syslog"])).stdout).toBe("4\n");
    expect((await run("grep", ["zzz", "/var/log/syslog"])).code).toBe(1);
    expect(await run("grep", ["a", "/x"])).toMatchObject({
      stdout: "",
      stderr: "grep: /x: No such file or directory\n",
      code: 2,
    });
  });

  test("stdin, -r with file names, BRE alternation", async () => {
    expect((await run("grep", ["err"], "ok\nerror here\n")).stdout).toBe("error here\n");
    expect((await run("grep", ["-r", "node-1", "/etc"])).stdout).toBe("/etc/hostname:node-1\n");
    expect((await run("grep", ["b\\|d"], "a\nb\nc\nd\n")).stdout).toBe("b\nd\n");
    expect((await run("grep", ["-E", "b|d"], "a\nb\nc\nd\n")).stdout).toBe("b\nd\n");
  });
});

describe("sed", () => {
  test("sed -i edits the file in place (the classic SystemdCgroup fix)", async () => {
    const r = await run("sed", [
      "-i",
      "s/SystemdCgroup = false/SystemdCgroup = true/",
      "/etc/containerd/config.toml",
    ]);
    expect(r).toEqual({ stdout: "", stderr: "", code: 0 });
    expect(env.node.fs.read("/etc/containerd/config.toml")).toBe(CONFIG.replace("false", "true"));
  });

  test("stdout mode, g flag, other delimiters, & and groups, /re/d", async () => {
    expect((await run("sed", ["s/a/X/g"], "banana\n")).stdout).toBe("bXnXnX\n");
    expect((await run("sed", ["s|/|_|"], "/a/b\n")).stdout).toBe("_a/b\n");
    expect((await run("sed", ["s/\\(ba\\)/[&\\1]/"], "banana\n")).stdout).toBe("[baba]nana\n");
    expect((await run("sed", ["-E", "s/(n)a/\\1o/2"], "banana\n")).stdout).toBe("banano\n");
    expect((await run("sed", ["/b/d"], "a\nb\nc\n")).stdout).toBe("a\nc\n");
    expect((await run("sed", ["-n", "2p"], "a\nb\nc\n")).stdout).toBe("b\n");
    expect((await run("sed", ["s/a/$1/"], "a\n")).stdout).toBe("$1\n");
  });

  test("errors", async () => {
    expect((await run("sed", ["-i", "s/a/b/", "/nope"])).stderr).toBe(
      "sed: can't read /nope: No such file or directory\n",
    );
    expect((await run("sed", ["s/a/b"], "a\n")).stderr).toContain("unterminated `s' command");
  });
});

describe("small commands", () => {
  test("touch, rm, mkdir, tee, find, cd/pwd", async () => {
    await run("touch", ["/tmp/x"]);
    expect(env.node.fs.read("/tmp/x")).toBe("");
    expect((await run("rm", ["/tmp/x"])).code).toBe(0);
    expect((await run("rm", ["/tmp/x"])).stderr).toBe(
      "rm: cannot remove '/tmp/x': No such file or directory\n",
    );
    expect((await run("rm", ["/etc"])).stderr).toBe("rm: cannot remove '/etc': Is a directory\n");
    expect((await run("mkdir", ["/etc"])).stderr).toBe(
      "mkdir: cannot create directory '/etc': File exists\n",
    );
    expect((await run("mkdir", ["-p", "/etc/new"])).code).toBe(0);
    expect((await run("tee", ["-a", "/etc/hostname"], "more\n")).stdout).toBe("more\n");
    expect(env.node.fs.read("/etc/hostname")).toBe("node-1\nmore\n");
    expect((await run("find", ["/etc", "-name", "*.toml"])).stdout).toBe("/etc/containerd/config.toml\n");
    expect((await run("pwd", [])).stdout).toBe("/root\n");
    await run("cd", ["/etc/containerd"]);
    expect((await run("pwd", [])).stdout).toBe("/etc/containerd\n");
    expect((await run("cat", ["config.toml"])).stdout).toBe(CONFIG);
    expect((await run("cd", ["/nope"])).stderr).toBe("-bash: cd: /nope: No such file or directory\n");
  });

  test("echo, hostname, uname, whoami, date, editors", async () => {
    expect((await run("echo", ["-n", "hi", "there"])).stdout).toBe("hi there");
    expect((await run("hostname", [])).stdout).toBe("node-1\n");
    expect((await run("uname", ["-a"])).stdout).toMatch(
      /^Linux node-1 6\.1\.0-28-amd64 .* x86_64 GNU\/Linux\n$/,
    );
    expect((await run("whoami", [])).stdout).toBe("root\n");
    expect((await run("date", [])).stdout).toBe("Thu Jan 15 09:00:00 UTC 2026\n");
    // The editors open the file in the browser's editor panel (edit.test.ts covers them).
    expect((await run("vim", ["/etc/hostname"])).open).toEqual({ path: "/etc/hostname", text: "node-1\n" });
  });
});
