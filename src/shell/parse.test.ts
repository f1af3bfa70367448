import { describe, expect, it } from "vitest";
import { isComplete, parse, ShellSyntaxError, splitScript } from "./parse";

const env = { HOME: "/root", NAME: "web" };
const argv = (line: string) => parse(line, env)[0].first[0].argv;

describe("parse: words", () => {
  it("splits words, honours quotes and escapes", () => {
    expect(argv(`kubectl get  pods`)).toEqual(["kubectl", "get", "pods"]);
    expect(argv(`echo 'a b' "c d" e\\ f`)).toEqual(["echo", "a b", "c d", "e f"]);
    expect(argv(`echo "say \\"hi\\"" 'it''s'`)).toEqual(["echo", 'say "hi"', "its"]);
    expect(argv(`echo a"b"'c'd`)).toEqual(["echo", "abcd"]);
  });

  it("expands $VAR and braced vars except inside single quotes, and ~", () => {
    expect(argv(`echo $NAME "\${NAME}-x" '$NAME' ~ ~/f $MISSING.`)).toEqual([
      "echo",
      "web",
      "web-x",
      "$NAME",
      "/root",
      "/root/f",
      ".",
    ]);
  });

  it("drops # comments but keeps # inside words", () => {
    expect(argv(`echo a#b # comment here`)).toEqual(["echo", "a#b"]);
  });
});

describe("parse: lists, pipes, redirects", () => {
  it("parses ; && || and pipelines", () => {
    const s = parse("a | b -x; c && d || e", env);
    expect(s).toHaveLength(2);
    expect(s[0].first.map((c) => c.argv[0])).toEqual(["a", "b"]);
    expect(s[1].first[0].argv).toEqual(["c"]);
    expect(s[1].rest.map((r) => [r.op, r.pipeline[0].argv[0]])).toEqual([
      ["&&", "d"],
      ["||", "e"],
    ]);
  });

  it("parses redirects including 2>&1 and 2>/dev/null", () => {
    const [cmd] = parse("kubectl get pods >out.txt 2>/dev/null", env)[0].first;
    expect(cmd.argv).toEqual(["kubectl", "get", "pods"]);
    expect(cmd.redirects).toEqual([
      { op: ">", target: "out.txt" },
      { op: "2>", target: "/dev/null" },
    ]);
    expect(parse("a >> f 2>&1", env)[0].first[0].redirects.map((r) => r.op)).toEqual([">>", "2>&1"]);
    expect(argv("head -n 2")).toEqual(["head", "-n", "2"]);
  });

  it("reports bash's syntax errors", () => {
    const err = (l: string) => {
      try {
        parse(l, env);
        return "";
      } catch (e) {
        return (e as ShellSyntaxError).message;
      }
    };
    expect(err("| grep x")).toBe("bash: syntax error near unexpected token `|'");
    expect(err("a | | b")).toBe("bash: syntax error near unexpected token `|'");
    expect(err("a ;; b")).toBe("bash: syntax error near unexpected token `;;'");
    expect(err("echo >")).toBe("bash: syntax error near unexpected token `newline'");
    expect(err("echo 'oops")).toBe("bash: unexpected EOF while looking for matching `''");
    expect(err('echo "oops')).toBe("bash: unexpected EOF while looking for matching `\"'");
  });
});

describe("parse: heredocs", () => {
  it("feeds the body to the command and expands variables unless the delimiter is quoted", () => {
    const body = "kind: Pod\nname: $NAME\n";
    expect(parse(`cat <<EOF\n${body}EOF`, env)[0].first[0].heredoc).toBe("kind: Pod\nname: web\n");
    expect(parse(`cat <<'EOF'\n${body}EOF`, env)[0].first[0].heredoc).toBe(body);
    expect(parse(`cat <<-EOF\n\tindented\n\tEOF`, env)[0].first[0].heredoc).toBe("indented\n");
  });

  it("works with pipes and following commands", () => {
    const s = parse("cat <<EOF | kubectl apply -f -\na: 1\nEOF\necho done", env);
    expect(s[0].first[0].heredoc).toBe("a: 1\n");
    expect(s[0].first[1].argv).toEqual(["kubectl", "apply", "-f", "-"]);
    expect(s[1].first[0].argv).toEqual(["echo", "done"]);
  });
});

describe("unterminated heredocs", () => {
  it("are incomplete while typing, and a warning when a script ends", () => {
    expect(() => parse("cat <<EOF\na", env)).toThrow(ShellSyntaxError);
    const warnings: string[] = [];
    const s = parse("echo x\ncat <<EOF\na", env, { warnings });
    expect(s[1].first[0].heredoc).toBe("a\n");
    expect(warnings).toEqual([
      "bash: warning: here-document at line 2 delimited by end-of-file (wanted `EOF')",
    ]);
  });
});

