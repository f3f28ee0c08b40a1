/** Global under which the realm snapshot leaves its list of objects; hardenRealm deletes it. */
const REALM_LIST_NAME = '__flowscopeRealmObjects';

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
const REALM_LIST_NAME = '${REALM_LIST_NAME}';
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

// Visits every object reachable from the roots through prototypes and own properties (values,
// getters and setters), each once. visit(object) returns false to leave the object's references
// out. It runs interpreted over about 900 objects and 2700 properties, so the loop keeps only
// objects on the pending list and calls the built-ins through locals.
function walkReachable(roots, visit) {
  const seen = new Set();
  const pending = [];
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
    if (visit(object) === false) continue;

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

function makeBuiltinsOverridable() {
  for (const [object, names] of overridableMembers) {
    for (const name of names) makeOverridable(object, name);
  }
}

// Freezes the realm. In an isolate made from the realm snapshot (REALM_SNAPSHOT_SOURCE), the walk
// already ran and left its list of objects under REALM_LIST_NAME, so this freezes that list and
// walks only from the globals the runtime added since, such as console.
function hardenRealm() {
  const prepared = Object.getOwnPropertyDescriptor(globalThis, REALM_LIST_NAME);
  for (const name of removedGlobals) delete globalThis[name];
  if (prepared === undefined) {
    makeBuiltinsOverridable();
    walkReachable([globalThis].concat(hiddenIntrinsics()), (object) => { Object.freeze(object); });
    return;
  }

  delete globalThis[REALM_LIST_NAME];
  const frozen = new Set(prepared.value);
  for (const object of frozen) Object.freeze(object);
  const globals = Reflect.ownKeys(globalThis).map((key) => Object.getOwnPropertyDescriptor(globalThis, key));
  const roots = globals.flatMap((descriptor) => ['value' in descriptor ? descriptor.value : descriptor.get, descriptor.set]);
  walkReachable(roots, (object) => {
    if (frozen.has(object)) return false;
    Object.freeze(object);
  });
}
`;

/**
 * Source of the realm snapshot (`ivm.Isolate.createSnapshot`), which does the slow part of
 * `hardenRealm()` once per process: it makes the built-ins overridable and lists every object
 * reachable from the global object and the hidden intrinsics. Each isolate made from the snapshot
 * then only freezes the listed objects, about 0.3 ms instead of 2.2 ms for the walk (isolated-vm
 * 6.2.0, Node 24.22, busy 2-CPU Linux VM).
 *
 * NOTE: the snapshot cannot remove the globals that hardenRealm deletes: an isolate made from a
 * snapshot that deleted `WebAssembly` ended the process with a V8 fatal error in `Context::New`.
 * hardenRealm deletes them in each isolate instead.
 */
export const REALM_SNAPSHOT_SOURCE = [
  '(function () {',
  "'use strict';",
  GUEST_HARDEN_SOURCE,
  'makeBuiltinsOverridable();',
  'const reachable = [];',
  'walkReachable([globalThis].concat(hiddenIntrinsics()), (object) => { reachable.push(object); });',
  'Object.defineProperty(globalThis, REALM_LIST_NAME, { value: reachable, configurable: true });',
  '})();',
].join('\n');
