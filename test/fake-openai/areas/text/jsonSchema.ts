import { createPrng } from '../../deterministic';
import { isObject, type JsonObject } from './fields';

/**
 * JSON Schema for structured outputs and function parameters:
 * - `findSchemaProblem` checks a schema the way the API does before generating (valid types,
 *   resolvable $refs, and in strict mode `additionalProperties: false` and every property required),
 *   and words the problem like the live API ("In context=('properties', 'age'), ...").
 * - `generateInstance` makes a deterministic value that validates against the schema:
 *   objects with all their properties, strings (with common formats, min/max length), numbers and
 *   integers within bounds and multipleOf, booleans, enums/consts, arrays within minItems/maxItems
 *   (uniqueItems respected), anyOf/oneOf (first non-null branch), allOf (merged), $ref to $defs /
 *   definitions, nullable type lists. Not supported: `pattern` (the string ignores it),
 *   `not`, `if/then/else`, `patternProperties`.
 */
const TYPES = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);
const MAX_DEPTH = 12;

type Context = Array<string | number>;

/** A readable problem, or null when the schema is usable. `strict` adds the Structured Outputs rules. */
export function findSchemaProblem(schema: unknown, strict: boolean): string | null {
	if (!isObject(schema)) return 'schema must be a JSON Schema object';
	const rootType = schema.type;
	if (rootType !== 'object' && !(strict === false && rootType === undefined)) {
		return `schema must be a JSON Schema of 'type: "object"', got 'type: "${String(rootType ?? 'None')}"'.`;
	}
	return problemIn(schema, schema, [], strict);
}

