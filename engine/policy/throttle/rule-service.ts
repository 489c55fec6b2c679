// Throttle rules the operator edits: stored, merged over the shipped ones, pushed to the controller.
import type { EffectiveThrottle, ThrottleRuleInput, ThrottleRuleView } from '../../api/contract';
import type { Store } from '../../store/index';
import type { Clock } from '../../shared/clock';
import { ValidationError } from '../../shared/errors';
import { isValidDomain, normalizeDomain } from '../../shared/domains';
import type { ThrottleController } from './controller';
import { mergeRules } from './rules';

export class ThrottleRuleService {
  constructor(private readonly store: Store, private readonly controller: ThrottleController, private readonly clock: Clock) {
    controller.setRules(this.rules());
  }

  rules(): ThrottleRuleView[] {
    return mergeRules(this.store.throttleRules.list());
  }

  effective(): EffectiveThrottle[] {
    return this.controller.list();
  }

  async set(input: ThrottleRuleInput): Promise<ThrottleRuleView> {
    const rule = { ...input, match: normalizeMatch(input) };
    await this.store.writer.commit(() => this.store.throttleRules.save(rule, this.clock.now()));
    this.controller.setRules(this.rules());
    return { ...rule, isShipped: false };
  }

  async remove(scope: ThrottleRuleView['scope'], match: string): Promise<boolean> {
    const removed = await this.store.writer.commit(() => this.store.throttleRules.remove(scope, match));
    this.controller.setRules(this.rules());
    return removed;
  }
}

function normalizeMatch(input: ThrottleRuleInput): string {
  switch (input.scope) {
    case 'default':
      if (input.match !== '') throw new ValidationError('The default rule has an empty match.', { field: 'match' });
      return '';
    case 'provider': {
      // A provider is matched by MX host suffix, written with its leading dot (.google.com).
      const suffix = `.${input.match.replace(/^\.+/, '').toLowerCase()}`;
      if (!isValidDomain(suffix.slice(1))) throw new ValidationError(`"${input.match}" is not an MX host suffix such as .google.com.`, { field: 'match' });
      return suffix;
    }
    case 'domain':
      if (!isValidDomain(input.match)) throw new ValidationError(`"${input.match}" is not a domain.`, { field: 'match' });
      return normalizeDomain(input.match);
  }
}
