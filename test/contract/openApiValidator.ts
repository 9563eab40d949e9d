import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

/**
 * Validates response bodies against OpenAI's official OpenAPI spec (test/contract/openapi.yaml).
 *
 *   expectMatchesSpec('GET', '/models/{model}', 200, body);
 *
 * Path templates are the spec's (without the /v1 server prefix; a leading '/v1' is stripped).
 * Error statuses the operation doesn't declare are checked against #/components/schemas/ErrorResponse.
 * The spec is parsed once per process (a JSON conversion is cached in os.tmpdir(), keyed by the
 * file's sha256) and validators are compiled once per (operation, status).
 */
export const SPEC_PATH = join(__dirname, 'openapi.yaml');
const SPEC_ID = 'https://fake-openai.test/openai-openapi.json';

type JsonObject = Record<string, unknown>;

interface ResponseObject {
	$ref?: string;
	content?: Record<string, { schema?: unknown }>;
}

interface OpenApiDocument {
	openapi: string;
	info: { title: string; version: string };
	paths: Record<string, Record<string, { responses?: Record<string, ResponseObject> }>>;
	components: { schemas: Record<string, JsonObject>; responses?: Record<string, ResponseObject> };
}

export interface SpecCheck {
	valid: boolean;
	/** readable messages: "<instance path> <message> (<schema path>)" */
	errors: string[];
	/** the JSON pointer of the schema used, e.g. '#/components/schemas/ErrorResponse' */
	schemaPointer: string;
}

/**
 * Where the live API knowingly differs from the spec; the validator accepts both forms.
 * Keep this list short and sourced.
 */
export const KNOWN_LIVE_DEVIATIONS: ReadonlyArray<{ schema: string; field: string; reason: string }> = [
	{
		schema: 'CostsResult',
		field: 'amount.value',
		reason:
			'The live API sometimes sends amount.value as a decimal string with 28 decimals, e.g. "0.1739150000000000000000000000" (foxdalas/openai-exporter f2cd085; docs/reference openai-usage-api.md G7).',
	},
];

let state: { doc: OpenApiDocument; ajv: Ajv2020; validators: Map<string, ValidateFunction> } | null = null;

/** The parsed spec (with the known deviations applied). */
export function loadOpenApiSpec(): OpenApiDocument {
	return getState().doc;
}

/** Validates `body` against the spec's response schema of (method, pathTemplate, status). */
export function validateResponse(method: string, pathTemplate: string, status: number, body: unknown): SpecCheck {
	return validatePointer(responseSchemaPointer(method, pathTemplate, status), body);
}

/** Validates `body` against a component schema, e.g. validateSchema('ErrorResponse', body). */
export function validateSchema(schemaName: string, body: unknown): SpecCheck {
	if (!getState().doc.components.schemas[schemaName]) throw new Error(`The spec has no schema '${schemaName}'`);
	return validatePointer(`#/components/schemas/${escapePointer(schemaName)}`, body);
}

/** Throws a readable error unless `body` matches the spec's response schema. */
export function expectMatchesSpec(method: string, pathTemplate: string, status: number, body: unknown): void {
	const check = validateResponse(method, pathTemplate, status, body);
	if (!check.valid) {
		throw new Error(
			`${method.toUpperCase()} ${pathTemplate} ${status}: body does not match ${check.schemaPointer}:\n  ${check.errors.join('\n  ')}\nBody: ${truncate(JSON.stringify(body), 2000)}`,
		);
	}
}

/** The JSON pointer of the schema for (method, pathTemplate, status), following response $refs. */
export function responseSchemaPointer(method: string, pathTemplate: string, status: number): string {
	const { doc } = getState();
	const path = pathTemplate.startsWith('/v1/') ? pathTemplate.slice(3) : pathTemplate;
	const verb = method.toLowerCase();
	const operation = doc.paths[path]?.[verb];
	if (!operation) throw new Error(`The spec has no operation ${method.toUpperCase()} ${path}`);
	const responses = operation.responses ?? {};
	const statusKey = [String(status), `${Math.floor(status / 100)}XX`, 'default'].find((key) => responses[key]);
	if (!statusKey) {
		if (status >= 400) return '#/components/schemas/ErrorResponse';
		throw new Error(`The spec declares no ${status} response for ${method.toUpperCase()} ${path}`);
	}
	let pointer = `#/paths/${escapePointer(path)}/${verb}/responses/${statusKey}`;
	let response = responses[statusKey];
	if (response.$ref) {
		pointer = response.$ref;
		response = resolvePointer(doc, response.$ref) as ResponseObject;
	}
	if (!response.content?.['application/json']?.schema) {
		throw new Error(`${pointer} has no application/json schema`);
	}
	return `${pointer}/content/application~1json/schema`;
}

