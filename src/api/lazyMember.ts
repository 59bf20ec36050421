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
  let built = false;
  let value: V;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get(): V {
      if (!built) {
        value = build();
        built = true;
      }
      // A frozen or sealed object (Object.freeze, immer's auto-freeze) keeps the accessor: it answers the same.
      if (Object.isExtensible(target) && Object.getOwnPropertyDescriptor(target, key)?.configurable === true) {
        settle(value);
      }
      return value;
    },
    set: settle,
  });
  // Node's inspector (console.log) would show `[Getter/Setter]`: show the member's value instead.
  Object.defineProperty(target, INSPECT, { value: inspectAsPlain, enumerable: false, configurable: true });
  return target as T & Record<K, V>;
}

/** Node's `util.inspect.custom` (a registered symbol: no import of node:util in the pure core). */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** The object's own enumerable members as a plain object (reading them builds the lazy ones). */
function inspectAsPlain(this: object): object {
  return { ...this };
}
