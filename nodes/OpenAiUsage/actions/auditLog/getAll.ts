import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { parseTimeInput, toList } from '../../../usage/validate';
import { listProperties, pageSize, readLimit } from '../../../shared/list';
import { ENTRY_SHAPES, takeChecked } from '../../shared/checkedList';
import { toParameterError } from '../../../shared/usageParameters';
import type { ItemOperation } from '../types';

/** Event types of the audit log (OpenAPI spec AuditLogEventType, organization scope). */
const EVENT_TYPES = [
	'api_key.created', 'api_key.deleted', 'api_key.updated', 'certificate.created', 'certificate.deleted',
	'certificate.updated', 'certificates.activated', 'certificates.deactivated', 'checkpoint.permission.created',
	'checkpoint.permission.deleted', 'external_key.registered', 'external_key.removed', 'group.created', 'group.deleted',
	'group.updated', 'invite.accepted', 'invite.deleted', 'invite.sent', 'ip_allowlist.config.activated',
	'ip_allowlist.config.deactivated', 'ip_allowlist.created', 'ip_allowlist.deleted', 'ip_allowlist.updated',
	'login.failed', 'login.succeeded', 'logout.failed', 'logout.succeeded', 'organization.updated', 'project.archived',
	'project.created', 'project.deleted', 'project.updated', 'rate_limit.deleted', 'rate_limit.updated',
	'resource.deleted', 'role.assignment.created', 'role.assignment.deleted', 'role.created', 'role.deleted',
	'role.updated', 'scim.disabled', 'scim.enabled', 'service_account.created', 'service_account.deleted',
	'service_account.updated', 'tunnel.created', 'tunnel.deleted', 'tunnel.updated', 'user.added', 'user.deleted',
	'user.updated',
];

interface AuditFilters {
	effectiveAfter?: string;
	effectiveAtOrAfter?: string;
	effectiveBefore?: string;
	effectiveAtOrBefore?: string;
	projectIds?: string;
	eventTypes?: string[];
	actorIds?: string;
	actorEmails?: string;
	resourceIds?: string;
	tenantOnly?: boolean;
}

const TIME_FILTERS: ReadonlyArray<[keyof AuditFilters, 'gt' | 'gte' | 'lt' | 'lte', string]> = [
	['effectiveAfter', 'gt', 'Effective After'],
	['effectiveAtOrAfter', 'gte', 'Effective At or After'],
	['effectiveBefore', 'lt', 'Effective Before'],
	['effectiveAtOrBefore', 'lte', 'Effective At or Before'],
];

export const getAllAuditLogs: ItemOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many audit log events',
	description: 'List audit log events, newest first (audit logging must be activated for the organization)',
	properties: [
		...listProperties(),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Actor Emails',
					name: 'actorEmails',
					type: 'string',
					default: '',
					description: 'Only events done by users with these emails, separated by commas',
				},
				{
					displayName: 'Actor IDs',
					name: 'actorIds',
					type: 'string',
					default: '',
					description: 'Only events done by these users, service accounts or API keys, separated by commas',
				},
				{ displayName: 'Effective After', name: 'effectiveAfter', type: 'dateTime', default: '', description: 'Only events after this time (UTC)' },
				{ displayName: 'Effective At or After', name: 'effectiveAtOrAfter', type: 'dateTime', default: '', description: 'Only events at or after this time (UTC)' },
				{ displayName: 'Effective At or Before', name: 'effectiveAtOrBefore', type: 'dateTime', default: '', description: 'Only events at or before this time (UTC)' },
				{ displayName: 'Effective Before', name: 'effectiveBefore', type: 'dateTime', default: '', description: 'Only events before this time (UTC)' },
				{
					displayName: 'Event Types',
					name: 'eventTypes',
					type: 'multiOptions',
					options: [...EVENT_TYPES].sort().map((type) => ({ name: type, value: type })),
					default: [],
					description: 'Only events of these types',
				},
				{
					displayName: 'Project IDs',
					name: 'projectIds',
					type: 'string',
					default: '',
					description: 'Only events of these projects, separated by commas',
				},
				{
					displayName: 'Resource IDs',
					name: 'resourceIds',
					type: 'string',
					default: '',
					description: 'Only events done to these objects (e.g. a project ID), separated by commas',
				},
				{
					displayName: 'Tenant Only',
					name: 'tenantOnly',
					type: 'boolean',
					default: false,
					description: 'Whether to return only tenant-scoped events',
				},
			],
		},
	],
	async execute({ n8n, transport, itemIndex }) {
		const limit = readLimit(n8n, itemIndex);
		const filters = n8n.getNodeParameter('filters', itemIndex, {}) as AuditFilters;
		const effectiveAt: Record<string, number> = {};
		try {
			for (const [field, bound, label] of TIME_FILTERS) {
				const seconds = parseTimeInput(filters[field], label);
				if (seconds !== null) effectiveAt[bound] = seconds;
			}
		} catch (error) {
			throw toParameterError(n8n.getNode(), error, itemIndex);
		}
		const lists = {
			project_ids: toList(filters.projectIds),
			event_types: toList(filters.eventTypes),
			actor_ids: toList(filters.actorIds),
			actor_emails: toList(filters.actorEmails),
			resource_ids: toList(filters.resourceIds),
		};
		const query = {
			limit: pageSize(limit),
			...(Object.keys(effectiveAt).length > 0 ? { effective_at: effectiveAt } : {}),
			...Object.fromEntries(Object.entries(lists).filter(([, values]) => values.length > 0)),
			...(filters.tenantOnly ? { tenant_only: true } : {}),
		};
		const events = await takeChecked(
			transport.client.admin.organization.auditLogs.list(query as never),
			limit,
			'GET /organization/audit_logs',
			ENTRY_SHAPES.auditLogEvent,
		);
		return toItems(events.map((event) => ({ ...event }) as IDataObject));
	},
};
