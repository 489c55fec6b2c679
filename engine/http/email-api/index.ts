// The Email API listener: the HTTP API for applications plus the tracking and unsubscribe endpoints.
export { startEmailApi } from './server';
export type { EmailApiDeps, EmailApiServer } from './server';
export { parseToken } from './auth';
