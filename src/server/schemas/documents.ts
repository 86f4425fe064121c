import type { z } from "zod";

/**
 * A type's fields, all the way down, without index signatures. A loose schema's output allows any extra key
 * (`[k: string]: unknown`), which an interface lacks; comparing fields leaves that difference out, and nothing else.
 */
type Fields<T> = T extends readonly (infer Item)[]
  ? Fields<Item>[]
  : T extends object
    ? { [K in keyof T as string extends K ? never : K]: Fields<T[K]> }
    : T;

/**
 * `true` when `A` and `B` have the same fields, of the same types, optional in both or in neither: identical, not
 * merely assignable, since an optional field present on one side only is assignable both ways and would slip through.
 */
type SameFields<A, B> = (<X>() => X extends Fields<A> ? 1 : 2) extends <X>() => X extends Fields<B> ? 1 : 2 ? true : false;

/** What a schema that does not describe `T` is told: the property it lacks names the problem. */
interface DriftedFrom<T> {
  "the schema's fields differ from the domain type's": T;
}

/**
 * The API's responses are documented, not filtered: the server sends what a handler returns as it is (see
 * `app.ts`), because a result may gain fields ("more fields may be added") and a schema must never strip them, so
 * response objects are loose. A response schema is therefore typed as the domain type the handler returns, and may
 * be so only when its fields are exactly that type's: a field added to the domain type and not to the schema (or
 * the reverse) fails `npm run typecheck` here. Curried, so that `T` is named and the schema's type inferred:
 * `documents<CheckResult>()(z.looseObject({ … }))`.
 */
export function documents<T>() {
  return <S extends z.ZodType>(schema: S & (SameFields<z.output<S>, T> extends true ? unknown : DriftedFrom<T>)): z.ZodType<T> =>
    schema as unknown as z.ZodType<T>;
}
