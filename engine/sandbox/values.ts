/**
 * The value rules of the sandbox boundary. They apply to every value that crosses it, in both
 * directions and in every execution mode: a `js` block's result, an expression's result, the run
 * input and each variable set from the server, and a loop item.
 *
 * - Results are JSON values: null, booleans, finite numbers, strings, arrays and plain objects
 *   (whose prototype is `Object.prototype` or null).
 * - A Date becomes its ISO 8601 string; an invalid Date is an error.
 * - An object with a `toJSON` method is replaced by what that method returns, as `JSON.stringify`
 *   does, so a class can opt into a faithful conversion.
 * - `undefined` as the whole result becomes null. Inside an object, a property whose value is
 *   `undefined` is dropped; inside an array, `undefined` and holes become null (both as
 *   `JSON.stringify` does). Symbol-keyed and non-enumerable properties are not copied.
 * - `NaN`, `Infinity`, BigInt, functions, symbols, cycles, and objects with no JSON form (Map,
 *   Set, Promise, typed arrays, class instances without `toJSON`) are errors that name the block
 *   and the path of the value, for example
 *   `Block "sum": value at output.items[3].total is NaN, which JSON cannot hold; return a number
 *   or null`. Nothing becomes a silent `{}`.
 * - An object reached twice without a cycle is copied twice.
 * - The copy that results is deep-frozen, so a value stored in `vars` cannot be changed by the
 *   block that returned it or by any later block.
 *
 * The rules run inside the isolate, as guest code, because the guest owns the values: reading a
 * getter or calling `toJSON` runs user code, which must happen under the call's time and memory
 * limits. Only the JSON text of the checked copy leaves the isolate.
 */

/**
 * Guest source that defines `toJsonValue(value, rootName, childName?)` and `isBoundaryError(error)`.
 * It relies on the realm's intrinsics being frozen before any user code runs (guest-harden).
 */
