// Queue capability: intake of accepted messages and live recipient counts.
export { Intake, describeSuppression } from './intake';
export type { IntakeRecipient, IntakeResult, RouteChooser } from './intake';
export { QueueCounters, RECIPIENT_STATES, STREAMS, emptyStateCounts } from './counters';
export { releaseLeases } from './recovery';
export { OutcomeRecorder } from './outcomes';
export type { RecipientOutcome, AttemptRecord, FinalFailure, FinalFailureSink } from './outcomes';
export { retryDelayMs, retrySchedule, defaultBackoff } from './backoff';
export type { BackoffPolicy } from './backoff';
export type { DeliveryJob, LeasedRecipient, JobSink } from './job';
export { PauseList } from './pauses';
export { DeliveryScheduler } from './scheduler';
export type { SchedulerOptions } from './scheduler';
export { OperatorActions } from './operator-actions';
export { queueShape } from './shape';
export { messageParts, messageAttachment } from './message-parts';
