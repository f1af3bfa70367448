import { describe, expect, it } from "vitest";
import { Shell } from "../shell";
import { fakeNode } from "../testing/fakeNode";
import { at, cs, pod } from "../testing/pods";

const dir = "/var/log/pods/default_web_uid-web/app";

function setup() {
  const node = fakeNode();
  node.api.seed(
    "Pod",
    pod("web", {
      phase: "Running",
      containerStatuses: [
        cs(
          "app",
          { running: { startedAt: at(60) } },
          {
            restartCount: 1,
            containerID: "containerd://c2",
            lastState: {
              terminated: {
                exitCode: 1,
                reason: "Error",
                finishedAt: at(50),
                containerID: "containerd://c1",
              },
            },
          },
        ),
      ],
    }),
  );
  node.fs.write(
    `${dir}/0.log`,
    "2026-01-15T09:00:10.5Z stdout F booting\n2026-01-15T09:00:50Z stderr F fatal: no config\n",
  );
  node.fs.write(
    `${dir}/1.log`,
    "2026-01-15T09:01:00.123456789Z stdout F line one\n2026-01-15T09:01:30Z stdout P part-\n2026-01-15T09:01:30Z stdout F joined\n2026-01-15T09:01:55Z stderr F line three\n",
  );
  node.clock.advance(120_000);
  return { node, sh: new Shell(node) };
}

describe("kubectl logs", () => {
  it("prints the current container's log text, joining partial lines", async () => {
    const { sh } = setup();
    expect((await sh.run("kubectl logs web")).stdout).toBe("line one\npart-joined\nline three\n");
    expect((await sh.run("kubectl logs web -p")).stdout).toBe("booting\nfatal: no config\n");
    expect((await sh.run("kubectl logs pod/web --tail 1")).stdout).toBe("line three\n");
    expect((await sh.run("kubectl logs web --tail=2 --timestamps")).stdout).toBe(
      "2026-01-15T09:01:30.000000000Z part-joined\n2026-01-15T09:01:55.000000000Z line three\n",
    );
    expect((await sh.run("kubectl logs web --since=50s")).stdout).toBe("part-joined\nline three\n");
  });

  it("refuses like the kubelet when there is nothing to read", async () => {
    const node = fakeNode();
    node.api.seed(
      "Pod",
      pod("creating", {
        phase: "Pending",
        containerStatuses: [cs("app", { waiting: { reason: "ContainerCreating" } })],
      }),
    );
    node.api.seed(
      "Pod",
      pod("pull", {
        phase: "Pending",
        containerStatuses: [cs("app", { waiting: { reason: "ImagePullBackOff" } })],
      }),
    );
    node.api.seed(
      "Pod",
      pod("fresh", {
        phase: "Running",
        containerStatuses: [cs("app", { running: {} }, { containerID: "containerd://x" })],
      }),
    );
    node.api.seed("Pod", pod("nostatus", { phase: "Pending" }));
    node.api.seed(
      "Pod",
      pod(
        "two",
        { phase: "Running", containerStatuses: [cs("a", { running: {} }), cs("b", { running: {} })] },
        { containers: [{ name: "a" }, { name: "b" }] },
      ),
    );
    const sh = new Shell(node);
    const cases: [string, string][] = [
      [
        "kubectl logs creating",
        'Error from server (BadRequest): container "app" in pod "creating" is waiting to start: ContainerCreating\n',
      ],
      [
        "kubectl logs pull",
        'Error from server (BadRequest): container "app" in pod "pull" is waiting to start: trying and failing to pull image\n',
      ],
      [
        "kubectl logs fresh -p",
        'Error from server (BadRequest): previous terminated container "app" in pod "fresh" not found\n',
      ],
      [
        "kubectl logs nostatus",
        'Error from server (BadRequest): container "app" in pod "nostatus" is not available\n',
      ],
      ["kubectl logs fresh -c nope", "error: container nope is not valid for pod fresh\n"],
      ["kubectl logs missing", 'Error from server (NotFound): pods "missing" not found\n'],
    ];
    for (const [line, err] of cases) {
      const r = await sh.run(line);
      expect(r.stderr, line).toBe(err);
      expect(r.code, line).toBe(1);
    }
    const two = await sh.run("kubectl logs two");
    expect(two.stderr).toBe('Defaulted container "a" out of: a, b\n');
    expect(two.code).toBe(0);
  });

  it("-f streams new lines until interrupted", async () => {
    const { node, sh } = setup();
    let written = "";
    let stop!: () => void;
    const interrupted = new Promise<void>((r) => {
      stop = r;
    });
    const done = sh.run("kubectl logs -f web --tail=1", {
      follow: { write: (c) => (written += c), interrupted },
    });
    await Promise.resolve();
    node.fs.append(`${dir}/1.log`, "2026-01-15T09:02:00Z stdout F fresh line\n");
    stop();
    await done;
    expect(written).toBe("line three\nfresh line\n");
  });
});
