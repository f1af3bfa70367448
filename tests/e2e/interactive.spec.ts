// An interactive shell in the browser terminal: `kubectl exec -it` opens bash in a container (its
// prompt replaces the node's, cd changes it, Tab completes nothing there, ↑ recalls the history),
// `exit` and Ctrl-D return to the node, and a reload shows the session again with its prompts.
import { expect, type Page, test } from "@playwright/test";
import { terminalText, waitForNode } from "./helpers";

async function run(page: Page, line: string, expected: string | RegExp): Promise<void> {
  await page.locator(".xterm").click();
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toMatch(expected);
}

/** The terminal's text after its last node prompt (or all of it). */
async function tail(page: Page, marker: string): Promise<string> {
  const text = await terminalText(page);
  // xterm pads each row with spaces (and the DOM renderer with non-breaking ones)
  return text.slice(text.lastIndexOf(marker)).replace(/[\s\u00a0]+$/, "");
}

/** Every line the terminal holds, scrolled-off ones included (xterm's buffer). */
function scrollback(page: Page): Promise<string> {
  return page.evaluate(() => {
    type Buf = {
      length: number;
      getLine(i: number): { translateToString(trim: boolean): string } | undefined;
    };
    const term = (window as unknown as { __term?: { buffer: { active: Buf } } }).__term;
    if (!term) return "";
    const b = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)?.translateToString(true) ?? "");
    return lines.join("\n");
  });
}

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect.poll(() => terminalText(page)).toContain("root@node-1:~#");
  await waitForNode(page);
});

test("kubectl exec -it opens bash in the container; exit and Ctrl-D return to the node", async ({
  page,
}, info) => {
  await run(page, "kubectl run web --image=nginx:1.27", "pod/web created");
  await run(page, "sim advance 30s", /sim advance 30s\s*root@node-1:~#/);

  await run(page, "kubectl exec -it web -- bash", /kubectl exec -it web -- bash\s*root@web:\/#\s*$/);
  await run(page, "cat /etc/hostname", /cat \/etc\/hostname\s*web\s*root@web:\/#\s*$/);
  await run(page, "cd /etc/nginx", /root@web:\/# cd \/etc\/nginx\s*root@web:\/etc\/nginx#\s*$/);
  await run(page, "ls", /root@web:\/etc\/nginx# ls\s*conf\.d\s+nginx\.conf\s*root@web:\/etc\/nginx#\s*$/);
  await run(
    page,
    "kubectl get pods",
    /kubectl get pods\s*bash: kubectl: command not found\s*root@web:\/etc\/nginx#\s*$/,
  );

  // Tab completion is off inside the container: the line stays as typed
  await page.keyboard.type("cat ngi");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect.poll(() => tail(page, "root@web:/etc/nginx# ")).toBe("root@web:/etc/nginx# cat ngi");
  // ↑ walks the history, container lines included
  for (let i = 0; i < 7; i++) await page.keyboard.press("Backspace");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await expect.poll(() => tail(page, "root@web:/etc/nginx# ")).toBe("root@web:/etc/nginx# ls");
  await page.keyboard.press("Enter");
  await expect.poll(() => tail(page, "root@web:/etc/nginx# ls")).toMatch(/conf\.d\s+nginx\.conf/);
  await page.screenshot({ path: info.outputPath("exec-it-bash.png") });

  await run(page, "exit 3", /exit 3\s*exit\s*command terminated with exit code 3\s*root@node-1:~#\s*$/);
  await run(page, "echo $?", /echo \$\?\s*3\s*root@node-1:~#\s*$/);

  // busybox's sh in a kubectl run -it pod; Ctrl-D ends its input
  await run(
    page,
    "kubectl run bb -it --rm --image=busybox:1.36 --restart=Never -- sh",
    /If you don't see a command prompt, try pressing enter\.\s*\/ #\s*$/,
  );
  await run(page, "hostname", /hostname\s*bb\s*\/ #\s*$/);
  await page.keyboard.press("Control+d");
  await expect
    .poll(() => terminalText(page))
    .toMatch(
      /Session ended, resume using 'kubectl attach bb -c bb -n default -i -t' command\s*pod "bb" deleted from default namespace\s*root@node-1:~#\s*$/,
    );

  // a reload replays the commands: the session shows again with the container's prompts
  await page.reload();
  await expect.poll(() => scrollback(page), { timeout: 30_000 }).toContain("root@web:/etc/nginx# ls");
  await expect.poll(() => terminalText(page)).toMatch(/\/ # hostname\s*bb\s*\/ #/);
  await expect.poll(() => terminalText(page)).toMatch(/root@node-1:~#\s*$/);
});
