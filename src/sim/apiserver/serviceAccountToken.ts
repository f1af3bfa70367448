// k8s: pkg/registry/core/serviceaccount/storage/token.go + pkg/serviceaccount/claims.go — the
// serviceaccounts/token subresource (TokenRequest) kubectl create token calls: a JWT whose payload
// carries the claims a real kube-apiserver issues. The signature is random bytes of RS256's length:
// nothing in the simulator verifies it.
import type { ServiceAccount } from "kubernetes-types/core/v1";
import { InvalidError, invalid } from "../api/fieldErrors";
import type { Rng } from "../clock";
import { rfc3339 } from "../clock/time";

/** kubeadm's --service-account-issuer; --api-audiences defaults to it. */
export const SERVICE_ACCOUNT_ISSUER = "https://kubernetes.default.svc.cluster.local";
/** TokenRequest defaulting: one hour. */
export const DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600;

export interface TokenRequestSpec {
  audiences?: string[];
  expirationSeconds?: number;
}

export interface TokenRequestStatus {
  token: string;
  expirationTimestamp: string;
}

const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** RFC 4648 §5 base64url without padding (what JWS segments use). */
export function base64url(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += B64URL[(n >>> (18 - 6 * c)) & 63];
  }
  return out;
}

export function base64urlDecode(s: string): Uint8Array {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of s) {
    const v = B64URL.indexOf(ch);
    if (v < 0) continue;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >>> bits) & 255);
    }
  }
  return Uint8Array.from(out);
}

const utf8 = (s: string) => new TextEncoder().encode(s);

function randomBytes(rng: Rng, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = rng.int(0, 255);
  return b;
}

/**
 * TokenREST.Create: validate the request, then sign the claims. Go marshals the claims from a map,
 * so the payload's keys come out sorted (aud, exp, iat, iss, jti, kubernetes.io, nbf, sub).
 */
export function issueServiceAccountToken(
  sa: ServiceAccount,
  spec: TokenRequestSpec,
  nowMs: number,
  rng: Rng,
  keyId: string,
): TokenRequestStatus {
  const name = sa.metadata?.name ?? "";
  const namespace = sa.metadata?.namespace ?? "default";
  const expirationSeconds = spec.expirationSeconds ?? DEFAULT_TOKEN_EXPIRATION_SECONDS;
  // pkg/apis/authentication/validation: ValidateTokenRequest
  if (expirationSeconds < 600)
    throw new InvalidError("TokenRequest.authentication.k8s.io", name, [
      invalid("spec.expirationSeconds", expirationSeconds, "may not specify a duration less than 10 minutes"),
    ]);
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + expirationSeconds;
  const claims = {
    aud: spec.audiences && spec.audiences.length > 0 ? spec.audiences : [SERVICE_ACCOUNT_ISSUER],
    exp,
    iat,
    iss: SERVICE_ACCOUNT_ISSUER,
    jti: rng.uuid(),
    "kubernetes.io": { namespace, serviceaccount: { name, uid: sa.metadata?.uid ?? "" } },
    nbf: iat,
    sub: `system:serviceaccount:${namespace}:${name}`,
  };
  const header = { alg: "RS256", kid: keyId };
  const token = [
    base64url(utf8(JSON.stringify(header))),
    base64url(utf8(JSON.stringify(claims))),
    // an RSA-2048 signature is 256 bytes
    base64url(randomBytes(rng, 256)),
  ].join(".");
  return { token, expirationTimestamp: rfc3339(exp * 1000) };
}

/** The key ID go-jose derives from the signing key (a base64url SHA-256, 43 characters): fixed per cluster. */
export function signingKeyId(rng: Rng): string {
  return base64url(randomBytes(rng, 32));
}
