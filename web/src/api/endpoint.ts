export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
/** How a successful answer is read. */
export type ResponseKind = 'json' | 'blob' | 'empty';

type ParamName<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? Name | ParamName<Rest> : never;

export interface Endpoint<P extends string, Res, Body, Query> {
  readonly method: HttpMethod;
  /** The path as the OpenAPI document writes it, `{name}` for path parameters. */
  readonly path: P;
  readonly reads: ResponseKind;
  /** Never set at runtime: carries the request and response types to `call`. */
  readonly types?: { response: Res; body: Body; query: Query };
}

/** The widest endpoint, for generic constraints. */
export type AnyEndpoint = Endpoint<string, any, any, any>;

export type ResponseOf<E> = E extends Endpoint<string, infer Res, unknown, unknown> ? Res : never;

export type QueryValue = string | number | boolean | null | undefined;

export type CallArgs<E> =
  E extends Endpoint<infer P, unknown, infer Body, infer Query>
    ? ([ParamName<P>] extends [never] ? unknown : { params: Record<ParamName<P>, string | number> }) &
        ([Body] extends [undefined] ? unknown : { body: Body }) &
        ([Query] extends [undefined] ? unknown : { query?: Query }) & { signal?: AbortSignal }
    : never;

/** Arguments are optional when the endpoint has no path parameters and no body. */
export type CallRest<E> = object extends CallArgs<E> ? [args?: CallArgs<E>] : [args: CallArgs<E>];

/**
 * Declares an endpoint once: method, path and the types of what goes in and comes out.
 * Curried so the path's literal type is inferred while the payload types are written.
 */
export function endpoint<Res, Body = undefined, Query extends Record<string, QueryValue> | undefined = undefined>() {
  return <P extends string>(method: HttpMethod, path: P, reads: ResponseKind = 'json'): Endpoint<P, Res, Body, Query> => ({
    method,
    path,
    reads,
  });
}
