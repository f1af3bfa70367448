import { beforeEach, describe, expect, test } from "vitest";
import { runCrictl } from "./main";
import { CTR_NGINX, fakeNode, IMG_NGINX, POD_NGINX, seedScene } from "./testing/fakeNode";

let env: ReturnType<typeof fakeNode>;
const crictl = (...args: string[]) => runCrictl(env.run(args));
/** logrus on a terminal pads the message to 44 columns and adds a space. */
const logrus = (level: string, msg: string) => `${level}[0000] ${msg.padEnd(44)} \n`;

beforeEach(() => {
  env = fakeNode();
  seedScene(env);
  env.clock.advance(185_000); // 09:03:05
});

describe("tables", () => {
  test("pods: newest first, 13-char IDs, Ready/NotReady, (default) runtime", async () => {
    const r = await crictl("pods");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        "POD ID              CREATED             STATE               NAME                       NAMESPACE           ATTEMPT             RUNTIME",
        "9b8c7d6e5f4a3       2 minutes ago       NotReady            coredns-668d6bf9bc-4kq2z   kube-system         1                   runc",
        "3f2a9c1e7b4d5       3 minutes ago       Ready               web-7c5d8bf9f7-x2x9q       default             0                   (default)",
        "",
      ].join("\n"),
    );
  });

  test("pods filters: --namespace regex, --state, -q, --no-trunc", async () => {
    expect((await crictl("pods", "--namespace", "kube-.*", "-q")).stdout).toBe(`${env.cri.pods[1].id}\n`);
    expect((await crictl("pods", "--state=ready", "-q")).stdout).toBe(`${POD_NGINX}\n`);
    expect((await crictl("pods", "--no-trunc", "--name", "web")).stdout).toContain(POD_NGINX);
    // sandbox.go calls log.Fatalf here: the standard logger's date/time prefix, not logrus.
    expect((await crictl("pods", "--state", "bogus")).stderr).toMatch(
      /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d --state should be ready or notready\n$/,
    );
  });

  test("ps shows only running containers; -a all; image IDs are truncated", async () => {
    expect((await crictl("ps")).stdout).toBe(
      [
        "CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD                    NAMESPACE",
        "c0ffee1234567       a1b2c3d4e5f6a       3 minutes ago       Running             nginx               0                   3f2a9c1e7b4d5       web-7c5d8bf9f7-x2x9q   default",
        "",
      ].join("\n"),
    );
    const all = (await crictl("ps", "-a")).stdout.split("\n");
    expect(all[1]).toBe(
      "deadbeef00112       registry.k8s.io/coredns/coredns:v1.11.3   About a minute ago   Exited              coredns             2                   9b8c7d6e5f4a3       coredns-668d6bf9bc-4kq2z   kube-system",
    );
    expect((await crictl("ps", "-aq")).stdout).toBe(`${env.cri.containers[1].id}\n${CTR_NGINX}\n`);
    expect((await crictl("ps", "-a", "--name", "^core")).stdout.split("\n")).toHaveLength(3);
    expect((await crictl("ps", "--state", "exited", "-q")).stdout).toBe(`${env.cri.containers[1].id}\n`);
    expect((await crictl("ps", "--pod", "9b8c", "-a", "-q")).stdout).toBe(`${env.cri.containers[1].id}\n`);
  });

  test("images: sorted by tag, <none> tag, decimal sizes, --digests adds DIGEST", async () => {
    expect((await crictl("images")).stdout).toBe(
      [
        "IMAGE                       TAG                 IMAGE ID            SIZE",
        "docker.io/library/busybox   <none>              0badc0de00000       4.27MB",
        "docker.io/library/nginx     1.27                a1b2c3d4e5f6a       72.2MB",
        "docker.io/library/nginx     latest              a1b2c3d4e5f6a       72.2MB",
        "registry.k8s.io/pause       3.10                873ed75102790       320kB",
        "",
      ].join("\n"),
    );
    expect((await crictl("images", "--digests")).stdout.split("\n")[0]).toBe(
      "IMAGE                       TAG                 DIGEST              IMAGE ID            SIZE",
    );
    expect((await crictl("images", "-q")).stdout.split("\n")[1]).toBe(IMG_NGINX);
  });

  test("stats samples twice and prints CPU %, MEM, DISK, INODES, SWAP", async () => {
    const r = await crictl("stats");
    // display.ClearScreen() runs before the table is flushed.
    expect(r.stdout).toBe(
      [
        "\x1b[2J\x1b[HCONTAINER           NAME                CPU %               MEM                 DISK                INODES              SWAP",
        "c0ffee1234567       nginx               25.00               12.58MB             49.15kB             12                  0B",
        "",
      ].join("\n"),
    );
  });
});

