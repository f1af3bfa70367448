import { describe, expect, it } from "vitest";
import { endpointChain, portProtoHash, serviceChain, servicePorts } from "./proxierRules";
import { base32, sha256, toHex } from "./sha256";

describe("sha256 (FIPS 180-4 test vectors)", () => {
  it("hashes the empty string, 'abc' and a two-block message", () => {
    expect(toHex(sha256(""))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(toHex(sha256("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(toHex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
    // 55, 56 and 64 bytes: the padding edge cases
    expect(toHex(sha256("a".repeat(55)))).toBe(
      "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
    );
    expect(toHex(sha256("a".repeat(56)))).toBe(
      "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
    );
    expect(toHex(sha256("a".repeat(64)))).toBe(
      "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
    );
  });
});

describe("base32 (RFC 4648 §10)", () => {
  it("encodes with the standard alphabet and = padding", () => {
    const b = (s: string) => base32(Uint8Array.from(s, (c) => c.charCodeAt(0)));
    expect([b(""), b("f"), b("fo"), b("foo"), b("foob"), b("fooba"), b("foobar")]).toEqual([
      "",
      "MY======",
      "MZXQ====",
      "MZXW6===",
      "MZXW6YQ=",
      "MZXW6YTB",
      "MZXW6YTBOI======",
    ]);
  });
});

describe("kube-proxy chain names", () => {
  it("are KUBE-SVC- + base32(sha256(servicePortName + lower-case protocol))[:16], as on real clusters", () => {
    expect(portProtoHash("default/kubernetes:https", "tcp")).toBe("NPX46M4PTMTKRN6Y");
    expect(portProtoHash("kube-system/kube-dns:dns", "udp")).toBe("TCOU7JCQXEZGVUNU");
    expect(portProtoHash("kube-system/kube-dns:dns-tcp", "tcp")).toBe("ERIFXISQEP7F7OF4");
    expect(portProtoHash("kube-system/kube-dns:metrics", "tcp")).toBe("JD5MR3NA4I4DYORP");
    const [web] = servicePorts([
      {
        metadata: { name: "nginx", namespace: "default" },
        spec: { clusterIP: "10.96.5.5", ports: [{ port: 80 }] },
      },
    ]);
    expect(web.nameString).toBe("default/nginx");
    expect(serviceChain(web)).toBe("KUBE-SVC-2CMXP7HKUVJN7L6M");
    // KUBE-SEP- hashes the endpoint too: one chain per (service port, endpoint)
    const sep = endpointChain(web, { ip: "10.244.0.5", port: 80 });
    expect(sep).toMatch(/^KUBE-SEP-[A-Z2-7]{16}$/);
    expect(sep).toBe(`KUBE-SEP-${base32(sha256("default/nginxtcp10.244.0.5:80")).slice(0, 16)}`);
    expect(endpointChain(web, { ip: "10.244.0.6", port: 80 })).not.toBe(sep);
  });
});
