import { describe, expect, it } from "vitest";
import { defaultState, parsePersisted, serializePersisted } from "./persistence";

describe("parsePersisted", () => {
  it("treats a missing entry as empty", () => {
    expect(parsePersisted(null).kind).toBe("empty");
  });
  it("round-trips a saved state", () => {
    const s = {
      ...defaultState(7),
      commands: [{ kind: "exec" as const, text: "crictl ps", t: 1500 }],
      t: 9000,
      theme: "dark" as const,
    };
    const r = parsePersisted(serializePersisted(s));
    expect(r).toEqual({ kind: "ok", state: s });
  });
  it.each([
    ["{not json", "not JSON"],
    ["[]", "unknown version"],
    ['{"version":2}', "unknown version"],
    ['{"version":1,"seed":"x","commands":[]}', "seed"],
    ['{"version":1,"seed":1,"commands":[{"kind":"rm","text":"x","t":0}]}', "malformed"],
    [
      '{"version":1,"seed":1,"commands":[{"kind":"exec","text":"a","t":5},{"kind":"exec","text":"b","t":1}]}',
      "time order",
    ],
  ])("reports %s as corrupt (%s)", (raw, reason) => {
    const r = parsePersisted(raw);
    expect(r.kind).toBe("corrupt");
    if (r.kind === "corrupt") expect(r.reason).toContain(reason);
  });
  it("falls back to defaults for bad preferences but keeps the commands", () => {
    const r = parsePersisted(
      '{"version":1,"seed":3,"commands":[{"kind":"apply","text":"y","t":2}],"speed":3,"theme":"neon"}',
    );
    expect(r.kind).toBe("ok");
    if (r.kind === "ok") {
      expect(r.state.speed).toBe(1);
      expect(r.state.theme).toBe("light");
      expect(r.state.t).toBe(2);
      expect(r.state.layout.sideTab).toBe("pods");
    }
  });
});

describe("pane sizes", () => {
  it("keeps dragged pane sizes across a reload and drops insane ones", () => {
    const s = defaultState(1);
    s.layout.sizes = { side: 520, bottom: 300, narrator: 260 };
    const r = parsePersisted(serializePersisted(s));
    expect(r.kind === "ok" && r.state.layout.sizes).toEqual({ side: 520, bottom: 300, narrator: 260 });
    const bad = JSON.parse(serializePersisted(s));
    bad.layout.sizes = { side: "wide", bottom: 5, narrator: 310.4 };
    const r2 = parsePersisted(JSON.stringify(bad));
    expect(r2.kind === "ok" && r2.state.layout.sizes).toEqual({ narrator: 310 });
  });
});

describe("lessons in the session", () => {
  it("keeps lesson commands, the lesson run and presenter mode; drops a malformed run only", () => {
    const s = {
      ...defaultState(1),
      commands: [
        { kind: "lesson" as const, text: "lab-image-typo", t: 0 },
        { kind: "exec" as const, text: "kubectl get pods", t: 40_000 },
      ],
      t: 41_000,
      layout: { sideTab: "lesson", template: "nginx", presenter: true },
      lessonRun: { id: "lab-image-typo", done: ["diagnose"], predictions: { diagnose: 1 } },
    };
    expect(parsePersisted(serializePersisted(s))).toEqual({ kind: "ok", state: s });
    const bad = { ...s, lessonRun: { id: 3, done: "all" }, layout: { ...s.layout, presenter: "yes" } };
    const r = parsePersisted(JSON.stringify(bad));
    expect(r.kind).toBe("ok");
    if (r.kind === "ok") {
      expect(r.state.lessonRun).toBeUndefined();
      expect(r.state.layout.presenter).toBeUndefined();
      expect(r.state.commands).toEqual(s.commands);
    }
  });
});
