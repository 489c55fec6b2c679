// Chaos rules as a delivery destination: the dispatcher asks before sending a job, and the
// rules answer for the recipients they fire on (a reply, a dropped connection, a slow or
// timed-out destination); the relay then reacts as it would to a real server. Settings
// live in the settings table, replaced as a whole.
import type { ChaosPreview, ChaosSettings } from '../api/contract';
import type { Store } from '../store/index';
import type { Clock } from '../shared/clock';
import type { DeliveryJob } from '../queue/index';
import { type ChaosAnswer, answerOf, checkSettings, decide, describeAnswer } from './rules';

const SETTINGS_KEY = 'chaos.settings';
const EMPTY: ChaosSettings = { seed: 1, rules: [] };

export interface ChaosDeps {
  store: Store;
  clock: Clock;
  routeExists(name: string): boolean;
  /** The delivery socket timeout: a slower answer is a timeout. */
  timeoutMs: number;
}

export class ChaosService {
  private settings: ChaosSettings;

  constructor(private readonly deps: ChaosDeps) {
    this.settings = deps.store.settings.get<ChaosSettings>(SETTINGS_KEY) ?? EMPTY;
  }

  get(): ChaosSettings {
    return structuredClone(this.settings);
  }

  async set(settings: ChaosSettings): Promise<ChaosSettings> {
    const checked = checkSettings(settings, this.deps.routeExists);
    await this.deps.store.writer.commit(() => this.deps.store.settings.set(SETTINGS_KEY, checked, this.deps.clock.now()));
    this.settings = structuredClone(checked);
    return this.get();
  }

  preview(key: { sender: string; recipient: string; route?: string; messageId?: string; attempt?: number }): ChaosPreview {
    const rule = decide(this.settings, { route: 'sandbox', messageId: '', attempt: 0, ...key });
    return { ruleId: rule?.id ?? null, outcome: describeAnswer(rule, this.deps.timeoutMs) };
  }

  /** Answers for the recipients rules fire on, after the slowest `slow` rule's delay; empty when none fire. */
  async answer(job: DeliveryJob): Promise<Map<number, ChaosAnswer>> {
    const answers = new Map<number, ChaosAnswer>();
    if (this.settings.rules.length === 0) return answers;
    let waitMs = 0;
    for (const recipient of job.recipients) {
      const rule = decide(this.settings, { messageId: job.messageId, sender: job.mailFrom, recipient: recipient.address, route: job.route, attempt: recipient.attempts });
      if (!rule) continue;
      if (rule.action.kind === 'slow') waitMs = Math.max(waitMs, Math.min(rule.action.delayMs, this.deps.timeoutMs));
      const answer = answerOf(rule, this.deps.timeoutMs);
      if (answer) answers.set(recipient.id, answer);
    }
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    return answers;
  }
}
