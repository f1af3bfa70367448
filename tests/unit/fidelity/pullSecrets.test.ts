// Issue 3: private repositories need imagePullSecrets; the kubelet passes their credentials to PullImage.
import { describe, expect, it } from "vitest";
import { createSimulation } from "../../../src/simulation";
import { events, pod, status } from "./helpers";

const PRIVATE = "registry.example.com/team/app:1.0";
const withSecret = (name: string, secret: string) =>
  pod(name, `imagePullSecrets:\n- name: ${secret}\ncontainers:\n- name: app\n  image: ${PRIVATE}`);
const DENIED =
  'rpc error: code = Unknown desc = failed to pull and unpack image "registry.example.com/team/app:1.0": failed to resolve reference "registry.example.com/team/app:1.0": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';

describe("private images and imagePullSecrets", () => {
  it("without a secret: ErrImagePull with the registry's denial, then ImagePullBackOff", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.apply(pod("nosecret", `containers:\n- name: app\n  image: ${PRIVATE}`));
    await sim.advance(25_000);
    expect(await status(sim, "nosecret")).toBe("ImagePullBackOff");
    expect(events(sim, "nosecret").map((e) => e.message)).toContain(
      `Failed to pull image "${PRIVATE}": ${DENIED}`,
    );
  });

  it("kubectl create secret docker-registry + imagePullSecrets: the pull is authorised and the pod runs", async () => {
    const sim = createSimulation({ seed: 1 });
    expect(
      await sim.exec(
        "kubectl create secret docker-registry regcred --docker-server=registry.example.com --docker-username=developer --docker-password=s3cr3t --docker-email=dev@example.com",
      ),
    ).toBe("secret/regcred created\n");
    expect(await sim.exec("kubectl get secrets")).toMatch(
      /^NAME\s+TYPE\s+DATA\s+AGE\nregcred\s+kubernetes\.io\/dockerconfigjson\s+1\s+/,
    );
    await sim.apply(withSecret("app", "regcred"));
    await sim.advance(20_000);
    expect(await status(sim, "app")).toBe("Running");
    const pull = sim.trace.all().find((e) => e.kind === "cri.request" && e.summary.startsWith("PullImage"));
    expect(JSON.stringify(pull?.detail)).toContain('"username":"developer"');
  });

  it("a wrong password is denied like no credentials; a missing secret is reported and the pull tried anyway", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec(
      "kubectl create secret docker-registry wrong --docker-server=registry.example.com --docker-username=developer --docker-password=nope",
    );
    await sim.apply(withSecret("bad", "wrong"));
    await sim.apply(withSecret("missing", "nosuch"));
    await sim.advance(25_000);
    expect(await status(sim, "bad")).toBe("ImagePullBackOff");
    // containerd fetched a bearer token with the wrong password: the token endpoint said 401
    expect(events(sim, "bad").map((e) => e.message)).toContain(
      `Failed to pull image "${PRIVATE}": rpc error: code = Unknown desc = failed to pull and unpack image "${PRIVATE}": failed to resolve reference "${PRIVATE}": failed to authorize: failed to fetch oauth token: unexpected status from GET request to https://registry.example.com/token?scope=repository%3Ateam%2Fapp%3Apull&service=registry.example.com: 401 Unauthorized`,
    );
    expect(events(sim, "missing").map((e) => `${e.reason} ${e.message}`)).toContain(
      "FailedToRetrieveImagePullSecret Unable to retrieve some image pull secrets (nosuch); attempting to pull the image may not succeed.",
    );
  });
});
