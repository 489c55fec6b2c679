// Sandbox capability: captured mail per credential and its inspection (HTML compatibility
// against caniemail data, links, spam score, authentication).
export { SandboxService } from './service';
export type { SandboxDeps } from './service';
export { compatibilityReport } from './compatibility';
export { extractLinks, linkReport } from './links';
export { parseSpamdResponse, scoreWithSpamd } from './spamd';
