// Engine events: the typed bus every capability publishes to.
export { EventBus } from './bus';
export type { EngineEvents, EngineEventName, MessageAccepted, TransactionRejected, RecipientChanged, BlocklistReported, AlertRaised, DomainChanged } from './bus';
export { MinuteStatsTracker } from './minute-stats';
export { AlertLog } from './alerts';
export { EventFeed, EVENT_COLUMNS, rowToEvent } from './event-feed';
export type { EventRow, FeedConsumer, StoredEvent } from './event-feed';
export { EventContextLoader } from './event-context';
export type { EventContext, MessageFacts, RecipientFacts } from './event-context';
export { FactRecorder } from './fact-recorder';
