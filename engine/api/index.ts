// The contract's runtime: handlers, topics, the frame server and client.
export { createHandlers } from './handlers';
export type { Handlers } from './handlers';
export { createTopicSources } from './topics';
export { ApiServer, ApiConnection } from './server';
export type { FramePort, CallResult } from './server';
export { FrameClient, ApiCallError } from './frame-client';
export { methodSpecs, topicSpecs, isMethodName } from './schemas';
export type * from './contract';
export type { ClientFrame, ServerFrame } from './protocol';
