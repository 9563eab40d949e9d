/**
 * A tiny method + path-template router. Templates look like the spec's paths:
 * '/v1/models/{model}'. A parameter matches one path segment (model ids with ':' are fine;
 * percent-encoded segments are decoded).
 */
export interface Routable {
	readonly method: string;
	readonly path: string;
}

export interface RouteMatch<T> {
	route: T;
	params: Record<string, string>;
}

type Segment = { literal: string } | { param: string };

interface DynamicRoute<T> {
	method: string;
	segments: Segment[];
	route: T;
}

export class Router<T extends Routable> {
	private readonly staticRoutes = new Map<string, T>();
	private readonly dynamicRoutes: DynamicRoute<T>[] = [];

	add(route: T): void {
		const method = route.method.toUpperCase();
		const segments = parseTemplate(route.path);
		const isStatic = segments.every((segment) => 'literal' in segment);
		if (this.hasSameTemplate(method, segments)) {
			throw new Error(`Duplicate route ${method} ${route.path}`);
		}
		if (isStatic) this.staticRoutes.set(`${method} ${route.path}`, route);
		else this.dynamicRoutes.push({ method, segments, route });
	}

	match(method: string, path: string): RouteMatch<T> | null {
		const upper = method.toUpperCase();
		const exact = this.staticRoutes.get(`${upper} ${path}`);
		if (exact) return { route: exact, params: {} };
		const parts = path.split('/');
		for (const candidate of this.dynamicRoutes) {
			if (candidate.method !== upper || candidate.segments.length !== parts.length) continue;
			const params = matchSegments(candidate.segments, parts);
			if (params) return { route: candidate.route, params };
		}
		return null;
	}

	get routes(): T[] {
		return [...this.staticRoutes.values(), ...this.dynamicRoutes.map((entry) => entry.route)];
	}

	private hasSameTemplate(method: string, segments: Segment[]): boolean {
		const key = templateKey(segments);
		return this.routes.some(
			(route) => route.method.toUpperCase() === method && templateKey(parseTemplate(route.path)) === key,
		);
	}
}

function parseTemplate(template: string): Segment[] {
	if (!template.startsWith('/')) throw new Error(`Route path must start with '/': ${template}`);
	return template.split('/').map((part) => {
		const param = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(part);
		return param ? { param: param[1] } : { literal: part };
	});
}

function templateKey(segments: Segment[]): string {
	return segments.map((segment) => ('literal' in segment ? segment.literal : '{}')).join('/');
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | null {
	const params: Record<string, string> = {};
	for (let i = 0; i < segments.length; i++) {
		const segment = segments[i];
		const part = parts[i];
		if ('literal' in segment) {
			if (segment.literal !== part) return null;
		} else {
			if (part === '') return null;
			params[segment.param] = safeDecode(part);
		}
	}
	return params;
}

function safeDecode(part: string): string {
	try {
		return decodeURIComponent(part);
	} catch {
		return part;
	}
}
