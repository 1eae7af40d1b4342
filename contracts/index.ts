// Everything that crosses a process boundary (Payload ⇄ Temporal ⇄ worker, CLI, tests). Pure TypeScript, safe in
// the deterministic workflow sandbox: no Node built-ins, no I/O, nothing but @temporalio/common.
export * from './accounts';
export * from './angles';
export * from './consistency';
export * from './core-set';
export * from './engines';
export * from './limits';
export * from './messages';
export * from './review';
export * from './run-cost';
export * from './search-attributes';
export * from './task-queues';
export * from './dev-server-storage';
export * from './temporal-ui';
export * from './workflow-ids';
export * from './workflow-types';
