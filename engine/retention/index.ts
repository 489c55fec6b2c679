// Retention capability: per-stream settings and the incremental purge.
export { RetentionService } from './service';
