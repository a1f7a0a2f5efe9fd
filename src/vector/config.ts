/**
 * The config file's `vector` section (the seed's `"vector": {"path": "/vector", "collections": [...]}`):
 * collections every session starts with, their records, and canned query results. Validated strictly, so a
 * misspelt key fails startup naming file and JSON path. `collections` may also be a JSON file next to the
 * config holding an array or `{"collections": [...]}`.
 * @module
 */
import type { z } from 'zod'
import { lazySchemas } from '../core/zod'
import { listOrFile, mountPathSchema, readListFile, type ConfigPlace } from '../config/section-files'
import type { FixtureIssue } from '../errors'

export const DEFAULT_VECTOR_PATH = '/vector'

export const vectorSchemas = lazySchemas((z) => {
  const values = z.array(z.number().refine(Number.isFinite, 'expected a finite number'))
  const metadata = z.record(z.string(), z.unknown())

  const recordSchema = z.strictObject({
    id: z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String),
    values,
    metadata: metadata.optional(),
    document: z.string().optional(),
  })

  const matchSchema = z.strictObject({
    id: z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String),
    score: z.number(),
    values: values.optional(),
    metadata: metadata.optional(),
    document: z.string().optional(),
  })

  const vectorCollectionSchema = z
    .strictObject({
      name: z
        .string()
        .min(1)
        .describe('The collection (Qdrant collection, Pinecone index, Chroma collection).'),
      dimension: z
        .number()
        .int()
        .positive()
        .describe('Vector length; upserts and queries are checked against it.'),
      metric: z
        .enum(['cosine', 'dot', 'euclidean'])
        .describe('How vectors compare (default cosine).')
        .optional(),
      vectors: z
        .array(recordSchema)
        .describe('Records every session starts with: {id, values, metadata?, document?}.')
        .optional(),
      queryResults: z
        .array(matchSchema)
        .describe(
          'Canned results: every query on this collection answers these (cut to topK) instead of searching.',
        )
        .optional(),
    })
    .refine((c) => (c.vectors ?? []).every((v) => v.values.length === c.dimension), {
      message: 'every vector must have `dimension` values',
      path: ['vectors'],
    })

  const vectorConfigSchema = z
    .strictObject({
      path: mountPathSchema(
        DEFAULT_VECTOR_PATH,
        "; the clients' root paths (/collections...) are served too",
      ),
      collections: listOrFile(vectorCollectionSchema, 'collections')
        .describe('Collections every session starts with.')
        .optional(),
    })
    .describe('Vector databases (Qdrant, Pinecone, Chroma) over one in-memory store per session.')

  return { values, metadata, recordSchema, matchSchema, vectorCollectionSchema, vectorConfigSchema }
})

type VectorSchemas = ReturnType<typeof vectorSchemas>
export type VectorCollectionConfig = z.output<VectorSchemas['vectorCollectionSchema']>

export type VectorConfig = z.output<VectorSchemas['vectorConfigSchema']>

export interface ResolvedVectorConfig {
  path: string
  collections: VectorCollectionConfig[]
}

export function resolveVectorConfig(
  section: VectorConfig,
  where: ConfigPlace & { file: string },
  issues: FixtureIssue[],
): ResolvedVectorConfig {
  const { path = DEFAULT_VECTOR_PATH, collections = [] } = section
  if (typeof collections !== 'string') return { path, collections }
  const read = readListFile(
    collections,
    where,
    { name: 'collections', item: vectorSchemas().vectorCollectionSchema },
    issues,
  )
  return { path, collections: read?.items ?? [] }
}
