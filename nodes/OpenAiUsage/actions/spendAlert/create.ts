import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { SPEND_SHAPES, type SpendAnswer, levelProperties, readLevel, spendOutput } from '../../shared/spend';
import { WRITE_SCOPE_NOTE, WRITES } from '../../shared/writes';
import type { ItemOperation } from '../types';
import { alertBodyProperties, readAlertBody } from './alertBody';

export const createSpendAlert: ItemOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a spend alert',
	description: `${WRITES} creates an email alert for when the month's spend of the organization or a project reaches a threshold — ${WRITE_SCOPE_NOTE}`,
	properties: [...levelProperties(), ...alertBodyProperties()],
	async execute({ n8n, transport, itemIndex }) {
		const where = readLevel(n8n, itemIndex);
		const body = readAlertBody(n8n, itemIndex);
		const spendAlerts = transport.client.admin.organization;
		const call = where.level === 'project' ? spendAlerts.projects.spendAlerts.create(where.projectId, body) : spendAlerts.spendAlerts.create(body);
		const alert = await checkedCall<SpendAnswer>(call, SPEND_SHAPES.alert, 'a spend alert');
		return toItems(spendOutput(alert, where));
	},
};
