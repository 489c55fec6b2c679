// The ordered list of schema migrations. Shipped migrations are never edited:
// a change is a new file, numbered in steps of 10.
import type { WriteDb } from '../database';
import * as createCore from './0010-create-core';
import * as createDelivery from './0020-create-delivery';
import * as consoleIndexes from './0030-console-indexes';
import * as createDomains from './0040-create-domains';
import * as emailApi from './0050-email-api';
import * as webhooksRetentionAnalytics from './0060-webhooks-retention-analytics';
import * as migrationsSandbox from './0070-migrations-sandbox';
import * as retentionCoverage from './0080-retention-coverage';
import * as blocklistAnswers from './0090-blocklist-answers';
import * as queueViews from './0100-queue-views';

export interface Migration {
  version: number;
  name: string;
  up(db: WriteDb): void;
}

export const migrations: readonly Migration[] = [
  { version: 10, name: '0010-create-core', up: createCore.up },
  { version: 20, name: '0020-create-delivery', up: createDelivery.up },
  { version: 30, name: '0030-console-indexes', up: consoleIndexes.up },
  { version: 40, name: '0040-create-domains', up: createDomains.up },
  { version: 50, name: '0050-email-api', up: emailApi.up },
  { version: 60, name: '0060-webhooks-retention-analytics', up: webhooksRetentionAnalytics.up },
  { version: 70, name: '0070-migrations-sandbox', up: migrationsSandbox.up },
  { version: 80, name: '0080-retention-coverage', up: retentionCoverage.up },
  { version: 90, name: '0090-blocklist-answers', up: blocklistAnswers.up },
  { version: 100, name: '0100-queue-views', up: queueViews.up },
];
