import type { Candor } from '../../src/app/create-candor.js'
import type { IngestInput } from '../../src/modules/ingestion/index.js'

/**
 * A Segment batch as the tracking route hands it to ingestion: through the real pipeline, with a
 * test write key's actor. Throws if the pipeline refuses the whole batch.
 */
export function batchInput(
  candor: Candor,
  batch: readonly Record<string, unknown>[],
  receivedAt: number,
  brandId = 'outdoor',
): IngestInput {
  const r = candor.pipeline.processRequest({
    endpoint: 'batch',
    body: JSON.stringify({ batch }),
    receivedAt,
    contentType: 'application/json',
  })
  if (r.type !== 'ok' || r.value.kind !== 'batch') throw new Error('the pipeline refused the batch')
  return {
    brandId,
    actor: 'key:test',
    endpoint: 'batch',
    receivedAt,
    messages: r.value.accepted,
    rejected: r.value.rejected,
    gpc: false,
  }
}
