// Throttling: rules per destination and the adaptive controller.
export { ThrottleController, defaultThrottleOptions } from './controller';
export type { ThrottleOptions } from './controller';
export { SHIPPED_RULES, mergeRules, resolveThrottle } from './rules';
export type { ResolvedThrottle } from './rules';
export { ThrottleRuleService } from './rule-service';
