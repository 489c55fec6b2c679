// SMTP ingest capability: listeners, session transcripts and durable accept.
export { SmtpListeners } from './listeners';
export { SessionRecorder } from './session-recorder';
export type { LiveSession } from './session-recorder';
export { loadTlsMaterial } from './tls-material';
export type { TlsMaterial } from './tls-material';
export type { IngestContext, IngestStats } from './context';
export type { EngineLog } from './transcript-logger';
export { installSmtpServerPatches } from './smtp-server-internals';
export type { RelaydeskServerOptions } from './smtp-server-internals';
export { createTranscriptLogger } from './transcript-logger';
export { readBody } from './message-receiver';
export { normalizeLineEnds } from './line-endings';
export { rfc5322Date } from './trace-headers';
export { reply, SmtpReplyError } from './reply';
