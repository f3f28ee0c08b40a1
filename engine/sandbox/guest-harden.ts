/**
 * Guest source of `hardenRealm()`, which runs once per isolate after the runtime is set up and
 * before any user code. It makes the realm immutable, so that no block can change the globals and
 * built-ins that a later block of the same run uses:
 *
 * - It removes `WebAssembly` (compiles native code), `SharedArrayBuffer` and `Atomics`
 *   (`Atomics.wait` blocks the thread) and `FinalizationRegistry` (its callbacks would run during
 *   a later block's call).
 * - It freezes the global object and every object reachable from it or from the hidden
 *   intrinsics (generator, async and iterator prototypes, `%TypedArray%`), so adding a global or
 *   changing `Object.prototype` or `Array.prototype.map` throws a TypeError in strict code.
 * - Frozen prototypes would make `this.name = 'MyError'` or `counts.toString = 1` throw, because a
 *   read-only inherited property blocks assignment of an own property. For the members that code
 *   commonly overrides, it swaps the data property for an accessor whose setter defines the own
 *   property instead (the "override mistake" repair used by Hardened JavaScript).
 */
export const GUEST_HARDEN_SOURCE = String.raw`
const removedGlobals = ['WebAssembly', 'SharedArrayBuffer', 'Atomics', 'FinalizationRegistry'];

const overridableMembers = [
  [Object.prototype, ['constructor', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable']],
  [Function.prototype, ['constructor', 'toString', 'apply', 'bind', 'call']],
  [Array.prototype, ['constructor', 'toString', 'toLocaleString']],
  [Error.prototype, ['constructor', 'name', 'message', 'toString']],
  [EvalError.prototype, ['constructor', 'name', 'message']],
  [RangeError.prototype, ['constructor', 'name', 'message']],
  [ReferenceError.prototype, ['constructor', 'name', 'message']],
  [SyntaxError.prototype, ['constructor', 'name', 'message']],
  [TypeError.prototype, ['constructor', 'name', 'message']],
  [URIError.prototype, ['constructor', 'name', 'message']],
  [AggregateError.prototype, ['constructor', 'name', 'message']],
];

function hiddenIntrinsics() {
  const found = [];
  const probes = [
    () => Object.getPrototypeOf(function* () {}),
    () => Object.getPrototypeOf(async function () {}),
    () => Object.getPrototypeOf(async function* () {}),
    () => Object.getPrototypeOf([][Symbol.iterator]()),
    () => Object.getPrototypeOf(new Map().entries()),
    () => Object.getPrototypeOf(new Set().values()),
    () => Object.getPrototypeOf(''[Symbol.iterator]()),
    () => Object.getPrototypeOf(/a/[Symbol.matchAll]('')),
    () => Object.getPrototypeOf(Uint8Array),
    () => Object.getPrototypeOf([].values().map((value) => value)),
    () => Object.getPrototypeOf(Iterator.from({ next() { return { done: true }; } })),
    () => Object.getPrototypeOf(new Intl.Segmenter().segment('a')),
    () => Object.getPrototypeOf(new Intl.Segmenter().segment('a')[Symbol.iterator]()),
  ];
  for (const probe of probes) {
    try {
      found.push(probe());
    } catch {
      // The feature is missing in this V8 version, so there is nothing to freeze.
    }
  }
  return found;
}

function makeOverridable(object, name) {
  const descriptor = Object.getOwnPropertyDescriptor(object, name);
  if (descriptor === undefined || !('value' in descriptor)) return;

  const value = descriptor.value;
  Object.defineProperty(object, name, {
    get: function () { return value; },
    set: function (newValue) {
      if (this === object) throw new TypeError('Cannot assign to "' + name + '" of a built-in prototype: built-ins are frozen in the sandbox');
      Object.defineProperty(this, name, { value: newValue, writable: true, enumerable: true, configurable: true });
    },
    enumerable: descriptor.enumerable,
    configurable: false,
  });
}

// Runs once per isolate, interpreted, over about 800 objects and 2700 properties, so the loop
// keeps only objects on the pending list and calls the built-ins through locals.
function freezeReachable(roots) {
  const seen = new Set();
  const pending = [];
  const freezeObject = Object.freeze;
  const prototypeOf = Object.getPrototypeOf;
  const ownKeys = Reflect.ownKeys;
  const descriptorOf = Object.getOwnPropertyDescriptor;
  const pushObject = (value) => {
    if ((typeof value === 'object' && value !== null) || typeof value === 'function') pending.push(value);
  };
  for (const root of roots) pushObject(root);

  while (pending.length > 0) {
    const object = pending.pop();
    if (seen.has(object)) continue;
    seen.add(object);

    freezeObject(object);
    pushObject(prototypeOf(object));
    const keys = ownKeys(object);
    for (let i = 0; i < keys.length; i++) {
      const descriptor = descriptorOf(object, keys[i]);
      if ('value' in descriptor) {
        pushObject(descriptor.value);
      } else {
        pushObject(descriptor.get);
        pushObject(descriptor.set);
      }
    }
  }
}

function hardenRealm() {
  for (const name of removedGlobals) delete globalThis[name];
  for (const [object, names] of overridableMembers) {
    for (const name of names) makeOverridable(object, name);
  }
  freezeReachable([globalThis].concat(hiddenIntrinsics()));
}
`;
