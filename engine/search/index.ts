// Message search capability.
export { MessageSearchService } from './message-search';
