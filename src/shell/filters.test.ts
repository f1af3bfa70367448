import { describe, expect, it } from "vitest";
import { Shell } from "./shell";
import { fakeNode } from "./testing/fakeNode";

describe("text filters", () => {
  const setup = () => {
    const node = fakeNode();
    node.fs.write("/root/t.txt", "NAME READY\nweb 1/1\ndb 0/1\nweb 1/1\nApi 1/1\n");
    return new Shell(node);
  };

  it("grep -i -v -c -E, head, tail, sort, uniq, cut, awk", async () => {
    const sh = setup();
    const out = async (l: string) => (await sh.run(l)).stdout;
    expect(await out("grep -i api t.txt")).toBe("Api 1/1\n");
    expect(await out("grep -v 1/1 t.txt")).toBe("NAME READY\ndb 0/1\n");
    expect(await out("grep -cE 'web|db' t.txt")).toBe("3\n");
    expect(await out("head -2 t.txt")).toBe("NAME READY\nweb 1/1\n");
    expect(await out("tail -n +4 t.txt")).toBe("web 1/1\nApi 1/1\n");
    expect(await out("tail -n 1 t.txt")).toBe("Api 1/1\n");
    expect(await out("cat t.txt | sort | uniq -c")).toBe(
      "      1 Api 1/1\n      1 NAME READY\n      1 db 0/1\n      2 web 1/1\n",
    );
    expect(await out("cut -d ' ' -f 2 t.txt | sort -u")).toBe("0/1\n1/1\nREADY\n");
    expect(await out("awk 'NR>1 {print $2, $1}' t.txt | head -n 1")).toBe("1/1 web\n");
    expect(await out("wc -l t.txt")).toBe("5 t.txt\n");
    // two files of under 100 bytes together: columns two wide
    expect(await out("wc -l t.txt t.txt")).toBe(" 5 t.txt\n 5 t.txt\n10 total\n");
    expect(await out("cat t.txt | wc -l")).toBe("5\n");
  });

  it("fails in coreutils' words", async () => {
    const sh = setup();
    const r = await sh.run("grep x missing.txt");
    expect(r.stderr).toBe("grep: missing.txt: No such file or directory\n");
    expect(r.code).toBe(2);
    expect((await sh.run("grep nothing t.txt")).code).toBe(1);
    expect((await sh.run("head -n x t.txt")).stderr).toBe("head: invalid number of lines: ‘x’\n");
  });
});