function problemIn(node: unknown, root: JsonObject, context: Context, strict: boolean): string | null {
	const where = `In context=${contextRepr(context)}`;
	if (typeof node === 'boolean' && !strict) return null;
	if (!isObject(node)) return `${where}, schema must be a JSON Schema object, got ${JSON.stringify(node)}.`;
	if (typeof node.$ref === 'string') {
		return resolveRef(root, node.$ref) === undefined
			? `${where}, reference to component '${node.$ref}' which was not found in the schema.`
			: null;
	}
	const types = node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];
	for (const type of types) {
		if (typeof type !== 'string' || !TYPES.has(type)) return `${where}, '${String(type)}' is not valid under any of the given schemas.`;
	}
	if (node.enum !== undefined && (!Array.isArray(node.enum) || node.enum.length === 0)) {
		return `${where}, 'enum' must be a non-empty array.`;
	}
	if (node.properties !== undefined && !isObject(node.properties)) return `${where}, 'properties' must be an object.`;
	if (node.required !== undefined && !(Array.isArray(node.required) && node.required.every((key) => typeof key === 'string'))) {
		return `${where}, 'required' must be an array of strings.`;
	}
	const isObjectSchema = types.includes('object') || node.properties !== undefined;
	if (strict && isObjectSchema) {
		if (node.additionalProperties !== false) {
			return `${where}, 'additionalProperties' is required to be supplied and to be false.`;
		}
		const requiredKeys = new Set((node.required as string[] | undefined) ?? []);
		const missing = Object.keys((node.properties as JsonObject | undefined) ?? {}).find((key) => !requiredKeys.has(key));
		if (missing !== undefined) {
			return `${where}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
		}
	}
	const children: Array<[unknown, Context]> = [];
	for (const [key, child] of Object.entries((node.properties as JsonObject | undefined) ?? {})) {
		children.push([child, [...context, 'properties', key]]);
	}
	if (node.items !== undefined) children.push([node.items, [...context, 'items']]);
	for (const keyword of ['anyOf', 'oneOf', 'allOf'] as const) {
		const branches = node[keyword];
		if (branches === undefined) continue;
		if (!Array.isArray(branches) || branches.length === 0) return `${where}, '${keyword}' must be a non-empty array.`;
		branches.forEach((branch, index) => children.push([branch, [...context, keyword, index]]));
	}
	for (const keyword of ['$defs', 'definitions'] as const) {
		const defs = node[keyword];
		if (defs === undefined) continue;
		if (!isObject(defs)) return `${where}, '${keyword}' must be an object.`;
		for (const [name, child] of Object.entries(defs)) children.push([child, [...context, keyword, name]]);
	}
	for (const [child, childContext] of children) {
		const problem = problemIn(child, root, childContext, strict);
		if (problem) return problem;
	}
	return null;
}

/** Python's tuple repr, as the live messages show it: (), ('items',), ('properties', 'age') */
function contextRepr(context: Context): string {
	const parts = context.map((part) => (typeof part === 'number' ? String(part) : `'${part}'`));
	if (parts.length === 0) return '()';
	if (parts.length === 1) return `(${parts[0]},)`;
	return `(${parts.join(', ')})`;
}

function resolveRef(root: JsonObject, ref: string): unknown {
	if (ref === '#') return root;
	if (!ref.startsWith('#/')) return undefined;
	let node: unknown = root;
	for (const raw of ref.slice(2).split('/')) {
		const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
		node = isObject(node) ? node[part] : undefined;
		if (node === undefined) return undefined;
	}
	return node;
}

/** A deterministic instance of the schema (same schema and seed, same value). */
export function generateInstance(schema: unknown, seed: number): unknown {
	const generator = new InstanceGenerator(isObject(schema) ? schema : {}, seed);
	return generator.value(schema, 'value', 0, 0);
}

class InstanceGenerator {
	private readonly random: () => number;

	constructor(
		private readonly root: JsonObject,
		seed: number,
	) {
		this.random = createPrng(seed);
	}

	value(schema: unknown, name: string, depth: number, index: number): unknown {
		if (schema === true || schema === undefined) return `${name}-${this.tag()}`;
		if (!isObject(schema) || depth > MAX_DEPTH) return null;
		if (typeof schema.$ref === 'string') return this.value(resolveRef(this.root, schema.$ref), name, depth + 1, index);
		if ('const' in schema) return schema.const;
		if (Array.isArray(schema.enum) && schema.enum.length > 0) {
			return schema.enum[(index + Math.floor(this.random() * schema.enum.length)) % schema.enum.length];
		}
		const branches = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
		if (Array.isArray(branches) && branches.length > 0) {
			const nonNull = branches.find((branch) => !(isObject(branch) && branch.type === 'null')) ?? branches[0];
			return this.value(nonNull, name, depth + 1, index);
		}
		if (Array.isArray(schema.allOf)) return this.value(mergeAllOf(schema), name, depth + 1, index);
		switch (typeOf(schema)) {
			case 'object':
				return this.object(schema, depth);
			case 'array':
				return this.array(schema, name, depth);
			case 'integer':
				return this.number(schema, true, index);
			case 'number':
				return this.number(schema, false, index);
			case 'boolean':
				return this.random() < 0.5;
			case 'null':
				return null;
			default:
				return this.string(schema, name, index);
		}
	}

	private object(schema: JsonObject, depth: number): JsonObject {
		const out: JsonObject = {};
		const properties = isObject(schema.properties) ? schema.properties : {};
		const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
		for (const [key, child] of Object.entries(properties)) {
			if (depth >= MAX_DEPTH / 2 && !required.has(key)) continue; // bounded recursion
			out[key] = this.value(child, key, depth + 1, 0);
		}
		return out;
	}

	private array(schema: JsonObject, name: string, depth: number): unknown[] {
		const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
		const max = typeof schema.maxItems === 'number' ? schema.maxItems : Math.max(min, 3);
		const count = Math.min(max, Math.max(min, depth >= MAX_DEPTH / 2 ? 0 : 2));
		const items: unknown[] = [];
		const seen = new Set<string>();
		for (let i = 0; items.length < count && i < count * 4 + 8; i++) {
			const item = this.value(schema.items, singular(name), depth + 1, i);
			const key = JSON.stringify(item);
			if (schema.uniqueItems === true && seen.has(key)) continue;
			seen.add(key);
			items.push(item);
		}
		return items;
	}

	private number(schema: JsonObject, integer: boolean, index: number): number {
		let low = numberOr(schema.minimum, -Infinity);
		let high = numberOr(schema.maximum, Infinity);
		if (typeof schema.exclusiveMinimum === 'number') low = Math.max(low, schema.exclusiveMinimum + (integer ? 1 : 1e-6));
		if (typeof schema.exclusiveMaximum === 'number') high = Math.min(high, schema.exclusiveMaximum - (integer ? 1 : 1e-6));
		if (!Number.isFinite(low)) low = Number.isFinite(high) ? high - 100 : 0;
		if (!Number.isFinite(high)) high = low + 100;
		const step = typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : integer ? 1 : 0.01;
		const first = Math.ceil(low / step);
		const last = Math.floor(high / step);
		if (last < first) return integer ? Math.ceil(low) : low;
		const pick = first + ((Math.floor(this.random() * (last - first + 1)) + index) % (last - first + 1));
		const value = Number((pick * step).toFixed(10));
		return integer ? Math.round(value) : value;
	}

	private string(schema: JsonObject, name: string, index: number): string {
		const day = String(1 + ((index + Math.floor(this.random() * 28)) % 28)).padStart(2, '0');
		let text: string;
		switch (schema.format) {
			case 'date-time':
				text = `2025-01-${day}T12:00:00Z`;
				break;
			case 'date':
				text = `2025-01-${day}`;
				break;
			case 'time':
				text = `12:${day}:00`;
				break;
			case 'email':
				text = `${slug(name)}.${this.tag()}@example.com`;
				break;
			case 'uri':
			case 'url':
				text = `https://example.com/${slug(name)}/${this.tag()}`;
				break;
			case 'uuid':
				text = this.uuid();
				break;
			case 'hostname':
				text = `${this.tag()}.example.com`;
				break;
			case 'ipv4':
				text = `192.0.2.${1 + (index % 254)}`;
				break;
			default:
				text = `${name} ${this.tag()}`;
		}
		const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
		const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
		if (text.length < min) text = text.padEnd(min, 'x');
		return text.slice(0, max);
	}

	private tag(): string {
		return Math.floor(this.random() * 36 ** 5).toString(36).padStart(5, '0');
	}

	private uuid(): string {
		const hex = Array.from({ length: 32 }, () => Math.floor(this.random() * 16).toString(16)).join('');
		return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
	}
}

function typeOf(schema: JsonObject): string | undefined {
	const type = schema.type;
	if (Array.isArray(type)) return (type.find((entry) => entry !== 'null') ?? type[0]) as string | undefined;
	if (typeof type === 'string') return type;
	if (schema.properties !== undefined) return 'object';
	if (schema.items !== undefined) return 'array';
	return undefined;
}

function mergeAllOf(schema: JsonObject): JsonObject {
	const merged: JsonObject = { ...schema, allOf: undefined };
	const properties: JsonObject = { ...((schema.properties as JsonObject | undefined) ?? {}) };
	const required = new Set<string>((schema.required as string[] | undefined) ?? []);
	for (const part of schema.allOf as unknown[]) {
		if (!isObject(part)) continue;
		Object.assign(merged, part, { allOf: undefined });
		Object.assign(properties, (part.properties as JsonObject | undefined) ?? {});
		for (const key of (part.required as string[] | undefined) ?? []) required.add(key);
	}
	delete merged.allOf;
	return { ...merged, properties, required: [...required] };
}

function numberOr(value: unknown, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function singular(name: string): string {
	return name.endsWith('s') && name.length > 1 ? name.slice(0, -1) : name;
}

function slug(name: string): string {
	return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'value';
}
