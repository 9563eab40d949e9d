import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, pageSize, readLimit, take } from '../../../shared/list';
import { SPEND_SHAPES, type SpendAnswer, levelProperties, readLevel, spendOutput } from '../../shared/spend';
import type { ItemOperation } from '../types';

export const getAllSpendAlerts: ItemOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many spend alerts',
	description: 'List the spend alerts of the organization or a project, oldest first',
	properties: [...levelProperties(), ...listProperties()],
	async execute({ n8n, transport, itemIndex }) {
		const where = readLevel(n8n, itemIndex);
		const limit = readLimit(n8n, itemIndex);
		const organization = transport.client.admin.organization;
		const query = { limit: pageSize(limit) };
		const entry = { entry: SPEND_SHAPES.alert };
		const alerts: SpendAnswer[] =
			where.level === 'project'
				? await take(organization.projects.spendAlerts.list(where.projectId, query), limit, 'GET /organization/projects/{project_id}/spend_alerts', entry)
				: await take(organization.spendAlerts.list(query), limit, 'GET /organization/spend_alerts', entry);
		return toItems(alerts.map((alert) => spendOutput(alert, where) as IDataObject));
	},
};
