// Issue 2: random command lines and random YAML never throw, and always answer with a result or
// a one-line error in the tool's own words — against the real simulation, not a fake.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { createSimulation } from "../../src/simulation";

const sim = createSimulation({ seed: 3 });

const word = fc.oneof(
  fc.constantFrom(
    "kubectl",
    "crictl",
    "get",
    "pods",
    "po",
    "nodes",
    "describe",
    "logs",
    "delete",
    "apply",
    "-f",
    "-",
    "-o",
    "yaml",
    "json",
    "wide",
    "-n",
    "kube-system",
    "-A",
    "--all",
    "ps",
    "-a",
    "images",
    "inspect",
    "rmi",
    "web",
    "--tail=3",
    "systemctl",
    "status",
    "journalctl",
    "-u",
    "containerd",
    "cat",
    "ls",
    "/etc",
    "sim",
    "trace",
    "'quoted arg'",
    '"dq"',
    "--bogus",
    "|",
    "grep",
    "x",
  ),
  fc.string({ maxLength: 8 }),
);

const commandLine = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(" "));

/** The first line of an error is the tool's sentence; a second line may be kubectl's usage hint. */
function assertAnswer(code: number, stderr: string): void {
  // A failing status without a message is legitimate too (`grep` finding nothing exits 1 silently).
  if (code === 0 || stderr === "") return;
  const lines = stderr.trimEnd().split("\n");
  expect(lines[0].length).toBeGreaterThan(0);
  expect(lines[0]).not.toMatch(/^\s*at |TypeError|ReferenceError|undefined is not|Cannot read properties/);
}

describe("the shell never throws", () => {
  it("answers thousands of random command lines with a result or the tool's error", async () => {
    await fc.assert(
      fc.asyncProperty(commandLine, async (line) => {
        if (/\bsim\b.*\b(reset|seed|advance)\b/.test(line)) return;
        const r = await sim.run(line);
        expect(typeof r.output).toBe("string");
        assertAnswer(r.code, r.stderr);
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it("answers random YAML documents with a created object or kubectl's one-line error", async () => {
    const yamlDoc = fc.oneof(
      // random structured objects with plausible keys
      fc
        .record({
          apiVersion: fc.constantFrom("v1", "apps/v1", "node.k8s.io/v1", "x/y", ""),
          kind: fc.constantFrom("Pod", "Foo", "ConfigMap", "Namespace", "RuntimeClass", ""),
          metadata: fc.record({
            name: fc.oneof(fc.constantFrom("ok", "Bad_Name", ""), fc.string({ maxLength: 6 })),
          }),
          spec: fc.anything({ maxDepth: 2 }),
        })
        .map((o) => stringify(o)),
      // random text, including broken indentation and flow collections
      fc
        .array(
          fc.constantFrom(
            "a: 1",
            "  b: [",
            "- x",
            "kind: Pod",
            "apiVersion: v1",
            " spec:",
            "\t",
            "::",
            "{",
            "'",
          ),
          {
            maxLength: 6,
          },
        )
        .map((ls) => ls.join("\n")),
    );
    await fc.assert(
      fc.asyncProperty(yamlDoc, async (doc) => {
        const r = await sim.run(`kubectl apply -f - <<'EOF'\n${doc}\nEOF`);
        assertAnswer(r.code, r.stderr);
        if (r.code !== 0)
          expect(r.stderr).toMatch(/^(error: |Error from server|The \w+ ".*" is invalid|Warning: )/);
      }),
      { numRuns: 1000, seed: 12 },
    );
  });

  it("words the classic mistakes as kubectl does", async () => {
    const bad = await sim.run(
      "kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n spec: [\nEOF",
    );
    expect(bad.stderr).toMatch(
      /^error: error parsing STDIN: error converting YAML to JSON: yaml: line \d+: /,
    );
    const foo = await sim.run(
      "kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Foo\nmetadata:\n  name: x\nEOF",
    );
    expect(foo.stderr).toBe(
      'error: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\n',
    );
    const img = await sim.run(
      "kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: c\nEOF",
    );
    expect(img.stderr).toBe('The Pod "web" is invalid: spec.containers[0].image: Required value\n');
    expect((await sim.run("foo --bar")).stderr).toBe("bash: foo: command not found\n");
  });
});
