// Sending domains: records to publish, verification against DNS, DKIM rotation, and the
// rules for mail from them (MAIL FROM acceptance, return path).
export { DomainService } from './service';
export type { DomainServiceDeps } from './service';
export { DomainVerifier } from './verify';
export { DkimRotation } from './rotation';
export { spfMechanisms, expectedRecords, zoneFile, dkimValue, mtaStsPolicy } from './records';
export type { ExpectedRecord, RecordPlan } from './records';
export { composeDomains } from './compose';
export type { DomainsSetup, DomainsSetupDeps } from './compose';