describe("isComplete / splitScript", () => {
  it("asks for more input while a quote, pipe, && or heredoc is open", () => {
    expect(isComplete("kubectl get pods")).toBe(true);
    expect(isComplete("echo 'abc")).toBe(false);
    expect(isComplete("kubectl get pods |")).toBe(false);
    expect(isComplete("true &&")).toBe(false);
    expect(isComplete("kubectl apply -f - <<EOF\nkind: Pod")).toBe(false);
    expect(isComplete("kubectl apply -f - <<EOF\nkind: Pod\nEOF")).toBe(true);
    expect(isComplete("echo a \\")).toBe(false);
    // A syntax error is complete: bash reports it rather than waiting.
    expect(isComplete("| x")).toBe(true);
  });

  it("splits a script into lines with their heredoc bodies", () => {
    const script =
      "# setup\nkubectl apply -f - <<EOF\nkind: Pod\nEOF\n\nkubectl get pods\necho a |\n  grep a\n";
    expect(splitScript(script)).toEqual([
      "kubectl apply -f - <<EOF\nkind: Pod\nEOF",
      "kubectl get pods",
      "echo a |\n  grep a",
    ]);
  });
});

describe("parse: command substitution", () => {
  const words = (line: string) => parse(line, env)[0].first[0].words;

  it("keeps $(...) and backticks as parts run later; quoted ones are not split", () => {
    expect(words("crictl logs $(crictl ps -q --name app)")[2]).toEqual([
      { sub: "crictl ps -q --name app", split: true },
    ]);
    expect(words(`echo "ip: $(kubectl get pod web -o jsonpath='{.status.podIP}')"`)[1]).toEqual([
      "ip: ",
      { sub: "kubectl get pod web -o jsonpath='{.status.podIP}'", split: false },
    ]);
    expect(words("echo `hostname`-x")[1]).toEqual([{ sub: "hostname", split: true }, "-x"]);
    // A quoted empty word stays a word; `$X` unquoted is split.
    expect(words(`echo "" $X`).slice(1)).toEqual([[""], [{ name: "X", split: true }]]);
  });

  it("finds the matching ) across nesting, quotes and escapes", () => {
    expect(words(`echo $(echo "a)" $(echo ')') \\))`)[1]).toEqual([
      { sub: `echo "a)" $(echo ')') \\)`, split: true },
    ]);
    // Inside backticks \` is a nested backtick and \\ a backslash.
    expect(words("echo `echo \\`hostname\\``")[1]).toEqual([{ sub: "echo `hostname`", split: true }]);
    expect(words("echo '$(not run)'")[1]).toEqual(["$(not run)"]);
  });

  it("unterminated substitutions are incomplete, with bash's words; syntax errors inside are reported", () => {
    const err = (l: string) => {
      try {
        parse(l, env);
        return undefined;
      } catch (e) {
        return [(e as ShellSyntaxError).message, (e as ShellSyntaxError).incomplete];
      }
    };
    expect(err("echo $(ls")).toEqual(["bash: unexpected EOF while looking for matching `)'", true]);
    expect(err("echo `ls")).toEqual(["bash: unexpected EOF while looking for matching ``'", true]);
    expect(err(`echo "$(echo 'x)"`)).toEqual(["bash: unexpected EOF while looking for matching `''", true]);
    expect(err("echo $(echo |)")).toEqual(["bash: syntax error near unexpected token `)'", false]);
    expect(err("echo $(| x)")).toEqual(["bash: syntax error near unexpected token `|'", false]);
    expect(isComplete("echo $(crictl ps -q\n)")).toBe(true);
    expect(isComplete("echo $(crictl ps -q")).toBe(false);
  });

  it("scans unquoted heredoc bodies for substitutions; quoted ones stay literal", () => {
    const [cmd] = parse("cat <<EOF\nhost $(hostname) \\$HOME\nEOF", env)[0].first;
    expect(cmd.heredocRaw?.parts).toEqual(["host ", { sub: "hostname", split: false }, " $HOME\n"]);
    const [quoted] = parse("cat <<'EOF'\n$(hostname)\nEOF", env)[0].first;
    expect(quoted.heredoc).toBe("$(hostname)\n");
  });

  it("feeds a here-string (<<<) to stdin: expanded, never split, with a newline", () => {
    const [cmd] = parse('grep web <<< "$NAME  x"', env)[0].first;
    expect(cmd.argv).toEqual(["grep", "web"]);
    expect(cmd.heredoc).toBe("web  x\n");
    const [sub] = parse("cat <<< $(hostname)", env)[0].first;
    expect(sub.heredocRaw?.parts).toEqual([{ sub: "hostname", split: false }, "\n"]);
    expect(() => parse("cat <<<", env)).toThrow("syntax error near unexpected token `newline'");
  });
});