export const GUEST_VALUES_SOURCE = String.raw`
const boundaryErrors = new WeakSet();
const isArray = Array.isArray;
const isFiniteNumber = Number.isFinite;
const objectKeys = Object.keys;
const { defineProperty, freeze, getOwnPropertyDescriptor, getPrototypeOf } = Object;
const reflectApply = Reflect.apply;
const objectPrototype = Object.prototype;
const arrayPrototype = Array.prototype;
const hasOwn = Object.hasOwn;
// Object.prototype is frozen before user code runs, so its member names never change.
const objectPrototypeNames = new Set(Reflect.ownKeys(Object.prototype));
const datePrototype = Date.prototype;
const dateGetTime = Date.prototype.getTime;
const dateToISOString = Date.prototype.toISOString;
const typedArrayPrototype = getPrototypeOf(Uint8Array.prototype);
const identifierPattern = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const problemByPrototype = new Map([
  [Map.prototype, 'is a Map, which JSON cannot hold; convert it with Object.fromEntries(map)'],
  [Set.prototype, 'is a Set, which JSON cannot hold; convert it with Array.from(set)'],
  [Promise.prototype, 'is a Promise, which JSON cannot hold; code runs synchronously, so return the value itself'],
  [ArrayBuffer.prototype, 'is an ArrayBuffer, which JSON cannot hold; convert it with Array.from(new Uint8Array(buffer))'],
]);

function isBoundaryError(error) {
  return boundaryErrors.has(error);
}

function formatPath(segments) {
  let path = segments[0];
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i];
    if (typeof segment === 'number') path += '[' + segment + ']';
    else if (identifierPattern.test(segment)) path += '.' + segment;
    else path += '[' + JSON.stringify(segment) + ']';
  }
  return path;
}

function boundaryError(walk, problem) {
  const error = new Error('value at ' + formatPath(walk.path) + ' ' + problem);
  boundaryErrors.add(error);
  return error;
}

// One walk state serves every conversion: conversions never nest, and each starts by resetting it.
// ancestors holds the objects being converted, from the root down, and ancestorDepths the path
// length at each of them. Nesting is usually shallow, so a linear search for cycles is cheap.
const walk = { path: [], ancestors: [], ancestorDepths: [] };

function toJsonValue(value, rootName, childName) {
  walk.path.length = 0;
  walk.path.push(rootName);
  if (childName !== undefined) walk.path.push(childName);
  walk.ancestors.length = 0;
  walk.ancestorDepths.length = 0;

  const converted = convertValue(value, walk, '', false);
  return converted === undefined ? null : converted;
}

function convertValue(value, walk, key, afterToJSON) {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return value;
    case 'number':
      if (isFiniteNumber(value)) return value;
      throw boundaryError(walk, 'is ' + value + ', which JSON cannot hold; return a number or null');
    case 'bigint':
      throw boundaryError(walk, 'is a BigInt, which JSON cannot hold; convert it with Number() or String()');
    case 'symbol':
      throw boundaryError(walk, 'is a symbol, which JSON cannot hold; return a string instead');
    case 'function':
      throw boundaryError(walk, 'is a function, which JSON cannot hold; return data, not code');
  }
  if (value === null) return null;
  return convertObject(value, walk, key, afterToJSON);
}

function convertObject(value, walk, key, afterToJSON) {
  const ancestorIndex = walk.ancestors.indexOf(value);
  if (ancestorIndex >= 0) {
    const ancestorPath = formatPath(walk.path.slice(0, walk.ancestorDepths[ancestorIndex]));
    throw boundaryError(walk, 'refers back to ' + ancestorPath + ', a cycle JSON cannot hold; return a copy without the back reference');
  }

  const prototype = getPrototypeOf(value);
  if (prototype === datePrototype) return convertDate(value, walk);
  if (!afterToJSON) {
    const toJSON = findToJSON(value, prototype);
    if (typeof toJSON === 'function') {
      return convertValue(reflectApply(toJSON, value, [String(key)]), walk, key, true);
    }
  }

  walk.ancestors.push(value);
  walk.ancestorDepths.push(walk.path.length);
  let converted;
  if (isArray(value)) converted = convertArray(value, walk);
  else if (prototype === objectPrototype || prototype === null) converted = convertPlainObject(value, walk);
  else throw boundaryError(walk, describeInstance(prototype));
  walk.ancestors.pop();
  walk.ancestorDepths.pop();
  return freeze(converted);
}

// Object.prototype and Array.prototype are frozen without toJSON, so on plain objects and arrays
// only an own toJSON counts, and the own-property check avoids a slow lookup on the prototype.
function findToJSON(value, prototype) {
  const isPlain = prototype === objectPrototype || prototype === arrayPrototype || prototype === null;
  if (isPlain && !hasOwn(value, 'toJSON')) return undefined;
  return value.toJSON;
}

function convertDate(value, walk) {
  const time = reflectApply(dateGetTime, value, []);
  if (time !== time) throw boundaryError(walk, 'is an invalid Date, which JSON cannot hold; check how the date was built');
  return reflectApply(dateToISOString, value, []);
}

function convertArray(value, walk) {
  const length = value.length;
  const converted = [];
  for (let index = 0; index < length; index++) {
    walk.path.push(index);
    const item = convertValue(value[index], walk, index, false);
    walk.path.pop();
    converted.push(item === undefined ? null : item);
  }
  return converted;
}

function convertPlainObject(value, walk) {
  const names = objectKeys(value);
  const converted = {};
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    walk.path.push(name);
    const item = convertValue(value[name], walk, name, false);
    walk.path.pop();
    if (item === undefined) continue;
    // Plain assignment would hit the __proto__ setter or the frozen Object.prototype members.
    if (objectPrototypeNames.has(name)) {
      defineProperty(converted, name, { value: item, writable: true, enumerable: true, configurable: true });
    } else {
      converted[name] = item;
    }
  }
  return converted;
}

function describeInstance(prototype) {
  const known = problemByPrototype.get(prototype);
  if (known !== undefined) return known;

  const name = constructorName(prototype);
  if (prototype !== null && getPrototypeOf(prototype) === typedArrayPrototype) {
    return 'is a ' + name + ', which JSON cannot hold; convert it with Array.from(value)';
  }
  return 'is an instance of ' + name + ' with no JSON form; return a plain object or array, or give the class a toJSON method';
}

function constructorName(prototype) {
  const descriptor = prototype === null ? undefined : getOwnPropertyDescriptor(prototype, 'constructor');
  const constructor = descriptor === undefined ? undefined : descriptor.value;
  const name = typeof constructor === 'function' ? constructor.name : '';
  return typeof name === 'string' && name !== '' ? name : 'an unnamed class';
}
`;
