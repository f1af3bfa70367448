import { describe, expect, it } from "vitest";
import { type GoTemplateError, goTemplate } from "./goTemplate";

const pod = {
  metadata: { name: "web", labels: { run: "web", tier: "front" } },
  spec: { containers: [{ name: "nginx" }, { name: "sidecar" }] },
  status: {
    phase: "Running",
    containerStatuses: [
      { name: "nginx", restartCount: 0, lastState: {} },
      { name: "sidecar", restartCount: 2, lastState: { terminated: { message: "Sleep expired\n" } } },
    ],
  },
};

describe("go-template as kubectl -o go-template runs it", () => {
  it("fields, range with $ and variables, if/else if/else, with, and trimming", () => {
    expect(goTemplate("{{.metadata.name}} {{.status.phase}}", pod)).toBe("web Running");
    expect(goTemplate("{{range .spec.containers}}{{.name}};{{end}}", pod)).toBe("nginx;sidecar;");
    expect(
      goTemplate(
        '{{range $i, $c := .spec.containers}}{{$i}}={{$c.name}} {{$.metadata.name}}{{"\\n"}}{{end}}',
        pod,
      ),
    ).toBe("0=nginx web\n1=sidecar web\n");
    expect(
      goTemplate("{{range .status.containerStatuses}}{{.lastState.terminated.message}}{{end}}", pod),
    ).toBe("<no value>Sleep expired\n");
    const t =
      "{{range .status.containerStatuses}}{{if eq .restartCount 0}}ok{{else if gt .restartCount 1}}loop{{else}}once{{end}} {{end}}";
    expect(goTemplate(t, pod)).toBe("ok loop ");
    expect(
      goTemplate("{{with .metadata.labels}}{{.tier}}{{end}}{{with .nope}}x{{else}}none{{end}}", pod),
    ).toBe("frontnone");
    expect(goTemplate("a  {{- .metadata.name -}}  b", pod)).toBe("awebb");
    expect(goTemplate("{{range .nope}}x{{else}}empty{{end}}", pod)).toBe("empty");
  });

  it("maps range in key order; index, len, printf and friends", () => {
    expect(goTemplate("{{range $k, $v := .metadata.labels}}{{$k}}={{$v}},{{end}}", pod)).toBe(
      "run=web,tier=front,",
    );
    expect(
      goTemplate(
        '{{len .spec.containers}} {{(index .spec.containers 1).name}} {{index .metadata.labels "run"}}',
        pod,
      ),
    ).toBe("2 sidecar web");
    expect(goTemplate('{{printf "%s has %d" .metadata.name (len .spec.containers)}}', pod)).toBe("web has 2");
    expect(goTemplate('{{.metadata.name | printf "<%s>"}}', pod)).toBe("<web>");
    expect(goTemplate('{{not .nope}} {{and 1 .metadata.name}} {{or .nope "dflt"}}', pod)).toBe(
      "true web dflt",
    );
    expect(goTemplate("{{.metadata.labels}}", pod)).toBe("map[run:web tier:front]");
  });

  it("says what is wrong like text/template", () => {
    const err = (t: string) => {
      try {
        goTemplate(t, pod);
      } catch (e) {
        return { msg: (e as Error).message, parsing: (e as GoTemplateError).parsing };
      }
      return undefined;
    };
    expect(err("{{.metadata.name")).toEqual({ msg: "template: output:1: unclosed action", parsing: true });
    expect(err("{{if .x}}a")).toEqual({ msg: "template: output:1: unexpected EOF", parsing: true });
    expect(err("{{nope 1}}")?.msg).toBe('template: output:1: function "nope" not defined');
    expect(err("{{.metadata.name.x}}")?.msg).toBe(
      "template: output:1: can't evaluate field x in type string",
    );
  });
});
