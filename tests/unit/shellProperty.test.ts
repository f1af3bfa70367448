// Issue 2: random command lines and random YAML never throw, and always answer with a result or
// an error in the tool's own words — against the real simulation, not a fake.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { createSimulation } from "../../src/simulation";

const sim = createSimulation({ seed: 3 });

const WORDS = [
  "get",
  "pods",
  "po",
  "nodes",
  "describe",
  "logs",
  "delete",
  "apply",
  "run",
  "create",
  "secret",
  "-f",
  "-",
  "-o",
  "yaml",
  "json",
  "wide",
  "name",
  "-n",
  "kube-system",
  "-A",
  "--all",
  "-p",
  "--previous",
  "ps",
  "-a",
  "images",
  "inspect",
  "inspectp",
  "rmi",
  "pull",
  "web",
  "--tail=3",
  "--image=nginx",
  "--restart=Never",
  "--grace-period=0",
  "--force",
  "status",
  "restart",
  "-u",
  "containerd",
  "kubelet",
  "/etc",
  "/var/log/pods",
  "'quoted arg'",
  '"dq"',
  "--bogus",
  "-x",
  "=",
  "x",
  // command substitution (issue 4): nested, quoted, backticks, unterminated
  "$(crictl ps -q)",
  "$(kubectl get pods -o name)",
  '"ip: $(hostname)"',
  "`hostname`",
  "$(echo $(echo nested))",
  "$(",
  "`",
  // grep flags and df/du
  "-A1",
  "-B",
  "-C",
  "2",
  "-c",
  "-o",
  "-w",
  "-i",
  "-v",
  "-n",
  "-E",
  "-F",
  "-rn",
  "--context=1",
  "--bogus-flag",
  "-h",
  "/var/lib/containerd",
];
const word = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...WORDS) }, fc.string({ maxLength: 8 }));

/** A tool first (as learners type), then anything. */
const TOOLS = [
  "kubectl",
  "kubectl get",
  "kubectl describe",
  "kubectl logs",
  "kubectl delete",
  "kubectl run",
  "kubectl create",
  "kubectl apply",
  "kubectl exec",
  "kubectl explain",
  "kubectl top",
  "kubectl label",
  "crictl",
  "crictl ps",
  "crictl pods",
  "crictl images",
  "crictl inspect",
  "crictl logs",
  "crictl rmi",
  "crictl pull",
  "crictl stopp",
  "crictl rmp",
  "crictl info",
  "crictl stats",
  "systemctl",
  "journalctl",
  "cat",
  "ls",
  "head",
  "tail",
  "grep",
  "grep -A1 -n",
  "grep -rn",
  "grep -c -v",
  "grep -o -w",
  "cat /etc/containerd/config.toml | grep",
  "crictl logs $(crictl ps -q)",
  "df",
  "df -h",
  "du -sh",
  "edit",
  "vi",
  "sed",
  "sim",
  "echo",
];
const commandLine = fc.oneof(
  fc
    .tuple(fc.constantFrom(...TOOLS), fc.array(word, { maxLength: 5 }))
    .map(([t, ws]) => [t, ...ws].join(" ")),
  fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(" ")),
);

/** How each tool (and bash) words its complaints; every stderr line must be one of these. */
const TOOL_WORDING = [
  /^bash: /,
  /^(error|Error from server \(\w+\)|Warning): /,
  /^error: /,
  /^(The \w+ ".*" is invalid|Error from server)/,
  /^(See|Use|Run) '?"?kubectl/,
  /^You must (specify|provide)/,
  /^POD or TYPE\/NAME is a required argument/,
  /^ensure CRDs are installed first$/,
  /^(FATA|ERRO|WARN|INFO)\[\d{4}\] /,
  /^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ \S+:\d+\] /,
  /^Incorrect Usage: /,
  /^No help topic for /,
  /^(Unknown command verb|Too few arguments|Unit \S+ (could not be found|not found)|Failed to |Job for )/,
  /^journalctl: /,
  /^(cat|ls|head|tail|grep|sed|echo|sim|df|du|k8s-node-sim): /,
  // nano's and vim's words for a directory or a missing one (`edit`, `nano`, `vi`)
  /^"[^"]*" (is a directory|\[New DIRECTORY\])$/,
  /^Directory '.*' does not exist$/,
  // kubectl's note on stderr, which a `$(kubectl get …)` passes to the terminal
  /^No resources found/,
  /^Usage: /,
  /^Try '\w+ --help' for more information\.$/,
];

