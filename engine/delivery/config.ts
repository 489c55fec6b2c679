// The delivery section of the engine configuration.
export type { DeliveryConfig } from '../config/index';
