/**
 * JSON value semantics that must match PostgreSQL's `jsonb`: deep equality (object key order
 * does not matter, array order does) and containment (`@>`).
 */

type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep equality of two JSON values, as `jsonb = jsonb` compares them. */
export function jsonEquals(left: unknown, right: unknown): boolean {
  if (Array.isArray(left) || Array.isArray(right)) {
    return (
      Array.isArray(left) &&
      Array.isArray(right) &&
      left.length === right.length &&
      left.every((item, index) => jsonEquals(item, right[index]))
    );
  }

  if (isJsonObject(left) || isJsonObject(right)) {
    if (!isJsonObject(left) || !isJsonObject(right)) return false;

    const leftKeys = Object.keys(left);
    return (
      leftKeys.length === Object.keys(right).length &&
      leftKeys.every((key) => Object.hasOwn(right, key) && jsonEquals(left[key], right[key]))
    );
  }

  return left === right;
}

/**
 * Checks `container @> contained` under `jsonb` rules: an object contains an object whose
 * every key it has with a containing value; an array contains an array whose every element is
 * contained by some element of it, duplicates allowed; scalars contain equal scalars. Only at
 * the top level does an array also contain a scalar equal to one of its elements.
 */
export function jsonContains(container: unknown, contained: unknown, isTopLevel = true): boolean {
  if (Array.isArray(container)) {
    if (Array.isArray(contained)) {
      return contained.every((wanted) =>
        container.some((item) => jsonContains(item, wanted, false)),
      );
    }

    const isScalar = !isJsonObject(contained);
    return isTopLevel && isScalar && container.some((item) => jsonEquals(item, contained));
  }

  if (isJsonObject(container)) {
    if (!isJsonObject(contained)) return false;

    return Object.entries(contained).every(
      ([key, wanted]) =>
        Object.hasOwn(container, key) && jsonContains(container[key], wanted, false),
    );
  }

  if (Array.isArray(contained) || isJsonObject(contained)) return false;
  return jsonEquals(container, contained);
}
