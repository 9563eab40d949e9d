import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Tool } from 'openai/resources/responses/responses';

import { inputError } from '../shared/errors';
import { oneOf, splitNames } from '../shared/values';

/** Built-in tools: the code interpreter (a container of OpenAI's) and image generation. */
export const codeInterpreterOptions: INodeProperties[] = [
	{
		displayName: 'Code Interpreter',
		name: 'codeInterpreter',
		type: 'boolean',
		default: true,
		description: 'Whether the model may write and run Python in a sandbox (calls come back under "tool_calls")',
	},
	{
		displayName: 'Code Interpreter Container ID',
		name: 'codeInterpreterContainerId',
		type: 'string',
		default: '',
		placeholder: 'e.g. cntr_68a1b2c3d4',
		description: 'With Code Interpreter: run in this existing container (cntr_…). Empty: OpenAI makes a new one for the request.',
	},
	{
		displayName: 'Code Interpreter File IDs',
		name: 'codeInterpreterFileIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. file-abc123, file-def456',
		description: 'With Code Interpreter and a new container: uploaded files (File → Upload) to put in it, separated by commas',
	},
	{
		displayName: 'Code Interpreter Memory Limit',
		name: 'codeInterpreterMemoryLimit',
		type: 'options',
		options: [
			{ name: '1 GB', value: '1g' },
			{ name: '4 GB', value: '4g' },
			{ name: '16 GB', value: '16g' },
			{ name: '64 GB', value: '64g' },
		],
		default: '1g',
		description: 'With Code Interpreter and a new container: its memory (larger costs more)',
	},
];

export const imageGenerationOptions: INodeProperties[] = [
	{
		displayName: 'Image Generation',
		name: 'imageGeneration',
		type: 'boolean',
		default: true,
		description: 'Whether the model may generate images; with Simplify Output they come back as binary files (image, image_2, …)',
	},
	{
		displayName: 'Image Generation Background',
		name: 'imageGenerationBackground',
		type: 'options',
		options: [
			{ name: 'Auto', value: 'auto' },
			{ name: 'Opaque', value: 'opaque' },
			{ name: 'Transparent', value: 'transparent', description: 'PNG or WebP only' },
		],
		default: 'auto',
		description: 'With Image Generation: the background of the images',
	},
	{
		displayName: 'Image Generation Format',
		name: 'imageGenerationFormat',
		type: 'options',
		options: [
			{ name: 'JPEG', value: 'jpeg' },
			{ name: 'PNG', value: 'png' },
			{ name: 'WebP', value: 'webp' },
		],
		default: 'png',
		description: 'With Image Generation: the file format of the images',
	},
	{
		displayName: 'Image Generation Quality',
		name: 'imageGenerationQuality',
		type: 'options',
		options: [
			{ name: 'Auto', value: 'auto' },
			{ name: 'High', value: 'high' },
			{ name: 'Low', value: 'low' },
			{ name: 'Medium', value: 'medium' },
		],
		default: 'auto',
		description: 'With Image Generation: the quality (higher costs more)',
	},
	{
		displayName: 'Image Generation Size',
		name: 'imageGenerationSize',
		type: 'options',
		options: [
			{ name: 'Auto', value: 'auto' },
			{ name: 'Landscape (1536x1024)', value: '1536x1024' },
			{ name: 'Portrait (1024x1536)', value: '1024x1536' },
			{ name: 'Square (1024x1024)', value: '1024x1024' },
		],
		default: 'auto',
		description: 'With Image Generation: the size of the images',
	},
];

const MEMORY_LIMITS = ['1g', '4g', '16g', '64g'];

