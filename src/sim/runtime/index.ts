export {
  CONTAINERD_CONFIG_PATH,
  type ContainerdConfig,
  DEFAULT_CONTAINERD_CONFIG_TOML,
  DEFAULT_SANDBOX_IMAGE,
  type LoadConfigResult,
  loadConfig,
} from "./containerdConfig";
export {
  CONTAINERD_VERSION,
  containerdLogLine,
  createContainerdUnitHooks,
  writeContainerdStartup,
} from "./daemon";
export type { PullProgress } from "./imagePull";
export { type SandboxView, SimRuntime, type SimRuntimeOptions } from "./simRuntime";
