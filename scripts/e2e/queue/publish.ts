import type { N8nRest } from '../n8nRest';

/** Publishes a workflow as the editor does (POST /rest/workflows/:id/activate with its current version). */
export async function publish(rest: N8nRest, workflowId: string): Promise<void> {
	const workflow = await rest.get<{ versionId: string }>(`/workflows/${workflowId}`);
	await rest.post(`/workflows/${workflowId}/activate`, { versionId: workflow.versionId });
}
