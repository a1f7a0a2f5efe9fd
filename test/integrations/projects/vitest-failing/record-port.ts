// A user setup file: it runs after standin's, so the worker's mock URL is already set when it loads.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

const url = process.env.STANDIN_URL
writeFileSync(join(process.env.RECORD_DIR!, `port-${process.pid}.json`), JSON.stringify({ url }))
