// main.cf and master.cf of the private bench Postfix: a sensibly tuned loopback peer, not a
// crippled one. Every setting that departs from Postfix's defaults says why.

export interface PostfixLayout {
  /** Parent of everything below; mail_owner must be able to traverse it. */
  rootDir: string;
  queueDir: string;
  dataDir: string;
  logFile: string;
}

export type PostfixMode =
  | { mode: 'ingest' }
  | { mode: 'relay'; relayTo: { host: string; port: number } };

export type PostfixSettings = PostfixMode & {
  port: number;
  smtpdProcessLimit: number;
  deliveryConcurrency: number;
};

export function renderMainCf(layout: PostfixLayout, settings: PostfixSettings): string {
  const common = [
    'compatibility_level = 3.6',
    `queue_directory = ${layout.queueDir}`,
    `data_directory = ${layout.dataDir}`,
    // postlogd writes the log itself, so no syslog is needed (this VM has no /dev/log).
    // Postfix refuses log files outside maillog_file_prefixes (default /var, /dev/stdout).
    `maillog_file = ${layout.logFile}`,
    `maillog_file_prefixes = ${layout.rootDir}`,
    'mail_owner = postfix',
    'setgid_group = postdrop',
    // Fixed names: never derived from (or looked up for) the machine's hostname.
    'myhostname = peer.relaydesk.test',
    'mydomain = relaydesk.test',
    // Nothing is local: no aliases database, no local delivery, every recipient is relayed.
    'mydestination =',
    'local_recipient_maps =',
    'alias_maps =',
    'alias_database =',
    'inet_interfaces = 127.0.0.1',
    'inet_protocols = ipv4',
    'mynetworks = 127.0.0.0/8',
    'smtpd_relay_restrictions = permit_mynetworks, reject',
    // Loopback clients have no PTR worth resolving; Relaydesk skips reverse DNS too.
    'smtpd_peername_lookup = no',
    // Connection count/rate limits already exempt $mynetworks (smtpd_client_event_limit_exceptions).
  ];
  return [...common, ...modeLines(settings)].join('\n') + '\n';
}

function modeLines(settings: PostfixSettings): string[] {
  switch (settings.mode) {
    case 'ingest':
      return [
        // Ingest measures accept + durable queueing only. HOLD makes cleanup write and fsync the
        // queue file exactly as usual, then rename it into hold/, which the queue manager never
        // scans: no delivery attempts, defer logs or retries compete for CPU and disk while the
        // bench runs. (defer_transports would still make qmgr open, defer and move every message;
        // dropping qmgr from master.cf would be a broken install, not a peer.) Cost: one extra
        // "hold:" log line per message.
        'smtpd_data_restrictions = check_client_access static:HOLD',
      ];
    case 'relay':
      return [
        `relayhost = [${settings.relayTo.host}]:${settings.relayTo.port}`,
        // The relay host is an IP literal: no MX or A lookups, so no resolver in the loop.
        'smtp_dns_support_level = disabled',
        // One destination carries all the mail, so its concurrency limit is the delivery
        // parallelism. Postfix's default is 20 (slow start from initial_destination_concurrency
        // = 5); it is set explicitly so the bench can match Relaydesk's outbound parallelism.
        `default_destination_concurrency_limit = ${settings.deliveryConcurrency}`,
        // Default, stated because throughput rests on it: with a backlog, delivery agents hand
        // open connections to each other through scache instead of reconnecting per message.
        'smtp_connection_cache_on_demand = yes',
        // in_flow_delay stays at its 1s default: when delivery falls behind, Postfix slows the
        // senders. That back-pressure is part of what an end-to-end figure should include.
        // A bench floods one destination on purpose; without this, qmgr logs a block of
        // "is using up 4001 of 4001 active queue entries" advice that hides real warnings.
        // It only silences the log: scheduling is unchanged.
        'qmgr_clog_warn_time = 0',
      ];
    default:
      return assertNever(settings);
  }
}

export function renderMasterCf(settings: PostfixSettings): string {
  // Columns: service type private unpriv chroot wakeup maxproc command. chroot is "n"
  // everywhere: Debian's chroot needs copies of /etc files inside the queue directory and
  // changes nothing about throughput. Only the services this peer uses are listed.
  return [
    // maxproc must cover the bench's concurrent sessions, or extra connections wait in the
    // listen queue and ingest is under-measured.
    `127.0.0.1:${settings.port} inet n - n - ${settings.smtpdProcessLimit} smtpd`,
    'cleanup   unix n - n - 0 cleanup',
    'qmgr      unix n - n 300 1 qmgr',
    'rewrite   unix - - n - - trivial-rewrite',
    'bounce    unix - - n - 0 bounce',
    'defer     unix - - n - 0 bounce',
    'trace     unix - - n - 0 bounce',
    'flush     unix n - n 1000? 0 flush',
    // maxproc "-" is default_process_limit (100), above any sensible deliveryConcurrency.
    'smtp      unix - - n - - smtp',
    'error     unix - - n - - error',
    'retry     unix - - n - - error',
    'anvil     unix - - n - 1 anvil',
    'scache    unix - - n - 1 scache',
    'postlog   unix-dgram n - n - 1 postlogd',
  ].join('\n') + '\n';
}

function assertNever(value: never): never {
  throw new Error(`unexpected Postfix mode: ${JSON.stringify(value)}`);
}
