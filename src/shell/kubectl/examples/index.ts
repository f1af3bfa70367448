// Every built-in docs example, by its path under content/en/examples/.
import { ADMIN_EXAMPLES } from "./admin";
import { CONFIGURE_POD_EXAMPLES } from "./configurePods";
import { CONFIGURE_POD_EXAMPLES_2 } from "./configurePods2";
import { DAEMONSET_EXAMPLES } from "./daemonSets";
import { DISRUPTION_BUDGET_EXAMPLES } from "./disruptionBudgets";
import { INJECT_DEBUG_EXAMPLES } from "./injectAndDebug";
import { JOB_EXAMPLES } from "./jobs";
import { LIMITS_AND_QUOTAS_EXAMPLES } from "./limitsAndQuotas";
import { MORE_EXAMPLES } from "./more";
import { PATCH_EXAMPLES } from "./patch";
import { POD_SECURITY_EXAMPLES } from "./podSecurity";
import { SECURITY_EXAMPLES } from "./security";
import { SERVICE_ACCOUNT_EXAMPLES } from "./serviceAccounts";
import { STATEFULSET_EXAMPLES } from "./statefulSets";
import { STORAGE_EXAMPLES } from "./storage";
import { WORKLOAD_EXAMPLES } from "./workloads";

export const EXAMPLES: Readonly<Record<string, string>> = {
  ...ADMIN_EXAMPLES,
  ...CONFIGURE_POD_EXAMPLES,
  ...CONFIGURE_POD_EXAMPLES_2,
  ...DAEMONSET_EXAMPLES,
  ...DISRUPTION_BUDGET_EXAMPLES,
  ...INJECT_DEBUG_EXAMPLES,
  ...JOB_EXAMPLES,
  ...LIMITS_AND_QUOTAS_EXAMPLES,
  ...MORE_EXAMPLES,
  ...PATCH_EXAMPLES,
  ...POD_SECURITY_EXAMPLES,
  ...SECURITY_EXAMPLES,
  ...STORAGE_EXAMPLES,
  ...SERVICE_ACCOUNT_EXAMPLES,
  ...STATEFULSET_EXAMPLES,
  ...WORKLOAD_EXAMPLES,
};
