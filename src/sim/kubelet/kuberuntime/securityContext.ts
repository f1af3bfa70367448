// k8s: pkg/kubelet/kuberuntime/security_context.go + security_context_others.go (verifyRunAsNonRoot),
// pkg/securitycontext/util.go and the seccomp/AppArmor helpers of helpers.go — simplified: no SELinux,
// no Windows options, no procMount.
import type { Container, Pod, SecurityContext } from "kubernetes-types/core/v1";
import { errorText } from "../../cri/errors";
import type { LinuxContainerSecurityContext, NamespaceOption, SecurityProfile } from "../../cri/types";
import { settle, type Task } from "../../task";
import type { KubeletDeps } from "../types";

/** kubelet --root-dir + "/seccomp": where Localhost seccomp profiles live on the node. */
export const SECCOMP_PROFILE_ROOT = "/var/lib/kubelet/seccomp";
/** The deprecated per-container AppArmor annotation, still honoured when the field is unset. */
export const APPARMOR_ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

/** The user an image runs as, from ImageStatus: a numeric uid, or a name (exactly one is set). */
export interface ImageUser {
  uid?: number;
  username: string;
}

/** format.Pod: `name_namespace(uid)`. */
function formatPod(pod: Pod): string {
  return `${pod.metadata?.name ?? ""}_${pod.metadata?.namespace ?? "default"}(${pod.metadata?.uid ?? ""})`;
}

