// One-dimensional label placement for a log column: labels keep their order, never
// overlap, and each sits as close to its anchor as the others allow (overlapping
// labels are merged into a block centred on their anchors, the classic "dodge"
// layout), so a cluster of thin strata spreads evenly above and below the cluster
// instead of drifting ever further down. Linear in the number of labels.

export interface LabelRequest {
  /** Wanted top of the label. Requests come in ascending anchor order. */
  anchor: number
  height: number
}

interface Block {
  first: number
  count: number
  height: number
  /** Sum over members of (anchor - offset of the member inside the block). */
  sum: number
  top: number
}

function place(block: Block, minY: number, maxY: number): number {
  let top = block.sum / block.count
  if (top + block.height > maxY) top = maxY - block.height
  return Math.max(minY, top)
}

/** Tops of the labels, in request order. When they cannot all fit, the last ones pass maxY. */
export function layoutLabels(
  requests: readonly LabelRequest[],
  minY: number,
  maxY: number,
): number[] {
  const blocks: Block[] = []
  requests.forEach((r, i) => {
    let block: Block = { first: i, count: 1, height: r.height, sum: r.anchor, top: 0 }
    block.top = place(block, minY, maxY)
    for (;;) {
      const prev = blocks[blocks.length - 1]
      if (!prev || prev.top + prev.height <= block.top) break
      blocks.pop()
      block = {
        first: prev.first,
        count: prev.count + block.count,
        height: prev.height + block.height,
        sum: prev.sum + block.sum - block.count * prev.height,
        top: 0,
      }
      block.top = place(block, minY, maxY)
    }
    blocks.push(block)
  })
  const tops = new Array<number>(requests.length)
  for (const b of blocks) {
    let y = b.top
    for (let i = b.first; i < b.first + b.count; i++) {
      tops[i] = y
      y += (requests[i] as LabelRequest).height
    }
  }
  return tops
}
