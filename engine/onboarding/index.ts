// Onboarding capability: connection details, tested configuration snippets, and a test
// message sent over SMTP with a credential.
export { OnboardingService } from './service';
export type { OnboardingDeps } from './service';
