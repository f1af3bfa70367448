// k8s: pkg/credentialprovider/keyring.go + secrets/secrets.go — simplified: the pod's
// kubernetes.io/dockerconfigjson (and .dockercfg) secrets, matched by registry host.
import type { Pod, Secret } from "kubernetes-types/core/v1";
import type { ApiServerClient } from "../../apiserver/types";
import type { AuthConfig } from "../../cri/types";

/** The registry host of an image reference, as the keyring matches it (`nginx` → docker.io). */
export function registryHost(image: string): string {
  const first = image.split("/")[0];
  const hasHost =
    image.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
  return normalizeHost(hasHost ? first : "docker.io");
}

function normalizeHost(server: string): string {
  const host = server.replace(/^https?:\/\//, "").split("/")[0];
  return host === "index.docker.io" || host === "registry-1.docker.io" ? "docker.io" : host;
}

function decode(b64: string): string {
  try {
    return atob(b64);
  } catch {
    return "";
  }
}

export interface PullCredentials {
  auth?: AuthConfig;
  /** Secret names the pod lists that could not be read. */
  missing: string[];
}

/** Find credentials for `image` among the pod's imagePullSecrets. */
export function credentialsFor(api: ApiServerClient, pod: Pod, image: string): PullCredentials {
  const ns = pod.metadata?.namespace ?? "default";
  const host = registryHost(image);
  const missing: string[] = [];
  let auth: AuthConfig | undefined;
  for (const ref of pod.spec?.imagePullSecrets ?? []) {
    if (!ref.name) continue;
    const secret = api.tryGet<Secret>("Secret", ns, ref.name);
    if (!secret) {
      missing.push(ref.name);
      continue;
    }
    if (auth) continue;
    const raw = secret.data?.[".dockerconfigjson"] ?? secret.data?.[".dockercfg"];
    if (!raw) continue;
    let parsed: { auths?: Record<string, Entry> } & Record<string, Entry>;
    try {
      parsed = JSON.parse(decode(raw));
    } catch {
      continue;
    }
    const entries = parsed.auths ?? parsed;
    for (const [server, e] of Object.entries(entries)) {
      if (normalizeHost(server) !== host || !e || typeof e !== "object") continue;
      const [u, p] = e.auth ? splitAuth(decode(e.auth)) : [e.username ?? "", e.password ?? ""];
      auth = { username: e.username ?? u, password: e.password ?? p, auth: e.auth, serverAddress: server };
      break;
    }
  }
  return { auth, missing };
}

interface Entry {
  username?: string;
  password?: string;
  auth?: string;
  email?: string;
}

function splitAuth(s: string): [string, string] {
  const i = s.indexOf(":");
  return i < 0 ? [s, ""] : [s.slice(0, i), s.slice(i + 1)];
}
