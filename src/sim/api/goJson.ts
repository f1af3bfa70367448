// Go's encoding/json syntax errors, as its scanner words them: what crictl's decoder reports for a config
// file and what the API server answers for a request body that is not JSON.

/** encoding/json's scanner quoteChar: 'x', '\'' , '"', '\n'. */
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const q = JSON.stringify(c);
  return `'${q.slice(1, -1)}'`;
}

/**
 * json.Decoder's first value: undefined when it scans, "eof" when the input ends inside it, else the
 * SyntaxError (its Offset counts the bytes read up to and including the bad one).
 */
export function goJsonSyntaxError(text: string): { offset: number; msg: string } | "eof" | undefined {
  return scanFirstValue(text).result;
}

/** The scanner over the first value, and where that value ends. */
function scanFirstValue(text: string): {
  result: { offset: number; msg: string } | "eof" | undefined;
  end: number;
} {
  let i = 0;
  const bytesTo = (k: number) => new TextEncoder().encode(text.slice(0, k + 1)).length;
  const err = (what: string) => ({
    offset: bytesTo(i),
    msg: `invalid character ${quoteChar(text[i])} ${what}`,
  });
  const ws = () => {
    while (i < text.length && " \t\r\n".includes(text[i])) i++;
  };
  type R = { offset: number; msg: string } | "eof" | undefined;
  const value = (): R => {
    ws();
    if (i >= text.length) return "eof";
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (i >= text.length) return "eof";
      if (text[i] === "}") {
        i++;
        return undefined;
      }
      for (;;) {
        ws();
        if (i >= text.length) return "eof";
        if (text[i] !== '"') return err("looking for beginning of object key string");
        const s = str();
        if (s) return s;
        ws();
        if (i >= text.length) return "eof";
        if (text[i] !== ":") return err("after object key");
        i++;
        const v = value();
        if (v) return v;
        ws();
        if (i >= text.length) return "eof";
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return undefined;
        }
        return err("after object key:value pair");
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (i >= text.length) return "eof";
      if (text[i] === "]") {
        i++;
        return undefined;
      }
      for (;;) {
        const v = value();
        if (v) return v;
        ws();
        if (i >= text.length) return "eof";
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return undefined;
        }
        return err("after array element");
      }
    }
    if (c === '"') return str();
    if (c === "-" || (c >= "0" && c <= "9")) return num();
    for (const lit of ["true", "false", "null"]) {
      if (c !== lit[0]) continue;
      for (let k = 1; k < lit.length; k++) {
        i++;
        if (i >= text.length) return "eof";
        if (text[i] !== lit[k]) return err(`in literal ${lit} (expecting ${quoteChar(lit[k])})`);
      }
      i++;
      return undefined;
    }
    return err("looking for beginning of value");
  };
  const str = (): R => {
    i++;
    for (;;) {
      if (i >= text.length) return "eof";
      const c = text[i];
      if (c === '"') {
        i++;
        return undefined;
      }
      if (c === "\\") {
        i++;
        if (i >= text.length) return "eof";
        if (text[i] === "u") {
          for (let k = 0; k < 4; k++) {
            i++;
            if (i >= text.length) return "eof";
            if (!/[0-9a-fA-F]/.test(text[i])) return err("in \\u hexadecimal character escape");
          }
        } else if (!'"\\/bfnrt'.includes(text[i])) return err("in string escape code");
        i++;
        continue;
      }
      if (c < " ") return err("in string literal");
      i++;
    }
  };
  const digits = () => {
    while (i < text.length && text[i] >= "0" && text[i] <= "9") i++;
  };
  const num = (): R => {
    if (text[i] === "-") {
      i++;
      if (i >= text.length) return "eof";
      if (!(text[i] >= "0" && text[i] <= "9")) return err("in numeric literal");
    }
    if (text[i] === "0") i++;
    else digits();
    if (text[i] === ".") {
      i++;
      if (i >= text.length) return "eof";
      if (!(text[i] >= "0" && text[i] <= "9")) return err("after decimal point in numeric literal");
      digits();
    }
    if (text[i] === "e" || text[i] === "E") {
      i++;
      if (text[i] === "+" || text[i] === "-") i++;
      if (i >= text.length) return "eof";
      if (!(text[i] >= "0" && text[i] <= "9")) return err("in exponent of numeric literal");
      digits();
    }
    return undefined;
  };
  const result = value();
  return { result, end: i };
}

/**
 * json.Unmarshal's error for `text` (undefined when it is one valid JSON value): the scanner's message,
 * "unexpected end of JSON input", or trailing data "after top-level value".
 */
export function jsonUnmarshalError(text: string): string | undefined {
  const { result, end } = scanFirstValue(text);
  if (result === "eof") return "unexpected end of JSON input";
  if (result) return result.msg;
  let i = end;
  while (i < text.length && " \t\r\n".includes(text[i])) i++;
  return i < text.length ? `invalid character ${quoteChar(text[i])} after top-level value` : undefined;
}
