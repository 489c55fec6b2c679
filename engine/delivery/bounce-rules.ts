// The ordered bounce rules, most specific first, as zone-mta's bounces.txt orders its lines;
// classify() takes the first rule that matches. Each group lives in its own file.
import type { BounceRule } from './classify-types';
import { blocklistRules } from './bounce-rules-blocklists';
import { senderRules, textRules } from './bounce-rules-generic';
import { providerRules } from './bounce-rules-providers';
import { basicCodeRules, statusClassRules, statusDetailRules } from './bounce-rules-status';
import { acceptedRules, networkRules, sessionRules } from './bounce-rules-transport';

/**
 * Why this order:
 * 1. accepted: a 2xx is final whatever its text says.
 * 2. network: outcomes without a reply never meet a reply rule, so their place is free.
 * 3. blocklists: a named list outranks every code; "550 5.2.1 ... blacklisted" is not a mailbox problem.
 * 4. providers: replies whose codes mislead (Microsoft's 5.4.1 "Access denied" is a missing user).
 * 5. session: 5xx at greeting or EHLO refuses us, not the address; STARTTLS, AUTH, RSET.
 * 6. sender: MAIL FROM rejections, before anything could read them as a bad recipient.
 * 7. status details: codes precise enough to trust over wording (X.2.2, X.7.26, X.1.10).
 * 8. texts: what generic MTAs write.
 * 9. status subjects (RFC 3463 X.1-X.7), then basic codes (RFC 5321 §4.2.1), then catch-all.
 */
export const bounceRules: readonly BounceRule[] = [
  ...acceptedRules,
  ...networkRules,
  ...blocklistRules,
  ...providerRules,
  ...sessionRules,
  ...senderRules,
  ...statusDetailRules,
  ...textRules,
  ...statusClassRules,
  ...basicCodeRules,
];
