/**
 * Guest source of the run's variables: `vars`, the read-only view guest code receives, and
 * `setVars(values)` and `assignVar(key, value)`, which only the runtime calls.
 *
 * `vars` is a Proxy of a plain object. The Proxy rejects every change that guest code attempts
 * (assignment, definition, deletion, a new prototype) with the TypeError that a frozen object
 * gives in strict code, so no block can change what a later block receives. The runtime adds a
 * variable to the object underneath in constant time. A new frozen copy of every variable per
 * assignment made a run of n assignments cost O(n²), about 10 µs per assignment at 100 variables
 * in a new isolate (isolated-vm 6.2.0, Node 24.22, busy 2-CPU Linux VM).
 *
 * NOTE: reflection reads the object underneath, so `Object.isFrozen(vars)` is false and
 * `Object.getOwnPropertyDescriptor` reports writable properties, although every write through
 * `vars` throws. `Object.freeze(vars)` works: it freezes the object underneath, and the next
 * assignment continues on a copy.
 *
 * Expects `freeze`, `defineProperty` and `objectKeys` (values.ts) in scope.
 */
export const GUEST_VARS_SOURCE = String.raw`
const isExtensible = Object.isExtensible;
const hasOwnProperty = Object.hasOwn;
const reflectDefineProperty = Reflect.defineProperty;
const ProxyConstructor = Proxy;

const varsHandler = freeze({
  set(target, key, value, receiver) {
    if (receiver === vars || hasOwnProperty(target, key)) throw readOnlyError(target, key);
    // vars is the prototype of the receiver, so the assignment defines the receiver's own property.
    return reflectDefineProperty(receiver, key, { value, writable: true, enumerable: true, configurable: true });
  },
  defineProperty(target, key, descriptor) {
    // Object.freeze and Object.seal make the target non-extensible first, then narrow each
    // property's attributes, which changes no value.
    if (!isExtensible(target) && isNarrowing(descriptor)) return reflectDefineProperty(target, key, descriptor);
    const problem = hasOwnProperty(target, key) ? 'Cannot redefine property: ' + String(key) : 'Cannot define property ' + String(key) + ', object is not extensible';
    throw new TypeError(problem);
  },
  deleteProperty(target, key) {
    if (!hasOwnProperty(target, key)) return true;
    throw new TypeError("Cannot delete property '" + String(key) + "' of #<Object>");
  },
  setPrototypeOf() {
    throw new TypeError('#<Object> is not extensible');
  },
  preventExtensions(target) {
    freeze(target);
    return true;
  },
});

function isNarrowing(descriptor) {
  const names = objectKeys(descriptor);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if ((name !== 'configurable' && name !== 'writable') || descriptor[name] !== false) return false;
  }
  return true;
}

function readOnlyError(target, key) {
  if (hasOwnProperty(target, key)) {
    return new TypeError("Cannot assign to read only property '" + String(key) + "' of object '[object Object]'");
  }
  return new TypeError('Cannot add property ' + String(key) + ', object is not extensible');
}

let varsTarget = {};
let vars = new ProxyConstructor(varsTarget, varsHandler);

function setVars(values) {
  varsTarget = {};
  vars = new ProxyConstructor(varsTarget, varsHandler);
  const keys = objectKeys(values);
  for (let i = 0; i < keys.length; i++) assignVar(keys[i], values[keys[i]]);
}

function assignVar(key, value) {
  if (!isExtensible(varsTarget)) {
    const values = varsTarget;
    setVars(values);
  }
  // Plain assignment keeps default attributes, which V8 adds much faster than read-only ones in a
  // new isolate. Only "__proto__" needs defineProperty, because assignment would call its setter.
  if (key === '__proto__') {
    defineProperty(varsTarget, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    varsTarget[key] = value;
  }
}
`;
