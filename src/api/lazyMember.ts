/**
 * Response members built on first read. A RunTask of ten tasks spends more on the ten `Task` objects of its
 * response (ARNs, ids, container lists — about 4 KB and a microsecond per task) than on launching them, and a
 * simulation that runs thousands of tasks rarely reads them. The member is an enumerable accessor until it is first
 * read and a plain data property from then on, so reading it, `JSON.stringify`, object spread, `structuredClone` and
 * deep equality all see an ordinary member with the value it would have had if built at once: it is built from
 * immutable values captured at the call (the tasks, the definition, the clock), never from a later World.
 *
 * @module
 */

/**
 * Adds member `key` to `target`, computed by `build` on first read (then kept; assigning it replaces it).
 *
 * @returns `target`, typed with the member
 */
export function defineLazyMember<T extends object, K extends string, V>(
  target: T,
  key: K,
  build: () => V,
): T & Record<K, V> {
  const settle = (value: V): void => {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  };
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get(): V {
      const value = build();
      settle(value);
      return value;
    },
    set: settle,
  });
  return target as T & Record<K, V>;
}
