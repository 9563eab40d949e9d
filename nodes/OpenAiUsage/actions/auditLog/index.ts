import type { Resource } from '../types';
import { getAllAuditLogs } from './getAll';

export const auditLogResource: Resource = {
	value: 'auditLog',
	name: 'Audit Log',
	description: 'Who did what in the organization, newest first',
	operations: [getAllAuditLogs],
	defaultOperation: getAllAuditLogs.value,
};
