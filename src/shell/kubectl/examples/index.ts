// Every built-in docs example, by its path under content/en/examples/.
import { ADMIN_EXAMPLES } from "./admin";
import { CONFIGURE_POD_EXAMPLES } from "./configurePods";
import { DAEMONSET_EXAMPLES } from "./daemonSets";
import { INJECT_DEBUG_EXAMPLES } from "./injectAndDebug";
import { JOB_EXAMPLES } from "./jobs";
import { MORE_EXAMPLES } from "./more";
import { PATCH_EXAMPLES } from "./patch";
import { SECURITY_EXAMPLES } from "./security";
import { WORKLOAD_EXAMPLES } from "./workloads";

export const EXAMPLES: Readonly<Record<string, string>> = {
  ...ADMIN_EXAMPLES,
  ...CONFIGURE_POD_EXAMPLES,
  ...DAEMONSET_EXAMPLES,
  ...INJECT_DEBUG_EXAMPLES,
  ...JOB_EXAMPLES,
  ...MORE_EXAMPLES,
  ...PATCH_EXAMPLES,
  ...SECURITY_EXAMPLES,
  ...WORKLOAD_EXAMPLES,
};
