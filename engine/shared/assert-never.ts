// Exhaustiveness guard for switches over unions (STYLE.md §6).

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