/** securitycontext.DetermineEffectiveSecurityContext: the pod's runAs* fields under the container's own. */
export function determineEffectiveSecurityContext(pod: Pod, c: Container): SecurityContext {
  const psc = pod.spec?.securityContext;
  const fromPod: SecurityContext = {};
  if (psc?.runAsUser !== undefined) fromPod.runAsUser = psc.runAsUser;
  if (psc?.runAsGroup !== undefined) fromPod.runAsGroup = psc.runAsGroup;
  if (psc?.runAsNonRoot !== undefined) fromPod.runAsNonRoot = psc.runAsNonRoot;
  if (psc?.seLinuxOptions !== undefined) fromPod.seLinuxOptions = psc.seLinuxOptions;
  const own = c.securityContext ?? {};
  const out: SecurityContext = { ...fromPod };
  for (const [k, v] of Object.entries(own)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/**
 * getImageUser: ImageStatus of the container's image; a uid, else a user name; neither means root
 * ("If non of them is set, treat it as root").
 */
export function* getImageUser(deps: KubeletDeps, image: string): Task<{ user?: ImageUser; err?: string }> {
  const r = yield* settle(deps.images.imageStatus({ image: { image } }));
  if (!r.ok) return { err: errorText(r.error) };
  const img = r.value.image;
  if (img?.uid !== undefined) return { user: { uid: img.uid.value, username: "" } };
  if (img?.username) return { user: { username: img.username } };
  return { user: { uid: 0, username: "" } };
}

/** verifyRunAsNonRoot (security_context_others.go): an error text, or undefined when the container may run. */
export function verifyRunAsNonRoot(pod: Pod, c: Container, user: ImageUser): string | undefined {
  const sc = determineEffectiveSecurityContext(pod, c);
  if (!sc.runAsNonRoot) return undefined;
  const where = `(pod: ${JSON.stringify(formatPod(pod))}, container: ${c.name})`;
  if (sc.runAsUser !== undefined) {
    if (sc.runAsUser === 0) return `container's runAsUser breaks non-root policy ${where}`;
    return undefined;
  }
  if (user.uid === undefined && user.username)
    return `container has runAsNonRoot and image has non-numeric user (${user.username}), cannot verify user is non-root ${where}`;
  if (user.uid === 0) return `container has runAsNonRoot and image will run as root ${where}`;
  if (user.uid !== undefined && (user.uid < 0 || user.uid > 2147483647))
    return `container has runAsNonRoot and image has an invalid user id (${user.uid}). (Must be 1-(2147483647)): must be between 0 and 2147483647, inclusive ${where}`;
  return undefined;
}

/** getSeccompProfile: container field, then pod field, then RuntimeDefault only with seccompDefault. */
export function seccompProfile(pod: Pod, c: Container | undefined, seccompDefault: boolean): SecurityProfile {
  const p = c?.securityContext?.seccompProfile ?? pod.spec?.securityContext?.seccompProfile;
  if (!p) return { profileType: seccompDefault ? "RuntimeDefault" : "Unconfined" };
  if (p.type === "RuntimeDefault") return { profileType: "RuntimeDefault" };
  if (p.type === "Localhost") {
    if (!p.localhostProfile)
      throw new Error("localhostProfile must be set if seccompProfile type is Localhost.");
    return { profileType: "Localhost", localhostRef: `${SECCOMP_PROFILE_ROOT}/${p.localhostProfile}` };
  }
  return { profileType: "Unconfined" };
}

/**
 * getAppArmorProfile (1.30+, field GA): container field, then the deprecated annotation, then the pod
 * field. Unset sends nothing and containerd applies its default profile (cri-containerd.apparmor.d).
 */
export function appArmorProfile(pod: Pod, c: Container): { profile?: SecurityProfile; deprecated?: string } {
  let p = c.securityContext?.appArmorProfile;
  if (!p) {
    const a = pod.metadata?.annotations?.[`${APPARMOR_ANNOTATION_PREFIX}${c.name}`];
    if (a === "runtime/default") p = { type: "RuntimeDefault" };
    else if (a === "unconfined") p = { type: "Unconfined" };
    else if (a?.startsWith("localhost/")) p = { type: "Localhost", localhostProfile: a.slice(10) };
  }
  p ??= pod.spec?.securityContext?.appArmorProfile;
  if (!p) return {};
  if (p.type === "RuntimeDefault")
    return { profile: { profileType: "RuntimeDefault" }, deprecated: "runtime/default" };
  if (p.type === "Unconfined") return { profile: { profileType: "Unconfined" }, deprecated: "unconfined" };
  if (p.type === "Localhost") {
    if (!p.localhostProfile) throw new Error("missing localhost apparmor profile name");
    return {
      profile: { profileType: "Localhost", localhostRef: p.localhostProfile },
      deprecated: `localhost/${p.localhostProfile}`,
    };
  }
  throw new Error(`unknown apparmor profile type: ${JSON.stringify(p.type)}`);
}

/** runtimeutil.NamespacesForPod: host namespaces when asked, a shared pid namespace with shareProcessNamespace. */
export function namespacesForPod(pod: Pod): NamespaceOption {
  const s = pod.spec;
  return {
    network: s?.hostNetwork ? "NODE" : "POD",
    pid: s?.hostPID ? "NODE" : s?.shareProcessNamespace ? "POD" : "CONTAINER",
    ipc: s?.hostIPC ? "NODE" : "POD",
  };
}

/** determineEffectiveSecurityContext (kuberuntime): the CRI LinuxContainerSecurityContext for one container. */
export function containerSecurityContext(
  pod: Pod,
  c: Container,
  user: ImageUser | undefined,
  seccompDefault: boolean,
): LinuxContainerSecurityContext {
  const sc = determineEffectiveSecurityContext(pod, c);
  const out: LinuxContainerSecurityContext = {
    privileged: !!sc.privileged,
    readonlyRootfs: !!sc.readOnlyRootFilesystem,
  };
  if (sc.capabilities)
    out.capabilities = {
      addCapabilities: [...(sc.capabilities.add ?? [])],
      dropCapabilities: [...(sc.capabilities.drop ?? [])],
    };
  if (sc.runAsUser !== undefined) out.runAsUser = { value: sc.runAsUser };
  if (sc.runAsGroup !== undefined) out.runAsGroup = { value: sc.runAsGroup };
  out.seccomp = seccompProfile(pod, c, seccompDefault);
  const aa = appArmorProfile(pod, c);
  if (aa.profile) {
    out.apparmor = aa.profile;
    out.apparmorProfile = aa.deprecated;
  }
  // the image's user when the spec names none: a uid, or a name for the runtime to resolve
  if (out.runAsUser === undefined && user) {
    if (user.uid !== undefined) out.runAsUser = { value: user.uid };
    if (user.username) out.runAsUsername = user.username;
  }
  out.namespaceOptions = namespacesForPod(pod);
  const psc = pod.spec?.securityContext;
  const groups: number[] = [];
  if (psc?.fsGroup !== undefined) groups.push(psc.fsGroup);
  for (const g of psc?.supplementalGroups ?? []) groups.push(g);
  if (groups.length) out.supplementalGroups = groups;
  // supplementalGroupsPolicy (1.31+; newer than this kubernetes-types release)
  const policy = (psc as { supplementalGroupsPolicy?: string } | undefined)?.supplementalGroupsPolicy;
  out.supplementalGroupsPolicy = policy === "Strict" ? "Strict" : "Merge";
  // AddNoNewPrivileges: only an explicit allowPrivilegeEscalation: false sets no_new_privs
  out.noNewPrivs = sc.allowPrivilegeEscalation === false;
  return out;
}