function validatePointer(pointer: string, body: unknown): SpecCheck {
	const { ajv, validators } = getState();
	let validate = validators.get(pointer);
	if (!validate) {
		validate = ajv.compile({ $ref: `${SPEC_ID}${pointer}` });
		validators.set(pointer, validate);
	}
	const valid = validate(body) === true;
	return { valid, errors: valid ? [] : formatErrors(validate.errors ?? []), schemaPointer: pointer };
}

function getState(): NonNullable<typeof state> {
	if (!state) {
		const doc = readSpec();
		applyKnownDeviations(doc);
		const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, logger: false });
		addFormats(ajv);
		for (const format of ['unixtime', 'int64', 'int32', 'double', 'float', 'binary']) {
			if (!ajv.formats[format]) ajv.addFormat(format, true);
		}
		// OpenAPI 3.0's `nullable: true` (still used in places, e.g. next to a `$ref`) means nothing in
		// JSON Schema 2020: it becomes `anyOf: [<schema>, {type: 'null'}]`.
		ajv.addSchema({ $id: SPEC_ID, paths: withoutNullable(doc.paths), components: withoutNullable(doc.components) });
		state = { doc, ajv, validators: new Map() };
	}
	return state;
}

function readSpec(): OpenApiDocument {
	const text = readFileSync(SPEC_PATH, 'utf8');
	const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
	const cachePath = join(tmpdir(), `oaip-openai-openapi-${hash}.json`);
	if (existsSync(cachePath)) {
		try {
			return JSON.parse(readFileSync(cachePath, 'utf8')) as OpenApiDocument;
		} catch {
			// a broken cache file: parse the YAML again below
		}
	}
	const doc = parseYaml(text, { maxAliasCount: -1 }) as OpenApiDocument;
	const temporary = `${cachePath}.${process.pid}.tmp`;
	try {
		writeFileSync(temporary, JSON.stringify(doc));
		renameSync(temporary, cachePath);
	} catch {
		// caching is an optimization only
	}
	return doc;
}

function applyKnownDeviations(doc: OpenApiDocument): void {
	const amount = (doc.components.schemas.CostsResult?.properties as JsonObject | undefined)?.amount as JsonObject | undefined;
	const properties = amount?.properties as JsonObject | undefined;
	if (!properties?.value) throw new Error('Spec changed: CostsResult.amount.value not found (update KNOWN_LIVE_DEVIATIONS)');
	properties.value = { anyOf: [properties.value, { type: 'string', pattern: '^-?\\d+\\.\\d{28}$' }] };
}

function resolvePointer(doc: OpenApiDocument, ref: string): unknown {
	if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported: ${ref}`);
	let node: unknown = doc;
	for (const raw of ref.slice(2).split('/')) {
		const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
		node = node !== null && typeof node === 'object' ? (node as JsonObject)[part] : undefined;
		if (node === undefined) throw new Error(`Unresolvable $ref ${ref}`);
	}
	return node;
}

function escapePointer(part: string): string {
	return part.replace(/~/g, '~0').replace(/\//g, '~1');
}

function formatErrors(errors: ErrorObject[]): string[] {
	const lines = errors.map((error) => {
		const extra = error.keyword === 'additionalProperties' ? ` '${String(error.params.additionalProperty)}'` : '';
		return `${error.instancePath || '(root)'} ${error.message ?? error.keyword}${extra} (${error.schemaPath})`;
	});
	return lines.length > 25 ? [...lines.slice(0, 25), `... and ${lines.length - 25} more`] : lines;
}

function truncate(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max)}...` : text;
}

/** Rewrites OpenAPI 3.0 `nullable: true` into JSON Schema 2020 (`anyOf` with `{ type: 'null' }`), and boolean exclusive bounds into numeric ones. */
export function withoutNullable<T>(node: T): T {
	if (Array.isArray(node)) return node.map(withoutNullable) as T;
	if (node === null || typeof node !== 'object') return node;
	const { nullable, ...rest } = node as Record<string, unknown>;
	// OpenAPI 3.0's boolean `exclusiveMinimum: true` (fine-tuning hyperparameters) is 2020's `exclusiveMinimum: <minimum>`
	for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
		if (typeof rest[flag] !== 'boolean') continue;
		if (rest[flag] === true && typeof rest[bound] === 'number') rest[flag] = rest[bound];
		else delete rest[flag];
		if (typeof rest[flag] === 'number') delete rest[bound];
	}
	const copy = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, withoutNullable(value)]));
	return (nullable === true ? { anyOf: [copy, { type: 'null' }] } : copy) as T;
}
