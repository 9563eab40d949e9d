import type { AreaFactory } from '../area';
import { insufficientPermissions, modelNotFound } from '../errors';
import { isOrgFineTune, modelCatalogue, type ModelObject } from './modelCatalogue';

/**
 * GET /v1/models, GET /v1/models/{model}, DELETE /v1/models/{model}.
 * Only the org's fine-tuned models can be deleted; base models give 403.
 */
export const modelsArea: AreaFactory = ({ org }) => {
	let models = new Map<string, ModelObject>();
	const reset = (): void => {
		models = new Map(modelCatalogue().map((model) => [model.id, model]));
	};
	reset();
	const find = (id: string): ModelObject => {
		const model = models.get(id);
		if (!model) throw modelNotFound(id);
		return model;
	};

	return {
		name: 'models',
		reset,
		routes: [
			{
				method: 'GET',
				path: '/v1/models',
				auth: { kind: 'api' },
				handle: () => ({ body: { object: 'list', data: [...models.values()] } }),
			},
			{
				method: 'GET',
				path: '/v1/models/{model}',
				auth: { kind: 'api' },
				handle: ({ params }) => ({ body: find(params.model) }),
			},
			{
				method: 'DELETE',
				path: '/v1/models/{model}',
				auth: { kind: 'api' },
				handle: ({ params }) => {
					const model = find(params.model);
					if (!isOrgFineTune(model, org.id)) throw insufficientPermissions();
					models.delete(model.id);
					return { body: { id: model.id, object: 'model', deleted: true } };
				},
			},
		],
	};
};
