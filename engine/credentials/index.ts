// Credentials capability: scoped SMTP identities with hashed secrets.
export { CredentialService, DEFAULT_RATE_LIMIT, toView } from './service';
export type { AuthOutcome } from './service';
