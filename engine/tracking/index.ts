// Tracking capability: signed URLs for opens, clicks and unsubscribes, HTML rewriting,
// and what a hit on those URLs records.
export { TrackingService } from './service';
export type { HttpHit, UnsubscribeOutcome, UnsubscribeTarget } from './service';
export { TrackingTokens, TOKEN_PATTERN } from './tokens';
export { loadOrCreateTrackingKey } from './key';
export { rewriteHtml } from './links';
export { classifyHit } from './automated';
