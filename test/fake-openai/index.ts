/**
 * A fake OpenAI API server for tests, demos and benchmarks.
 *
 *   const fake = await startFakeOpenAi({ latencyMs: 20 });
 *   await fetch(`${fake.url}/models`, { headers: { authorization: `Bearer ${FAKE_KEYS.project}` } });
 *   await fake.stop();
 */
export { FakeOpenAi, startFakeOpenAi } from './server';
export type { FakeOpenAiOptions } from './server';
export { FAKE_KEYS, ADMIN_SCOPES, KeyRegistry } from './keys';
export type { KeyRecord, KeyKind, ApiKeyOptions, AdminKeyOptions } from './keys';
export { FakeClock } from './clock';
export type { Clock } from './clock';
export type { FaultSpec, FaultMatch, StatusFault, ResetFault, StallFault, RateLimitFault } from './faults';
export type { RateLimitConfig } from './rateLimit';
export type { LatencySetting } from './latency';
export type { RequestLogEntry, LoggingOptions } from './requestLog';
export type { AreaContext, AreaFactory, FakeArea, FakeRequest, FakeResponse, RouteDefinition, HttpMethod } from './area';
export type { RouteAuth } from './auth';
export type { ParsedQuery } from './query';
export { ApiError, maskApiKey } from './errors';
export type { OpenAiErrorBody } from './errors';
export { readQueryParams } from './params';
export type { ParamSpec } from './params';
export { FAKE_ORG_ID, createSyntheticOrg } from './areas/admin/syntheticOrg';
export type { SyntheticOrg, CostRecord } from './areas/admin/syntheticOrg';
export { spendLimitOf } from './areas/admin/spendControls';
export { joinOrganization } from './areas/admin/organizationUsers';
export { issueAdminKey } from './areas/admin/adminKeys';
export { BASE_MODEL_IDS, FINE_TUNED_MODEL_IDS } from './areas/modelCatalogue';
export { formatDuration } from './duration';
