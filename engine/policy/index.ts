// Policy capability: rate limits and abuse protection.
export { SlidingWindowLimiter } from './rate-limiter';
export type { RateDecision } from './rate-limiter';
export { AuthGuard } from './auth-guard';
export type { AuthGuardOptions } from './auth-guard';
export { ThrottleController, ThrottleRuleService, SHIPPED_RULES, mergeRules, resolveThrottle, defaultThrottleOptions } from './throttle/index';
export type { ResolvedThrottle, ThrottleOptions } from './throttle/index';
export { SuppressionService } from './suppressions';
export { QuotaService } from './quota';
export { WarmupService, defaultWarmupCurve, DEFAULT_WARMUP_DAYS } from './warmup';
export type { WarmupDecision } from './warmup';
