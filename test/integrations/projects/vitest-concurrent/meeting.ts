/** Concurrency made certain: `arrive()` resolves once `count` tests have called it, so they all run at once. */
export function meeting(count: number): () => Promise<void> {
  let arrived = 0
  let open!: () => void
  const everyone = new Promise<void>((resolve) => (open = resolve))
  return () => {
    if (++arrived === count) open()
    return everyone
  }
}

/** A promise with its resolve function, for one test to tell another that something happened. */
export function signal(): { done: Promise<void>; fire: () => void } {
  let fire!: () => void
  const done = new Promise<void>((resolve) => (fire = resolve))
  return { done, fire }
}
