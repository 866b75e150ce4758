// Resolved configs are shared by every scan of a process (the App caches them per repository): freezing them
// means no handler can change another's settings by accident — the mutable module-level config of safe-settings.

/** Freezes `value` and everything reachable from it; returns it for chaining. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
