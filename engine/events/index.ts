// Engine events: the typed bus every capability publishes to.
export { EventBus } from './bus';
export type { EngineEvents, EngineEventName, MessageAccepted, TransactionRejected, RecipientChanged, BlocklistReported, AlertRaised } from './bus';
export { MinuteStatsTracker } from './minute-stats';
export { AlertLog } from './alerts';
