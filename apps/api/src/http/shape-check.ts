import type { z } from 'zod';

/** Nested objects with intersections and interfaces written out, so equal shapes compare equal. */
type Deep<T> = T extends readonly (infer U)[] ? Deep<U>[] : T extends object ? { [K in keyof T]: Deep<T[K]> } : T;
type Equals<A, B> = (<X>() => X extends Deep<A> ? 1 : 2) extends <X>() => X extends Deep<B> ? 1 : 2 ? true : false;

/**
 * Compile-time check that a response schema describes exactly the TypeScript type a lib returns:
 * `sameShape<AlertView>()(alertSchema)` stops compiling when a field is added to one and not the
 * other, and names the fields that differ at the top level.
 */
export function sameShape<T>() {
  return <S extends z.ZodType>(
    _schema: S,
    ..._mismatch: Equals<z.output<S>, T> extends true
      ? []
      : [fieldsDiffer: { onlyInSchema: Exclude<keyof z.output<S>, keyof T>; onlyInType: Exclude<keyof T, keyof z.output<S>> }]
  ): void => undefined;
}
