import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { SPEND_SHAPES, type SpendAnswer, levelProperties, readLevel, spendOutput } from '../../shared/spend';
import type { ItemOperation } from '../types';
import { alertIdProperty, readAlertId } from './alertBody';

export const getSpendAlert: ItemOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a spend alert',
	description: 'Read one spend alert of the organization or a project: threshold (in dollars as text) and recipients',
	properties: [...levelProperties(), alertIdProperty()],
	async execute({ n8n, transport, itemIndex }) {
		const where = readLevel(n8n, itemIndex);
		const id = readAlertId(n8n, itemIndex);
		const organization = transport.client.admin.organization;
		const call = where.level === 'project' ? organization.projects.spendAlerts.retrieve(id, { project_id: where.projectId }) : organization.spendAlerts.retrieve(id);
		const alert = await checkedCall<SpendAnswer>(call, SPEND_SHAPES.alert, 'a spend alert');
		return toItems(spendOutput(alert, where));
	},
};