/** The code interpreter tool of one item's Built-in Tools, or undefined; its options without it are errors. */
export function readCodeInterpreter(n8n: IExecuteFunctions, itemIndex: number, options: IDataObject): Tool | undefined {
	const on = options.codeInterpreter === true;
	const containerId = typeof options.codeInterpreterContainerId === 'string' ? options.codeInterpreterContainerId.trim() : '';
	const fileIds = splitNames(String(options.codeInterpreterFileIds ?? ''));
	const memory = oneOf(n8n, itemIndex, options.codeInterpreterMemoryLimit, 'Code Interpreter Memory Limit', MEMORY_LIMITS);
	const added = [
		containerId ? 'Code Interpreter Container ID' : '',
		fileIds.length > 0 ? 'Code Interpreter File IDs' : '',
		memory ? 'Code Interpreter Memory Limit' : '',
	].filter(Boolean);
	if (!on) {
		if (added.length > 0) throw needsTool(n8n, itemIndex, added[0], 'Code Interpreter');
		return undefined;
	}
	if (containerId) {
		if (!/^cntr_[\w-]+$/.test(containerId)) {
			throw inputError(n8n, itemIndex, `The "Code Interpreter Container ID" option "${containerId.slice(0, 40)}" is not a container ID`, 'Enter the ID of a container (cntr_…), or leave it empty so OpenAI makes one.');
		}
		if (fileIds.length > 0 || memory) {
			throw inputError(
				n8n,
				itemIndex,
				`The "${fileIds.length > 0 ? 'Code Interpreter File IDs' : 'Code Interpreter Memory Limit'}" option only applies to a new container, not with "Code Interpreter Container ID"`,
				'Remove the container ID to let OpenAI make a container with these settings, or remove the settings to use the existing container.',
			);
		}
		return { type: 'code_interpreter', container: containerId };
	}
	return {
		type: 'code_interpreter',
		container: { type: 'auto', ...(fileIds.length > 0 ? { file_ids: fileIds } : {}), ...(memory ? { memory_limit: memory as '1g' } : {}) },
	};
}

/** The image generation tool of one item's Built-in Tools, or undefined; its options without it are errors. */
export function readImageGeneration(n8n: IExecuteFunctions, itemIndex: number, options: IDataObject): Tool | undefined {
	const on = options.imageGeneration === true;
	const background = oneOf(n8n, itemIndex, options.imageGenerationBackground, 'Image Generation Background', ['auto', 'opaque', 'transparent']);
	const format = oneOf(n8n, itemIndex, options.imageGenerationFormat, 'Image Generation Format', ['png', 'jpeg', 'webp']);
	const quality = oneOf(n8n, itemIndex, options.imageGenerationQuality, 'Image Generation Quality', ['auto', 'low', 'medium', 'high']);
	const size = oneOf(n8n, itemIndex, options.imageGenerationSize, 'Image Generation Size', ['auto', '1024x1024', '1024x1536', '1536x1024']);
	const added = [
		background ? 'Image Generation Background' : '',
		format ? 'Image Generation Format' : '',
		quality ? 'Image Generation Quality' : '',
		size ? 'Image Generation Size' : '',
	].filter(Boolean);
	if (!on) {
		if (added.length > 0) throw needsTool(n8n, itemIndex, added[0], 'Image Generation');
		return undefined;
	}
	if (background === 'transparent' && format === 'jpeg') {
		throw inputError(
			n8n,
			itemIndex,
			'The "Image Generation Background" option is transparent but the "Image Generation Format" is JPEG',
			'JPEG has no transparency: pick PNG or WebP, or an opaque background.',
		);
	}
	return {
		type: 'image_generation',
		...(background ? { background: background as 'auto' } : {}),
		...(format ? { output_format: format as 'png' } : {}),
		...(quality ? { quality: quality as 'auto' } : {}),
		...(size ? { size } : {}),
	};
}

function needsTool(n8n: IExecuteFunctions, itemIndex: number, option: string, tool: string) {
	return inputError(n8n, itemIndex, `The "${option}" option needs the "${tool}" option on`, `Add "${tool}" and switch it on, or remove "${option}".`);
}
