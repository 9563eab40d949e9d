/** Operation modules of this node use the package-wide contract (shared with the usage node). */
export type {
	AllItemsContext,
	AllItemsOperation,
	ItemOperation,
	Operation,
	OperationContext,
	PackedEntry,
	PackedOperation,
	PackedSendContext,
	Resource,
} from '../../shared/operation';
