import type {
	ExecutionError,
	ExecutionStatus,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeType,
	IRun,
	IVersionedNodeType,
	WorkflowExecuteMode,
} from 'n8n-workflow';

/** One node as the n8n editor exports it. Loosely typed so `import wf from './x.json'` type-checks. */
export interface WorkflowNodeJson {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position?: number[];
	parameters?: Record<string, unknown>;
	credentials?: Record<string, { id?: string | null; name: string }>;
	disabled?: boolean;
	onError?: string;
	continueOnFail?: boolean;
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
	alwaysOutputData?: boolean;
	executeOnce?: boolean;
	[key: string]: unknown;
}

export interface WorkflowConnectionJson {
	node: string;
	type: string;
	index: number;
}

/** A workflow exactly as exported from the n8n editor (`{ name, nodes, connections, settings? }`). */
export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: WorkflowNodeJson[];
	connections: Record<string, Record<string, Array<WorkflowConnectionJson[] | null>>>;
	settings?: Record<string, unknown>;
	pinData?: Record<string, unknown>;
	[key: string]: unknown;
}

export type NodeTypeMap = Record<string, INodeType | IVersionedNodeType>;

/** Where node and credential types come from. */
export interface TypeSourceOptions {
	/**
	 * Package whose `package.json` (`n8n.nodes`, `n8n.credentials`) lists the types to load.
	 * Defaults to this repository. `null` loads no package (only built-ins and `nodeTypes`).
	 */
	packageDir?: string | null;
	/** Extra node types, keyed by the type id used in workflow JSON (e.g. `test.myNode`). */
	nodeTypes?: NodeTypeMap;
	/** Extra credential types (registered by their `name`). */
	credentialTypes?: ICredentialType[];
}

export interface CredentialOptions {
	/** The data a user typed into each credential, keyed by credential type name. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
}

/** A request that went through n8n's `httpRequestWithAuthentication`, captured after `authenticate` ran. */
export interface CapturedHttpRequest {
	credentialType: string;
	nodeName?: string;
	method: string;
	/** Absolute URL as it will be requested (baseURL + url), without the query string. */
	url: string;
	headers: Record<string, unknown>;
	qs?: IDataObject;
	body?: unknown;
	auth?: { username: string; password: string };
}

export interface RunWorkflowOptions extends TypeSourceOptions, CredentialOptions {
	/** Press "Stop" this many ms after the run started. */
	cancelAfterMs?: number;
	/** Alternative to `cancelAfterMs`: checked every 5 ms; press "Stop" once it returns true. */
	cancelWhen?: (elapsedMs: number) => boolean | Promise<boolean>;
	/**
	 * After "Stop", how long to wait for the node in flight to give up before returning anyway
	 * (n8n's UI does not wait at all). Default 5000 ms.
	 */
	cancelGraceMs?: number;
	/** Default `'manual'` (the editor's "Execute workflow"). */
	mode?: WorkflowExecuteMode;
	/**
	 * The workflow's persistent static data (what n8n keeps in the database). Mutated in place with
	 * the run's new static data when n8n would save it (any mode except `'manual'`).
	 */
	staticData?: IDataObject;
	/** Node to start from (default: n8n's own choice, the first trigger). */
	startNode?: string;
	/** Stop after this node (n8n's "Execute step" / "Fetch test event"). */
	destinationNode?: string;
	/**
	 * Items the start node begins with instead of one empty item: e.g. what a poll emitted, to run
	 * the execution n8n starts on emit (`{ mode: 'trigger', startNode: '<poll node>', startItems }`;
	 * outside manual mode trigger and poll nodes pass their input through).
	 */
	startItems?: INodeExecutionData[][];
}

export interface HarnessRun {
	/** The status n8n records for the execution ('success' | 'error' | 'canceled' | ...). */
	status: ExecutionStatus;
	/**
	 * The workflow-level error as n8n stores it in `resultData.error`: a plain copy of the thrown
	 * NodeApiError/NodeOperationError (`{ ...error, message, stack }`; `name`, `description`,
	 * `httpCode`, `context` survive, the prototype does not).
	 */
	error?: ExecutionError;
	/** Items of one node output. Throws if the node did not run. */
	output(nodeName: string, outputIndex?: number, runIndex?: number): INodeExecutionData[];
	/** The error a node run ended with, as n8n stores it in the task data (same plain copy as `error`). */
	nodeError(nodeName: string, runIndex?: number): ExecutionError | undefined;
	/** Names of the nodes that ran, in order of their first run. */
	executedNodes(): string[];
	/** The engine's IRun once the execution promise settled. */
	run: IRun;
	/** From start until the engine's execution promise settled (or the cancel grace ran out). */
	durationMs: number;
	/** Set when "Stop" was pressed. */
	cancellation?: {
		requestedAtMs: number;
		/** False when the node in flight ignored the abort and `cancelGraceMs` ran out. */
		settled: boolean;
	};
	httpRequests: CapturedHttpRequest[];
	/** Everything logged through n8n's LoggerProxy and the DI Logger (`this.logger`) during the run. */
	logs: string[];
}

export interface PollOptions extends TypeSourceOptions, CredentialOptions {
	/** Persistent static data (n8n's database copy). Mutated in place when n8n would save it. */
	staticData: IDataObject;
	/** Fakes `Date.now()` (and so luxon's `DateTime.now()`) while the node's poll() runs. */
	now?: () => number;
	/** What `this.getPollBudgetMs()` returns in trigger mode (n8n's legacy default: 5 minutes). */
	pollBudgetMs?: number;
	/**
	 * Poll sessions only: run scheduled polls the way n8n 2.41's durable scheduler does with durable
	 * cursors (N8N_SCHEDULER_ENABLED, N8N_SCHEDULER_POLL_TRIGGERS_ENABLED,
	 * N8N_POLLER_DURABLE_CURSORS_ENABLED). See poll-session.ts.
	 */
	durableScheduler?: { pollTimeoutMs: number; leaseMs?: number };
}

export interface RunPollOptions extends PollOptions {
	/** `'manual'`: the editor's "Fetch test event". `'trigger'`: one tick of an activated workflow. */
	mode: 'manual' | 'trigger';
	/**
	 * Trigger mode only: run the poll n8n does right when the workflow is activated (publish / startup)
	 * instead of a scheduled tick. Its static data is saved even when poll() returns null.
	 */
	activation?: boolean;
}

export interface PollResult {
	items: INodeExecutionData[][] | null;
	/** The persistent static data (the object passed in). */
	staticData: IDataObject;
	/** Whether n8n would have written static data to the database after this poll. */
	persisted: boolean;
	/** Durable scheduler only: the poll lost its race with the poll timeout and was abandoned. */
	timedOut?: boolean;
	/** Copy of the static data as the in-memory workflow holds it after this poll. */
	inMemoryStaticData: IDataObject;
	httpRequests: CapturedHttpRequest[];
	logs: string[];
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
	httpRequests: CapturedHttpRequest[];
}
