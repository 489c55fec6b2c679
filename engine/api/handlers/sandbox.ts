// Handlers of sandbox inboxes and inspection, chaos rules, test sends and snippets.
import type { EngineServices } from '../services';
import type { HandlersOf } from './types';

const DEFAULT_PAGE = 50;

export function sandboxHandlers({ sandbox, chaos, onboarding }: EngineServices): HandlersOf<`sandbox.${string}` | `chaos.${string}` | 'snippets.list'> {
  return {
    'sandbox.inboxes': async () => sandbox.list(),
    'sandbox.messages': async ({ limit = DEFAULT_PAGE, cursor, ...filter }) => sandbox.messages(filter, cursor, limit),
    'sandbox.inspect': ({ id, checkLinks }) => sandbox.inspect(id, { checkLinks: checkLinks ?? false }),
    'sandbox.sendTest': (input) => onboarding.sendTest(input),
    'chaos.get': async () => chaos.get(),
    'chaos.set': (settings) => chaos.set(settings),
    'chaos.preview': async (key) => chaos.preview(key),
    'snippets.list': async (input) => onboarding.snippets(input),
  };
}
