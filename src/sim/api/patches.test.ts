import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyJsonPatch,
  decodeJsonPatch,
  goJsonSyntaxError,
  jsonMergePatch,
  PatchError,
  strategicMergePatch,
} from "./patches";

const podWith = (containers: object[], extra: object = {}) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web" },
  spec: { containers, ...extra },
});

describe("strategic merge patch", () => {
  it("merges containers by name: a new one comes first, then the server's (the docs' patch-demo)", () => {
    const out = strategicMergePatch(
      podWith([{ name: "patch-demo-ctr", image: "nginx" }]),
      { spec: { containers: [{ name: "patch-demo-ctr-2", image: "redis" }] } },
      "Pod",
    );
    expect(out.spec).toEqual({
      containers: [
        { name: "patch-demo-ctr-2", image: "redis" },
        { name: "patch-demo-ctr", image: "nginx" },
      ],
    });
  });

  it("keeps the server's order when an existing container is patched, and merges env by name", () => {
    const orig = podWith([
      { name: "a", image: "a:1" },
      { name: "b", image: "b:1", env: [{ name: "X", value: "1" }] },
      { name: "c", image: "c:1" },
    ]);
    const out = strategicMergePatch(
      orig,
      { spec: { containers: [{ name: "b", image: "b:2", env: [{ name: "Y", value: "2" }] }] } },
      "Pod",
    );
    expect(out.spec).toEqual({
      containers: [
        { name: "a", image: "a:1" },
        {
          name: "b",
          image: "b:2",
          env: [
            { name: "Y", value: "2" },
            { name: "X", value: "1" },
          ],
        },
        { name: "c", image: "c:1" },
      ],
    });
  });

  it("replaces tolerations and args (no patch strategy), deletes keys set to null", () => {
    const orig = podWith([{ name: "a", image: "a", args: ["x", "y"] }], {
      tolerations: [{ key: "dedicated", value: "test-team", effect: "NoSchedule" }],
      nodeSelector: { disk: "ssd" },
    });
    const out = strategicMergePatch(
      orig,
      {
        spec: {
          containers: [{ name: "a", args: ["z"] }],
          tolerations: [{ key: "disktype", value: "ssd", effect: "NoSchedule" }],
          nodeSelector: null,
        },
      },
      "Pod",
    );
    expect(out.spec).toEqual({
      containers: [{ name: "a", image: "a", args: ["z"] }],
      tolerations: [{ key: "disktype", value: "ssd", effect: "NoSchedule" }],
    });
  });

  it("$patch: delete removes a list element by its merge key; $patch: replace takes the list as given", () => {
    const orig = podWith([
      { name: "a", image: "a", ports: [{ containerPort: 80 }, { containerPort: 443 }] },
      { name: "b", image: "b" },
    ]);
    const del = strategicMergePatch(orig, { spec: { containers: [{ name: "b", $patch: "delete" }] } }, "Pod");
    expect((del.spec as { containers: { name: string }[] }).containers.map((c) => c.name)).toEqual(["a"]);
    const rep = strategicMergePatch(
      orig,
      { spec: { containers: [{ name: "a", ports: [{ containerPort: 8080 }, { $patch: "replace" }] }] } },
      "Pod",
    );
    expect((rep.spec as { containers: { ports?: unknown }[] }).containers[0].ports).toEqual([
      { containerPort: 8080 },
    ]);
    const map = strategicMergePatch(orig, { metadata: { $patch: "replace", name: "x" } }, "Pod");
    expect(map.metadata).toEqual({ name: "x" });
  });

  it("$retainKeys clears the keys it does not name (the docs' retainkeys-demo)", () => {
    const dep = { spec: { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "30%" } } } };
    const out = strategicMergePatch(
      dep,
      { spec: { strategy: { $retainKeys: ["type"], type: "Recreate" } } },
      "Deployment",
    );
    expect(out.spec).toEqual({ strategy: { type: "Recreate" } });
    expect(() =>
      strategicMergePatch(
        dep,
        { spec: { strategy: { $retainKeys: ["rollingUpdate"], type: "Recreate" } } },
        "Deployment",
      ),
    ).toThrow("invalid patch format of retainKeys");
  });

  it("finalizers merge as a set; $deleteFromPrimitiveList removes from it", () => {
    const orig = { metadata: { finalizers: ["a", "b"] } };
    expect(strategicMergePatch(orig, { metadata: { finalizers: ["c", "a"] } }, "Pod").metadata).toEqual({
      finalizers: ["c", "a", "b"],
    });
    expect(
      strategicMergePatch(orig, { metadata: { "$deleteFromPrimitiveList/finalizers": ["a"] } }, "Pod")
        .metadata,
    ).toEqual({ finalizers: ["b"] });
  });

  it("an element without its merge key is the library's error, with Go's map formatting", () => {
    expect(() =>
      strategicMergePatch(
        podWith([{ name: "a", image: "a" }]),
        { spec: { containers: [{ image: "x" }] } },
        "Pod",
      ),
    ).toThrow("map: map[image:x] does not contain declared merge key: name");
  });

  it("property: merging one container by name keeps every other container as it was, in order", () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.stringMatching(/^[a-z]{1,8}:[0-9]$/),
        (names, pick, image) => {
          const containers = names.map((n) => ({ name: n, image: `${n}:1` }));
          const target = names[pick % names.length];
          const out = strategicMergePatch(
            podWith(containers),
            { spec: { containers: [{ name: target, image }] } },
            "Pod",
          );
          const got = (out.spec as { containers: { name: string; image: string }[] }).containers;
          expect(got.map((c) => c.name)).toEqual(names);
          for (const c of got) expect(c.image).toBe(c.name === target ? image : `${c.name}:1`);
        },
      ),
    );
  });
});

