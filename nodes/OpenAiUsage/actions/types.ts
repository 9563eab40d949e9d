/** Operation modules of the Usage node use the package-wide contract (shared with the platform node). */
export type { ItemOperation, Operation, OperationContext, Resource } from '../../shared/operation';