/**
 * A failing command answers in its tool's words: the first stderr line is the tool's sentence.
 * Further lines are what the real tools add (kubectl's `See 'kubectl logs -h'…` hints and example
 * lists, one crictl/cat error per operand) — never a JavaScript error or a stack trace.
 */
function assertToolWording(line: string, code: number, stderr: string): void {
  // a failing status without a message is legitimate too (`grep` finding nothing exits 1 silently)
  if (code === 0 || stderr === "") return;
  expect(stderr.endsWith("\n"), `unterminated error for ${line}`).toBe(true);
  // bash's `[1] 4107` for a command sent to the background (`a & b`) is not an error
  const lines = stderr
    .trimEnd()
    .split("\n")
    .filter((l) => !/^\[\d+\] \d+$/.test(l));
  if (lines.length === 0) return;
  expect(
    TOOL_WORDING.some((re) => re.test(lines[0])) && lines[0].trim() !== "",
    `first stderr line not in any tool's wording: ${JSON.stringify(lines[0])} (from ${JSON.stringify(line)})`,
  ).toBe(true);
  for (const l of lines)
    expect(l).not.toMatch(
      /^\s+at |TypeError|ReferenceError|RangeError|SyntaxError: |undefined is not|Cannot read properties|\[object Object\]|\bNaN\b/,
    );
}