describe("inspect", () => {
  test("inspect: {info, status} with sorted keys, enum names, RFC3339Nano, zero finishedAt; ID prefix accepted", async () => {
    const r = await crictl("inspect", "c0ffee");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(["info", "status"]);
    expect(j.status.state).toBe("CONTAINER_RUNNING");
    expect(j.status.createdAt).toBe("2026-01-15T09:00:05Z");
    expect(j.status.startedAt).toBe("2026-01-15T09:00:05.100123Z");
    expect(j.status.finishedAt).toBe("0001-01-01T00:00:00Z");
    expect(j.info.pid).toBe(4321);
    expect(r.stdout).toContain('"io.kubernetes.container.hash": "\\u003c5d1c\\u003e"');
    expect(r.stdout.startsWith('{\n  "info": {\n    "pid": 4321,')).toBe(true);
  });

  test("inspectp and inspecti", async () => {
    const p = JSON.parse((await crictl("inspectp", "3f2a")).stdout);
    expect(p.status.state).toBe("SANDBOX_READY");
    expect(p.status.network.ip).toBe("10.244.0.12");
    const i = JSON.parse((await crictl("inspecti", "a1b2")).stdout);
    expect(i.status.size).toBe("72195292");
    expect(i.status.repoTags).toContain("docker.io/library/nginx:1.27");
  });

  test("unknown container: klog line then FATA", async () => {
    const r = await crictl("inspect", "nope");
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(
      /^E0115 09:03:05\.\d{6} +\d+ log\.go:32\] "ContainerStatus from runtime service failed" err="rpc error: code = NotFound/,
    );
    expect(lines[1]).toBe(
      'FATA[0000] get the status of containers: get container status: rpc error: code = NotFound desc = an error occurred when try to find container "nope": not found',
    );
  });
});

describe("runtime down", () => {
  test("stopped containerd: socket gone", async () => {
    env.node.units.containerd.stop();
    const r = await crictl("ps");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      'FATA[0000] validate service connection: validate CRI v1 runtime API for endpoint "unix:///run/containerd/containerd.sock": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory" \n',
    );
  });

  test("killed containerd leaves the socket: connection refused; images use the image API", async () => {
    env.node.units.containerd.crash();
    const r = await crictl("images");
    expect(r.stderr).toContain(
      'validate CRI v1 image API for endpoint "unix:///run/containerd/containerd.sock"',
    );
    expect(r.stderr).toContain("connect: connection refused");
  });

  test("FATA is red on a colour terminal", async () => {
    env.node.units.containerd.stop();
    const r = await runCrictl(env.run(["pods"], { color: true }));
    expect(r.stderr.startsWith("\x1b[31mFATA\x1b[0m[0000] validate service connection")).toBe(true);
  });
});

describe("logs", () => {
  test("message text only, partial lines joined", async () => {
    expect((await crictl("logs", "c0ffee")).stdout).toBe(
      "start worker 1\nwarn: low memory\npart one, part two\ndone\n",
    );
  });

  test("-t prints fixed-width timestamps; --tail keeps the last N lines", async () => {
    expect((await crictl("logs", "-t", "--tail", "2", "c0ffee")).stdout).toBe(
      "2026-01-15T09:00:06.123456789Z part one, part two\n2026-01-15T09:00:07.000000000Z done\n",
    );
    expect((await crictl("logs", "--tail=1", CTR_NGINX)).stdout).toBe("done\n");
  });

  test("-p without a previous attempt", async () => {
    expect((await crictl("logs", "-p", "c0ffee")).stderr).toBe(
      logrus("FATA", "previous terminated container nginx not found"),
    );
  });

  test("-f follows appended lines until interrupted", async () => {
    const chunks: string[] = [];
    let stop = () => {};
    const interrupted = new Promise<void>((res) => {
      stop = res;
    });
    const path = "/var/log/pods/default_web-7c5d8bf9f7-x2x9q_u-1/nginx/0.log";
    const done = runCrictl(
      env.run(["logs", "-f", "--tail", "1", "c0ffee"], {
        follow: { write: (c) => chunks.push(c), interrupted },
      }),
    );
    await new Promise((r) => setTimeout(r, 0));
    env.node.fs.append(path, "2026-01-15T09:03:06Z stdout P hel\n");
    env.node.fs.append(path, "2026-01-15T09:03:06Z stdout F lo\n");
    stop();
    await done;
    expect(chunks.join("")).toBe("done\nhello\n");
  });
});

