// The handler map type: one async function per method, typed by the contract.
import type { MethodName, ParamsOf, ResultOf } from '../contract';

export type Handlers = { [M in MethodName]: (params: ParamsOf<M>) => Promise<ResultOf<M>> };

/** The handlers of the methods whose names match `Pattern`. */
export type HandlersOf<Pattern extends string> = { [M in Extract<MethodName, Pattern>]: Handlers[M] };
