// Queue capability: intake of accepted messages and live recipient counts.
export { Intake } from './intake';
export { QueueCounters, RECIPIENT_STATES, STREAMS, emptyStateCounts } from './counters';
export { releaseLeases } from './recovery';
