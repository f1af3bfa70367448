import { describe, expect, it } from "vitest";
import { encodeShareCode } from "../lessons/share";
import { createSimulation } from "../simulation";
import { PROGRESS_KEY } from "./lessonSession";
import { memoryStorage, parsePersisted, STORAGE_KEY } from "./persistence";
import { createSimStore } from "./simStore";

const now = () => 1e9; // every change publishes at once

async function newStore(storage = memoryStorage(), shareCode?: string) {
  const store = createSimStore({ createSimulation, storage, wallNow: now, shareCode });
  await store.init();
  return { store, storage };
}

const stateOf = (store: Awaited<ReturnType<typeof newStore>>["store"], id: string) =>
  store.getState().lesson?.steps.find((s) => s.id === id);

describe("simStore lessons", () => {
  it("starts a lesson on a fresh node with the lesson's scenario, recorded as one command", async () => {
    const { store } = await newStore();
    await store.getState().exec("kubectl run stray --image=nginx:1.27");
    await store.getState().startLesson("lab-image-typo");
    const s = store.getState();
    expect(s.layout.sideTab).toBe("lesson");
    expect(store.player().commands).toEqual([{ kind: "lesson", text: "lab-image-typo", t: 0 }]);
    // The lab's setup applied /root/web.yaml and let 40 s pass: the typo'd pod is backing off.
    expect(s.snapshot?.pods.map((p) => p.metadata?.name)).toEqual(["web"]);
    expect(await store.getState().exec("kubectl get pods")).toMatch(
      /web\s+0\/1\s+(ImagePullBackOff|ErrImagePull)/,
    );
    expect(s.lesson?.id).toBe("lab-image-typo");
    expect(s.lesson?.steps.map((x) => x.state)).toEqual(["current", "locked"]);
    expect(s.lesson?.steps[0].why).toBe("predict first, then watch");
  });

  it("show me runs a step's commands through the Player: recorded, in the transcript, then done", async () => {
    const { store } = await newStore();
    await store.getState().startLesson("lesson-1-what-is-a-runtime");
    expect(stateOf(store, "ask")).toMatchObject({ state: "current", why: 'no pod "hello" yet' });
    const generation = store.getState().generation;
    await store.getState().showMe("ask");
    expect(stateOf(store, "ask")?.state).toBe("done");
    expect(stateOf(store, "watch")?.state).toBe("current");
    expect(stateOf(store, "remove")?.state).toBe("locked");
    expect(store.player().commands.map((c) => c.text)).toEqual([
      "lesson-1-what-is-a-runtime",
      "kubectl run hello --image=nginx:1.27",
    ]);
    expect(store.getState().transcript.at(-1)).toMatchObject({
      kind: "exec",
      input: "kubectl run hello --image=nginx:1.27",
      output: "pod/hello created\n",
    });
    // The terminal redraws to show what ran.
    expect(store.getState().generation).toBeGreaterThan(generation);
    expect(store.getState().progress.lessons["lesson-1-what-is-a-runtime"]).toEqual(["ask"]);
  });

  it("re-evaluates the current step as time passes, whoever moves the clock", async () => {
    const { store } = await newStore();
    await store.getState().startLesson("lesson-1-what-is-a-runtime");
    await store.getState().showMe("ask");
    expect(stateOf(store, "watch")?.why).toMatch(/RunPodSandbox/);
    // The learner lets time pass with the player instead of typing the step's commands.
    for (let i = 0; i < 400 && stateOf(store, "watch")?.state !== "done"; i++) await store.getState().step();
    expect(stateOf(store, "watch")?.state).toBe("done");
    expect(store.getState().lesson?.complete).toBe(false);
    await store.getState().exec("kubectl delete pod hello");
    expect(store.getState().lesson?.complete).toBe(true);
  });

  it("re-evaluates after a command that only edits a file (no time, no trace event)", async () => {
    const { store } = await newStore();
    await store.getState().startLesson("lesson-2-runtimes");
    store.getState().predict("version", 0);
    await store.getState().showMe("version");
    const flags = "/var/lib/kubelet/kubeadm-flags.env";
    await store.getState().exec(`sed -i 's#containerd/containerd.sock#dockershim.sock#' ${flags}`);
    expect(stateOf(store, "dockershim")?.why).toBe("kubelet is active, expected failed");
    await store.getState().exec(`sed -i 's#dockershim.sock#containerd/containerd.sock#' ${flags}`);
    expect(stateOf(store, "dockershim")?.why).toBe(`${flags} does not contain dockershim.sock`);
  });

  it("asks predictions before watching, records them in the progress, and rejects bad choices", async () => {
    const { store, storage } = await newStore();
    await store.getState().startLesson("lab-image-typo");
    await store.getState().showMe("diagnose");
    // Watching without predicting does not complete a prediction step.
    expect(stateOf(store, "diagnose")).toMatchObject({ state: "current", why: "predict first, then watch" });
    expect(store.getState().predict("diagnose", 9)).toBeUndefined();
    expect(store.getState().notice).toBe("choice must be 0..3");
    const r = store.getState().predict("diagnose", 0);
    expect(r).toMatchObject({ correct: false, answer: "The tag nginx:1.277 does not exist" });
    // The first answer counts.
    expect(store.getState().predict("diagnose", 1)?.correct).toBe(true);
    expect(stateOf(store, "diagnose")).toMatchObject({
      state: "done",
      predicted: { choice: 0, correct: false },
    });
    const saved = JSON.parse(storage.getItem(PROGRESS_KEY)!);
    expect(saved.predictions).toEqual({ "lab-image-typo": { diagnose: 0 } });
    expect(saved.lessons).toEqual({ "lab-image-typo": ["diagnose"] });
  });

  it("a reload keeps the lesson, its done steps and predictions, and the progress", async () => {
    const storage = memoryStorage();
    const { store: a } = await newStore(storage);
    await a.getState().startLesson("lesson-4-workflow");
    await a.getState().showMe("send");
    a.getState().predict("sandbox", 1);
    await a.getState().showMe("sandbox");
    const before = a.getState().lesson;
    expect(before?.steps.map((s) => s.state)).toEqual(["done", "done", "current", "locked", "locked"]);

    const { store: b } = await newStore(storage);
    const s = b.getState();
    expect(s.lesson).toEqual(before);
    expect(s.t).toBe(a.getState().t);
    expect(s.progress).toEqual(a.getState().progress);
    expect(await b.getState().exec("kubectl get pods")).toBe(await a.getState().exec("kubectl get pods"));
  });

  it("a rewind keeps the steps done so far", async () => {
    const { store } = await newStore();
    await store.getState().startLesson("lesson-1-what-is-a-runtime");
    await store.getState().showMe("ask");
    await store.getState().showMe("watch");
    await store.getState().seek(0);
    expect(store.getState().lesson?.steps.map((s) => s.state)).toEqual(["done", "done", "current"]);
  });

  it("leaving the lesson starts a fresh sandbox; a reload stays in the sandbox", async () => {
    const storage = memoryStorage();
    const { store } = await newStore(storage);
    await store.getState().startLesson("lab-disk-full");
    await store.getState().leaveLesson();
    expect(store.getState().lesson).toBeUndefined();
    expect(store.player().commands).toEqual([]);
    expect(store.getState().snapshot?.pods).toEqual([]);
    const { store: b } = await newStore(storage);
    expect(b.getState().lesson).toBeUndefined();
  });

  it("openLessonDemo shows every step up to the one asked, predictions skipped", async () => {
    const { store } = await newStore();
    await store.getState().openLessonDemo("lesson-4-workflow", "pull");
    const steps = store.getState().lesson?.steps;
    expect(steps?.map((s) => s.state)).toEqual(["done", "done", "done", "current", "locked"]);
    expect(steps?.[1].predicted).toBeUndefined();
    expect(store.player().commands.map((c) => c.text)).toEqual([
      "lesson-4-workflow",
      "kubectl run web --image=nginx:1.27",
      "sim advance 300ms",
      "sim trace --last 20",
      "sim advance 5s",
      "sim trace --last 20",
    ]);
    await store.getState().openLessonDemo("lesson-4-workflow", "nope");
    expect(store.getState().notice).toBe('Lesson "lesson-4-workflow" has no step "nope".');
  });

  it("an unknown lesson leaves the node alone with a notice", async () => {
    const { store } = await newStore();
    await store.getState().exec("kubectl run keep --image=nginx:1.27");
    await store.getState().startLesson("lesson-99");
    expect(store.getState().notice).toBe('There is no lesson "lesson-99".');
    expect(store.player().commands.map((c) => c.text)).toEqual(["kubectl run keep --image=nginx:1.27"]);
  });

  it("a share code reproduces the lesson, the commands at their times and the clock in a fresh store", async () => {
    const { store: a } = await newStore();
    await a.getState().startLesson("lab-image-typo");
    await a.getState().showMe("diagnose");
    await a.getState().step();
    await a
      .getState()
      .apply(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: side\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: [sleep, '3600']\n",
      );
    for (let i = 0; i < 20; i++) await a.getState().step();
    const code = a.getState().shareCode();

    const { store: b, storage } = await newStore(memoryStorage(), code);
    const s = b.getState();
    expect(s.notice).toBe("Opened a shared link: “Lab: ImagePullBackOff from a typo” with 3 command(s).");
    expect(s.lesson?.id).toBe("lab-image-typo");
    expect(s.layout.sideTab).toBe("lesson");
    expect(s.t).toBe(a.getState().t);
    expect(
      b
        .player()
        .sim.trace.all()
        .map((e) => e.summary),
    ).toEqual(
      a
        .player()
        .sim.trace.all()
        .map((e) => e.summary),
    );
    // The opened link is now this browser's session: a reload continues it.
    const saved = parsePersisted(storage.getItem(STORAGE_KEY));
    expect(saved.kind === "ok" && saved.state.commands.map((c) => c.kind)).toEqual([
      "lesson",
      "exec",
      "exec",
      "exec",
    ]);
    expect(await b.getState().exec("kubectl get pods")).toBe(await a.getState().exec("kubectl get pods"));
  });

  it("a damaged or unknown share code shows a notice and starts fresh", async () => {
    const storage = memoryStorage();
    const { store: a } = await newStore(storage);
    await a.getState().exec("kubectl run mine --image=nginx:1.27");
    const code = encodeShareCode({ seed: 1, commands: ["kubectl run x --image=nginx:1.27"] });
    const damaged = code.replace(/\.[0-9a-f]{8}$/, ".00000000");
    const { store: b } = await newStore(storage, damaged);
    expect(b.getState().notice).toBe(
      "This share link could not be opened (share code is damaged (checksum mismatch)); started a fresh node.",
    );
    expect(b.getState().snapshot?.pods).toEqual([]);
    expect(b.getState().ready).toBe(true);
    const { store: c } = await newStore(
      memoryStorage(),
      encodeShareCode({ lesson: "lesson-0", seed: 1, commands: [] }),
    );
    expect(c.getState().notice).toBe(
      'This share link could not be opened (it names an unknown lesson "lesson-0"); started a fresh node.',
    );
    expect(c.getState().lesson).toBeUndefined();
  });

  it("exports progress and imports it back; a bad file changes nothing and says why", async () => {
    const { store, storage } = await newStore();
    await store.getState().startLesson("lesson-1-what-is-a-runtime");
    await store.getState().showMe("ask");
    const text = store.getState().exportProgress();
    expect(JSON.parse(text).lessons).toEqual({ "lesson-1-what-is-a-runtime": ["ask"] });

    const { store: other } = await newStore();
    const bad = await other.getState().importProgress("{oops");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^progress file is not valid JSON/);
    expect(other.getState().progress.lessons).toEqual({});
    const withUnknown = JSON.parse(text);
    withUnknown.lessons["lesson-gone"] = ["x"];
    const good = await other.getState().importProgress(JSON.stringify(withUnknown));
    expect(good).toMatchObject({ ok: true, warnings: ['unknown lesson "lesson-gone" skipped'] });
    expect(other.getState().progress.lessons).toEqual({ "lesson-1-what-is-a-runtime": ["ask"] });
    expect(storage.getItem(PROGRESS_KEY)).not.toBeNull();
  });

  it("damaged saved progress is dropped with a notice, the session still loads", async () => {
    const storage = memoryStorage();
    storage.setItem(PROGRESS_KEY, '{"version":7}');
    const { store } = await newStore(storage);
    expect(store.getState().ready).toBe(true);
    expect(store.getState().notice).toBe(
      "Your saved lesson progress could not be read (unsupported progress version 7 (expected 1)); it starts empty.",
    );
    expect(storage.getItem(PROGRESS_KEY)).toBeNull();
    expect(JSON.parse(storage.getItem(STORAGE_KEY)!).version).toBe(1);
  });
});
