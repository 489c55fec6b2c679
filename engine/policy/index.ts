// Policy capability: rate limits and abuse protection.
export { SlidingWindowLimiter } from './rate-limiter';
export type { RateDecision } from './rate-limiter';
export { AuthGuard } from './auth-guard';
export type { AuthGuardOptions } from './auth-guard';
