// content/en/examples/…: the manifests of tasks/inject-data-application and tasks/debug: commands, environment, downward API, Secrets, ConfigMaps, termination messages, shells — applied by URL as the task pages do.

/** content/en/examples/<path> → the file's text. */
export const INJECT_DEBUG_EXAMPLES: Record<string, string> = {};
