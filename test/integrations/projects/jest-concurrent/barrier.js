/* global module */
// Resolves once `count` tests have arrived: proof that they run at the same time, with no sleep.
function barrier(count) {
  let arrived = 0
  let open
  const all = new Promise((resolve) => (open = resolve))
  return () => {
    if (++arrived === count) open()
    return all
  }
}

module.exports = { barrier }
