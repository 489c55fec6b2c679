// Email features around the queue: the Email API, templates, tracking and inbound reports.
export { EmailFeatures } from './features';
export type { EmailFeaturesDeps, EmailApiStatus } from './features';
