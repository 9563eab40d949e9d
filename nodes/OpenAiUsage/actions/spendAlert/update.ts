import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { SPEND_SHAPES, type SpendAnswer, levelProperties, readLevel, spendOutput } from '../../shared/spend';
import { WRITE_SCOPE_NOTE, WRITES } from '../../shared/writes';
import type { ItemOperation } from '../types';
import { alertBodyProperties, alertIdProperty, readAlertBody, readAlertId } from './alertBody';

export const updateSpendAlert: ItemOperation = {
	value: 'update',
	name: 'Update',
	action: 'Update a spend alert',
	description: `${WRITES} replaces a spend alert's threshold, recipients and subject prefix (all of them, as the API replaces the whole alert) — ${WRITE_SCOPE_NOTE}`,
	properties: [...levelProperties(), alertIdProperty(), ...alertBodyProperties()],
	async execute({ n8n, transport, itemIndex }) {
		const where = readLevel(n8n, itemIndex);
		const id = readAlertId(n8n, itemIndex);
		const body = readAlertBody(n8n, itemIndex);
		const organization = transport.client.admin.organization;
		const call =
			where.level === 'project'
				? organization.projects.spendAlerts.update(id, { project_id: where.projectId, ...body })
				: organization.spendAlerts.update(id, body);
		const alert = await checkedCall<SpendAnswer>(call, SPEND_SHAPES.alert, 'a spend alert');
		return toItems(spendOutput(alert, where));
	},
};
