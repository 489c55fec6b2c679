// Exhaustive switches over unions end here, so a new member fails to compile (STYLE.md §6).
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
