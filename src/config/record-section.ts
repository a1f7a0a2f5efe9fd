/**
 * The config file's `record` section (top level, or under `llm` as the seed also reads it), in the seed's
 * shape (`providers`, `fixturePath`, `proxyOnly`) plus standin's `mode` and `recordErrors`, as the
 * options `createStandin({ record })` takes.
 * @module
 */
import type { z } from 'zod'
import { lazySchemas } from '../core/zod'
import { RECORD_MODES } from '../record/modes'
import type { RecordOptions } from '../record/recorder'
import { RECORD_PROVIDERS, type Upstreams } from '../record/upstreams'

export const recordSchemas = lazySchemas((z) => {
  const providerUrls = z
    .partialRecord(z.enum(RECORD_PROVIDERS), z.url('expected an http(s) URL'))
    .describe('Upstream base URLs by provider, e.g. {"openai": "https://api.openai.com"}.')

  const recordSectionSchema = z
    .looseObject({
      providers: providerUrls.optional(),
      fixturePath: z
        .string()
        .min(1)
        .describe('Where recordings land (default <first fixtures dir>/recorded).')
        .optional(),
      proxyOnly: z.boolean().describe('Forward misses without writing anything (mode "live").').optional(),
      mode: z
        .enum(RECORD_MODES)
        .describe('replay, missing (default), all or live; STANDIN_RECORD overrides it.')
        .optional(),
      recordErrors: z
        .boolean()
        .describe('Also record upstream 4xx/5xx answers as error fixtures.')
        .optional(),
      upstreamTimeoutMs: z
        .number()
        .int()
        .positive()
        .describe('Milliseconds to wait for upstream headers.')
        .optional(),
    })
    .describe('Record & replay: forward misses upstream, relay them, record them as fixtures.')

  return { providerUrls, recordSectionSchema }
})

type RecordSchemas = ReturnType<typeof recordSchemas>

type RecordSection = z.infer<RecordSchemas['recordSectionSchema']>

/** The record options a config file asks for (the top-level section wins over `llm.record`). */
export function configRecordOptions(
  config:
    | { record?: RecordSection | undefined; llm?: { record?: RecordSection | undefined } | undefined }
    | undefined,
): RecordOptions | undefined {
  const section = config?.record ?? config?.llm?.record
  if (!section) return undefined
  const options: RecordOptions = {}
  if (section.providers) options.upstreams = section.providers as Upstreams
  if (section.fixturePath) options.dir = section.fixturePath
  if (section.mode) options.mode = section.mode
  else if (section.proxyOnly) options.mode = 'live'
  if (section.recordErrors !== undefined) options.recordErrors = section.recordErrors
  if (section.upstreamTimeoutMs !== undefined) options.timeoutMs = section.upstreamTimeoutMs
  return options
}
