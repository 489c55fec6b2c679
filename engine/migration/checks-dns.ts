// The checklist's DNS steps, checked live through the engine's resolvers: SPF with both
// senders under the lookup limit, Relaydesk's DKIM, DMARC and return path (judged by the
// domains capability), and the old provider's records gone at the end.
import type { DnsRecordCheck } from '../api/contract';
import { isNoRecords, txtRecords } from '../dns/index';
import { type CheckContext, type StepResult, perDomain } from './check-context';
import { concreteName, oldDkimNames } from './dns-plan';
import { MAX_SPF_LOOKUPS, includesIn, parseSpf } from './spf';

export function checkSpf(context: CheckContext): Promise<StepResult> {
  return perDomain(context, async (domain) => {
    const plan = await context.spf(domain);
    if (!plan.current) return { status: 'failed', detail: `${domain} publishes no single SPF record; publish "${plan.during}".` };
    const terms = parseSpf(plan.current)!.map((term) => term.toLowerCase());
    const missing = context.deps.relaySpf().filter((mechanism) => !terms.includes(mechanism.toLowerCase()));
    if (missing.length) return { status: 'failed', detail: `The SPF record of ${domain} lacks ${missing.join(' ')}; publish "${plan.during}".` };
    if (plan.currentLookups === null) return { status: 'pending', detail: `DNS did not answer for an include of ${domain}'s SPF record; try again.` };
    if (plan.currentLookups > MAX_SPF_LOOKUPS) {
      return { status: 'failed', detail: `The SPF record of ${domain} needs ${plan.currentLookups} DNS lookups; receivers stop at ${MAX_SPF_LOOKUPS} (RFC 7208 §4.6.4).` };
    }
    const keeps = includesIn(terms, context.playbook.spfIncludes).length > 0 || context.isFinished;
    const note = keeps ? '' : ` It no longer includes ${context.playbook.spfIncludes[0] ?? 'the provider'}; mail still leaving through ${context.playbook.name} may fail SPF until the cutover.`;
    return { status: 'done', detail: `${domain}: SPF authorizes Relaydesk with ${plan.currentLookups} of ${MAX_SPF_LOOKUPS} lookups.${note}` };
  });
}

/** A step judged from the domain's records of some purposes, as the domains capability checked them now. */
function recordsStep(context: CheckContext, what: string, pick: (record: DnsRecordCheck) => boolean, skip?: (domain: string, returnPath: string | null) => string | null): Promise<StepResult> {
  return perDomain(context, async (domain) => {
    const view = await context.domainView(domain);
    if (!view) return { status: 'failed', detail: `${domain} is not a sending domain of this relay yet (domains.add).` };
    const skipped = skip?.(domain, view.returnPathDomain);
    if (skipped) return { status: 'skipped', detail: skipped };
    const records = view.records.filter(pick);
    const bad = records.filter((record) => record.status !== 'ok');
    if (records.length === 0) return { status: 'pending', detail: `${domain} has no ${what} record to publish yet.` };
    if (bad.length) {
      const status = bad.every((record) => record.status === 'error') ? 'pending' : 'failed';
      return { status, detail: bad.map((record) => record.problems.join(' ') || `${record.name}: ${record.status}; publish ${record.type} "${record.value}".`).join(' ') };
    }
    const warnings = records.flatMap((record) => record.warnings);
    return { status: 'done', detail: `${domain}: ${what} published (${records.map((r) => r.name).join(', ')}).${warnings.length ? ` ${warnings.join(' ')}` : ''}` };
  });
}

export const checkDkim = (context: CheckContext) => recordsStep(context, 'DKIM', (r) => r.purpose === 'dkim' && r.dkim?.action === 'publish');
export const checkDmarc = (context: CheckContext) => recordsStep(context, 'DMARC', (r) => r.purpose === 'dmarc');
export const checkReturnPath = (context: CheckContext) => recordsStep(context, 'return-path', (r) => r.purpose.startsWith('return-path'),
  (domain, returnPath) => (returnPath ? null : `${domain} uses no return-path domain: bounces go to the sender's address (set one with domains.update to receive them here).`));

/** Whether DNS serves anything (CNAME or TXT) at `name`; a failed lookup throws. */
async function isPublished(context: CheckContext, name: string): Promise<boolean> {
  try {
    await context.deps.lookup(name, 'CNAME');
    return true;
  } catch (error) {
    if (!isNoRecords(error)) throw error;
  }
  return (await txtRecords(context.deps.lookup, name)).length > 0;
}

export function checkCleanup(context: CheckContext): Promise<StepResult> {
  const { playbook, migration } = context;
  return perDomain(context, async (domain) => {
    if (!context.isFinished) return { status: 'pending', detail: `Not before the cutover: mail through ${playbook.name} still needs its records.` };
    const plan = await context.spf(domain);
    const left: string[] = [];
    const spfIncludes = plan.current ? includesIn(parseSpf(plan.current)!, playbook.spfIncludes) : [];
    if (spfIncludes.length) left.push(`SPF still includes ${spfIncludes.join(', ')} (publish "${plan.after}")`);
    const cnames = playbook.records.filter((r) => r.type === 'CNAME' && r.purpose !== 'dkim').map((r) => concreteName(r.name, domain)).filter((n): n is string => n !== null);
    for (const name of [...oldDkimNames(playbook, domain, migration.settings.oldDkimSelectors), ...cnames]) {
      if (await isPublished(context, name)) left.push(`${name} is still published`);
    }
    const unknown = playbook.hasAccountSelectors && migration.settings.oldDkimSelectors.length === 0
      ? ` ${playbook.name}'s DKIM selectors are account-specific and none were given, so only the fixed names were checked.` : '';
    if (left.length) return { status: 'failed', detail: `${domain}: ${left.join('; ')}.${unknown}` };
    return { status: 'done', detail: `${domain}: ${playbook.name}'s SPF include and records are gone.${unknown}` };
  });
}
