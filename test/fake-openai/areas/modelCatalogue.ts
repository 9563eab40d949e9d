import { FAKE_ORG_ID } from './admin/syntheticOrg';

/** The model catalogue the fake lists: OpenAI base models plus the org's fine-tuned models. */
export interface ModelObject {
	id: string;
	object: 'model';
	/** Unix seconds */
	created: number;
	owned_by: string;
	shutdown_date: string | null;
}

type CatalogueEntry = [id: string, created: number, ownedBy: string];

const BASE_MODELS: readonly CatalogueEntry[] = [
	['gpt-4o', 1715367049, 'system'],
	['gpt-4o-2024-08-06', 1722814719, 'system'],
	['gpt-4o-mini', 1721172741, 'system'],
	['gpt-4o-mini-2024-07-18', 1721172717, 'system'],
	['gpt-4.1', 1744316542, 'system'],
	['gpt-4.1-2025-04-14', 1744315746, 'system'],
	['gpt-4.1-mini', 1744318173, 'system'],
	['gpt-4.1-mini-2025-04-14', 1744317547, 'system'],
	['gpt-5', 1754425777, 'system'],
	['gpt-5-2025-08-07', 1754425867, 'system'],
	['o3', 1744225308, 'system'],
	['o4-mini', 1744225351, 'system'],
	['gpt-3.5-turbo', 1677610602, 'openai'],
	['gpt-3.5-turbo-instruct', 1692901427, 'system'],
	['davinci-002', 1692634301, 'system'],
	['babbage-002', 1692634615, 'system'],
	['text-embedding-3-small', 1705948997, 'system'],
	['text-embedding-3-large', 1705953180, 'system'],
	['text-embedding-ada-002', 1671217299, 'openai-internal'],
	['omni-moderation-latest', 1731689265, 'system'],
	['omni-moderation-2024-09-26', 1732734466, 'system'],
	['whisper-1', 1677532384, 'openai-internal'],
	['gpt-4o-transcribe', 1742068463, 'system'],
	['gpt-4o-mini-transcribe', 1742068596, 'system'],
	['tts-1', 1681940951, 'openai-internal'],
	['tts-1-hd', 1699046015, 'system'],
	['gpt-4o-mini-tts', 1742403959, 'system'],
	['dall-e-2', 1698798177, 'system'],
	['dall-e-3', 1698785189, 'system'],
	['gpt-image-1', 1745517030, 'system'],
];

const FINE_TUNED_MODELS: readonly CatalogueEntry[] = [
	['ft:gpt-4o-mini-2024-07-18:fake-org::AbC123de', 1727789012, FAKE_ORG_ID],
	['ft:gpt-4o-2024-08-06:fake-org:support-bot:BcD234ef', 1733153745, FAKE_ORG_ID],
	['ft:gpt-4.1-mini-2025-04-14:fake-org:classifier:CdE345fg', 1747301130, FAKE_ORG_ID],
	['ft:gpt-4.1-mini-2025-04-14:fake-org:classifier:CdE345fg:ckpt-step-120', 1747300871, FAKE_ORG_ID],
];

function toModel([id, created, ownedBy]: CatalogueEntry): ModelObject {
	return { id, object: 'model', created, owned_by: ownedBy, shutdown_date: null };
}

export const BASE_MODEL_IDS: readonly string[] = BASE_MODELS.map(([id]) => id);
export const FINE_TUNED_MODEL_IDS: readonly string[] = FINE_TUNED_MODELS.map(([id]) => id);

/** A fresh copy of the catalogue (areas mutate their copy). */
export function modelCatalogue(): ModelObject[] {
	return [...BASE_MODELS, ...FINE_TUNED_MODELS].map(toModel);
}

export function isOrgFineTune(model: ModelObject, organizationId: string): boolean {
	return model.id.startsWith('ft:') && model.owned_by === organizationId;
}
