/**
 * In-process n8n for tests and the demo: workflow JSON as exported from the editor runs through
 * n8n-core's WorkflowExecute with the real expression engine, request helpers and credential
 * pipeline. Node and credential types come from package.json (`n8n.nodes`, `n8n.credentials`),
 * loaded from the TypeScript sources by n8n-core's own package loader.
 *
 * See README.md in this folder.
 */
import 'reflect-metadata';

export { runWorkflow } from './run-workflow';
export { runPoll } from './poll';
export { createPollSession, PollSession } from './poll-session';
export { testCredential } from './credential-test';
export { runListSearch } from './list-search';
export type { ListSearchOptions } from './list-search';
export { defaultPackageDir, loadPackage } from './package-types';
export type { LoadedPackage } from './package-types';
export type * from './types';
export { runWebhook } from './webhook';
export type { WebhookOptions, WebhookRequest, WebhookResult, WebhookHttpResponse } from './webhook';
