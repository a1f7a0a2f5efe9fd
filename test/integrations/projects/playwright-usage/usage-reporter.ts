/** `standin/playwright/reporter` with its option from UNUSED (a CLI `--reporter` cannot carry options). */
import StandinReporter from 'standin/playwright/reporter'

export default class UsageReporter extends StandinReporter {
  constructor() {
    super({ unusedFixtures: (process.env.UNUSED ?? 'report') as 'report' | 'fail' | 'off' })
  }
}