describe("the shell never throws", () => {
  it("answers thousands of random command lines with a result or the tool's own error", async () => {
    await fc.assert(
      fc.asyncProperty(commandLine, async (line) => {
        if (/\bsim\b.*\b(reset|seed|advance)\b/.test(line)) return;
        const r = await sim.run(line);
        expect(typeof r.output).toBe("string");
        assertToolWording(line, r.code, r.stderr);
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it("answers random YAML documents with a created object or kubectl's one-line error", async () => {
    const key = fc.constantFrom("apiVersion", "kind", "metadata", "name", "spec", "containers", "image", "x");
    const yamlDoc = fc.oneof(
      // random structured objects with plausible keys
      fc
        .record({
          apiVersion: fc.constantFrom("v1", "apps/v1", "node.k8s.io/v1", "x/y", ""),
          kind: fc.constantFrom("Pod", "Foo", "ConfigMap", "Namespace", "RuntimeClass", "Secret", ""),
          metadata: fc.record({
            name: fc.oneof(fc.constantFrom("ok", "Bad_Name", ""), fc.string({ maxLength: 6 })),
          }),
          spec: fc.anything({ maxDepth: 2 }),
        })
        .map((o) => stringify(o)),
      // random maps of random depth, then re-indented at random (malformed indentation)
      fc
        .tuple(
          fc.dictionary(
            key,
            fc.oneof(fc.string({ maxLength: 5 }), fc.dictionary(key, fc.string({ maxLength: 4 }))),
            {
              maxKeys: 5,
            },
          ),
          fc.array(fc.integer({ min: -2, max: 3 }), { minLength: 8, maxLength: 8 }),
        )
        .map(([o, shifts]) =>
          stringify(o)
            .split("\n")
            .map((l, i) => (shifts[i % 8] > 0 ? " ".repeat(shifts[i % 8]) + l : l.slice(-shifts[i % 8] || 0)))
            .join("\n"),
        ),
      // random lines, including broken indentation, tabs and flow collections
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
            "---",
            "metadata:",
            "  name: p",
          ),
          { maxLength: 8 },
        )
        .map((ls) => ls.join("\n")),
    );
    await fc.assert(
      fc.asyncProperty(yamlDoc, async (doc) => {
        const r = await sim.run(`kubectl apply -f - <<'EOF'\n${doc}\nEOF`);
        if (r.code === 0) {
          expect(r.stdout).toMatch(/^([a-z.0-9]+\/\S+ (created|configured|unchanged)\n)*$/);
          return;
        }
        assertToolWording(doc, r.code, r.stderr);
        const lines = r.stderr.trimEnd().split("\n");
        expect(lines[0]).toMatch(/^(error: |Error from server|The \w+ ".*" is invalid|Warning: )/);
        if (lines[0].startsWith("error: error parsing STDIN"))
          expect(lines[0]).toMatch(
            /^error: error parsing STDIN: (error converting YAML to JSON: yaml: line \d+: |error unmarshaling JSON: )/,
          );
        // multi-line answers: one error per object of a multi-document stream, the CRD hint, the
        // API server's field errors one per line (`* spec.x: Required value`), and the object a
        // lookup failed for (`Resource: …` / `Name: …` / `from server for: …`)
        for (const l of lines.slice(1))
          expect(l).toMatch(
            /^(error: |Error from server|The \w+ ".*" is invalid|ensure CRDs are installed first$|\* \S+: |Resource: |Name: |from server for: )/,
          );
      }),
      { numRuns: 1500, seed: 12 },
    );
  });
});

describe("kubectl's words for the classic mistakes (issue 2: bad input)", () => {
  const apply = (doc: string) => sim.run(`kubectl apply -f - <<'EOF'\n${doc}EOF`);
  const CASES: { what: string; doc: string; stderr: string }[] = [
    {
      what: "a key indented under a scalar (go-yaml's scanner: the line of the ':')",
      doc: "apiVersion: v1\nkind: Pod\n metadata:\n  name: x\n",
      stderr:
        "error: error parsing STDIN: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context\n",
    },
    {
      what: "a key indented less than its siblings (a parser error: go-yaml's 0-based line)",
      doc: "apiVersion: v1\nmetadata:\n    name: x\n  labels: {}\nkind: Pod\n",
      stderr:
        "error: error parsing STDIN: error converting YAML to JSON: yaml: line 3: did not find expected key\n",
    },
    {
      what: "a list item without its dash",
      doc: "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n  - name: c\n    image: nginx\n   ports: []\n",
      stderr:
        "error: error parsing STDIN: error converting YAML to JSON: yaml: line 7: did not find expected '-' indicator\n",
    },
    {
      what: "a tab in the indentation",
      doc: "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n",
      stderr:
        "error: error parsing STDIN: error converting YAML to JSON: yaml: line 4: found character that cannot start any token\n",
    },
    {
      what: "an unknown kind",
      doc: "apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n",
      stderr:
        'error: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\n',
    },
    {
      what: "a known kind in the wrong group version",
      doc: "apiVersion: apps/v1\nkind: Pod\nmetadata:\n  name: x\n",
      stderr:
        'error: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Pod" in version "apps/v1"\nensure CRDs are installed first\n',
    },
    {
      what: "no kind",
      doc: "apiVersion: v1\nmetadata:\n  name: x\n",
      stderr:
        'error: error validating "STDIN": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
    },
    {
      what: "a container without an image",
      doc: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: c\n",
      stderr: 'The Pod "web" is invalid: spec.containers[0].image: Required value\n',
    },
  ];
  for (const c of CASES) {
    it(c.what, async () => {
      const r = await apply(c.doc);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(c.stderr);
      expect(r.stdout).toBe("");
    });
  }

  it("an unknown command answers as bash does", async () => {
    expect((await sim.run("foo --bar")).stderr).toBe("bash: foo: command not found\n");
  });
});
