import { createResourceRegistry } from '../../shared/resourceRegistry';
import { adminApiKeyResource } from './adminApiKey';
import { auditLogResource } from './auditLog';
import { costResource } from './cost';
import { inviteResource } from './invite';
import { projectResource } from './project';
import { projectApiKeyResource } from './projectApiKey';
import { projectRateLimitResource } from './projectRateLimit';
import { projectUserResource } from './projectUser';
import { serviceAccountResource } from './serviceAccount';
import { spendAlertResource } from './spendAlert';
import { spendLimitResource } from './spendLimit';
import type { Resource } from './types';
import { usageResource } from './usage';
import { userResource } from './user';

/** Every resource of the OpenAI Usage node, alphabetical by name. */
export const resources: Resource[] = [
	adminApiKeyResource,
	auditLogResource,
	costResource,
	inviteResource,
	projectResource,
	projectApiKeyResource,
	projectRateLimitResource,
	projectUserResource,
	serviceAccountResource,
	spendAlertResource,
	spendLimitResource,
	usageResource,
	userResource,
];

/** The resource and operation pickers, and the lookup `execute()` uses. */
export const { findOperation, describeResources } = createResourceRegistry(resources, 'usage');
