import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toChatMessages } from '../../nodes/OpenAiPlatform/actions/chat/messages';
import { toFunctionTools, toToolChoice } from '../../nodes/OpenAiPlatform/actions/chat/tools';
import { toResponseMessages } from '../../nodes/OpenAiPlatform/actions/response/input';
import { describeJsonError, lineAndColumn, parseJsonValue } from '../../nodes/OpenAiPlatform/actions/shared/json';
import { parseModelJson } from '../../nodes/OpenAiPlatform/actions/shared/modelJson';
import { toObjectSchema } from '../../nodes/OpenAiPlatform/actions/shared/responseFormat';
import {
	numberInRange,
	oneOf,
	readStopSequences,
	splitNames,
	splitUrlList,
} from '../../nodes/OpenAiPlatform/actions/shared/values';

const node = { id: 'n1', name: 'OpenAI', type: 'openAiPlatform', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
const n8n = { getNode: () => node } as unknown as IExecuteFunctions;

/** The error a call throws (failing the test when it does not throw). */
function errorOf(call: () => unknown): NodeOperationError {
	try {
		call();
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	}
	throw new Error('expected an error');
}

describe('JSON parameters', () => {
	it('parses text, passes objects from expressions through, and treats blank as absent', () => {
		expect(parseJsonValue(n8n, 0, '{"a": [1, 2]}', 'Tools')).toEqual({ a: [1, 2] });
		expect(parseJsonValue(n8n, 0, [{ name: 'x' }], 'Tools')).toEqual([{ name: 'x' }]);
		expect(parseJsonValue(n8n, 0, '  \n', 'Tools')).toBeUndefined();
		expect(parseJsonValue(n8n, 0, undefined, 'Tools')).toBeUndefined();
	});

	it('says where invalid JSON breaks, naming the parameter and the item', () => {
		const error = errorOf(() => parseJsonValue(n8n, 4, '{\n  "a": 1,\n  "b" 2\n}', 'JSON Schema', 'parameter'));
		// the reason between ':' and 'at' is the JavaScript engine's own wording, which differs between Node versions
		expect(error.message).toMatch(/^The "JSON Schema" parameter is not valid JSON: \S.* at line 3, column 7 \[item 4\]$/);
		expect(error.message).not.toMatch(/position|\(line/);
		expect(error.context.itemIndex).toBe(4);
		expect(error.description).toMatch(/double quotes/);
	});

	it('explains JSON that ends too early', () => {
		const text = '[{"name": "x"';
		let thrown: unknown;
		try {
			JSON.parse(text);
		} catch (error) {
			thrown = error;
		}
		expect(describeJsonError(text, thrown)).toBe(
			'it ends too early at line 1, column 14 (a bracket, brace or quote is not closed)',
		);
	});

	it('counts lines and columns from a position', () => {
		expect(lineAndColumn('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
		expect(lineAndColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
	});
});

describe('the model JSON', () => {
	it('parses valid JSON', () => {
		expect(parseModelJson(n8n, 0, '{"ok": true}', 'answer')).toEqual({ ok: true });
	});

	it('an answer cut off by the token limit fails the item with the text in the description', () => {
		const error = errorOf(() => parseModelJson(n8n, 2, '{"summary": "A long', 'answer', 'length'));
		expect(error.message).toBe(
			'The answer is not valid JSON: the answer was cut off at the token limit; raise the max tokens option [item 2]',
		);
		expect(error.description).toBe('The model answered: {"summary": "A long');
	});
});

describe('lists and numbers', () => {
	it('splits image URLs by lines and by commas before a scheme, keeping data: URLs whole', () => {
		expect(
			splitUrlList('https://a.example/1.png, https://b.example/2.png\n data:image/png;base64,AAAA,https://c.example/3.png'),
		).toEqual(['https://a.example/1.png', 'https://b.example/2.png', 'data:image/png;base64,AAAA', 'https://c.example/3.png']);
		expect(splitUrlList('  ')).toEqual([]);
	});

	it('splits names by commas', () => {
		expect(splitNames(' data, photo ,,')).toEqual(['data', 'photo']);
	});

	it('reads stop sequences from a comma list or a JSON array, at most 4', () => {
		expect(readStopSequences(n8n, 0, 'END, STOP', 'Stop Sequences')).toEqual(['END', 'STOP']);
		expect(readStopSequences(n8n, 0, '["\\n\\n", "a,b"]', 'Stop Sequences')).toEqual(['\n\n', 'a,b']);
		expect(readStopSequences(n8n, 0, '', 'Stop Sequences')).toBeUndefined();
		expect(errorOf(() => readStopSequences(n8n, 1, 'a,b,c,d,e', 'Stop Sequences')).message).toBe(
			'The "Stop Sequences" option has 5 sequences; OpenAI accepts at most 4 [item 1]',
		);
		expect(errorOf(() => readStopSequences(n8n, 0, '[1, 2]', 'Stop Sequences')).message).toBe(
			'The "Stop Sequences" option is not a JSON array of strings [item 0]',
		);
	});

	it('checks ranges and whole numbers, leaving unset options unset', () => {
		const range = { min: 0, max: 2 };
		expect(numberInRange(n8n, 0, undefined, 'Temperature', range)).toBeUndefined();
		expect(numberInRange(n8n, 0, 0, 'Temperature', range)).toBe(0);
		expect(numberInRange(n8n, 0, '1.5', 'Temperature', range)).toBe(1.5);
		expect(errorOf(() => numberInRange(n8n, 3, 2.5, 'Temperature', range)).message).toBe(
			'The "Temperature" option must be between 0 and 2, not 2.5 [item 3]',
		);
		expect(errorOf(() => numberInRange(n8n, 0, 1.5, 'Number of Choices', { min: 1, max: 128, integer: true })).message).toBe(
			'The "Number of Choices" option must be a whole number between 1 and 128, not 1.5 [item 0]',
		);
		expect(errorOf(() => numberInRange(n8n, 0, 'hot', 'Temperature', range)).message).toMatch(/not "hot"/);
	});

	it('checks a value against a list', () => {
		expect(oneOf(n8n, 0, 'low', 'Reasoning Effort', ['low', 'high'])).toBe('low');
		expect(oneOf(n8n, 0, undefined, 'Reasoning Effort', ['low'])).toBeUndefined();
		expect(errorOf(() => oneOf(n8n, 0, 'max', 'Reasoning Effort', ['low', 'high'])).message).toBe(
			'The "Reasoning Effort" option must be one of low, high, not "max" [item 0]',
		);
	});
});

describe('JSON schema', () => {
	const schema = { type: 'object', properties: { a: { type: 'string' } } };

	it('accepts an object schema and unwraps a pasted {name, schema} wrapper', () => {
		expect(toObjectSchema(n8n, 0, schema)).toBe(schema);
		expect(toObjectSchema(n8n, 0, { name: 'x', strict: true, schema })).toBe(schema);
	});

	it('refuses schemas that are not object schemas', () => {
		expect(errorOf(() => toObjectSchema(n8n, 1, { type: 'array', items: {} })).message).toBe(
			'The "JSON Schema" parameter is not an object schema: its top level has "type": "array" [item 1]',
		);
		expect(errorOf(() => toObjectSchema(n8n, 0, [schema])).message).toBe(
			'The "JSON Schema" parameter is not an object schema: it is an array [item 0]',
		);
		expect(errorOf(() => toObjectSchema(n8n, 0, { properties: {} })).message).toMatch(/has no "type"/);
		expect(errorOf(() => toObjectSchema(n8n, 0, undefined)).message).toBe('The "JSON Schema" parameter is empty [item 0]');
	});
});

describe('function tools', () => {
	const weather = { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: {} } };

	it('accepts the short and the full form, and a single object', () => {
		expect(toFunctionTools(n8n, 0, [weather, { type: 'function', function: { name: 'b' } }])).toEqual([
			{ type: 'function', function: weather },
			{ type: 'function', function: { name: 'b' } },
		]);
		expect(toFunctionTools(n8n, 0, { type: 'function', ...weather })).toEqual([{ type: 'function', function: weather }]);
		expect(toFunctionTools(n8n, 0, [])).toBeUndefined();
		expect(toFunctionTools(n8n, 0, undefined)).toBeUndefined();
	});

	it('names the tool that is wrong', () => {
		expect(errorOf(() => toFunctionTools(n8n, 0, [weather, { description: 'x' }])).message).toBe(
			'Tool 2 of the "Tools" option has no "name" [item 0]',
		);
		expect(errorOf(() => toFunctionTools(n8n, 0, [{ name: 'has space' }])).message).toMatch(/Tool 1 .*"has space"/);
		expect(errorOf(() => toFunctionTools(n8n, 0, [weather, weather])).message).toMatch(/repeats the name "get_weather"/);
		expect(errorOf(() => toFunctionTools(n8n, 0, [{ name: 'a', parameters: 'x' }])).message).toMatch(/"parameters"/);
		expect(errorOf(() => toFunctionTools(n8n, 0, [{ type: 'web_search' }])).message).toMatch(/only function tools/);
		expect(errorOf(() => toFunctionTools(n8n, 0, ['x'])).message).toBe('Tool 1 of the "Tools" option is not a JSON object [item 0]');
	});

	it('turns the tool choice into the API value', () => {
		const tools = toFunctionTools(n8n, 0, [weather]);
		expect(toToolChoice(n8n, 0, 'required', tools)).toBe('required');
		expect(toToolChoice(n8n, 0, 'get_weather', tools)).toEqual({ type: 'function', function: { name: 'get_weather' } });
		expect(toToolChoice(n8n, 0, 'auto', undefined)).toBeUndefined();
		expect(errorOf(() => toToolChoice(n8n, 0, 'other', tools)).message).toBe(
			'The "Tool Choice" option names the function "other", which is not in the "Tools" option [item 0]',
		);
		expect(errorOf(() => toToolChoice(n8n, 0, 'required', undefined)).message).toMatch(/has no tools/);
	});
});

describe('messages', () => {
	const messages = [
		{ role: 'system' as const, text: 'Be brief', images: [], imageDetail: 'auto' as const },
		{ role: 'user' as const, text: 'What is this?', images: ['https://x/1.png', 'data:image/png;base64,AA'], imageDetail: 'low' as const },
		{ role: 'user' as const, text: '', images: ['https://x/2.png'], imageDetail: 'auto' as const },
	];

	it('become Chat Completions messages with image_url parts', () => {
		expect(toChatMessages(messages)).toEqual([
			{ role: 'system', content: 'Be brief' },
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'What is this?' },
					{ type: 'image_url', image_url: { url: 'https://x/1.png', detail: 'low' } },
					{ type: 'image_url', image_url: { url: 'data:image/png;base64,AA', detail: 'low' } },
				],
			},
			{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/2.png', detail: 'auto' } }] },
		]);
	});

	it('become Responses input messages with input_image parts', () => {
		expect(toResponseMessages(messages)).toEqual([
			{ role: 'system', content: 'Be brief' },
			{
				role: 'user',
				content: [
					{ type: 'input_text', text: 'What is this?' },
					{ type: 'input_image', image_url: 'https://x/1.png', detail: 'low' },
					{ type: 'input_image', image_url: 'data:image/png;base64,AA', detail: 'low' },
				],
			},
			{ role: 'user', content: [{ type: 'input_image', image_url: 'https://x/2.png', detail: 'auto' }] },
		]);
	});
});
