// One handler per contract method, assembled from the per-area files; a missing method
// is a compile error.
import type { EngineServices } from './services';
import type { Handlers } from './handlers/types';
import { coreHandlers } from './handlers/core';
import { deliveryHandlers } from './handlers/delivery';
import { policyHandlers } from './handlers/policy';
import { consoleHandlers } from './handlers/console';
import { domainsHandlers } from './handlers/domains';
import { messagingHandlers } from './handlers/messaging';
import { webhookHandlers } from './handlers/webhooks';
import { analyticsHandlers } from './handlers/analytics';
import { migrationHandlers } from './handlers/migration';
import { sandboxHandlers } from './handlers/sandbox';

export type { Handlers } from './handlers/types';

export function createHandlers(services: EngineServices): Handlers {
  return { ...coreHandlers(services), ...consoleHandlers(services), ...deliveryHandlers(services), ...policyHandlers(services), ...domainsHandlers(services), ...messagingHandlers(services), ...webhookHandlers(services), ...analyticsHandlers(services), ...migrationHandlers(services), ...sandboxHandlers(services) };
}