describe("images: pull and rmi", () => {
  test("pull prints the image ref", async () => {
    expect((await crictl("pull", "nginx")).stdout).toBe(`Image is up to date for ${IMG_NGINX}\n`);
  });

  test("pull failure: klog line and FATA", async () => {
    const r = await crictl("pull", "nginx:nope");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'log.go:32] "PullImage from image service failed" err="rpc error: code = NotFound desc = failed to pull and unpack image \\"docker.io/library/nginx:nope\\"',
    );
    expect(r.stderr).toContain(
      'image="nginx:nope"\nFATA[0000] pulling image: rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope"',
    );
  });

  test("rmi prints Deleted: per tag; unknown image errors", async () => {
    expect((await crictl("rmi", "nginx:1.27")).stdout).toBe(
      "Deleted: docker.io/library/nginx:1.27\nDeleted: docker.io/library/nginx:latest\n",
    );
    const r = await crictl("rmi", "nothere:1");
    expect(r.code).toBe(1);
    // errorUtils.AggregateGoroutines: a single failure is the whole fatal message.
    expect(r.stderr).toBe(logrus("FATA", "no such image nothere:1"));
  });

  test("rmi --prune skips pinned and in-use images; untagged images print their digest", async () => {
    const r = await crictl("rmi", "--prune");
    expect(r.stdout).toBe(`Deleted: docker.io/library/busybox@sha256:${"b5b5".padEnd(64, "0")}\n`);
    expect(env.cri.images.map((i) => i.repoTags[0])).toEqual([
      "docker.io/library/nginx:1.27",
      "registry.k8s.io/pause:3.10",
    ]);
  });
});

describe("lifecycle verbs", () => {
  test("runp reads a config file and prints the sandbox ID; stopp/rmp confirm", async () => {
    env.node.fs.write(
      "/root/pod-config.json",
      JSON.stringify({
        metadata: {
          name: "nginx-sandbox",
          namespace: "default",
          attempt: 1,
          uid: "hdishd83djaidwnduwk28bcsb",
        },
        log_directory: "/tmp",
      }),
    );
    const r = await crictl("runp", "pod-config.json");
    expect(r.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    const id = r.stdout.trim();
    expect(env.cri.pods.at(-1)?.metadata.name).toBe("nginx-sandbox");
    expect((await crictl("rmp", id)).stderr).toBe(
      `FATA[0000] pod sandbox "${id}" is running, please stop it first \n`,
    );
    expect((await crictl("stopp", id)).stdout).toBe(`Stopped sandbox ${id}\n`);
    expect((await crictl("rmp", id)).stdout).toBe(`Removed sandbox ${id}\n`);
    expect((await crictl("runp", "missing.json")).stderr).toBe(
      "FATA[0000] load podSandboxConfig: config at missing.json not found \n",
    );
  });

  test("stop and rm print the ID; rm refuses running containers", async () => {
    expect((await crictl("rm", "c0ffee")).stderr).toBe(
      'FATA[0000] container "c0ffee" is running, please stop it first \n',
    );
    expect((await crictl("stop", "c0ffee")).stdout).toBe("c0ffee\n");
    expect((await crictl("rm", "c0ffee")).stdout).toBe("c0ffee\n");
    expect(env.node.fs.exists("/var/log/pods/default_web-7c5d8bf9f7-x2x9q_u-1/nginx/0.log")).toBe(false);
  });

  test("exec runs through ExecSync and returns its exit code", async () => {
    const r = await crictl("exec", "-it", "c0ffee", "ls", "-la");
    expect(r.stdout).toBe("ran ls -la\n");
    expect((await crictl("exec", "c0ffee", "false")).code).toBe(1);
  });

  test("version", async () => {
    expect((await crictl("version")).stdout).toBe(
      "Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  v2.1.4\nRuntimeApiVersion:  v1\n",
    );
  });
});

describe("help and usage errors", () => {
  test("crictl --help lists commands in urfave/cli layout", async () => {
    const out = (await crictl("--help")).stdout;
    expect(
      out.startsWith(
        "NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n",
      ),
    ).toBe(true);
    expect(out).toMatch(/\n {3}images, image, img +List images\n/);
    expect(out).toContain("GLOBAL OPTIONS:");
  });

  test("unknown flag", async () => {
    const r = await crictl("ps", "--foo");
    expect(r.code).toBe(1);
    // urfave/cli v2 prints the usage error and the command's help on stdout; crictl's FATA goes to stderr.
    expect(
      r.stdout.startsWith("Incorrect Usage: flag provided but not defined: -foo\n\nNAME:\n   crictl ps"),
    ).toBe(true);
    expect(r.stderr).toBe("FATA[0000] flag provided but not defined: -foo          \n");
  });

  test("unknown verb", async () => {
    expect(await crictl("bogus")).toEqual({ stdout: "", stderr: "No help topic for 'bogus'\n", code: 3 });
  });
});
