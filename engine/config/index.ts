// Engine configuration: schema, defaults and file loading.
export { configSchema, listenerSchema } from './schema';
export type { EngineConfig, EngineConfigInput, ListenerConfig, DeliveryConfig } from './schema';
export { parseConfig, loadConfigFile } from './load';
export { describeIssues, formatPath } from './describe-issues';
