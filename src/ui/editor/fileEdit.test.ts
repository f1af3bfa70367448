import { describe, expect, it } from "vitest";
import { parse } from "../../shell";
import { quotePath, saveCommand } from "./fileEdit";

describe("saveCommand", () => {
  it("writes the text through a quoted heredoc the shell parses back to the same text", () => {
    const text = 'version = 3\n[plugins."io.containerd"]\n  x = "$HOME `whoami` $(date)"\n';
    const cmd = saveCommand("/etc/containerd/config.toml", text);
    expect(cmd.split("\n")[0]).toBe("cat > /etc/containerd/config.toml <<'EOF'");
    const [c] = parse(cmd)[0].first;
    expect(c.redirects).toEqual([{ op: ">", target: "/etc/containerd/config.toml" }]);
    expect(c.heredoc).toBe(text);
  });

  it("picks a delimiter that is not a line of the text, adds the final newline, quotes odd paths", () => {
    const cmd = saveCommand("/root/my notes.txt", "EOF\nEOF_1\nend");
    expect(cmd.split("\n")[0]).toBe("cat > '/root/my notes.txt' <<'EOF_2'");
    expect(parse(cmd)[0].first[0].heredoc).toBe("EOF\nEOF_1\nend\n");
    expect(quotePath("it's")).toBe("'it'\\''s'");
  });
});