const jsonValue = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

describe("JSON merge patch (RFC 7386)", () => {
  it("property: an empty patch changes nothing", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), jsonValue), (doc) => {
        expect(jsonMergePatch(doc, {})).toEqual(doc);
      }),
    );
  });

  it("replaces lists whole and deletes keys set to null", () => {
    const doc = { a: [1, 2], b: { c: 1, d: 2 } };
    expect(jsonMergePatch(doc, { a: [3], b: { d: null, e: 5 } })).toEqual({ a: [3], b: { c: 1, e: 5 } });
  });
});

describe("JSON patch (RFC 6902)", () => {
  const doc = { metadata: { labels: { a: "1" } }, spec: { containers: [{ name: "x", image: "i" }] } };

  it("add, replace, remove, move, copy and test", () => {
    const out = applyJsonPatch(
      doc,
      decodeJsonPatch([
        { op: "test", path: "/spec/containers/0/name", value: "x" },
        { op: "add", path: "/spec/containers/-", value: { name: "y", image: "j" } },
        { op: "replace", path: "/spec/containers/0/image", value: "i2" },
        { op: "copy", from: "/metadata/labels/a", path: "/metadata/labels/b" },
        { op: "move", from: "/metadata/labels/a", path: "/metadata/labels/c" },
        { op: "remove", path: "/metadata/labels/b" },
      ]),
    );
    expect(out).toEqual({
      metadata: { labels: { c: "1" } },
      spec: {
        containers: [
          { name: "x", image: "i2" },
          { name: "y", image: "j" },
        ],
      },
    });
    expect(doc.spec.containers).toHaveLength(1);
  });

  it("errors as evanphx/json-patch words them", () => {
    const run = (ops: unknown) => {
      try {
        applyJsonPatch(doc, decodeJsonPatch(ops));
      } catch (e) {
        return e instanceof PatchError ? e.message : String(e);
      }
      return "ok";
    };
    expect(run({ op: "add" })).toBe("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
    expect(run([{ op: "replace", path: "/spec/nope/x", value: 1 }])).toBe(
      "replace operation does not apply: doc is missing key: /spec/nope/x: missing value",
    );
    expect(run([{ op: "test", path: "/spec/containers/0/name", value: "z" }])).toBe(
      "testing value /spec/containers/0/name failed: test failed",
    );
    expect(run([{ op: "bogus", path: "/a" }])).toBe("Unexpected kind: bogus");
  });
});

describe("Go's JSON syntax errors", () => {
  it("names the offending character and what the decoder looked for", () => {
    expect(goJsonSyntaxError('{"a": 1}')).toBeUndefined();
    expect(goJsonSyntaxError("{bad")).toBe(
      "invalid character 'b' looking for beginning of object key string",
    );
    expect(goJsonSyntaxError('{"a" 1}')).toBe("invalid character '1' after object key");
    expect(goJsonSyntaxError('{"a": 1')).toBe("unexpected end of JSON input");
    expect(goJsonSyntaxError('{"a": 1} x')).toBe("invalid character 'x' after top-level value");
  });
});
